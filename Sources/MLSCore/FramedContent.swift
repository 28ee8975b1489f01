/// The wire formats of RFC 9420 section 6.
public enum WireFormat: UInt16, Sendable {
    /// `mls_public_message`.
    case publicMessage = 1
    /// `mls_private_message`.
    case privateMessage = 2
}

/// `ContentType` (RFC 9420 section 6).
public enum ContentType: UInt8, Sendable {
    /// Application data.
    case application = 1
    /// A Proposal.
    case proposal = 2
    /// A Commit.
    case commit = 3
}

/// `Sender` (RFC 9420 section 6).
public enum Sender: Sendable, Equatable, TLSCodable {
    /// A member at a leaf index.
    case member(UInt32)
    /// An external sender by index into the external senders extension.
    case external(UInt32)
    /// A new member proposing its own addition.
    case newMemberProposal
    /// A new member committing its own addition.
    case newMemberCommit

    /// The `SenderType` value: 1 member, 2 external, 3 new_member_proposal, 4 new_member_commit.
    public var typeValue: UInt8 {
        switch self {
        case .member: 1
        case .external: 2
        case .newMemberProposal: 3
        case .newMemberCommit: 4
        }
    }

    /// Encodes as RFC 9420 section 6 defines.
    public func encode(to writer: inout TLSWriter) {
        switch self {
        case .member(let leaf):
            writer.write(UInt8(1))
            writer.write(leaf)
        case .external(let index):
            writer.write(UInt8(2))
            writer.write(index)
        case .newMemberProposal: writer.write(UInt8(3))
        case .newMemberCommit: writer.write(UInt8(4))
        }
    }

    /// Decodes as RFC 9420 section 6 defines.
    public init(from reader: inout TLSReader) throws(CodecError) {
        switch try reader.readUInt8() {
        case 1: self = .member(try reader.readUInt32())
        case 2: self = .external(try reader.readUInt32())
        case 3: self = .newMemberProposal
        case 4: self = .newMemberCommit
        case let other: throw CodecError.invalidValue(field: "SenderType", value: UInt64(other))
        }
    }
}

/// The body of a FramedContent: application data, a Proposal or a Commit (RFC 9420 section 6).
public enum ContentBody: Sendable, Equatable {
    /// `opaque application_data<V>`.
    case application([UInt8])
    /// A Proposal.
    case proposal(Proposal)
    /// A Commit.
    case commit(Commit)

    /// The content type this body carries.
    public var contentType: ContentType {
        switch self {
        case .application: .application
        case .proposal: .proposal
        case .commit: .commit
        }
    }

    /// Writes the body without its content type.
    public func encode(to writer: inout TLSWriter) {
        switch self {
        case .application(let data): writer.writeOpaque(data)
        case .proposal(let p): p.encode(to: &writer)
        case .commit(let c): c.encode(to: &writer)
        }
    }

    /// Reads a body of the given type.
    public init(type: ContentType, from reader: inout TLSReader) throws(CodecError) {
        switch type {
        case .application: self = .application(try reader.readOpaque())
        case .proposal: self = .proposal(try Proposal(from: &reader))
        case .commit: self = .commit(try Commit(from: &reader))
        }
    }
}

/// `FramedContent` (RFC 9420 section 6).
public struct FramedContent: Sendable, Equatable, TLSCodable {
    /// `opaque group_id<V>`.
    public var groupID: [UInt8]
    /// `uint64 epoch`.
    public var epoch: UInt64
    /// The sender.
    public var sender: Sender
    /// `opaque authenticated_data<V>`.
    public var authenticatedData: [UInt8]
    /// The content.
    public var body: ContentBody

    /// Bundles the fields.
    public init(groupID: [UInt8], epoch: UInt64, sender: Sender, authenticatedData: [UInt8], body: ContentBody) {
        self.groupID = groupID
        self.epoch = epoch
        self.sender = sender
        self.authenticatedData = authenticatedData
        self.body = body
    }

    /// Encodes as RFC 9420 section 6 defines.
    public func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(groupID)
        writer.write(epoch)
        sender.encode(to: &writer)
        writer.writeOpaque(authenticatedData)
        writer.write(body.contentType.rawValue)
        body.encode(to: &writer)
    }

    /// Decodes as RFC 9420 section 6 defines.
    public init(from reader: inout TLSReader) throws(CodecError) {
        groupID = try reader.readOpaque()
        epoch = try reader.readUInt64()
        sender = try Sender(from: &reader)
        authenticatedData = try reader.readOpaque()
        body = try ContentBody(type: try ContentType.read(from: &reader), from: &reader)
    }

    /// `FramedContentTBS` (RFC 9420 section 6.1): version, wire format, this content, and the GroupContext
    /// when the sender is a member or a new member committing.
    public func toBeSigned(wireFormat: WireFormat, groupContext: GroupContext) -> [UInt8] {
        var writer = TLSWriter()
        writer.write(UInt16(1))
        writer.write(wireFormat.rawValue)
        encode(to: &writer)
        switch sender {
        case .member, .newMemberCommit: groupContext.encode(to: &writer)
        case .external, .newMemberProposal: break
        }
        return writer.bytes
    }
}

extension ContentType {
    /// Reads a content type byte, rejecting values RFC 9420 does not define.
    static func read(from reader: inout TLSReader) throws(CodecError) -> ContentType {
        let raw = try reader.readUInt8()
        guard let type = ContentType(rawValue: raw) else {
            throw CodecError.invalidValue(field: "ContentType", value: UInt64(raw))
        }
        return type
    }
}

/// `FramedContentAuthData` (RFC 9420 section 6.1): the signature and, for commits, the confirmation tag.
public struct FramedContentAuthData: Sendable, Equatable {
    /// `opaque signature<V>`.
    public var signature: [UInt8]
    /// `MAC confirmation_tag` (opaque<V>), present exactly for commits.
    public var confirmationTag: [UInt8]?

    /// Bundles the fields.
    public init(signature: [UInt8], confirmationTag: [UInt8]?) {
        self.signature = signature
        self.confirmationTag = confirmationTag
    }

    /// Writes the signature and, when present, the confirmation tag.
    public func encode(to writer: inout TLSWriter) {
        writer.writeOpaque(signature)
        if let confirmationTag { writer.writeOpaque(confirmationTag) }
    }

    /// Reads the auth data of content of type `type`.
    public init(type: ContentType, from reader: inout TLSReader) throws(CodecError) {
        signature = try reader.readOpaque()
        confirmationTag = type == .commit ? try reader.readOpaque() : nil
    }
}
