import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// `Vectors/pprf-message-protection.json`: PPRF-keyed PrivateMessages (SPEC.md sections 1, 4-7).
///
/// ECDSA signatures (suites 2, 5, 7) are randomised by swift-crypto, so those entries' `private_message`
/// bytes differ between runs; every other field, and every Ed25519 entry, is reproducible byte for byte.
public enum PPRFMessageVectors {
    /// The file name.
    public static let fileName = "pprf-message-protection.json"
    /// (suite, profile) pairs covered.
    static let configurations: [(UInt16, PRGProfile)] =
        [1, 2, 3, 5, 7].map { ($0, PRGProfile.mls) } + [1, 2, 3].map { ($0, PRGProfile.blake2b) }

    /// Generates every entry.
    public static func generate() throws -> JSONValue {
        let rng = try VectorRNG(file: fileName)
        var entries: [JSONValue] = []
        for (suiteID, profile) in configurations {
            let suite = try CipherSuite(id: suiteID)
            for b in [64, 256] {
                let label = "suite \(suiteID) \(profile) b=\(b)"
                let parameters = PPRFParameters(challengeBits: b, profile: profile)
                let context = GroupContext(
                    cipherSuite: suiteID, groupID: try rng.bytes("\(label)/group_id", 16), epoch: 0x121212,
                    treeHash: try rng.bytes("\(label)/tree_hash", suite.nh),
                    confirmedTranscriptHash: try rng.bytes("\(label)/confirmed_transcript_hash", suite.nh),
                    extensions: [parameters.groupContextExtension])
                let signing = try rng.signatureKey("\(label)/signature_priv", scheme: suite.signature)
                let encryption = try rng.secret("\(label)/encryption_secret", suite.nh)
                let senderData = try rng.secret("\(label)/sender_data_secret", suite.nh)
                let epoch = try EpochContext(
                    suite: suite, groupContext: context, senderDataSecret: senderData, membershipKey: nil)
                let sender = try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryption)
                var fields: [(String, JSONValue)] = [
                    ("cipher_suite", .int(Int64(suiteID))), ("profile", .string("\(profile)")),
                    ("challenge_bits", .int(Int64(b))),
                    ("group_id", .hex(context.groupID)), ("epoch", .uint(context.epoch)),
                    ("tree_hash", .hex(context.treeHash)),
                    ("confirmed_transcript_hash", .hex(context.confirmedTranscriptHash)),
                    ("group_context", .hex(context.tlsEncoded)),
                    ("signature_priv", .hex(signing.exportedForTestVectors())),
                    ("signature_pub", .hex(try suite.signature.publicKey(for: signing))),
                    ("encryption_secret", .hex(encryption.exportedForTestVectors())),
                    ("sender_data_secret", .hex(senderData.exportedForTestVectors())), ("sender_leaf", .int(1)),
                ]
                let bodies: [(String, ContentBody, Int, Int)] = [
                    ("application", .application(try rng.bytes("\(label)/application", 42)), 5, 3),
                    ("proposal", .proposal(.remove(leaf: 2)), 0, 0),
                ]
                for (name, body, aadLength, padding) in bodies {
                    let aad = try rng.bytes("\(label)/\(name)/authenticated_data", aadLength)
                    var challengeBytes = try rng.bytes("\(label)/\(name)/challenge", b / 8)
                    challengeBytes[0] |= name == "proposal" ? 0x80 : 0  // distinct from the application's challenge
                    let x = try Challenge(bytes: challengeBytes, bitCount: b)
                    let message = try sender.protect(
                        body: body, authenticatedData: aad, senderLeaf: 1, signaturePrivateKey: signing,
                        paddingLength: padding,
                        challenge: x)
                    let content: [UInt8]
                    switch body {
                    case .application(let data): content = data
                    case .proposal(let p): content = p.tlsEncoded
                    case .commit(let c): content = c.tlsEncoded
                    }
                    fields.append(
                        (
                            name,
                            .object([
                                ("content", .hex(content)), ("authenticated_data", .hex(aad)),
                                ("challenge", .hex(x.bytes)),
                                ("padding", .int(Int64(padding))),
                                ("private_message", .hex(MLSMessage.privateMessage(message).tlsEncoded)),
                            ])
                        ))
                }
                entries.append(.object(fields))
            }
        }
        return .array(entries)
    }

    static func verify(_ e: VectorEntry) throws(FieldMismatch) {
        guard let suite = try e.suite() else { throw FieldMismatch(field: "cipher_suite") }
        guard let profile = PRGProfile(name: try e.string("profile")) else { throw FieldMismatch(field: "profile") }
        let b = try e.int("challenge_bits", max: 256)
        let parameters = PPRFParameters(challengeBits: b, profile: profile)
        let context = GroupContext(
            cipherSuite: suite.id, groupID: try e.hex("group_id"), epoch: try e.int("epoch"),
            treeHash: try e.hex("tree_hash"),
            confirmedTranscriptHash: try e.hex("confirmed_transcript_hash"),
            extensions: [parameters.groupContextExtension])
        try e.expect("group_context", context.tlsEncoded)
        let signing = try e.secret("signature_priv")
        let pub = try e.hex("signature_pub")
        try e.expect("signature_pub", try attempt("signature_pub") { try suite.signature.publicKey(for: signing) })
        let leaf = UInt32(try e.int("sender_leaf", max: Int(UInt32.max)))
        let senderDataSecret = try e.secret("sender_data_secret")
        let epoch = try attempt("sender_data_secret") {
            try EpochContext(
                suite: suite, groupContext: context, senderDataSecret: senderDataSecret, membershipKey: nil)
        }
        let encryption = try e.secret("encryption_secret")
        let receiver = try attempt("encryption_secret") {
            try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryption)
        }
        for name in ["application", "proposal"] {
            let m = try e.child(name)
            let bytes = try m.hex("private_message")
            let opened = try attempt(m.name("private_message")) { () throws -> PPRFMessageProtector.Opened in
                guard case .privateMessage(let message) = try MLSMessage(tlsDecoding: bytes) else {
                    throw FieldMismatch(field: m.name("private_message"))
                }
                return try receiver.unprotect(message, signaturePublicKey: { $0 == leaf ? pub : nil })
            }
            let body: ContentBody =
                name == "application"
                ? .application(try m.hex("content"))
                : .proposal(try attempt(m.name("content")) { try Proposal(tlsDecoding: try m.hex("content")) })
            try m.require(opened.content.body == body, "content")
            try m.expect("authenticated_data", opened.applicationAuthenticatedData)
            try m.expect("challenge", opened.challenge.bytes)
            if suite.signature == .ed25519 {  // deterministic signatures: re-protecting gives the same bytes
                let sender = try attempt("encryption_secret") {
                    try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryption)
                }
                let again = try attempt(m.name("private_message")) {
                    try sender.protect(
                        body: body, authenticatedData: try m.hex("authenticated_data"), senderLeaf: leaf,
                        signaturePrivateKey: signing,
                        paddingLength: try m.int("padding", max: VectorEntry.maxPadding), challenge: opened.challenge)
                }
                try m.expect("private_message", MLSMessage.privateMessage(again).tlsEncoded)
            }
        }
    }
}
