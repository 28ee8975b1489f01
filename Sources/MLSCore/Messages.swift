/// `PublicMessage` (RFC 9420 section 6.2).
public struct PublicMessage: Sendable, Equatable, TLSCodable {
    /// The framed content.
    public var content: FramedContent
    /// Signature and confirmation tag.
    public var auth: FramedContentAuthData
    /// `MAC membership_tag`, present exactly when the sender is a member.
    public var membershipTag: [UInt8]?

    /// Bundles the fields.
    public init(content: FramedContent, auth: FramedContentAuthData, membershipTag: [UInt8]?) {
        self.content = content
        self.auth = auth
        self.membershipTag = membershipTag
    }

    /// Encodes as RFC 9420 section 6.2 defines.
    public func encode(to writer: inout TLSWriter) {
        content.encode(to: &writer)
        auth.encode(to: &writer)
        if let membershipTag { writer.writeOpaque(membershipTag) }
    }

    /// Decodes as RFC 9420 section 6.2 defines.
    public init(from reader: inout TLSReader) throws(CodecError) {
        content = try FramedContent(from: &reader)
        auth = try FramedContentAuthData(type: content.body.contentType, from: &reader)
        if case .member = content.sender { membershipTag = try reader.readOpaque() } else { membershipTag = nil }
    }
}

/// `PrivateMessage` (RFC 9420 section 6.3).
public struct PrivateMessage: Sendable, Equatable, TLSCodable {
    /// `opaque group_id<V>`.
    public var groupID: [UInt8]
    /// `uint64 epoch`.
    public var epoch: UInt64
    /// `ContentType content_type`.
    public var contentType: ContentType
    /// `opaque authenticated_data<V>` (in PPRF mode it starts with the challenge).
    public var authenticatedData: [UInt8]
    /// `opaque encrypted_sender_data<V>`.
    public var encryptedSenderData: [UInt8]
    /// `opaque ciphertext<V>`.
    public var ciphertext: [UInt8]

    /// Bundles the fields.
    public init(
        groupID: [UInt8], epoch: UInt64, contentType: ContentType, authenticatedData: [UInt8],
        encryptedSenderData: [UInt8], ciphertext: [UInt8]
    ) {
        self.groupID = groupID
        self.epoch = epoch
        self.contentType = contentType
        self.authenticatedData = authenticatedData
        self.encryptedSenderData = encryptedSenderData
        self.ciphertext = ciphertext
    }

    /// Encodes as RFC 9420 section 6.3 defines.
    public func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(groupID)
        writer.write(epoch)
        writer.write(contentType.rawValue)
        writer.writeOpaque(authenticatedData)
        writer.writeOpaque(encryptedSenderData)
        writer.writeOpaque(ciphertext)
    }

    /// Decodes as RFC 9420 section 6.3 defines.
    public init(from reader: inout TLSReader) throws(CodecError) {
        groupID = try reader.readOpaque()
        epoch = try reader.readUInt64()
        contentType = try ContentType.read(from: &reader)
        authenticatedData = try reader.readOpaque()
        encryptedSenderData = try reader.readOpaque()
        ciphertext = try reader.readOpaque()
    }

    /// `SenderDataAAD` = group_id<V> || epoch || content_type (RFC 9420 section 6.3.2).
    public var senderDataAAD: [UInt8] {
        var w = TLSWriter()
        w.writeOpaque(groupID)
        w.write(epoch)
        w.write(contentType.rawValue)
        return w.bytes
    }

    /// `PrivateContentAAD` = group_id<V> || epoch || content_type || authenticated_data<V>
    /// (RFC 9420 section 6.3.1).
    public var contentAAD: [UInt8] {
        var w = TLSWriter()
        w.writeOpaque(groupID)
        w.write(epoch)
        w.write(contentType.rawValue)
        w.writeOpaque(authenticatedData)
        return w.bytes
    }
}

/// `MLSMessage` (RFC 9420 section 6) for the two framed wire formats.
public enum MLSMessage: Sendable, Equatable, TLSCodable {
    /// `mls_public_message`.
    case publicMessage(PublicMessage)
    /// `mls_private_message`.
    case privateMessage(PrivateMessage)

    /// Encodes version mls10, the wire format and the message.
    public func encode(to writer: inout TLSWriter) {
        writer.write(UInt16(1))
        switch self {
        case .publicMessage(let m):
            writer.write(WireFormat.publicMessage.rawValue)
            m.encode(to: &writer)
        case .privateMessage(let m):
            writer.write(WireFormat.privateMessage.rawValue)
            m.encode(to: &writer)
        }
    }

    /// Decodes an MLSMessage; Welcome, GroupInfo and KeyPackage wire formats are not handled here.
    public init(from reader: inout TLSReader) throws(CodecError) {
        let version = try reader.readUInt16()
        guard version == 1 else { throw CodecError.invalidValue(field: "ProtocolVersion", value: UInt64(version)) }
        let wireFormat = try reader.readUInt16()
        switch wireFormat {
        case 1: self = .publicMessage(try PublicMessage(from: &reader))
        case 2: self = .privateMessage(try PrivateMessage(from: &reader))
        case 3, 4, 5: throw CodecError.unsupported("wire format \(wireFormat)")
        default: throw CodecError.invalidValue(field: "WireFormat", value: UInt64(wireFormat))
        }
    }
}

/// `SenderData` (RFC 9420 section 6.3.2).
public struct SenderData: Sendable, Equatable, TLSCodable {
    /// `uint32 leaf_index`.
    public var leafIndex: UInt32
    /// `uint32 generation`.
    public var generation: UInt32
    /// `opaque reuse_guard[4]`.
    public var reuseGuard: [UInt8]

    /// Bundles the fields; `reuseGuard` must be 4 bytes.
    public init(leafIndex: UInt32, generation: UInt32, reuseGuard: [UInt8]) {
        precondition(reuseGuard.count == 4, "reuse_guard is 4 bytes")
        self.leafIndex = leafIndex
        self.generation = generation
        self.reuseGuard = reuseGuard
    }

    /// Encodes as RFC 9420 section 6.3.2 defines.
    public func encode(to writer: inout TLSWriter) {
        writer.write(leafIndex)
        writer.write(generation)
        writer.writeRaw(reuseGuard)
    }

    /// Decodes as RFC 9420 section 6.3.2 defines.
    public init(from reader: inout TLSReader) throws(CodecError) {
        leafIndex = try reader.readUInt32()
        generation = try reader.readUInt32()
        reuseGuard = try reader.readRaw(4)
    }
}

/// `PrivateMessageContent` (RFC 9420 section 6.3.1): the body, the auth data and zero padding.
public struct PrivateMessageContent: Sendable, Equatable {
    /// The content.
    public var body: ContentBody
    /// Signature and confirmation tag.
    public var auth: FramedContentAuthData
    /// The number of zero padding bytes.
    public var paddingLength: Int
    /// The most padding a sender may ask for: 65,536 zero bytes. Our limit (RFC 9420 section 6.3.1 bounds the
    /// padding only by the ciphertext's 2^30-byte vector), so that a caller's length never drives an unbounded
    /// allocation; `EpochContext.sealPrivate` refuses more with ``MLSError/invalidPaddingLength(_:limit:)``.
    public static let maxPaddingLength = 1 << 16

    /// Bundles the fields.
    public init(body: ContentBody, auth: FramedContentAuthData, paddingLength: Int) {
        self.body = body
        self.auth = auth
        self.paddingLength = paddingLength
    }

    /// The plaintext that is encrypted.
    public var encoded: [UInt8] {
        var w = TLSWriter()
        body.encode(to: &w)
        auth.encode(to: &w)
        w.writeRaw([UInt8](repeating: 0, count: paddingLength))
        return w.bytes
    }

    /// Parses decrypted content of a known type; any non-zero padding byte is an error.
    public init(type: ContentType, decrypted: [UInt8]) throws(CodecError) {
        var reader = TLSReader(decrypted)
        body = try ContentBody(type: type, from: &reader)
        auth = try FramedContentAuthData(type: type, from: &reader)
        let padding = try reader.readRaw(reader.remaining)
        guard padding.allSatisfy({ $0 == 0 }) else { throw CodecError.nonZeroPadding }
        paddingLength = padding.count
    }
}
