import MLSCore
import MLSCrypto
import PuncturablePRF

/// PrivateMessage protection keyed by a puncturable PRF instead of the secret tree (this package's exact
/// version of the draft's "PPRF-based Challenges").
///
/// Per epoch one PPRF of depth b, rooted at `encryption_secret`, replaces the secret tree for every
/// PrivateMessage. A sender draws a random b-bit challenge x, puts its ceil(b/8) bytes first in
/// `authenticated_data` (so it is signed in FramedContent and bound into PrivateContentAAD), derives key and
/// nonce from PPRF(x) by ``ChallengeKeys``, and punctures its own state. Sender data is PPRFSenderData,
/// encrypted as RFC 9420 sender data. A receiver looks x up without puncturing, decrypts, verifies, and
/// punctures only when everything succeeded.
///
/// It is a `MessageProtector` (module MLSCore) with ``PPRFMessageError`` as its failure:
/// ``unprotect(_:signaturePublicKey:)`` returns an `OpenedMessage` whose key selection is the challenge.
public final class PPRFMessageProtector: MessageProtector {
    /// The epoch's framing inputs; its GroupContext carries the PPRFParameters extension.
    public let epoch: EpochContext
    /// The group's parameters.
    public let parameters: PPRFParameters
    /// Where the challenge travels in `authenticated_data`: a raw prefix, or a SafeAAD item when the
    /// GroupContext carries the `safe_aad` component (SPEC.md section 5.1).
    public let framing: ChallengeFraming
    /// This member's PPRF state for the epoch.
    public let state: PPRF
    /// How many PPRF tree walks (each b levels of child derivations) this member has started: one per
    /// protect, and one per unprotect that passed every check costing no PPRF work (SPEC.md section 7).
    /// Junk from non-members (wrong group or epoch, undecryptable sender data) leaves it unchanged.
    public private(set) var treeWalks = 0

    /// A member's PPRF-mode state for one epoch: the parameters come from the GroupContext extension.
    public init(epoch: EpochContext, encryptionSecret: SecretBytes) throws(PPRFMessageError) {
        let parameters = try PPRFParameters(groupContext: epoch.groupContext)
        self.framing = try ChallengeFraming(groupContext: epoch.groupContext)
        self.epoch = epoch
        self.parameters = parameters
        self.state = try pprf { () throws(PPRFError) in
            try PPRF(secret: encryptionSecret, suite: epoch.suite, parameters: parameters)
        }
    }

    /// A member's PPRF-mode state for one epoch from a state it kept (for example decoded with
    /// `PPRF(encoded:suite:parameters:)` after a restart). The one place a PPRF meets the GroupContext:
    /// `epoch` has matched its suite against the GroupContext (`EpochContext` throws
    /// `MLSError.cipherSuiteMismatch`), and here the state's suite must be the GroupContext's
    /// (``PPRFMessageError/stateSuiteMismatch(state:groupContext:)``) and its b and profile the GroupContext's
    /// PPRFParameters
    /// (``PPRFMessageError/stateParametersMismatch(stateBits:stateProfile:groupBits:groupProfile:)``). The
    /// protector takes ownership of `state`.
    public convenience init(epoch: EpochContext, state: PPRF) throws(PPRFMessageError) {
        let parameters = try PPRFParameters(groupContext: epoch.groupContext)
        let suite = epoch.groupContext.cipherSuite
        guard state.suite.id == suite else {
            throw PPRFMessageError.stateSuiteMismatch(state: state.suite.id, groupContext: suite)
        }
        guard state.challengeBits == parameters.challengeBits, state.profile == parameters.profile else {
            throw PPRFMessageError.stateParametersMismatch(
                stateBits: state.challengeBits, stateProfile: state.profile.description,
                groupBits: parameters.challengeBits, groupProfile: parameters.profile.description)
        }
        let framing = try ChallengeFraming(groupContext: epoch.groupContext)
        self.init(epoch: epoch, parameters: parameters, framing: framing, state: state)
    }

    private init(epoch: EpochContext, parameters: PPRFParameters, framing: ChallengeFraming, state: PPRF) {
        self.epoch = epoch
        self.parameters = parameters
        self.framing = framing
        self.state = state
    }

    /// An independent copy (each emulator client holds its own).
    public func copy() -> PPRFMessageProtector {
        PPRFMessageProtector(epoch: epoch, parameters: parameters, framing: framing, state: state.copy())
    }

    /// Protects `body` from `senderLeaf`. The challenge is drawn from libsodium's randomness (drawn again
    /// while the sender's own state is punctured there) unless given, as vectors do; so is the 4-byte reuse
    /// guard of a group with the reuse-guard option (SPEC.md section 10), which `reuseGuard` may fix and which
    /// a group without the option refuses (``PPRFMessageError/reuseGuardNotEnabled(length:)``).
    ///
    /// The application's own authenticated data is `authenticatedData` (raw bytes) in a group without Safe
    /// AAD, and `safeAADItems` (strictly increasing component ids, not the challenge's) in a group with it
    /// (``framing``); the wrong kind is refused before the state changes (SPEC.md section 5.1).
    public func protect(
        body: ContentBody, authenticatedData: [UInt8] = [], safeAADItems: [SafeAADItem]? = nil, senderLeaf: UInt32,
        signaturePrivateKey: SecretBytes, confirmationTag: [UInt8]? = nil, paddingLength: Int = 0,
        challenge given: Challenge? = nil, reuseGuard givenGuard: [UInt8]? = nil
    ) throws(PPRFMessageError) -> PrivateMessage {
        let challenge: Challenge
        if let given { challenge = given } else { challenge = try freshChallenge() }
        guard challenge.challengeBits == parameters.challengeBits else {
            throw PPRFMessageError.pprf(
                .challengeLength(expected: parameters.challengeBytes, actual: challenge.bytes.count))
        }
        let reuseGuard = try sendingReuseGuard(givenGuard)
        let framedAAD = try framing.authenticatedData(
            challenge: challenge, rawAAD: authenticatedData, safeItems: safeAADItems)
        // Prepare, seal, then commit: a signing or sealing failure (a malformed private key, a padding length
        // out of range) leaves the state as it was, as MessageProtector promises; the walk is the same one.
        let prepared = try pprf { () throws(PPRFError) in try state.preparePuncture(at: challenge) }
        treeWalks += 1
        let content = FramedContent(
            groupID: epoch.groupContext.groupID, epoch: epoch.groupContext.epoch, sender: .member(senderLeaf),
            authenticatedData: framedAAD, body: body)
        let message = try mls { () throws(MLSError) in
            let keys = try ChallengeKeys.derive(
                suite: epoch.suite, leafSecret: prepared.value,
                type: ChallengeKeys.ratchetType(for: body.contentType), profile: parameters.profile)
            let auth = try epoch.sign(
                content, wireFormat: .privateMessage, privateKey: signaturePrivateKey, confirmationTag: confirmationTag)
            return try epoch.sealPrivate(
                content: content, auth: auth, paddingLength: paddingLength, key: keys.key,
                nonce: try Self.contentNonce(keys.nonce, reuseGuard: reuseGuard),
                senderData: try Self.senderDataPlaintext(leaf: senderLeaf, reuseGuard: reuseGuard))
        }
        try pprf { () throws(PPRFError) in try state.commit(prepared) }
        return message
    }

    /// `MessageProtector`'s protect: a fresh random challenge, raw authenticated data (a group with Safe AAD
    /// refuses non-empty raw data with ``PPRFMessageError/rawAADInSafeAADGroup(length:)``; pass SafeAAD items to
    /// the full overload) and a random reuse guard where the group has the option.
    public func protect(
        body: ContentBody, authenticatedData: [UInt8], senderLeaf: UInt32, signaturePrivateKey: SecretBytes,
        confirmationTag: [UInt8]?, paddingLength: Int
    ) throws(PPRFMessageError) -> PrivateMessage {
        try protect(
            body: body, authenticatedData: authenticatedData, safeAADItems: nil, senderLeaf: senderLeaf,
            signaturePrivateKey: signaturePrivateKey, confirmationTag: confirmationTag, paddingLength: paddingLength,
            challenge: nil, reuseGuard: nil)
    }

    /// Decrypts and verifies a PPRF-mode PrivateMessage, then punctures at its challenge. A reused challenge
    /// fails with ``PPRFMessageError/challengeReused``; every failure leaves the state byte-identical. The
    /// result's key selection is the challenge (`OpenedMessage.challenge`); the application's SafeAAD items
    /// are ``applicationSafeAADItems(of:)``.
    ///
    /// The order is SPEC.md section 7's: everything that costs no PPRF work runs first (group and epoch, the
    /// challenge's framing (section 5.1), length and padding bits, the lengths of sender data and ciphertext, whether the challenge
    /// is punctured, the sender-data AEAD, the decoded PPRFSenderData and its sender's signature key), so a
    /// non-member's junk never makes the receiver walk the tree. Only then is the tree walked (once: the leaf
    /// and the co-path are derived together), the content decrypted and verified, and the puncture applied.
    public func unprotect(_ message: PrivateMessage, signaturePublicKey: (UInt32) -> [UInt8]?) throws(PPRFMessageError)
        -> OpenedMessage
    {
        try mls { () throws(MLSError) in try epoch.checkEpoch(groupID: message.groupID, epoch: message.epoch) }
        let (challenge, rawAAD, safeItems) = try framing.read(
            authenticatedData: message.authenticatedData, parameters: parameters)
        let tag = epoch.suite.aead.tagSize
        let senderDataLength = parameters.senderDataLength + tag
        guard message.encryptedSenderData.count == senderDataLength else {
            throw PPRFMessageError.senderDataLength(
                length: message.encryptedSenderData.count, expected: senderDataLength)
        }
        guard message.ciphertext.count >= tag else {
            throw PPRFMessageError.mls(.crypto(.ciphertextTooShort(length: message.ciphertext.count, minimum: tag)))
        }
        // A trie lookup, no secret work: a replay is refused before the sender-data AEAD.
        if try pprf({ () throws(PPRFError) in try state.isPunctured(challenge) }) {
            throw PPRFMessageError.challengeReused
        }
        let sender = try mls { () throws(MLSError) -> (leafIndex: UInt32, reuseGuard: [UInt8]?) in
            let sender = try decodeSenderData(try epoch.openSenderData(message))
            guard signaturePublicKey(sender.leafIndex) != nil else {
                throw MLSError.unknownSender(leaf: sender.leafIndex)
            }
            return sender
        }
        // Derive the leaf and the co-path now, apply them only after everything verified: one tree walk.
        let prepared = try pprf { () throws(PPRFError) in try state.preparePuncture(at: challenge) }
        treeWalks += 1
        let (content, auth) = try mls { () throws(MLSError) in
            let keys = try ChallengeKeys.derive(
                suite: epoch.suite, leafSecret: prepared.value,
                type: ChallengeKeys.ratchetType(for: message.contentType), profile: parameters.profile)
            return try epoch.openPrivateContent(
                message, leaf: sender.leafIndex, key: keys.key,
                nonce: try Self.contentNonce(keys.nonce, reuseGuard: sender.reuseGuard),
                signaturePublicKey: signaturePublicKey)
        }
        try pprf { () throws(PPRFError) in try state.commit(prepared) }
        _ = safeItems  // read again by applicationSafeAADItems(of:), from the signed authenticated data
        return OpenedMessage(
            content: content, auth: auth, applicationAuthenticatedData: rawAAD,
            keySelection: .challenge(bytes: challenge.bytes, challengeBits: challenge.challengeBits))
    }

    /// The application's own SafeAAD items of a message this protector opened (the challenge item removed;
    /// SPEC.md section 5.1): empty in a group without Safe AAD, and for an RFC 9420 message.
    ///
    /// They are not a field of `OpenedMessage` because that type lives in MLSCore, which knows no SafeAAD, and
    /// an RFC 9420 message has none; they are read again from the signed `content.authenticatedData`, which
    /// ``unprotect(_:signaturePublicKey:)`` validated, so every message it returned reads (anything else gives
    /// no items).
    public func applicationSafeAADItems(of opened: OpenedMessage) -> [SafeAADItem] {
        guard case .safeAAD = framing, case .challenge = opened.keySelection else { return [] }
        do {
            return try framing.read(authenticatedData: opened.content.authenticatedData, parameters: parameters)
                .safeItems
        } catch {
            return []
        }
    }

    private func freshChallenge() throws(PPRFMessageError) -> Challenge {
        for _ in 0..<64 {
            let x = try pprf { () throws(PPRFError) in try Challenge.random(challengeBits: parameters.challengeBits) }
            if try !pprf({ () throws(PPRFError) in try state.isPunctured(x) }) { return x }
        }
        throw PPRFMessageError.noFreshChallenge
    }
}

/// Wire overhead of PPRF mode against RFC 9420 for the same content (this package's accounting).
public enum PPRFWireOverhead {
    /// Bytes added to an MLSMessage: the ceil(b/8) challenge bytes, minus the 8 bytes of generation and
    /// reuse guard that leave the (encrypted) sender data, plus any growth of the `authenticated_data`
    /// length prefix when the application already uses `applicationAADLength` bytes. The draft's own
    /// accounting, "b/8 - 4", subtracts only the reuse guard.
    public static func bytes(challengeBits: Int, applicationAADLength: Int = 0) -> Int {
        let c = Challenge.byteCount(bits: challengeBits)
        return c - 8 + TLSWriter.varintSize(applicationAADLength + c) - TLSWriter.varintSize(applicationAADLength)
    }

    /// The draft's accounting, `b/8 - 4`.
    public static func draftAccounting(challengeBits: Int) -> Double { Double(challengeBits) / 8 - 4 }
}
