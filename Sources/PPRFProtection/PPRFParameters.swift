import MLSCore
import PuncturablePRF

/// The group's PPRF parameters, carried in a GroupContext extension (SPEC.md sections 1 and 10):
/// `struct { uint16 challenge_bits; uint8 options; uint8 profile; } PPRFParameters;`.
///
/// The extension type is ``extensionType`` (0xF0A0, from RFC 9420's private-use range 0xF000-0xFFFF): the
/// construction changes how every member derives PrivateMessage keys, so it must be in the GroupContext that
/// the key schedule and every signature bind. `options` is the high byte of what was one `uint16 profile`:
/// every encoding without options is byte-identical to the earlier format, and a decoder of that format reads
/// an option as an unknown profile and refuses the group rather than misreading it.
public struct PPRFParameters: Sendable, Equatable, TLSCodable {
    /// The GroupContext extension type of PPRFParameters.
    public static let extensionType: UInt16 = 0xF0A0
    /// The `options` bit of the reuse guard (SPEC.md section 10, ours, not the draft's).
    public static let reuseGuardOption: UInt8 = 0x01
    /// Every `options` bit this version knows; a decoder refuses any other (SPEC.md section 10).
    public static let knownOptions: UInt8 = reuseGuardOption

    /// b, the challenge length in bits (1...256).
    public var challengeBits: Int
    /// The PRG profile.
    public var profile: PRGProfile
    /// Whether senders draw a 4-byte reuse guard, carry it in ``PPRFGuardedSenderData`` and XOR it into the
    /// nonce (SPEC.md section 10; appendix B.1 quantifies what it buys).
    public var reuseGuard: Bool

    /// Parameters for b-bit challenges with the given profile, with or without the reuse guard.
    public init(challengeBits: Int, profile: PRGProfile, reuseGuard: Bool = false) {
        self.challengeBits = challengeBits
        self.profile = profile
        self.reuseGuard = reuseGuard
    }

    /// The `options` byte: ``reuseGuardOption`` when ``reuseGuard`` is set, else 0.
    public var options: UInt8 { reuseGuard ? Self.reuseGuardOption : 0 }

    /// Encodes `challenge_bits` (uint16), `options` and `profile` (one byte each).
    public func encode(to writer: inout TLSWriter) {
        writer.write(UInt16(challengeBits))
        writer.write(options)
        writer.write(UInt8(profile.rawValue))  // every profile value fits the one byte SPEC.md section 1 gives it
    }

    /// Decodes, strictly: a depth outside 1...256, an unknown `options` bit or an unknown profile is an
    /// invalid value (checked in that order).
    public init(from reader: inout TLSReader) throws(CodecError) {
        let bits = try reader.readUInt16()
        guard (1...256).contains(bits) else {
            throw CodecError.invalidValue(field: "challenge_bits", value: UInt64(bits))
        }
        let options = try reader.readUInt8()
        guard options & ~Self.knownOptions == 0 else {
            throw CodecError.invalidValue(field: "options", value: UInt64(options))
        }
        let profileValue = try reader.readUInt8()
        guard let profile = PRGProfile(rawValue: UInt16(profileValue)) else {
            throw CodecError.invalidValue(field: "profile", value: UInt64(profileValue))
        }
        self.challengeBits = Int(bits)
        self.profile = profile
        self.reuseGuard = options & Self.reuseGuardOption != 0
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

    /// The length of the sender data's plaintext: 4 bytes (PPRFSenderData), 8 with the reuse guard
    /// (``PPRFGuardedSenderData``).
    public var senderDataLength: Int {
        reuseGuard ? PPRFGuardedSenderData.encodedLength : PPRFSenderData.encodedLength
    }
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
