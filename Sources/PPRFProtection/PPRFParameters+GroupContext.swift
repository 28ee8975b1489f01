import MLSCore
import PuncturablePRF

/// Reading `PPRFParameters` (module PuncturablePRF) from a GroupContext, and what they mean for the sender
/// data (SPEC.md sections 1, 6 and 10).
extension PPRFParameters {
    /// Reads the parameters from a GroupContext, which carries exactly one extension of type
    /// `PPRFParameters.extensionType` (SPEC.md section 1): none throws ``PPRFMessageError/missingParameters``, two
    /// or more ``PPRFMessageError/duplicateParameters(count:)``, a malformed one
    /// ``PPRFMessageError/invalidParameters``.
    public init(groupContext: GroupContext) throws(PPRFMessageError) {
        let matching = groupContext.extensions.filter { $0.type == Self.extensionType }
        guard let ext = matching.first else { throw PPRFMessageError.missingParameters }
        guard matching.count == 1 else { throw PPRFMessageError.duplicateParameters(count: matching.count) }
        do { self = try PPRFParameters(tlsDecoding: ext.data) } catch { throw PPRFMessageError.invalidParameters }
    }

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
