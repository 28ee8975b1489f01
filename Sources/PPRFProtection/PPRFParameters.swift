import MLSCore
import PuncturablePRF

/// The group's PPRF parameters, carried in a GroupContext extension:
/// `struct { uint16 challenge_bits; uint16 profile; } PPRFParameters;`.
///
/// The extension type is ``extensionType`` (0xF0A0, from RFC 9420's private-use range 0xF000-0xFFFF): the
/// construction changes how every member derives PrivateMessage keys, so it must be in the GroupContext that
/// the key schedule and every signature bind.
public struct PPRFParameters: Sendable, Equatable, TLSCodable {
    /// The GroupContext extension type of PPRFParameters.
    public static let extensionType: UInt16 = 0xF0A0

    /// b, the challenge length in bits (1...256).
    public var challengeBits: Int
    /// The PRG profile.
    public var profile: PRGProfile

    /// Parameters for b-bit challenges with the given profile.
    public init(challengeBits: Int, profile: PRGProfile) {
        self.challengeBits = challengeBits
        self.profile = profile
    }

    /// Encodes `challenge_bits` and `profile` as two uint16.
    public func encode(to writer: inout TLSWriter) {
        writer.write(UInt16(challengeBits))
        writer.write(profile.rawValue)
    }

    /// Decodes; an unknown profile or a depth outside 1...256 is an invalid value.
    public init(from reader: inout TLSReader) throws(CodecError) {
        let bits = try reader.readUInt16()
        guard (1...256).contains(bits) else {
            throw CodecError.invalidValue(field: "challenge_bits", value: UInt64(bits))
        }
        let profileValue = try reader.readUInt16()
        guard let profile = PRGProfile(rawValue: profileValue) else {
            throw CodecError.invalidValue(field: "profile", value: UInt64(profileValue))
        }
        self.challengeBits = Int(bits)
        self.profile = profile
    }

    /// The GroupContext extension carrying these parameters.
    public var groupContextExtension: Extension { Extension(type: Self.extensionType, data: tlsEncoded) }

    /// Reads the parameters from a GroupContext, which carries exactly one extension of type
    /// ``extensionType`` (SPEC.md section 1): none throws ``PPRFMessageError/missingParameters``, two or more
    /// ``PPRFMessageError/duplicateParameters(count:)``, a malformed one ``PPRFMessageError/invalidParameters``.
    public init(groupContext: GroupContext) throws(PPRFMessageError) {
        let matching = groupContext.extensions.filter { $0.type == Self.extensionType }
        guard let ext = matching.first else { throw PPRFMessageError.missingParameters }
        guard matching.count == 1 else { throw PPRFMessageError.duplicateParameters(count: matching.count) }
        do { self = try PPRFParameters(tlsDecoding: ext.data) } catch { throw PPRFMessageError.invalidParameters }
    }

    /// The challenge length in bytes, ceil(b/8).
    public var challengeBytes: Int { Challenge.byteCount(bits: challengeBits) }
}

/// `struct { uint32 leaf_index; } PPRFSenderData;`: the sender data of PPRF mode. Generation and reuse
/// guard are gone: the challenge selects the key, and the nonce is used as derived.
public struct PPRFSenderData: Sendable, Equatable, TLSCodable {
    /// The sender's leaf index.
    public var leafIndex: UInt32

    /// Sender data for `leafIndex`.
    public init(leafIndex: UInt32) { self.leafIndex = leafIndex }

    /// The encoded size: 4 bytes (the uint32).
    public static let encodedLength = 4

    /// Encodes the uint32.
    public func encode(to writer: inout TLSWriter) { writer.write(leafIndex) }

    /// Decodes the uint32.
    public init(from reader: inout TLSReader) throws(CodecError) { leafIndex = try reader.readUInt32() }
}
