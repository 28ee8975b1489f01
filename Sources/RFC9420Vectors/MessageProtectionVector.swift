/// One entry of the official `message-protection.json` (RFC 9420 section 6; mlswg/mls-implementations
/// `test-vectors.md`, "Message Protection"): an epoch's context and secrets, a proposal, a commit and an
/// application message, each protected as a PrivateMessage and (but the application message) a PublicMessage,
/// as MLSMessage encodings. Properties in our generator's order.
public struct MessageProtectionVector: Codable, Equatable, Sendable {
    /// The cipher suite (RFC 9420 section 17.1).
    public var cipherSuite: UInt16
    /// The GroupContext's `group_id`.
    public var groupId: HexBytes
    /// The GroupContext's `epoch`.
    public var epoch: UInt64
    /// The GroupContext's `tree_hash`.
    public var treeHash: HexBytes
    /// The GroupContext's `confirmed_transcript_hash`.
    public var confirmedTranscriptHash: HexBytes
    /// The sender's (leaf 1) signature private key.
    public var signaturePriv: HexBytes
    /// Its public key.
    public var signaturePub: HexBytes
    /// The epoch's `encryption_secret` (a two-leaf secret tree).
    public var encryptionSecret: HexBytes
    /// The epoch's `sender_data_secret`.
    public var senderDataSecret: HexBytes
    /// The epoch's `membership_key` (PublicMessage membership tags).
    public var membershipKey: HexBytes
    /// A Proposal encoding.
    public var proposal: HexBytes
    /// It as an MLSMessage holding a PrivateMessage.
    public var proposalPriv: HexBytes
    /// It as an MLSMessage holding a PublicMessage.
    public var proposalPub: HexBytes
    /// A Commit encoding.
    public var commit: HexBytes
    /// It as a PrivateMessage MLSMessage.
    public var commitPriv: HexBytes
    /// It as a PublicMessage MLSMessage.
    public var commitPub: HexBytes
    /// Application data.
    public var application: HexBytes
    /// It as a PrivateMessage MLSMessage.
    public var applicationPriv: HexBytes

    /// The fields in file order.
    public init(
        cipherSuite: UInt16, groupId: HexBytes, epoch: UInt64, treeHash: HexBytes, confirmedTranscriptHash: HexBytes,
        signaturePriv: HexBytes, signaturePub: HexBytes, encryptionSecret: HexBytes, senderDataSecret: HexBytes,
        membershipKey: HexBytes, proposal: HexBytes, proposalPriv: HexBytes, proposalPub: HexBytes,
        commit: HexBytes, commitPriv: HexBytes, commitPub: HexBytes, application: HexBytes, applicationPriv: HexBytes
    ) {
        self.cipherSuite = cipherSuite
        self.groupId = groupId
        self.epoch = epoch
        self.treeHash = treeHash
        self.confirmedTranscriptHash = confirmedTranscriptHash
        self.signaturePriv = signaturePriv
        self.signaturePub = signaturePub
        self.encryptionSecret = encryptionSecret
        self.senderDataSecret = senderDataSecret
        self.membershipKey = membershipKey
        self.proposal = proposal
        self.proposalPriv = proposalPriv
        self.proposalPub = proposalPub
        self.commit = commit
        self.commitPriv = commitPriv
        self.commitPub = commitPub
        self.application = application
        self.applicationPriv = applicationPriv
    }
}
