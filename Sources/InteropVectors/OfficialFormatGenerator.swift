import MLSCore
import MLSCrypto
import RFC9420Vectors

/// `pprf vectors generate --format rfc9420`: our RFC 9420 implementation writes `crypto-basics.json`,
/// `secret-tree.json` and `message-protection.json` for
/// suites 1, 2, 3, 5 and 7 in the official mlswg/mls-implementations format, from the same labelled
/// generator as our own vectors. ECDSA signatures (suites 2, 5, 7) and HPKE's ephemeral keys are random, so
/// those fields differ between runs. Each file is an array of its `RFC9420Vectors` model (the type
/// `pprf vectors verify` reads back), written by JSONSupport's writer.
public enum OfficialFormatGenerator {
    /// (file name, contents) of the three files.
    public static func generate() throws -> [(String, String)] {
        [
            ("crypto-basics.json", try VectorJSON.encode(try cryptoBasics()).rendered()),
            ("secret-tree.json", try VectorJSON.encode(try secretTree()).rendered()),
            ("message-protection.json", try VectorJSON.encode(try messageProtection()).rendered()),
        ]
    }

    static func hex(_ s: SecretBytes) -> HexBytes { HexBytes(exportedFromSecret: s) }

    /// A length that is at most KDF.Nh (64 bytes) as the `uint16` the models hold.
    static func length(_ suite: CipherSuite) -> UInt16 { UInt16(clamping: suite.nh) }

    // MARK: crypto-basics

    static func cryptoBasics() throws -> [CryptoBasicsVector] {
        let rng = try VectorRNG(file: "rfc9420/crypto-basics.json")
        return try CipherSuite.supported.map { try cryptoBasicsEntry($0, rng: rng) }
    }

    /// One suite's entry. Every input comes from its own label, so the parts are independent of one another's
    /// order.
    static func cryptoBasicsEntry(_ suite: CipherSuite, rng: VectorRNG) throws -> CryptoBasicsVector {
        let l = "suite \(suite.id)"
        let secret = try rng.secret("\(l)/secret", suite.nh)
        let context = try rng.bytes("\(l)/context", suite.nh)
        return CryptoBasicsVector(
            cipherSuite: suite.id,
            refHash: try refHash(suite, value: try rng.bytes("\(l)/ref_hash/value", suite.nh)),
            expandWithLabel: try expandWithLabel(suite, secret: secret, context: context),
            deriveSecret: try deriveSecret(suite, secret: secret),
            deriveTreeSecret: try deriveTreeSecret(suite, secret: secret),
            signWithLabel: try signWithLabel(suite, rng: rng, label: l),
            encryptWithLabel: try encryptWithLabel(suite, rng: rng, label: l, context: context))
    }

    /// crypto-basics `ref_hash`: RFC 9420 section 5.2, `RefHash("RefHash", value)`.
    static func refHash(_ suite: CipherSuite, value: [UInt8]) throws -> CryptoBasicsVector.RefHash {
        .init(
            label: "RefHash", value: HexBytes(value),
            out: HexBytes(try suite.refHash(label: "RefHash", value: value)))
    }

    /// crypto-basics `expand_with_label`: RFC 9420 section 5.1, Nh bytes.
    static func expandWithLabel(_ suite: CipherSuite, secret: SecretBytes, context: [UInt8]) throws
        -> CryptoBasicsVector.ExpandWithLabel
    {
        let out = try suite.expandWithLabel(secret, label: "ExpandWithLabel", context: context, length: suite.nh)
        return .init(
            secret: hex(secret), label: "ExpandWithLabel", context: HexBytes(context), length: length(suite),
            out: hex(out))
    }

    /// crypto-basics `derive_secret`: RFC 9420 section 5.1.
    static func deriveSecret(_ suite: CipherSuite, secret: SecretBytes) throws -> CryptoBasicsVector.DeriveSecret {
        .init(
            secret: hex(secret), label: "DeriveSecret", out: hex(try suite.deriveSecret(secret, label: "DeriveSecret")))
    }

    /// crypto-basics `derive_tree_secret`: RFC 9420 section 9.1, at generation 0xA0A0A0A0.
    static func deriveTreeSecret(_ suite: CipherSuite, secret: SecretBytes) throws
        -> CryptoBasicsVector.DeriveTreeSecret
    {
        let generation: UInt32 = 0xA0A0_A0A0
        let out = try suite.deriveTreeSecret(
            secret, label: "DeriveTreeSecret", generation: generation, length: suite.nh)
        return .init(
            secret: hex(secret), label: "DeriveTreeSecret", generation: generation, length: length(suite),
            out: hex(out))
    }

    /// crypto-basics `sign_with_label`: RFC 9420 section 5.1.2 (random for ECDSA suites).
    static func signWithLabel(_ suite: CipherSuite, rng: VectorRNG, label l: String) throws
        -> CryptoBasicsVector.SignWithLabel
    {
        let priv = try rng.signatureKey("\(l)/sign/priv", scheme: suite.signature)
        let content = try rng.bytes("\(l)/sign/content", suite.nh)
        return .init(
            priv: hex(priv), pub: HexBytes(try suite.signature.publicKey(for: priv)), content: HexBytes(content),
            label: "SignWithLabel",
            signature: HexBytes(try suite.signWithLabel(privateKey: priv, label: "SignWithLabel", content: content)))
    }

    /// crypto-basics `encrypt_with_label`: RFC 9420 section 5.1.3, HPKE to a key pair derived from the
    /// generator (the ephemeral key is random).
    static func encryptWithLabel(_ suite: CipherSuite, rng: VectorRNG, label l: String, context: [UInt8]) throws
        -> CryptoBasicsVector.EncryptWithLabel
    {
        let keys = try suite.kem.deriveKeyPair(ikm: try rng.secret("\(l)/hpke", suite.nh))
        let plaintext = try rng.bytes("\(l)/plaintext", suite.nh)
        let sealed = try suite.encryptWithLabel(
            publicKey: keys.publicKey, label: "EncryptWithLabel", context: context, plaintext: plaintext)
        return .init(
            priv: hex(keys.privateKey), pub: HexBytes(keys.publicKey), label: "EncryptWithLabel",
            context: HexBytes(context), plaintext: HexBytes(plaintext), kemOutput: HexBytes(sealed.kemOutput),
            ciphertext: HexBytes(sealed.ciphertext))
    }

    // MARK: secret-tree

    static func secretTree() throws -> [SecretTreeVector] {
        let rng = try VectorRNG(file: "rfc9420/secret-tree.json")
        var entries: [SecretTreeVector] = []
        for suite in CipherSuite.supported {
            for n in [1, 8, 32] { entries.append(try secretTreeEntry(suite, leafCount: UInt32(n), rng: rng)) }
        }
        return entries
    }

    /// One suite's tree of `leafCount` leaves: generations 0 and 15 of both ratchets at every leaf.
    static func secretTreeEntry(_ suite: CipherSuite, leafCount n: UInt32, rng: VectorRNG) throws
        -> SecretTreeVector
    {
        let l = "suite \(suite.id) n=\(n)"
        let senderData = try senderData(suite, rng: rng, label: l)
        let encryption = try rng.secret("\(l)/encryption_secret", suite.nh)
        var tree = try SecretTree(suite: suite, encryptionSecret: encryption, leafCount: n)
        var leaves: [[SecretTreeVector.Generation]] = []
        for leaf in 0..<n {
            leaves.append(try [UInt32(0), 15].map { try generation($0, leaf: leaf, of: &tree) })
        }
        return SecretTreeVector(
            cipherSuite: suite.id, senderData: senderData, encryptionSecret: hex(encryption), leaves: leaves)
    }

    /// The sender-data key and nonce of a 77-byte ciphertext (RFC 9420 section 6.3.2).
    static func senderData(_ suite: CipherSuite, rng: VectorRNG, label l: String) throws
        -> SecretTreeVector.SenderData
    {
        let senderDataSecret = try rng.secret("\(l)/sender_data_secret", suite.nh)
        let ciphertext = try rng.bytes("\(l)/ciphertext", 77)
        let epoch = try EpochContext(
            suite: suite,
            groupContext: GroupContext(
                cipherSuite: suite.id, groupID: [], epoch: 0, treeHash: [], confirmedTranscriptHash: []),
            senderDataSecret: senderDataSecret, membershipKey: nil)
        let (key, nonce) = try epoch.senderDataKeyNonce(ciphertext: ciphertext)
        return .init(
            senderDataSecret: hex(senderDataSecret), ciphertext: HexBytes(ciphertext), key: hex(key),
            nonce: hex(nonce))
    }

    /// Both ratchets of `leaf` at `generation` (consumed, as a receiver would).
    static func generation(_ generation: UInt32, leaf: UInt32, of tree: inout SecretTree) throws
        -> SecretTreeVector.Generation
    {
        let hs = try tree.consumeKey(leaf: leaf, type: .handshake, generation: generation)
        let app = try tree.consumeKey(leaf: leaf, type: .application, generation: generation)
        return .init(
            generation: generation, applicationKey: hex(app.key), applicationNonce: hex(app.nonce),
            handshakeKey: hex(hs.key), handshakeNonce: hex(hs.nonce))
    }

    // MARK: message-protection

    static func messageProtection() throws -> [MessageProtectionVector] {
        let rng = try VectorRNG(file: "rfc9420/message-protection.json")
        return try CipherSuite.supported.map { try MessageProtectionFixture(suite: $0, rng: rng).vector() }
    }
}

/// One suite's message-protection entry: the epoch, the sender's key and the three messages, protected by
/// leaf 1 of a two-leaf group at epoch 0x121212.
struct MessageProtectionFixture {
    let suite: CipherSuite
    let rng: VectorRNG
    let label: String
    let context: GroupContext
    let signaturePriv: SecretBytes
    let encryptionSecret: SecretBytes
    let senderDataSecret: SecretBytes
    let membershipKey: SecretBytes
    let epoch: EpochContext

    init(suite: CipherSuite, rng: VectorRNG) throws {
        let l = "suite \(suite.id)"
        self.suite = suite
        self.rng = rng
        self.label = l
        context = GroupContext(
            cipherSuite: suite.id, groupID: try rng.bytes("\(l)/group_id", suite.nh), epoch: 0x121212,
            treeHash: try rng.bytes("\(l)/tree_hash", suite.nh),
            confirmedTranscriptHash: try rng.bytes("\(l)/confirmed_transcript_hash", suite.nh))
        signaturePriv = try rng.signatureKey("\(l)/signature_priv", scheme: suite.signature)
        encryptionSecret = try rng.secret("\(l)/encryption_secret", suite.nh)
        senderDataSecret = try rng.secret("\(l)/sender_data_secret", suite.nh)
        membershipKey = try rng.secret("\(l)/membership_key", suite.nh)
        epoch = try EpochContext(
            suite: suite, groupContext: context, senderDataSecret: senderDataSecret, membershipKey: membershipKey)
    }

    /// The entry: one sender protects the proposal, the commit and the application message in that order
    /// (its ratchet advances), each PrivateMessage with its own labelled reuse guard.
    func vector() throws -> MessageProtectionVector {
        let proposal = Proposal.remove(leaf: 2)
        let commit = Commit(proposals: [proposal])
        let application = try rng.bytes("\(label)/application", 42)
        let tag = try rng.bytes("\(label)/confirmation_tag", suite.nh)
        var sender = try RFC9420MessageProtector(epoch: epoch, encryptionSecret: encryptionSecret, leafCount: 2)
        let proposalPriv = try privateForm(.proposal(proposal), nil, "proposal", sender: &sender)
        let commitPriv = try privateForm(.commit(commit), tag, "commit", sender: &sender)
        let applicationPriv = try privateForm(.application(application), nil, "application", sender: &sender)
        return MessageProtectionVector(
            cipherSuite: suite.id, groupId: HexBytes(context.groupID), epoch: context.epoch,
            treeHash: HexBytes(context.treeHash), confirmedTranscriptHash: HexBytes(context.confirmedTranscriptHash),
            signaturePriv: HexBytes(exportedFromSecret: signaturePriv),
            signaturePub: HexBytes(try suite.signature.publicKey(for: signaturePriv)),
            encryptionSecret: HexBytes(exportedFromSecret: encryptionSecret),
            senderDataSecret: HexBytes(exportedFromSecret: senderDataSecret),
            membershipKey: HexBytes(exportedFromSecret: membershipKey), proposal: HexBytes(proposal.tlsEncoded),
            proposalPriv: proposalPriv, proposalPub: try publicForm(.proposal(proposal), nil),
            commit: HexBytes(commit.tlsEncoded), commitPriv: commitPriv,
            commitPub: try publicForm(.commit(commit), tag),
            application: HexBytes(application), applicationPriv: applicationPriv)
    }

    /// `body` as an MLSMessage holding a PrivateMessage (RFC 9420 section 6.3).
    func privateForm(
        _ body: ContentBody, _ confirmationTag: [UInt8]?, _ name: String, sender: inout RFC9420MessageProtector
    ) throws -> HexBytes {
        let message = try sender.protect(
            body: body, senderLeaf: 1, signaturePrivateKey: signaturePriv, confirmationTag: confirmationTag,
            reuseGuard: try rng.bytes("\(label)/\(name)/reuse_guard", 4))
        return HexBytes(MLSMessage.privateMessage(message).tlsEncoded)
    }

    /// `body` as an MLSMessage holding a PublicMessage (RFC 9420 section 6.2).
    func publicForm(_ body: ContentBody, _ confirmationTag: [UInt8]?) throws -> HexBytes {
        let message = try epoch.protectPublic(
            body: body, authenticatedData: [], senderLeaf: 1, signaturePrivateKey: signaturePriv,
            confirmationTag: confirmationTag)
        return HexBytes(MLSMessage.publicMessage(message).tlsEncoded)
    }
}
