/// `struct { ExtensionType extension_type; opaque extension_data<V>; } Extension;` (RFC 9420 section 13).
public struct Extension: TLSCodable, Equatable {
    /// The extension type (IANA registry; 0xF000-0xFFFF is private use).
    public var type: UInt16
    /// The encoded extension body.
    public var data: [UInt8]

    /// An extension of `type` with body `data`.
    public init(type: UInt16, data: [UInt8]) {
        self.type = type
        self.data = data
    }

    /// Encodes as RFC 9420 section 13 defines.
    public func encode(to writer: inout TLSWriter) {
        writer.write(type)
        writer.writeOpaque(data)
    }

    /// Decodes as RFC 9420 section 13 defines.
    public init(from reader: inout TLSReader) throws(CodecError) {
        type = try reader.readUInt16()
        data = try reader.readOpaque()
    }
}

/// The GroupContext (RFC 9420 section 8.1), the summary of a group's state that the key schedule and
/// signatures bind to.
public struct GroupContext: TLSCodable, Equatable {
    /// `ProtocolVersion version = mls10 (1)`.
    public var version: UInt16 = 1
    /// The cipher suite's registry value.
    public var cipherSuite: UInt16
    /// `opaque group_id<V>`.
    public var groupID: [UInt8]
    /// `uint64 epoch`.
    public var epoch: UInt64
    /// `opaque tree_hash<V>`.
    public var treeHash: [UInt8]
    /// `opaque confirmed_transcript_hash<V>`.
    public var confirmedTranscriptHash: [UInt8]
    /// `Extension extensions<V>`.
    public var extensions: [Extension]

    /// A GroupContext for MLS 1.0.
    public init(
        cipherSuite: UInt16, groupID: [UInt8], epoch: UInt64, treeHash: [UInt8], confirmedTranscriptHash: [UInt8],
        extensions: [Extension] = []
    ) {
        self.cipherSuite = cipherSuite
        self.groupID = groupID
        self.epoch = epoch
        self.treeHash = treeHash
        self.confirmedTranscriptHash = confirmedTranscriptHash
        self.extensions = extensions
    }

    /// Encodes as RFC 9420 section 8.1 defines.
    public func encode(to writer: inout TLSWriter) {
        writer.write(version)
        writer.write(cipherSuite)
        writer.writeOpaque(groupID)
        writer.write(epoch)
        writer.writeOpaque(treeHash)
        writer.writeOpaque(confirmedTranscriptHash)
        writer.writeVector(extensions)
    }

    /// Decodes as RFC 9420 section 8.1 defines; only version mls10 (1) is accepted.
    public init(from reader: inout TLSReader) throws(CodecError) {
        version = try reader.readUInt16()
        guard version == 1 else { throw CodecError.invalidValue(field: "GroupContext.version", value: UInt64(version)) }
        cipherSuite = try reader.readUInt16()
        groupID = try reader.readOpaque()
        epoch = try reader.readUInt64()
        treeHash = try reader.readOpaque()
        confirmedTranscriptHash = try reader.readOpaque()
        extensions = try reader.readVector(of: Extension.self)
    }
}
