import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// `Vectors/pprf-message-protection.json`: sequences of PPRF-keyed PrivateMessages from two senders to one
/// receiver, with every intermediate value a receiver computes (SPEC.md sections 1, 4-7).
///
/// ECDSA signatures (suites 2, 5, 7) are randomised by swift-crypto, so those entries' `signature`,
/// `private_message_content`, `sender_data_key`, `sender_data_nonce` and `private_message` differ between
/// runs (the entry says `"signatures": "not reproducible"`); every other field, and every Ed25519 entry, is
/// reproducible byte for byte.
public enum PPRFMessageVectors {
    /// The file name.
    public static let fileName = "pprf-message-protection.json"
    /// (suite, profile) pairs covered by default.
    static let pairs: [(UInt16, PRGProfile)] =
        [1, 2, 3, 5, 7].map { ($0, PRGProfile.mls) } + [1, 2, 3].map { ($0, PRGProfile.blake2b) }
        + [1, 3].map { ($0, PRGProfile.cbst) }
    /// Challenge lengths covered by default: 13 (three unused bits in its last byte), 64, 96 (the reuse
    /// guard's 32 bits less than a 128-bit design; twelve bytes) and 256 (the draft's).
    static let depths = [13, 64, 96, 256]
    /// Messages per sequence by default: application, proposal, commit, application, application.
    static let defaultCount = 5
    /// Fields that ECDSA's randomised signatures change between runs.
    public static let randomisedByECDSA = [
        "signature", "private_message_content", "sender_data_key", "sender_data_nonce", "private_message",
    ]

    /// The default (suite, profile, b) triples.
    static var defaults: [(UInt16, PRGProfile, Int)] { pairs.flatMap { p in depths.map { (p.0, p.1, $0) } } }

    /// Generates every entry of the committed file (`options` ``GeneratorOptions/committed``) or of a user's.
    public static func generate(_ options: GeneratorOptions = .committed) throws -> JSONValue {
        let rng = try options.rng(file: fileName)
        var entries: [JSONValue] = []
        for (suiteID, profile, b) in options.configurations(defaults) {
            entries.append(
                try entry(
                    suiteID: suiteID, profile: profile, bits: b, count: options.count ?? defaultCount, rng: rng))
        }
        return .array(entries)
    }

    static func entry(suiteID: UInt16, profile: PRGProfile, bits b: Int, count: Int, rng: VectorRNG) throws
        -> JSONValue
    {
        let label = "suite \(suiteID) \(profile) b=\(b)"
        let group = try MessageGroup(suiteID: suiteID, profile: profile, bits: b, label: label, rng: rng)
        let senders = try Dictionary(uniqueKeysWithValues: group.senders.map { ($0.leaf, try group.member()) })
        let receiver = try group.member()
        let tree = try PPRF(
            secret: group.encryptionSecret, suite: group.suite,
            parameters: PPRFParameters(challengeBits: b, profile: profile))
        var used = Set<Challenge>()
        var messages: [JSONValue] = []
        for i in 0..<count {
            let plan = try group.planned(i, label: label, rng: rng)
            let x = try group.challenge("\(label)/message \(i)", rng: rng, avoiding: used)
            used.insert(x)
            guard let sender = senders[plan.senderLeaf], let key = group.privateKey(plan.senderLeaf) else {
                throw FieldMismatch(field: "sender_leaf")  // cannot happen: the plan names leaves 1 and 3
            }
            let message = try sender.protect(
                body: plan.body, authenticatedData: plan.authenticatedData, senderLeaf: plan.senderLeaf,
                signaturePrivateKey: key, confirmationTag: plan.confirmationTag, paddingLength: plan.padding,
                challenge: x)
            let opened = try receiver.unprotect(message, signaturePublicKey: group.publicKey)
            var fields: [(String, JSONValue)] = [
                ("sender_leaf", .int(Int64(plan.senderLeaf))),
                ("content_type", .string(Self.name(plan.body.contentType))),
                ("content", .hex(MessageGroup.contentBytes(plan.body))),
                ("authenticated_data", .hex(plan.authenticatedData)), ("challenge", .hex(x.bytes)),
                ("padding", .int(Int64(plan.padding))),
                ("confirmation_tag", plan.confirmationTag.map { JSONValue.hex($0) } ?? JSONValue.null),
            ]
            fields += try intermediates(group, tree: tree, message: message, opened: opened, plan: plan)
            fields += [
                ("private_message", .hex(MLSMessage.privateMessage(message).tlsEncoded)),
                ("stored_nodes_after", .int(Int64(receiver.state.storedNodeCount))),
            ]
            messages.append(.object(fields))
        }
        return .object(
            group.contextFields + [
                (
                    "signatures",
                    .string(group.suite.signature == .ed25519 ? "reproducible" : "not reproducible")
                ),
                (
                    "senders",
                    .array(
                        group.senders.map { s in
                            .object([
                                ("leaf", .int(Int64(s.leaf))),
                                ("signature_priv", .hex(s.priv.exportedForTestVectors())),
                                ("signature_pub", .hex(s.pub)),
                            ])
                        })
                ),
                ("messages", .array(messages)),
            ])
    }

    /// The values a receiver computes, in its order (Vectors/README.md, "Debugging your implementation"),
    /// recomputed here from `ChallengeKeys` and MLSCore rather than read out of the protector.
    static func intermediates(
        _ group: MessageGroup, tree: PPRF, message: PrivateMessage, opened: OpenedMessage,
        plan: MessageGroup.Planned
    ) throws -> [(String, JSONValue)] {
        let suite = group.suite
        let type = ChallengeKeys.ratchetType(for: message.contentType)
        guard let challenge = opened.challenge else { throw FieldMismatch(field: "challenge") }
        let leaf = try tree.evaluate(at: challenge)
        let ratchet: JSONValue =
            group.profile == .cbst
            ? .null
            : .hex(
                try suite.expandWithLabel(leaf, label: type.rawValue, context: [], length: suite.nh)
                    .exportedForTestVectors())
        let keys = try ChallengeKeys.derive(suite: suite, leafSecret: leaf, type: type, profile: group.profile)
        let (sdKey, sdNonce) = try group.epoch.senderDataKeyNonce(ciphertext: message.ciphertext)
        let plaintext = PrivateMessageContent(body: opened.content.body, auth: opened.auth, paddingLength: plan.padding)
        return [
            ("leaf_secret", .hex(leaf.exportedForTestVectors())), ("ratchet_secret", ratchet),
            ("key", .hex(keys.key.exportedForTestVectors())), ("nonce", .hex(keys.nonce.exportedForTestVectors())),
            (
                "framed_content_tbs",
                .hex(opened.content.toBeSigned(wireFormat: .privateMessage, groupContext: group.context))
            ),
            ("signature", .hex(opened.auth.signature)),
            ("private_message_content", .hex(plaintext.encoded)),
            ("private_content_aad", .hex(message.contentAAD)),
            ("sender_data", .hex(PPRFSenderData(leafIndex: plan.senderLeaf).tlsEncoded)),
            ("sender_data_aad", .hex(message.senderDataAAD)),
            ("sender_data_key", .hex(sdKey.exportedForTestVectors())),
            ("sender_data_nonce", .hex(sdNonce.exportedForTestVectors())),
        ]
    }

    /// `application`, `proposal` or `commit`.
    static func name(_ type: ContentType) -> String {
        switch type {
        case .application: "application"
        case .proposal: "proposal"
        case .commit: "commit"
        }
    }

    /// The content type a vector names.
    static func contentType(_ name: String) -> ContentType? {
        [ContentType.application, .proposal, .commit].first { Self.name($0) == name }
    }
}
