import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// `Vectors/pprf-safe-aad.json`: the challenge's two framings (SPEC.md sections 5 and 5.1), each with valid
/// PrivateMessages and the malformed `authenticated_data` a receiver must refuse, by error name.
///
/// Only Ed25519 suites (1 and 3), so every byte is reproducible and the verifier re-protects each message.
public enum SafeAADVectors {
    /// The file name.
    public static let fileName = "pprf-safe-aad.json"
    static let suites: [UInt16] = [1, 3]
    static let bits = [60, 256]

    /// Generates every entry: suites 1 and 3, b in {60, 256}, framing `raw_prefix` and `safe_aad`.
    public static func generate() throws -> JSONValue {
        let rng = try VectorRNG(file: fileName)
        var entries: [JSONValue] = []
        for suiteID in suites {
            for b in bits {
                for framing in [ChallengeFraming.rawPrefix, .safeAAD] {
                    entries.append(try entry(rng: rng, suiteID: suiteID, b: b, framing: framing))
                }
            }
        }
        return .array(entries)
    }

    static func name(_ framing: ChallengeFraming) -> String { framing == .safeAAD ? "safe_aad" : "raw_prefix" }

    static func entry(rng: VectorRNG, suiteID: UInt16, b: Int, framing: ChallengeFraming) throws -> JSONValue {
        let suite = try CipherSuite(id: suiteID)
        let label = "suite \(suiteID) b=\(b) \(name(framing))"
        var extensions = [try PPRFParameters(challengeBits: b, profile: .mls).groupContextExtension]
        if framing == .safeAAD { extensions.append(ChallengeFraming.appDataDictionaryExtension()) }
        let context = GroupContext(
            cipherSuite: suiteID, groupID: try rng.bytes("\(label)/group_id", 16), epoch: 0x343434,
            treeHash: try rng.bytes("\(label)/tree_hash", suite.nh),
            confirmedTranscriptHash: try rng.bytes("\(label)/confirmed_transcript_hash", suite.nh),
            extensions: extensions)
        let signing = try rng.signatureKey("\(label)/signature_priv", scheme: suite.signature)
        let encryption = try rng.secret("\(label)/encryption_secret", suite.nh)
        let senderData = try rng.secret("\(label)/sender_data_secret", suite.nh)
        let epoch = try EpochContext(
            suite: suite, groupContext: context, senderDataSecret: senderData, membershipKey: nil)
        let sender = try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryption)
        var messages: [JSONValue] = []
        var first: (PrivateMessage, Challenge)?
        let bodies: [(String, ContentBody)] = [
            ("application", .application(try rng.bytes("\(label)/application", 24))),
            ("proposal", .proposal(.remove(leaf: 2))),
        ]
        for (index, (bodyName, body)) in bodies.enumerated() {
            var bytes = try rng.bytes("\(label)/\(bodyName)/challenge", (b + 7) / 8)
            bytes[0] = index == 0 ? bytes[0] & 0x7F : bytes[0] | 0x80  // two distinct challenges
            if b % 8 != 0 { bytes[bytes.count - 1] &= 0xFF << UInt8(8 - b % 8) }
            let x = try Challenge(bytes: bytes, challengeBits: b)
            var fields: [(String, JSONValue)] = [("content_type", .string(bodyName)), ("content", .hex(content(body)))]
            let message: PrivateMessage
            if framing == .safeAAD {
                let items =
                    index == 0
                    ? [
                        SafeAADItem(componentID: 0x0001, data: try rng.bytes("\(label)/\(bodyName)/item 0001", 3)),
                        SafeAADItem(componentID: 0x8000, data: try rng.bytes("\(label)/\(bodyName)/item 8000", 5)),
                    ] : []
                fields.append(("safe_aad_items", .array(items.map(itemJSON))))
                message = try sender.protect(
                    body: body, safeAADItems: items, senderLeaf: 0, signaturePrivateKey: signing, paddingLength: index,
                    challenge: x)
            } else {
                let aad = try rng.bytes("\(label)/\(bodyName)/application_aad", index == 0 ? 5 : 0)
                fields.append(("application_aad", .hex(aad)))
                message = try sender.protect(
                    body: body, authenticatedData: aad, senderLeaf: 0, signaturePrivateKey: signing,
                    paddingLength: index, challenge: x)
            }
            if first == nil { first = (message, x) }
            fields += [
                ("challenge", .hex(x.bytes)), ("padding", .int(Int64(index))),
                ("authenticated_data", .hex(message.authenticatedData)),
                ("private_message", .hex(MLSMessage.privateMessage(message).tlsEncoded)),
            ]
            messages.append(.object(fields))
        }
        guard let (genuine, x) = first else { throw FieldMismatch(field: "messages") }
        var malformed: [JSONValue] = []
        for (caseName, aad, intended) in malformedCases(framing: framing, challenge: x) {
            let error = try refusal(
                of: genuine, authenticatedData: aad, epoch: epoch, encryption: encryption,
                key: try suite.signature.publicKey(for: signing))
            // The generator checks itself: a designed case must fail the way it was designed to.
            guard intended == nil || error.vectorName == intended else { throw FieldMismatch(field: caseName) }
            malformed.append(
                .object([
                    ("name", .string(caseName)), ("authenticated_data", .hex(aad)),
                    ("error", .string(error.vectorName)),
                ]))
        }
        return .object([
            ("cipher_suite", .int(Int64(suiteID))), ("challenge_bits", .int(Int64(b))),
            ("framing", .string(name(framing))),
            ("group_context", .hex(context.tlsEncoded)),
            ("signature_priv", .hex(signing.exportedForTestVectors())),
            ("signature_pub", .hex(try suite.signature.publicKey(for: signing))),
            ("encryption_secret", .hex(encryption.exportedForTestVectors())),
            ("sender_data_secret", .hex(senderData.exportedForTestVectors())), ("sender_leaf", .int(0)),
            ("messages", .array(messages)), ("malformed", .array(malformed)),
        ])
    }

    static func itemJSON(_ item: SafeAADItem) -> JSONValue {
        .object([("component_id", .int(Int64(item.componentID))), ("data", .hex(item.data))])
    }

    static func content(_ body: ContentBody) -> [UInt8] {
        switch body {
        case .application(let data): data
        case .proposal(let p): p.tlsEncoded
        case .commit(let c): c.tlsEncoded
        }
    }

    /// (name, authenticated_data, the intended error name or nil when the spec's order decides it) for the
    /// first message's challenge `x`.
    static func malformedCases(framing: ChallengeFraming, challenge x: Challenge) -> [(String, [UInt8], String?)] {
        let c = x.bytes
        let n = c.count
        var padded = c
        if x.challengeBits % 8 != 0 { padded[n - 1] |= 1 }
        if framing == .rawPrefix {
            var cases: [(String, [UInt8], String?)] = [
                ("empty", [], "missing_challenge"), ("short", Array(c[0..<(n - 1)]), "missing_challenge"),
            ]
            if x.challengeBits % 8 != 0 {
                cases.append(("unused_bits_set", padded + [0x77], "challenge_padding_bits_set"))
            }
            return cases
        }
        let id = ChallengeFraming.challengeComponentID
        let only = encode([(id, c)])
        let itemLength = UInt8(only.count - 1)  // < 64 for n <= 32: a one-byte varint
        var cases: [(String, [UInt8], String?)] = [
            ("unsorted", encode([(0x8000, [1]), (id, c)]), "safe_aad_unsorted"),
            ("duplicate_challenge", encode([(id, c), (id, c)]), "safe_aad_duplicate_component"),
            ("duplicate_application_item", encode([(1, []), (1, [2]), (id, c)]), "safe_aad_duplicate_component"),
            ("missing_challenge_item", encode([(1, [1])]), "missing_challenge_item"),
            ("empty_safe_aad", [0x00], "missing_challenge_item"),
            ("short_challenge", encode([(id, Array(c[0..<(n - 1)]))]), "challenge_item_length"),
            ("long_challenge", encode([(id, c + [0])]), "challenge_item_length"),
            ("trailing_bytes", only + [0xAA], "safe_aad_trailing_bytes"),
            ("raw_prefix_framing", c + [0x77], nil),
            ("empty_authenticated_data", [], "safe_aad_malformed"),
            ("reserved_varint_prefix", [0xC0] + only.dropFirst(), "safe_aad_malformed"),
            ("non_minimal_outer_length", [0x40] + only, "safe_aad_malformed"),
            ("outer_length_past_end", [itemLength + 1] + only.dropFirst(), "safe_aad_malformed"),
            ("item_length_past_vector", [0x03, 0x66, 0x7A, UInt8(n)] + c, "safe_aad_malformed"),
            ("non_minimal_item_length", [itemLength + 1, 0x66, 0x7A, 0x40, UInt8(n)] + c, "safe_aad_malformed"),
        ]
        if x.challengeBits % 8 != 0 {
            cases.append(("unused_bits_set", encode([(id, padded)]), "challenge_padding_bits_set"))
        }
        return cases
    }

    static func encode(_ items: [(UInt16, [UInt8])]) -> [UInt8] {
        var writer = TLSWriter()
        writer.writeVector { w in
            for (id, data) in items {
                w.write(id)
                w.writeOpaque(data)
            }
        }
        return writer.bytes
    }

    /// The error a fresh receiver raises for `message` with `authenticatedData` in place of its own; it must be
    /// raised before any tree walk and leave the state byte-identical.
    static func refusal(
        of message: PrivateMessage, authenticatedData: [UInt8], epoch: EpochContext, encryption: SecretBytes,
        key: [UInt8]
    ) throws -> PPRFMessageError {
        let receiver = try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryption)
        let before = try receiver.state.encoded()
        var altered = message
        altered.authenticatedData = authenticatedData
        do {
            _ = try receiver.unprotect(altered, signaturePublicKey: { $0 == 0 ? key : nil })
        } catch {
            guard receiver.treeWalks == 0, try receiver.state.encoded() == before else {
                throw FieldMismatch(field: "state")
            }
            return error
        }
        throw FieldMismatch(field: "accepted")
    }
}

extension SafeAADVectors {
    /// Checks one entry: the framing read from `group_context`, every message opened (content, challenge,
    /// the application's AAD or items, `authenticated_data`) and re-protected byte for byte, and every
    /// malformed `authenticated_data` refused with its `error`, before any tree walk, the state unchanged.
    static func verify(_ e: VectorEntry) throws(FieldMismatch) {
        guard let suite = try e.suite() else { throw FieldMismatch(field: "cipher_suite") }
        let b = try e.int("challenge_bits", max: 256)
        let framingName = try e.string("framing")
        let context = try attempt("group_context") { try GroupContext(tlsDecoding: try e.hex("group_context")) }
        try e.require(context.cipherSuite == suite.id, "group_context")
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
        let member = { () throws(FieldMismatch) -> PPRFMessageProtector in
            try attempt("group_context") { try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryption) }
        }
        let receiver = try member()
        try e.require(receiver.parameters.challengeBits == b, "challenge_bits")
        try e.require(name(receiver.framing) == framingName, "framing")
        let keys = { (l: UInt32) -> [UInt8]? in l == leaf ? pub : nil }
        var first: PrivateMessage?
        for m in try e.children("messages") {
            let message = try attempt(m.name("private_message")) { () throws -> PrivateMessage in
                guard case .privateMessage(let message) = try MLSMessage(tlsDecoding: try m.hex("private_message"))
                else {
                    throw FieldMismatch(field: m.name("private_message"))
                }
                return message
            }
            if first == nil { first = message }
            let opened = try attempt(m.name("private_message")) {
                try receiver.unprotect(message, signaturePublicKey: keys)
            }
            let body: ContentBody
            switch try m.string("content_type") {
            case "application": body = .application(try m.hex("content"))
            case "proposal":
                body = .proposal(try attempt(m.name("content")) { try Proposal(tlsDecoding: try m.hex("content")) })
            default: throw FieldMismatch(field: m.name("content_type"))
            }
            try m.require(opened.content.body == body, "content")
            try m.expect("challenge", opened.challenge?.bytes ?? [])
            try m.expect("authenticated_data", message.authenticatedData)
            let safe = receiver.framing == .safeAAD
            let items = safe ? try readItems(m) : []
            let rawAAD = safe ? [] : try m.hex("application_aad")
            try m.require(
                receiver.applicationSafeAADItems(of: opened) == items, safe ? "safe_aad_items" : "application_aad")
            try m.require(opened.applicationAuthenticatedData == rawAAD, safe ? "safe_aad_items" : "application_aad")
            let again = try attempt(m.name("private_message")) {
                try member().protect(
                    body: body, authenticatedData: rawAAD, safeAADItems: safe ? items : nil, senderLeaf: leaf,
                    signaturePrivateKey: signing, paddingLength: try m.int("padding", max: VectorEntry.maxPadding),
                    challenge: opened.challenge)
            }
            try m.expect("private_message", MLSMessage.privateMessage(again).tlsEncoded)
        }
        guard let genuine = first else { throw FieldMismatch(field: "messages") }
        let malformed = try e.children("malformed")
        try e.require(!malformed.isEmpty, "malformed")
        for m in malformed {
            let error = try attempt(m.name("error")) {
                try refusal(
                    of: genuine, authenticatedData: try m.hex("authenticated_data"), epoch: epoch,
                    encryption: encryption,
                    key: pub)
            }
            try m.require(error.vectorName == (try m.string("error")), "error")
        }
    }

    static func readItems(_ m: VectorEntry) throws(FieldMismatch) -> [SafeAADItem] {
        var items: [SafeAADItem] = []
        for item in try m.children("safe_aad_items") {
            let id = try item.int("component_id", max: Int(UInt16.max))
            items.append(SafeAADItem(componentID: UInt16(id), data: try item.hex("data")))
        }
        return items
    }
}
