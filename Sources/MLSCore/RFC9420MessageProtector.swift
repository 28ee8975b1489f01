import MLSCrypto

/// PrivateMessage protection exactly as RFC 9420 section 6.3 specifies: keys and nonces from the secret
/// tree's ratchets, SenderData {leaf_index, generation, reuse_guard}, the reuse guard XORed into the nonce.
///
/// A failed ``unprotect(_:signaturePublicKey:)`` leaves the secret tree as it was: the work happens on a copy
/// that replaces the state only when decryption, parsing and the signature check all succeeded.
public struct RFC9420MessageProtector: MessageProtector, Sendable {
    /// The epoch's framing inputs.
    public let epoch: EpochContext
    /// The epoch's secret tree.
    public private(set) var secretTree: SecretTree

    /// A member's protection state for one epoch with `leafCount` leaves (1...2^31); `encryptionSecret` must
    /// have KDF.Nh bytes (``SecretTree/init(suite:encryptionSecret:leafCount:maxForwardDistance:maxRetainedKeys:)``).
    public init(epoch: EpochContext, encryptionSecret: SecretBytes, leafCount: UInt32) throws(MLSError) {
        self.epoch = epoch
        self.secretTree = try SecretTree(
            suite: epoch.suite, encryptionSecret: encryptionSecret, leafCount: leafCount)
    }

    /// Encrypts `body` from `senderLeaf` at the next generation of the matching ratchet, or at `generation`
    /// when given (a sender that skips generations retains their keys, as a receiver would). `reuseGuard` is
    /// drawn at random unless given (vectors fix it).
    public mutating func protect(
        body: ContentBody, authenticatedData: [UInt8] = [], senderLeaf: UInt32, signaturePrivateKey: SecretBytes,
        confirmationTag: [UInt8]? = nil, paddingLength: Int = 0, reuseGuard: [UInt8]? = nil, generation: UInt32? = nil
    ) throws(MLSError) -> PrivateMessage {
        let content = FramedContent(
            groupID: epoch.groupContext.groupID, epoch: epoch.groupContext.epoch, sender: .member(senderLeaf),
            authenticatedData: authenticatedData, body: body)
        let auth = try epoch.sign(
            content, wireFormat: .privateMessage, privateKey: signaturePrivateKey, confirmationTag: confirmationTag)
        let guardBytes: [UInt8]
        if let reuseGuard {
            guardBytes = reuseGuard
        } else {
            guardBytes = try crypto { () throws(CryptoError) in try SystemRandom.bytes(count: 4) }
        }
        guard guardBytes.count == 4 else {
            throw MLSError.codec(.wrongSize(field: "reuse_guard", expected: 4, actual: guardBytes.count))
        }
        var tree = secretTree
        let type: RatchetType = body.contentType == .application ? .application : .handshake
        let kn: KeyAndNonce
        if let generation {
            kn = try tree.consumeKey(leaf: senderLeaf, type: type, generation: generation)
        } else {
            kn = try tree.nextKey(leaf: senderLeaf, type: type)
        }
        let senderData = SenderData(leafIndex: senderLeaf, generation: kn.generation, reuseGuard: guardBytes)
        let message = try epoch.sealPrivate(
            content: content, auth: auth, paddingLength: paddingLength, key: kn.key,
            nonce: kn.nonce.xoringPrefix(guardBytes), senderData: senderData.tlsEncoded)
        secretTree = tree
        return message
    }

    /// ``MessageProtector``'s protect: the next generation of the matching ratchet and a random reuse guard.
    public mutating func protect(
        body: ContentBody, authenticatedData: [UInt8], senderLeaf: UInt32, signaturePrivateKey: SecretBytes,
        confirmationTag: [UInt8]?, paddingLength: Int
    ) throws(MLSError) -> PrivateMessage {
        try protect(
            body: body, authenticatedData: authenticatedData, senderLeaf: senderLeaf,
            signaturePrivateKey: signaturePrivateKey, confirmationTag: confirmationTag, paddingLength: paddingLength,
            reuseGuard: nil, generation: nil)
    }

    /// Decrypts and verifies a PrivateMessage; the used key is deleted only on success. Group, epoch, the
    /// sender data and its sender's signature key are checked before the secret tree is touched. The result's
    /// key selection is the sender data's generation (RFC 9420 section 6.3.2); all of `authenticated_data`
    /// is the application's.
    public mutating func unprotect(
        _ message: PrivateMessage, signaturePublicKey: (UInt32) -> [UInt8]?
    ) throws(MLSError) -> OpenedMessage {
        let senderBytes = try epoch.openSenderData(message)
        let senderData = try decoding { () throws(CodecError) in try SenderData(tlsDecoding: senderBytes) }
        guard senderData.leafIndex < secretTree.tree.leafCount else {
            throw MLSError.leafOutOfRange(leaf: senderData.leafIndex, leafCount: secretTree.tree.leafCount)
        }
        guard signaturePublicKey(senderData.leafIndex) != nil else {
            throw MLSError.unknownSender(leaf: senderData.leafIndex)
        }
        var tree = secretTree
        let type: RatchetType = message.contentType == .application ? .application : .handshake
        let kn = try tree.consumeKey(leaf: senderData.leafIndex, type: type, generation: senderData.generation)
        let (content, auth) = try epoch.openPrivateContent(
            message, leaf: senderData.leafIndex, key: kn.key, nonce: kn.nonce.xoringPrefix(senderData.reuseGuard),
            signaturePublicKey: signaturePublicKey)
        secretTree = tree
        return OpenedMessage(
            content: content, auth: auth, applicationAuthenticatedData: message.authenticatedData,
            keySelection: .generation(senderData.generation))
    }
}
