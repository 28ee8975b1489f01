/// A Proposal (RFC 9420 section 12.1), kept as its exact encoding.
///
/// The framing layer only needs to know where a proposal ends and to re-encode it byte for byte, so the
/// body is validated structurally (every field of the seven RFC 9420 proposal types is walked) and kept
/// raw. Unknown proposal types cannot be sized and are rejected.
public struct Proposal: TLSCodable, Equatable {
    /// `ProposalType proposal_type` (1 add, 2 update, 3 remove, 4 psk, 5 reinit, 6 external_init,
    /// 7 group_context_extensions).
    public let proposalType: UInt16
    /// The encoding of the proposal body after the type.
    public let body: [UInt8]

    /// A Remove proposal (RFC 9420 section 12.1.3).
    public static func remove(leaf: UInt32) -> Proposal {
        var w = TLSWriter()
        w.write(leaf)
        return Proposal(proposalType: 3, body: w.bytes)
    }

    init(proposalType: UInt16, body: [UInt8]) {
        self.proposalType = proposalType
        self.body = body
    }

    /// Writes the type and the body.
    public func encode(to writer: inout TLSWriter) {
        writer.write(proposalType)
        writer.writeRaw(body)
    }

    /// Reads a proposal of one of the seven RFC 9420 types.
    public init(from reader: inout TLSReader) throws(CodecError) {
        proposalType = try reader.readUInt16()
        let start = reader.position
        switch proposalType {
        case 1: try Skip.keyPackage(&reader)
        case 2: try Skip.leafNode(&reader)
        case 3: _ = try reader.readUInt32()
        case 4: try Skip.preSharedKeyID(&reader)
        case 5:
            _ = try reader.readOpaque()
            _ = try reader.readUInt16()
            _ = try reader.readUInt16()
            _ = try reader.readOpaque()
        case 6, 7: _ = try reader.readOpaque()
        default: throw CodecError.unsupported("proposal type \(proposalType)")
        }
        body = reader.bytesRead(since: start)
    }
}

/// A Commit (RFC 9420 section 12.4), validated structurally and kept as its exact encoding.
public struct Commit: TLSCodable, Equatable {
    /// The encoding: `ProposalOrRef proposals<V>; optional<UpdatePath> path;`.
    public let encoded: [UInt8]

    /// A commit of proposals by value, without a path.
    public init(proposals: [Proposal]) {
        var w = TLSWriter()
        w.writeVector { inner in
            for p in proposals {
                inner.write(UInt8(1))
                p.encode(to: &inner)
            }
        }
        w.write(UInt8(0))
        encoded = w.bytes
    }

    /// Writes the exact encoding.
    public func encode(to writer: inout TLSWriter) { writer.writeRaw(encoded) }

    /// Reads and validates a Commit.
    public init(from reader: inout TLSReader) throws(CodecError) {
        let start = reader.position
        _ = try reader.readVector { (r: inout TLSReader) throws(CodecError) in
            switch try r.readUInt8() {
            case 1: _ = try Proposal(from: &r)
            case 2: _ = try r.readOpaque()
            case let other: throw CodecError.invalidValue(field: "ProposalOrRefType", value: UInt64(other))
            }
        }
        _ = try reader.readOptional { (r: inout TLSReader) throws(CodecError) in
            try Skip.leafNode(&r)
            _ = try r.readOpaque()  // UpdatePathNode nodes<V>
        }
        encoded = reader.bytesRead(since: start)
    }
}

/// Structural walkers for RFC 9420 structures that the framing layer carries but does not interpret.
enum Skip {
    /// KeyPackage (RFC 9420 section 10).
    static func keyPackage(_ r: inout TLSReader) throws(CodecError) {
        _ = try r.readUInt16()  // version
        _ = try r.readUInt16()  // cipher_suite
        _ = try r.readOpaque()  // init_key
        try leafNode(&r)
        _ = try r.readOpaque()  // extensions
        _ = try r.readOpaque()  // signature
    }

    /// LeafNode (RFC 9420 section 7.2).
    static func leafNode(_ r: inout TLSReader) throws(CodecError) {
        _ = try r.readOpaque()  // encryption_key
        _ = try r.readOpaque()  // signature_key
        let credentialType = try r.readUInt16()
        switch credentialType {
        case 1, 2: _ = try r.readOpaque()  // identity<V> or certificates<V>
        default: throw CodecError.unsupported("credential type \(credentialType)")
        }
        for _ in 0..<5 { _ = try r.readOpaque() }  // capabilities
        switch try r.readUInt8() {
        case 1:
            _ = try r.readUInt64()
            _ = try r.readUInt64()
        case 2: break
        case 3: _ = try r.readOpaque()
        case let other: throw CodecError.invalidValue(field: "LeafNodeSource", value: UInt64(other))
        }
        _ = try r.readOpaque()  // extensions
        _ = try r.readOpaque()  // signature
    }

    /// PreSharedKeyID (RFC 9420 section 8.4).
    static func preSharedKeyID(_ r: inout TLSReader) throws(CodecError) {
        switch try r.readUInt8() {
        case 1: _ = try r.readOpaque()
        case 2:
            _ = try r.readUInt8()
            _ = try r.readOpaque()
            _ = try r.readUInt64()
        case let other: throw CodecError.invalidValue(field: "PSKType", value: UInt64(other))
        }
        _ = try r.readOpaque()  // psk_nonce
    }
}
