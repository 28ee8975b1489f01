import MLSCore
import MLSCrypto
import PuncturablePRF

/// `Vectors/pprf-state-compact.json`: compact state encodings (SPEC.md section 3.2, ours) with the canonical
/// encoding of the same state, invalid compact encodings with the error a decoder must raise, and canonical
/// states that the compact encoding cannot describe.
public enum CompactStateVectors {
    /// The file name.
    public static let fileName = "pprf-state-compact.json"
    /// (suite, profile, depth) triples covered: a one-byte challenge (whose full domain is punctured at the
    /// end), a 13-bit one (unused bits), profile `mls32`, and b = 256 with a 48-byte KDF.Nh.
    static let cases: [(UInt16, PRGProfile, Int)] = [(1, .mls, 8), (3, .blake2b, 13), (5, .mls32, 64), (7, .mls, 256)]

    static func compact(_ punctured: [[UInt8]], _ secrets: [UInt8]) -> [UInt8] {
        var w = TLSWriter()
        w.writeOpaque(punctured.flatMap { $0 })
        w.writeOpaque(secrets)
        return w.bytes
    }

    /// Generates every entry.
    public static func generate() throws -> JSONValue {
        let rng = try VectorRNG(file: fileName)
        var entries: [JSONValue] = []
        for (suiteID, profile, b) in cases {
            let suite = try CipherSuite(id: suiteID)
            let label = "suite \(suiteID) \(profile) b=\(b)"
            let root = try rng.secret("\(label)/root_secret", suite.nh)
            let pprf = try PPRF(
                secret: root, suite: suite, parameters: PPRFParameters(challengeBits: b, profile: profile))
            let c = Challenge.byteCount(bits: b)
            let unused = c * 8 - b
            func challenge(_ bytes: [UInt8]) throws -> Challenge {
                try Challenge(bytes: Challenge.clearingUnusedBits(bytes, bits: b), challengeBits: b)
            }
            let zero = [UInt8](repeating: 0, count: c)
            var sibling = zero
            sibling[c - 1] = UInt8(1 << unused)
            // A random point, then two siblings (an empty link one level above the leaves), then another.
            let sequence = [
                try challenge(try rng.bytes("\(label)/challenge/0", c)), try challenge(zero), try challenge(sibling),
                try challenge(try rng.bytes("\(label)/challenge/1", c)),
            ]
            var punctured: [Challenge] = []
            var valid: [JSONValue] = [try validEntry(pprf, punctured)]
            for x in sequence where !(try pprf.isPunctured(x)) {
                try pprf.puncture(at: x)
                punctured.append(x)
                valid.append(try validEntry(pprf, punctured))
            }
            if b <= 8 {
                // The whole domain: nothing stored, every challenge listed.
                for v in 0..<(1 << b) {
                    let x = try Challenge(bytes: [UInt8(v << (8 - b))], challengeBits: b)
                    if !(try pprf.isPunctured(x)) {
                        try pprf.puncture(at: x)
                        punctured.append(x)
                    }
                }
                valid.append(try validEntry(pprf, punctured))
            }
            entries.append(
                .object([
                    ("cipher_suite", .int(Int64(suiteID))), ("profile", .string("\(profile)")),
                    ("challenge_bits", .int(Int64(b))), ("root_secret", .hex(root.exportedForTestVectors())),
                    ("compact_valid", .array(valid)),
                    ("compact_invalid", .array(try invalidEntries(rng, label, suite, profile, b))),
                    ("unrepresentable", .array(try unrepresentable(rng, label, suite, profile).map { .hex($0) })),
                ]))
        }
        return .array(entries)
    }

    static func validEntry(_ pprf: PPRF, _ punctured: [Challenge]) throws -> JSONValue {
        .object([
            ("punctured", .array(punctured.map { .hex($0.bytes) })),
            ("compact_encoding", .hex(try pprf.compactEncoded().exportedForTestVectors())),
            ("canonical_encoding", .hex(try pprf.encoded().exportedForTestVectors())),
        ])
    }

    /// One malformed encoding per rule of SPEC section 3.2 that the depth allows (a list length that is not a
    /// multiple of c needs c > 1; unused bits need b not a multiple of 8).
    static func invalidEntries(
        _ rng: VectorRNG, _ label: String, _ suite: CipherSuite, _ profile: PRGProfile, _ b: Int
    ) throws -> [JSONValue] {
        let c = (b + 7) / 8
        let size = profile.nodeSize(for: suite)
        let s = try rng.bytes("\(label)/secret", size)
        var low = [UInt8](repeating: 0, count: c)
        low[0] = 0x40
        var high = low
        high[0] = 0xC0
        // One punctured point derives b stored nodes.
        let one = compact([low], Array(repeating: s, count: b).flatMap { $0 })
        var cases: [(String, [UInt8])] = [
            ("truncated", Array(one.dropLast())),
            ("trailing_bytes", one + [0]),
            ("punctured_not_increasing", compact([high, low], Array(repeating: s, count: 2 * b - 2).flatMap { $0 })),
            ("punctured_not_increasing", compact([low, low], Array(repeating: s, count: b).flatMap { $0 })),
            ("node_secrets_length", compact([low], Array(repeating: s, count: b - 1).flatMap { $0 })),
            ("node_secrets_length", compact([], s + [0])),
        ]
        if c > 1 { cases.append(("punctured_length", compact([low + [0]], s))) }
        if b % 8 != 0 {
            var padded = low
            padded[c - 1] |= 1
            cases.append(
                ("punctured_padding_bits_set", compact([padded], Array(repeating: s, count: b).flatMap { $0 })))
        }
        return cases.map { .object([("encoding", .hex($0.1)), ("error", .string($0.0))]) }
    }

    /// A canonical state holding two sibling nodes: valid canonically, not a punctured state.
    static func unrepresentable(
        _ rng: VectorRNG, _ label: String, _ suite: CipherSuite, _ profile: PRGProfile
    ) throws -> [[UInt8]] {
        let s = try rng.bytes("\(label)/secret", profile.nodeSize(for: suite))
        return [PPRFStateVectors.state([PPRFStateVectors.node(1, [0x00], s), PPRFStateVectors.node(1, [0x80], s)])]
    }

    /// Checks one entry: each valid state rebuilt by puncturing from the root, both encodings compared,
    /// each decoded and re-encoded both ways; each invalid encoding refused with its error; each
    /// unrepresentable canonical state refused by the compact encoder.
    static func verify(_ e: VectorEntry) throws(FieldMismatch) {
        guard let suite = try e.suite() else { throw FieldMismatch(field: "cipher_suite") }
        guard let profile = PRGProfile(name: try e.string("profile")) else { throw FieldMismatch(field: "profile") }
        let b = try e.int("challenge_bits", max: 256)
        let root = try e.secret("root_secret")
        for v in try e.children("compact_valid") {
            let pprf = try attempt("root_secret") {
                try PPRF(secret: root, suite: suite, parameters: PPRFParameters(challengeBits: b, profile: profile))
            }
            for (i, value) in (try v.list("punctured")).enumerated() {
                guard let text = value as? String, let bytes = try? Hex.decode(text),
                    let x = try? Challenge(bytes: bytes, challengeBits: b), (try? pprf.puncture(at: x)) != nil
                else { throw FieldMismatch(field: v.name("punctured[\(i)]")) }
            }
            try v.expect("compact_encoding", try attempt(v.name("compact_encoding")) { try pprf.compactEncoded() })
            try v.expect("canonical_encoding", try attempt(v.name("canonical_encoding")) { try pprf.encoded() })
            let fromCompact = try attempt(v.name("compact_encoding")) {
                try PPRF(
                    compactEncoded: try v.secret("compact_encoding"), suite: suite,
                    parameters: PPRFParameters(challengeBits: b, profile: profile))
            }
            try v.expect("canonical_encoding", try attempt(v.name("canonical_encoding")) { try fromCompact.encoded() })
            let fromCanonical = try attempt(v.name("canonical_encoding")) {
                try PPRF(
                    encoded: try v.secret("canonical_encoding"), suite: suite,
                    parameters: PPRFParameters(challengeBits: b, profile: profile))
            }
            try v.expect(
                "compact_encoding", try attempt(v.name("compact_encoding")) { try fromCanonical.compactEncoded() })
        }
        for v in try e.children("compact_invalid") {
            let name = try v.string("error")
            do {
                _ = try PPRF(
                    compactEncoded: try v.secret("encoding"), suite: suite,
                    parameters: PPRFParameters(challengeBits: b, profile: profile))
                throw FieldMismatch(field: v.name("error"))
            } catch let error as PPRFError {
                try v.require(error.vectorName == name, "error")
            } catch {
                throw FieldMismatch(field: v.name("error"))
            }
        }
        for (i, value) in (try e.list("unrepresentable")).enumerated() {
            let field = "unrepresentable[\(i)]"
            guard let text = value as? String, let bytes = try? Hex.decode(text) else {
                throw FieldMismatch(field: field)
            }
            let state = try attempt(field) {
                try PPRF(
                    encoded: SecretBytes(copying: bytes), suite: suite,
                    parameters: PPRFParameters(challengeBits: b, profile: profile))
            }
            var refusal: PPRFError?
            do { _ = try state.compactEncoded() } catch { refusal = error }
            guard case .compactUnrepresentable = refusal else { throw FieldMismatch(field: field) }
        }
    }
}
