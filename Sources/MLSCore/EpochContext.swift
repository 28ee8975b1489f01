import MLSCrypto

/// What every member holds for framing messages in one epoch (RFC 9420 sections 6 and 8): the cipher
/// suite, the GroupContext and the secrets used for sender data and membership tags.
public struct EpochContext: Sendable {
    /// The cipher suite.
    public let suite: CipherSuite
    /// The epoch's GroupContext; group id and epoch of messages are checked against it.
    public let groupContext: GroupContext
    /// `sender_data_secret`.
    public let senderDataSecret: SecretBytes
    /// `membership_key`, needed only for PublicMessages.
    public let membershipKey: SecretBytes?

    /// Bundles the epoch's framing inputs. Both secrets are KDF.Nh bytes, as the key schedule derives them
    /// (RFC 9420 section 8); any other length throws ``MLSError/wrongSecretLength(name:expected:actual:)``.
    /// So does a GroupContext whose `cipher_suite` is not `suite`.
    public init(
        suite: CipherSuite, groupContext: GroupContext, senderDataSecret: SecretBytes, membershipKey: SecretBytes?
    ) throws(MLSError) {
        try Self.checkLength(senderDataSecret, name: "sender_data_secret", suite: suite)
        if let membershipKey { try Self.checkLength(membershipKey, name: "membership_key", suite: suite) }
        guard groupContext.cipherSuite == suite.id else {
            throw MLSError.cipherSuiteMismatch(suite: suite.id, groupContext: groupContext.cipherSuite)
        }
        self.suite = suite
        self.groupContext = groupContext
        self.senderDataSecret = senderDataSecret
        self.membershipKey = membershipKey
    }

    /// Throws ``MLSError/wrongSecretLength(name:expected:actual:)`` unless `secret` has KDF.Nh bytes.
    public static func checkLength(_ secret: SecretBytes, name: String, suite: CipherSuite) throws(MLSError) {
        guard secret.count == suite.nh else {
            throw MLSError.wrongSecretLength(name: name, expected: suite.nh, actual: secret.count)
        }
    }

    /// Checks that `groupID` and `epoch` name this epoch (RFC 9420 section 6.3.2: the first checks a receiver
    /// makes, before any key is derived).
    public func checkEpoch(groupID: [UInt8], epoch: UInt64) throws(MLSError) {
        guard groupID == groupContext.groupID else { throw MLSError.wrongGroup }
        guard epoch == groupContext.epoch else {
            throw MLSError.wrongEpoch(expected: groupContext.epoch, actual: epoch)
        }
    }

    /// Signs content as RFC 9420 section 6.1 defines: `SignWithLabel(., "FramedContentTBS", FramedContentTBS)`.
    public func sign(
        _ content: FramedContent, wireFormat: WireFormat, privateKey: SecretBytes, confirmationTag: [UInt8]?
    ) throws(MLSError) -> FramedContentAuthData {
        let tbs = content.toBeSigned(wireFormat: wireFormat, groupContext: groupContext)
        let signature = try suite.signWithLabel(privateKey: privateKey, label: "FramedContentTBS", content: tbs)
        return FramedContentAuthData(signature: signature, confirmationTag: confirmationTag)
    }

    /// Verifies content's signature; throws ``MLSError/invalidSignature`` when it does not verify.
    func verify(
        _ content: FramedContent, auth: FramedContentAuthData, wireFormat: WireFormat, publicKey: [UInt8]
    ) throws(MLSError) {
        let tbs = content.toBeSigned(wireFormat: wireFormat, groupContext: groupContext)
        let valid: Bool
        do {
            valid = try suite.verifyWithLabel(
                publicKey: publicKey, label: "FramedContentTBS", content: tbs, signature: auth.signature)
        } catch .crypto(.malformedSignature) {
            valid = false
        }
        guard valid else { throw MLSError.invalidSignature }
    }

    /// The sender-data key and nonce: `ExpandWithLabel(sender_data_secret, "key" | "nonce", ciphertext_sample,
    /// AEAD.Nk | AEAD.Nn)` with the sample the first KDF.Nh bytes of the content ciphertext (RFC 9420 6.3.2).
    public func senderDataKeyNonce(ciphertext: [UInt8]) throws(MLSError) -> (key: SecretBytes, nonce: SecretBytes) {
        let sample = Array(ciphertext.prefix(suite.nh))
        return (
            try suite.expandWithLabel(senderDataSecret, label: "key", context: sample, length: suite.nk),
            try suite.expandWithLabel(senderDataSecret, label: "nonce", context: sample, length: suite.nn)
        )
    }

    /// Encrypts content and sender data into a PrivateMessage (RFC 9420 section 6.3) with a ready key and
    /// nonce; shared by the RFC 9420 and the PPRF modes, which differ only in where the key, the nonce and
    /// the sender data come from.
    public func sealPrivate(
        content: FramedContent, auth: FramedContentAuthData, paddingLength: Int, key: SecretBytes, nonce: SecretBytes,
        senderData: [UInt8]
    ) throws(MLSError) -> PrivateMessage {
        guard (0...PrivateMessageContent.maxPaddingLength).contains(paddingLength) else {
            throw MLSError.invalidPaddingLength(paddingLength, limit: PrivateMessageContent.maxPaddingLength)
        }
        var message = PrivateMessage(
            groupID: content.groupID, epoch: content.epoch, contentType: content.body.contentType,
            authenticatedData: content.authenticatedData, encryptedSenderData: [], ciphertext: [])
        let plaintext = PrivateMessageContent(body: content.body, auth: auth, paddingLength: paddingLength).encoded
        message.ciphertext = try crypto { () throws(CryptoError) in
            try suite.aead.seal(key: key, nonce: nonce, aad: message.contentAAD, plaintext: plaintext)
        }
        let (sdKey, sdNonce) = try senderDataKeyNonce(ciphertext: message.ciphertext)
        message.encryptedSenderData = try crypto { () throws(CryptoError) in
            try suite.aead.seal(key: sdKey, nonce: sdNonce, aad: message.senderDataAAD, plaintext: senderData)
        }
        return message
    }

    /// Decrypts a PrivateMessage's sender data (RFC 9420 section 6.3.2), after checking group and epoch.
    public func openSenderData(_ message: PrivateMessage) throws(MLSError) -> [UInt8] {
        try checkEpoch(groupID: message.groupID, epoch: message.epoch)
        let (sdKey, sdNonce) = try senderDataKeyNonce(ciphertext: message.ciphertext)
        return try crypto { () throws(CryptoError) in
            try suite.aead.open(
                key: sdKey, nonce: sdNonce, aad: message.senderDataAAD, ciphertext: message.encryptedSenderData)
        }
    }

    /// Decrypts the content with a ready key and nonce, parses it and verifies the signature of the sender
    /// at `leaf` (RFC 9420 section 6.3.1 and 6.1).
    public func openPrivateContent(
        _ message: PrivateMessage, leaf: UInt32, key: SecretBytes, nonce: SecretBytes,
        signaturePublicKey: (UInt32) -> [UInt8]?
    ) throws(MLSError) -> (FramedContent, FramedContentAuthData) {
        let plaintext = try crypto { () throws(CryptoError) in
            try suite.aead.open(key: key, nonce: nonce, aad: message.contentAAD, ciphertext: message.ciphertext)
        }
        let decoded = try decoding { () throws(CodecError) in
            try PrivateMessageContent(type: message.contentType, decrypted: plaintext)
        }
        let content = FramedContent(
            groupID: message.groupID, epoch: message.epoch, sender: .member(leaf),
            authenticatedData: message.authenticatedData, body: decoded.body)
        guard let publicKey = signaturePublicKey(leaf) else { throw MLSError.unknownSender(leaf: leaf) }
        try verify(content, auth: decoded.auth, wireFormat: .privateMessage, publicKey: publicKey)
        return (content, decoded.auth)
    }

    /// Frames, signs and MACs a PublicMessage from a member (RFC 9420 section 6.2). Application data is
    /// refused: it must be encrypted.
    public func protectPublic(
        body: ContentBody, authenticatedData: [UInt8], senderLeaf: UInt32, signaturePrivateKey: SecretBytes,
        confirmationTag: [UInt8]? = nil
    ) throws(MLSError) -> PublicMessage {
        guard body.contentType != .application else {
            throw MLSError.contentTypeNotAllowed(ContentType.application.rawValue)
        }
        let content = FramedContent(
            groupID: groupContext.groupID, epoch: groupContext.epoch, sender: .member(senderLeaf),
            authenticatedData: authenticatedData, body: body)
        let auth = try sign(
            content, wireFormat: .publicMessage, privateKey: signaturePrivateKey, confirmationTag: confirmationTag)
        return PublicMessage(content: content, auth: auth, membershipTag: try membershipTag(content, auth: auth))
    }

    /// Verifies a member's PublicMessage: group, epoch, content type, membership tag and signature.
    public func verifyPublic(_ message: PublicMessage, signaturePublicKey: (UInt32) -> [UInt8]?) throws(MLSError)
        -> FramedContent
    {
        let content = message.content
        try checkEpoch(groupID: content.groupID, epoch: content.epoch)
        guard content.body.contentType != .application else {
            throw MLSError.contentTypeNotAllowed(ContentType.application.rawValue)
        }
        guard case .member(let leaf) = content.sender else {
            throw MLSError.senderTypeNotAllowed(content.sender.typeValue)
        }
        let expected = try membershipTag(content, auth: message.auth)
        guard let tag = message.membershipTag, tag.count == expected.count,
            SecretBytes(copying: tag) == SecretBytes(copying: expected)
        else { throw MLSError.invalidMembershipTag }
        guard let publicKey = signaturePublicKey(leaf) else { throw MLSError.unknownSender(leaf: leaf) }
        try verify(content, auth: message.auth, wireFormat: .publicMessage, publicKey: publicKey)
        return content
    }

    /// `membership_tag = MAC(membership_key, AuthenticatedContentTBM)` (RFC 9420 section 6.2).
    func membershipTag(_ content: FramedContent, auth: FramedContentAuthData) throws(MLSError) -> [UInt8] {
        guard let membershipKey else { throw MLSError.invalidMembershipTag }
        var w = TLSWriter()
        w.writeRaw(content.toBeSigned(wireFormat: .publicMessage, groupContext: groupContext))
        auth.encode(to: &w)
        return try suite.mac(key: membershipKey, data: w.bytes)
    }
}
