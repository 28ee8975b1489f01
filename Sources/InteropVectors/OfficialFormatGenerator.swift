import MLSCore
import MLSCrypto

/// `pprf vectors generate --format rfc9420`: our RFC 9420 implementation writes `crypto-basics.json`,
/// `secret-tree.json` and `message-protection.json` for
/// suites 1, 2, 3, 5 and 7 in the official mlswg/mls-implementations format, from the same labelled
/// generator as our own vectors. ECDSA signatures (suites 2, 5, 7) and HPKE's ephemeral keys are random, so
/// those fields differ between runs.
public enum OfficialFormatGenerator {
    /// (file name, contents) of the three files.
    public static func generate() throws -> [(String, String)] {
        [
            ("crypto-basics.json", try cryptoBasics().rendered()),
            ("secret-tree.json", try secretTree().rendered()),
            ("message-protection.json", try messageProtection().rendered()),
        ]
    }

    static func hex(_ s: SecretBytes) -> JSONValue { .hex(s.exportedForTestVectors()) }

    static func cryptoBasics() throws -> JSONValue {
        let rng = try VectorRNG(file: "rfc9420/crypto-basics.json")
        return .array(
            try CipherSuite.supported.map { suite in
                // Every input comes from its own label, so the parts are independent of one another's order.
                let l = "suite \(suite.id)"
                let secret = try rng.secret("\(l)/secret", suite.nh)
                let context = try rng.bytes("\(l)/context", suite.nh)
                return .object([
                    ("cipher_suite", .int(Int64(suite.id))),
                    ("ref_hash", try refHash(suite, value: try rng.bytes("\(l)/ref_hash/value", suite.nh))),
                    ("expand_with_label", try expandWithLabel(suite, secret: secret, context: context)),
                    ("derive_secret", try deriveSecret(suite, secret: secret)),
                    ("derive_tree_secret", try deriveTreeSecret(suite, secret: secret)),
                    ("sign_with_label", try signWithLabel(suite, rng: rng, label: l)),
                    ("encrypt_with_label", try encryptWithLabel(suite, rng: rng, label: l, context: context)),
                ])
            })
    }

    /// crypto-basics `ref_hash`: RFC 9420 section 5.2, `RefHash("RefHash", value)`.
    static func refHash(_ suite: CipherSuite, value: [UInt8]) throws -> JSONValue {
        .object([
            ("label", .string("RefHash")), ("value", .hex(value)),
            ("out", .hex(try suite.refHash(label: "RefHash", value: value))),
        ])
    }

    /// crypto-basics `expand_with_label`: RFC 9420 section 5.1, Nh bytes.
    static func expandWithLabel(_ suite: CipherSuite, secret: SecretBytes, context: [UInt8]) throws -> JSONValue {
        let out = try suite.expandWithLabel(secret, label: "ExpandWithLabel", context: context, length: suite.nh)
        return .object([
            ("secret", hex(secret)), ("label", .string("ExpandWithLabel")), ("context", .hex(context)),
            ("length", .int(Int64(suite.nh))), ("out", hex(out)),
        ])
    }

    /// crypto-basics `derive_secret`: RFC 9420 section 5.1.
    static func deriveSecret(_ suite: CipherSuite, secret: SecretBytes) throws -> JSONValue {
        .object([
            ("secret", hex(secret)), ("label", .string("DeriveSecret")),
            ("out", hex(try suite.deriveSecret(secret, label: "DeriveSecret"))),
        ])
    }

    /// crypto-basics `derive_tree_secret`: RFC 9420 section 9.1, at generation 0xA0A0A0A0.
    static func deriveTreeSecret(_ suite: CipherSuite, secret: SecretBytes) throws -> JSONValue {
        let generation: UInt32 = 0xA0A0_A0A0
        let out = try suite.deriveTreeSecret(
            secret, label: "DeriveTreeSecret", generation: generation, length: suite.nh)
        return .object([
            ("secret", hex(secret)), ("label", .string("DeriveTreeSecret")),
            ("generation", .uint(UInt64(generation))), ("length", .int(Int64(suite.nh))), ("out", hex(out)),
        ])
    }

    /// crypto-basics `sign_with_label`: RFC 9420 section 5.1.2 (random for ECDSA suites).
    static func signWithLabel(_ suite: CipherSuite, rng: VectorRNG, label l: String) throws -> JSONValue {
        let priv = try rng.signatureKey("\(l)/sign/priv", scheme: suite.signature)
        let content = try rng.bytes("\(l)/sign/content", suite.nh)
        return .object([
            ("priv", hex(priv)), ("pub", .hex(try suite.signature.publicKey(for: priv))), ("content", .hex(content)),
            ("label", .string("SignWithLabel")),
            ("signature", .hex(try suite.signWithLabel(privateKey: priv, label: "SignWithLabel", content: content))),
        ])
    }

    /// crypto-basics `encrypt_with_label`: RFC 9420 section 5.1.3, HPKE to a key pair derived from the
    /// generator (the ephemeral key is random).
    static func encryptWithLabel(_ suite: CipherSuite, rng: VectorRNG, label l: String, context: [UInt8]) throws
        -> JSONValue
    {
        let keys = try suite.kem.deriveKeyPair(ikm: try rng.secret("\(l)/hpke", suite.nh))
        let plaintext = try rng.bytes("\(l)/plaintext", suite.nh)
        let sealed = try suite.encryptWithLabel(
            publicKey: keys.publicKey, label: "EncryptWithLabel", context: context, plaintext: plaintext)
        return .object([
            ("priv", hex(keys.privateKey)), ("pub", .hex(keys.publicKey)), ("label", .string("EncryptWithLabel")),
            ("context", .hex(context)), ("plaintext", .hex(plaintext)), ("kem_output", .hex(sealed.kemOutput)),
            ("ciphertext", .hex(sealed.ciphertext)),
        ])
    }

    static func secretTree() throws -> JSONValue {
        let rng = try VectorRNG(file: "rfc9420/secret-tree.json")
        var entries: [JSONValue] = []
        for suite in CipherSuite.supported {
            for n in [1, 8, 32] {
                let l = "suite \(suite.id) n=\(n)"
                let senderDataSecret = try rng.secret("\(l)/sender_data_secret", suite.nh)
                let ciphertext = try rng.bytes("\(l)/ciphertext", 77)
                let epoch = try EpochContext(
                    suite: suite,
                    groupContext: GroupContext(
                        cipherSuite: suite.id, groupID: [], epoch: 0, treeHash: [], confirmedTranscriptHash: []),
                    senderDataSecret: senderDataSecret, membershipKey: nil)
                let (key, nonce) = try epoch.senderDataKeyNonce(ciphertext: ciphertext)
                let encryption = try rng.secret("\(l)/encryption_secret", suite.nh)
                var tree = try SecretTree(suite: suite, encryptionSecret: encryption, leafCount: UInt32(n))
                var leaves: [JSONValue] = []
                for leaf in 0..<UInt32(n) {
                    var generations: [JSONValue] = []
                    for generation in [UInt32(0), 15] {
                        let hs = try tree.consumeKey(leaf: leaf, type: .handshake, generation: generation)
                        let app = try tree.consumeKey(leaf: leaf, type: .application, generation: generation)
                        generations.append(
                            .object([
                                ("generation", .uint(UInt64(generation))), ("application_key", hex(app.key)),
                                ("application_nonce", hex(app.nonce)), ("handshake_key", hex(hs.key)),
                                ("handshake_nonce", hex(hs.nonce)),
                            ]))
                    }
                    leaves.append(.array(generations))
                }
                entries.append(
                    .object([
                        ("cipher_suite", .int(Int64(suite.id))),
                        (
                            "sender_data",
                            .object([
                                ("sender_data_secret", hex(senderDataSecret)), ("ciphertext", .hex(ciphertext)),
                                ("key", hex(key)),
                                ("nonce", hex(nonce)),
                            ])
                        ),
                        ("encryption_secret", hex(encryption)), ("leaves", .array(leaves)),
                    ]))
            }
        }
        return .array(entries)
    }

    static func messageProtection() throws -> JSONValue {
        let rng = try VectorRNG(file: "rfc9420/message-protection.json")
        return .array(
            try CipherSuite.supported.map { suite in
                let l = "suite \(suite.id)"
                let context = GroupContext(
                    cipherSuite: suite.id, groupID: try rng.bytes("\(l)/group_id", suite.nh), epoch: 0x121212,
                    treeHash: try rng.bytes("\(l)/tree_hash", suite.nh),
                    confirmedTranscriptHash: try rng.bytes("\(l)/confirmed_transcript_hash", suite.nh))
                let priv = try rng.signatureKey("\(l)/signature_priv", scheme: suite.signature)
                let encryption = try rng.secret("\(l)/encryption_secret", suite.nh)
                let senderData = try rng.secret("\(l)/sender_data_secret", suite.nh)
                let membership = try rng.secret("\(l)/membership_key", suite.nh)
                let epoch = try EpochContext(
                    suite: suite, groupContext: context, senderDataSecret: senderData, membershipKey: membership)
                let proposal = Proposal.remove(leaf: 2)
                let commit = Commit(proposals: [proposal])
                let application = try rng.bytes("\(l)/application", 42)
                let tag = try rng.bytes("\(l)/confirmation_tag", suite.nh)
                var sender = try RFC9420MessageProtector(epoch: epoch, encryptionSecret: encryption, leafCount: 2)
                func privateForm(_ body: ContentBody, _ confirmationTag: [UInt8]?, _ label: String) throws -> JSONValue
                {
                    let message = try sender.protect(
                        body: body, senderLeaf: 1, signaturePrivateKey: priv, confirmationTag: confirmationTag,
                        reuseGuard: try rng.bytes("\(l)/\(label)/reuse_guard", 4))
                    return .hex(MLSMessage.privateMessage(message).tlsEncoded)
                }
                func publicForm(_ body: ContentBody, _ confirmationTag: [UInt8]?) throws -> JSONValue {
                    let message = try epoch.protectPublic(
                        body: body, authenticatedData: [], senderLeaf: 1, signaturePrivateKey: priv,
                        confirmationTag: confirmationTag)
                    return .hex(MLSMessage.publicMessage(message).tlsEncoded)
                }
                return .object([
                    ("cipher_suite", .int(Int64(suite.id))), ("group_id", .hex(context.groupID)),
                    ("epoch", .uint(context.epoch)),
                    ("tree_hash", .hex(context.treeHash)),
                    ("confirmed_transcript_hash", .hex(context.confirmedTranscriptHash)),
                    ("signature_priv", hex(priv)), ("signature_pub", .hex(try suite.signature.publicKey(for: priv))),
                    ("encryption_secret", hex(encryption)), ("sender_data_secret", hex(senderData)),
                    ("membership_key", hex(membership)),
                    ("proposal", .hex(proposal.tlsEncoded)),
                    ("proposal_priv", try privateForm(.proposal(proposal), nil, "proposal")),
                    ("proposal_pub", try publicForm(.proposal(proposal), nil)), ("commit", .hex(commit.tlsEncoded)),
                    ("commit_priv", try privateForm(.commit(commit), tag, "commit")),
                    ("commit_pub", try publicForm(.commit(commit), tag)),
                    ("application", .hex(application)),
                    ("application_priv", try privateForm(.application(application), nil, "application")),
                ])
            })
    }
}
