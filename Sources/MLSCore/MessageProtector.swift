import MLSCrypto

/// One interface over the two ways a member protects PrivateMessages in an epoch (RFC 9420 section 6.3):
/// `RFC9420MessageProtector` (keys from the secret tree's ratchets) and module PPRFProtection's
/// `PPRFMessageProtector` (keys from a puncturable PRF at a per-message challenge, SPEC.md sections 5 to 7).
///
/// Both frame, sign and encrypt exactly as RFC 9420 does and differ only in how the content key and nonce
/// are chosen and what the sender data says; ``OpenedMessage/keySelection`` records which. Each keeps its own
/// typed error (``Failure``): `MLSError` for RFC 9420, `PPRFMessageError` for PPRF mode. The requirements take
/// every argument explicitly; the conforming types add their mode's own options (a fixed generation, a fixed
/// challenge, SafeAAD items) through overloads with defaults.
///
/// `protect` and `unprotect` are `mutating`: the RFC 9420 protector is a value whose secret tree advances,
/// the PPRF protector a class whose state is punctured in place. Every failure leaves the state unchanged.
public protocol MessageProtector {
    /// The typed error of both operations.
    associatedtype Failure: Error

    /// The epoch's framing inputs (suite, GroupContext, sender-data secret).
    var epoch: EpochContext { get }

    /// Frames, signs and encrypts `body` from `senderLeaf` into a PrivateMessage (RFC 9420 sections 6.1 and
    /// 6.3). `authenticatedData` is the application's own authenticated data (PPRF mode puts its challenge in
    /// front of it); `paddingLength` zero bytes pad the content.
    mutating func protect(
        body: ContentBody, authenticatedData: [UInt8], senderLeaf: UInt32, signaturePrivateKey: SecretBytes,
        confirmationTag: [UInt8]?, paddingLength: Int
    ) throws(Failure) -> PrivateMessage

    /// Decrypts and verifies a PrivateMessage (RFC 9420 section 6.3.2) with the sender's signature key from
    /// `signaturePublicKey` (by leaf index; `nil` for an unknown leaf), deleting the key it used only on
    /// success.
    mutating func unprotect(_ message: PrivateMessage, signaturePublicKey: (UInt32) -> [UInt8]?) throws(Failure)
        -> OpenedMessage
}

/// A PrivateMessage that decrypted and verified (RFC 9420 section 6.3.2), as either ``MessageProtector``
/// returns it.
///
/// PPRF mode's extra, the application's SafeAAD items (SPEC.md section 5.1), is not a field here: its type
/// belongs to module PPRFProtection, which MLSCore cannot see, and it is empty for every RFC 9420 message.
/// `PPRFMessageProtector.applicationSafeAADItems(of:)` reads it back from ``content``'s authenticated data,
/// where the signature already covered it.
public struct OpenedMessage: Sendable, Equatable {
    /// How the content key and nonce were chosen.
    public enum KeySelection: Sendable, Equatable {
        /// RFC 9420: the sender's ratchet at `generation`, read from the encrypted SenderData.
        case generation(UInt32)
        /// PPRF mode (SPEC.md section 5): the PRF at the challenge of `challengeBits` bits whose ceil(b/8)
        /// `bytes` lead the authenticated data (or fill its SafeAAD item).
        case challenge(bytes: [UInt8], challengeBits: Int)
    }

    /// The verified content; its authenticated data is what was signed (in PPRF mode it holds the challenge).
    public let content: FramedContent
    /// Signature and confirmation tag.
    public let auth: FramedContentAuthData
    /// The application's own raw authenticated data: all of it in RFC 9420 mode, what follows the challenge in
    /// PPRF mode, empty in a PPRF group with Safe AAD (whose items are the application's data).
    public let applicationAuthenticatedData: [UInt8]
    /// How the key was chosen.
    public let keySelection: KeySelection

    /// An opened message; protectors make these.
    public init(
        content: FramedContent, auth: FramedContentAuthData, applicationAuthenticatedData: [UInt8],
        keySelection: KeySelection
    ) {
        self.content = content
        self.auth = auth
        self.applicationAuthenticatedData = applicationAuthenticatedData
        self.keySelection = keySelection
    }
}
