import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// `Vectors/pprf-reuse-guard.json`: PPRF-keyed PrivateMessages of groups with the reuse-guard option (SPEC.md
/// section 10, ours, not the draft's), with every intermediate value, and a forced challenge collision.
///
/// Each entry has three messages: `application`, `colliding` (another application message with the same
/// challenge and a different guard, which a receiver that accepted `application` must refuse with
/// `challenge_reused`) and `proposal`. ECDSA signatures (suites 2, 5, 7) are randomised by swift-crypto, so
/// those entries' `private_message` bytes differ between runs; every other field is reproducible.
public enum ReuseGuardMessageVectors {
    /// The file name.
    public static let fileName = "pprf-reuse-guard.json"
    /// (suite, profile) pairs covered.
    static let configurations: [(UInt16, PRGProfile)] =
        [1, 2, 3, 5, 7].map { ($0, PRGProfile.mls) } + [1, 2, 3].map { ($0, PRGProfile.blake2b) }
    /// Challenge lengths: one that is not a whole number of bytes, and 96 (the b a 2^-64 confidentiality
    /// target needs at 2^20 messages with the guard, against 128 without).
    static let challengeLengths = [13, 96]
    /// `options` values a decoder must refuse (every one sets a bit other than the reuse guard's).
    static let invalidOptions: [UInt8] = [0x02, 0x03, 0x80, 0xFF]
    /// The messages of an entry, in the order a receiver processes them.
    static let messageNames = ["application", "colliding", "proposal"]

    /// Generates every entry.
    public static func generate() throws -> JSONValue {
        let rng = try VectorRNG(file: fileName)
        var entries: [JSONValue] = []
        for (suiteID, profile) in configurations {
            let suite = try CipherSuite(id: suiteID)
            for b in challengeLengths {
                let label = "suite \(suiteID) \(profile) b=\(b)"
                let parameters = try PPRFParameters(challengeBits: b, profile: profile, reuseGuard: true)
                let context = GroupContext(
                    cipherSuite: suiteID, groupID: try rng.bytes("\(label)/group_id", 16), epoch: 0x343434,
                    treeHash: try rng.bytes("\(label)/tree_hash", suite.nh),
                    confirmedTranscriptHash: try rng.bytes("\(label)/confirmed_transcript_hash", suite.nh),
                    extensions: [parameters.groupContextExtension])
                let signing = try rng.signatureKey("\(label)/signature_priv", scheme: suite.signature)
                let encryption = try rng.secret("\(label)/encryption_secret", suite.nh)
                let senderDataSecret = try rng.secret("\(label)/sender_data_secret", suite.nh)
                let epoch = try EpochContext(
                    suite: suite, groupContext: context, senderDataSecret: senderDataSecret, membershipKey: nil)
                let sender = try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryption)
                let emulator = sender.copy()  // a second sender with the same state draws the same challenge
                let reference = try PPRF(
                    secret: encryption, suite: suite, parameters: PPRFParameters(challengeBits: b, profile: profile))
                var fields: [(String, JSONValue)] = [
                    ("cipher_suite", .int(Int64(suiteID))), ("profile", .string("\(profile)")),
                    ("challenge_bits", .int(Int64(b))), ("parameters", .hex(parameters.tlsEncoded)),
                    (
                        "invalid_parameters",
                        .array(invalidOptions.map { .hex(Array(parameters.tlsEncoded.prefix(2)) + [$0, 1]) })
                    ),
                    ("group_id", .hex(context.groupID)), ("epoch", .uint(context.epoch)),
                    ("tree_hash", .hex(context.treeHash)),
                    ("confirmed_transcript_hash", .hex(context.confirmedTranscriptHash)),
                    ("group_context", .hex(context.tlsEncoded)),
                    ("signature_priv", .hex(signing.exportedForTestVectors())),
                    ("signature_pub", .hex(try suite.signature.publicKey(for: signing))),
                    ("encryption_secret", .hex(encryption.exportedForTestVectors())),
                    ("sender_data_secret", .hex(senderDataSecret.exportedForTestVectors())), ("sender_leaf", .int(1)),
                ]
                var applicationChallenge: [UInt8] = []
                var applicationGuard: [UInt8] = []
                for name in messageNames {
                    let body: ContentBody =
                        name == "proposal"
                        ? .proposal(.remove(leaf: 2)) : .application(try rng.bytes("\(label)/\(name)/content", 37))
                    let aad = try rng.bytes("\(label)/\(name)/authenticated_data", name == "proposal" ? 0 : 3)
                    var challengeBytes = try rng.bytes("\(label)/\(name)/challenge", Challenge.byteCount(bits: b))
                    challengeBytes = Challenge.clearingUnusedBits(challengeBytes, bits: b)
                    challengeBytes[0] |= name == "proposal" ? 0x80 : 0
                    challengeBytes[0] &= name == "proposal" ? 0xFF : 0x7F  // distinct from the application's
                    var reuseGuard = try rng.bytes("\(label)/\(name)/reuse_guard", 4)
                    if name == "colliding" {
                        challengeBytes = applicationChallenge
                        if reuseGuard == applicationGuard { reuseGuard[3] ^= 1 }
                    }
                    let x = try Challenge(bytes: challengeBytes, challengeBits: b)
                    let padding = name == "application" ? 4 : 0
                    let message = try (name == "colliding" ? emulator : sender).protect(
                        body: body, authenticatedData: aad, senderLeaf: 1, signaturePrivateKey: signing,
                        paddingLength: padding, challenge: x, reuseGuard: reuseGuard)
                    if name == "application" { (applicationChallenge, applicationGuard) = (challengeBytes, reuseGuard) }
                    let leaf = try reference.evaluate(at: x)
                    let keys = try ChallengeKeys.derive(
                        suite: suite, leafSecret: leaf, type: ChallengeKeys.ratchetType(for: body.contentType),
                        profile: profile)
                    var object: [(String, JSONValue)] = [
                        ("content", .hex(Self.contentBytes(body))), ("authenticated_data", .hex(aad)),
                        ("challenge", .hex(x.bytes)), ("reuse_guard", .hex(reuseGuard)),
                        ("padding", .int(Int64(padding))),
                        ("leaf_secret", .hex(leaf.exportedForTestVectors())),
                        ("key", .hex(keys.key.exportedForTestVectors())),
                        ("nonce", .hex(keys.nonce.exportedForTestVectors())),
                        (
                            "guarded_nonce",
                            .hex(
                                try ChallengeKeys.guardedNonce(keys.nonce, reuseGuard: reuseGuard)
                                    .exportedForTestVectors())
                        ),
                        (
                            "sender_data",
                            .hex(try PPRFGuardedSenderData(leafIndex: 1, reuseGuard: reuseGuard).tlsEncoded)
                        ),
                        ("private_message", .hex(MLSMessage.privateMessage(message).tlsEncoded)),
                    ]
                    if name == "colliding" { object.append(("error", .string("challenge_reused"))) }
                    fields.append((name, .object(object)))
                }
                entries.append(.object(fields))
            }
        }
        return .array(entries)
    }

    static func contentBytes(_ body: ContentBody) -> [UInt8] {
        switch body {
        case .application(let data): data
        case .proposal(let p): p.tlsEncoded
        case .commit(let c): c.tlsEncoded
        }
    }

    static func verify(_ e: VectorEntry) throws(FieldMismatch) {
        guard let suite = try e.suite() else { throw FieldMismatch(field: "cipher_suite") }
        guard let profile = PRGProfile(name: try e.string("profile")) else { throw FieldMismatch(field: "profile") }
        let b = try e.int("challenge_bits", max: 256)
        let parameters = try attempt("challenge_bits") {
            try PPRFParameters(challengeBits: b, profile: profile, reuseGuard: true)
        }
        try e.expect("parameters", parameters.tlsEncoded)
        let decoded = try attempt("parameters") { try PPRFParameters(tlsDecoding: try e.hex("parameters")) }
        try e.require(decoded == parameters, "parameters")
        let invalid = try e.list("invalid_parameters")
        try e.require(!invalid.isEmpty, "invalid_parameters")
        for (i, item) in invalid.enumerated() {
            let field = e.name("invalid_parameters[\(i)]")
            guard let text = item as? String, let bytes = try? Hex.decode(text) else {
                throw FieldMismatch(field: field)
            }
            guard (try? PPRFParameters(tlsDecoding: bytes)) == nil else { throw FieldMismatch(field: field) }
        }
        let context = GroupContext(
            cipherSuite: suite.id, groupID: try e.hex("group_id"), epoch: try e.int("epoch"),
            treeHash: try e.hex("tree_hash"), confirmedTranscriptHash: try e.hex("confirmed_transcript_hash"),
            extensions: [parameters.groupContextExtension])
        try e.expect("group_context", context.tlsEncoded)
        let signing = try e.secret("signature_priv")
        let pub = try e.hex("signature_pub")
        try e.expect("signature_pub", try attempt("signature_pub") { try suite.signature.publicKey(for: signing) })
        let leafIndex = UInt32(try e.int("sender_leaf", max: Int(UInt32.max)))
        let senderDataSecret = try e.secret("sender_data_secret")
        let epoch = try attempt("sender_data_secret") {
            try EpochContext(
                suite: suite, groupContext: context, senderDataSecret: senderDataSecret, membershipKey: nil)
        }
        let encryption = try e.secret("encryption_secret")
        let receiver = try attempt("encryption_secret") {
            try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryption)
        }
        let reference = try attempt("encryption_secret") {
            try PPRF(secret: encryption, suite: suite, parameters: PPRFParameters(challengeBits: b, profile: profile))
        }
        let keys: (UInt32) -> [UInt8]? = { $0 == leafIndex ? pub : nil }
        var applicationKey: SecretBytes?
        var applicationNonce: SecretBytes?
        for name in messageNames {
            let m = try e.child(name)
            let bytes = try m.hex("private_message")
            let message = try attempt(m.name("private_message")) { () throws -> PrivateMessage in
                guard case .privateMessage(let message) = try MLSMessage(tlsDecoding: bytes) else {
                    throw FieldMismatch(field: m.name("private_message"))
                }
                return message
            }
            let body: ContentBody =
                name == "proposal"
                ? .proposal(try attempt(m.name("content")) { try Proposal(tlsDecoding: try m.hex("content")) })
                : .application(try m.hex("content"))
            let x = try attempt(m.name("challenge")) { try Challenge(bytes: try m.hex("challenge"), challengeBits: b) }
            let reuseGuard = try m.hex("reuse_guard")
            // The intermediate values, from a reference tree that never punctures.
            let leaf = try attempt(m.name("leaf_secret")) { try reference.evaluate(at: x) }
            try m.expect("leaf_secret", leaf)
            let derived = try attempt(m.name("key")) {
                try ChallengeKeys.derive(
                    suite: suite, leafSecret: leaf, type: ChallengeKeys.ratchetType(for: body.contentType),
                    profile: profile)
            }
            try m.expect("key", derived.key)
            try m.expect("nonce", derived.nonce)
            let guarded = try attempt(m.name("reuse_guard")) {
                try ChallengeKeys.guardedNonce(derived.nonce, reuseGuard: reuseGuard)
            }
            try m.expect("guarded_nonce", guarded)
            try m.expect(
                "sender_data",
                try attempt(m.name("reuse_guard")) {
                    try PPRFGuardedSenderData(leafIndex: leafIndex, reuseGuard: reuseGuard).tlsEncoded
                })
            try m.expect("sender_data", try attempt(m.name("sender_data")) { try epoch.openSenderData(message) })
            let (content, _) = try attempt(m.name("guarded_nonce")) {
                try epoch.openPrivateContent(
                    message, leaf: leafIndex, key: derived.key, nonce: guarded, signaturePublicKey: keys)
            }
            try m.require(content.body == body, "content")
            if name == "colliding" {
                // Same challenge, so the same key; another guard, so another nonce; the receiver has punctured.
                try m.require(try m.string("error") == "challenge_reused", "error")
                try m.require(applicationKey.map { $0 == derived.key } == true, "key")
                try m.require(applicationNonce.map { $0 != guarded } == true, "guarded_nonce")
                let before = try attempt("state") { try receiver.state.encoded() }
                do {
                    _ = try receiver.unprotect(message, signaturePublicKey: keys)
                    throw FieldMismatch(field: m.name("error"))
                } catch let error as PPRFMessageError {
                    try m.require(error == .challengeReused, "error")
                } catch {
                    throw FieldMismatch(field: m.name("error"))
                }
                try m.require((try? receiver.state.encoded()) == before, "error")
                continue
            }
            let opened = try attempt(m.name("private_message")) {
                try receiver.unprotect(message, signaturePublicKey: keys)
            }
            try m.require(opened.content.body == body, "content")
            try m.expect("authenticated_data", opened.applicationAuthenticatedData)
            try m.expect("challenge", opened.challenge?.bytes ?? [])
            if name == "application" { (applicationKey, applicationNonce) = (derived.key, guarded) }
            if suite.signature == .ed25519 {  // deterministic signatures: re-protecting gives the same bytes
                let sender = try attempt("encryption_secret") {
                    try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryption)
                }
                let again = try attempt(m.name("private_message")) {
                    try sender.protect(
                        body: body, authenticatedData: try m.hex("authenticated_data"), senderLeaf: leafIndex,
                        signaturePrivateKey: signing, paddingLength: try m.int("padding", max: VectorEntry.maxPadding),
                        challenge: x, reuseGuard: reuseGuard)
                }
                try m.expect("private_message", MLSMessage.privateMessage(again).tlsEncoded)
            }
        }
    }
}
