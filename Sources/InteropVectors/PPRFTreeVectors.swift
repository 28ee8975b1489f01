import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// `Vectors/pprf-tree.json`: PPRF evaluations, punctures and states (SPEC.md sections 2-4).
public enum PPRFTreeVectors {
    /// The file name.
    public static let fileName = "pprf-tree.json"
    /// (suite, profile) pairs covered.
    public static let configurations: [(UInt16, PRGProfile)] =
        [1, 2, 3, 5, 7].map { ($0, PRGProfile.mls) } + [1, 2, 3].map { ($0, PRGProfile.blake2b) }
        + [1, 2, 3, 5, 7].map { ($0, PRGProfile.cbst) }
    /// Depths covered.
    public static let depths = [1, 8, 13, 64, 128, 256]

    /// Structural challenges: first and last, siblings (sharing b-1 bits), one that splits the subtree already
    /// split by the first, then two from the generator.
    static func challenges(bits b: Int, rng: VectorRNG, label: String, random: Int = 2) throws -> [Challenge] {
        let n = Challenge.byteCount(bits: b)
        let unused = n * 8 - b
        func make(_ bytes: [UInt8]) throws -> Challenge {
            try Challenge(bytes: Challenge.clearingUnusedBits(bytes, bits: b), challengeBits: b)
        }
        let zero = [UInt8](repeating: 0, count: n)
        var last = zero
        last[n - 1] = UInt8(1 << unused)  // the sibling of the first challenge
        var middle = zero
        middle[(b / 2) / 8] |= UInt8(0x80 >> ((b / 2) % 8))  // shares b/2 bits with the first: a second split
        var list = [try make(zero), try make([UInt8](repeating: 0xFF, count: n)), try make(last), try make(middle)]
        for i in 0..<random { list.append(try make(try rng.bytes("\(label)/challenge/\(i)", n))) }
        var seen = Set<Challenge>()
        return list.filter { seen.insert($0).inserted }
    }

    /// Generates every entry (`options`: Vectors/README.md, "Generating your own"; `count` is the number
    /// of random challenges after the structural ones); `file` labels the inputs and `configurations` picks the
    /// (suite, profile) pairs (`pprf-tree-short-nodes.json` reuses this generator).
    public static func generate(
        _ options: GeneratorOptions = .committed, file: String = fileName,
        configurations: [(UInt16, PRGProfile)] = configurations
    ) throws -> JSONValue {
        let rng = try options.rng(file: file)
        var entries: [JSONValue] = []
        let all = configurations.flatMap { c in depths.map { (c.0, c.1, $0) } }
        for (suiteID, profile, b) in options.configurations(all) {
            let suite = try CipherSuite(id: suiteID)
            do {
                let label = "suite \(suiteID) \(profile) b=\(b)"
                let root = try rng.secret("\(label)/root_secret", suite.nh)
                let pprf = try PPRF(
                    secret: root, suite: suite, parameters: PPRFParameters(challengeBits: b, profile: profile))
                let xs = try challenges(bits: b, rng: rng, label: label, random: options.count ?? 2)
                var evaluations: [JSONValue] = []
                for x in xs {
                    let leaf = try pprf.evaluateAndPuncture(at: x)
                    let app = try ChallengeKeys.derive(
                        suite: suite, leafSecret: leaf, type: .application, profile: profile)
                    let hs = try ChallengeKeys.derive(
                        suite: suite, leafSecret: leaf, type: .handshake, profile: profile)
                    evaluations.append(
                        .object([
                            ("challenge", .hex(x.bytes)), ("leaf_secret", .hex(leaf.exportedForTestVectors())),
                            ("application_key", .hex(app.key.exportedForTestVectors())),
                            ("application_nonce", .hex(app.nonce.exportedForTestVectors())),
                            ("handshake_key", .hex(hs.key.exportedForTestVectors())),
                            ("handshake_nonce", .hex(hs.nonce.exportedForTestVectors())),
                            ("stored_nodes_after", .int(Int64(pprf.storedNodeCount))),
                        ]))
                }
                var probes: [JSONValue] = []
                var attempt = 0
                while probes.count < 3 && attempt < 16 && pprf.storedNodeCount > 0 {
                    let bytes = Challenge.clearingUnusedBits(
                        try rng.bytes("\(label)/probe/\(attempt)", Challenge.byteCount(bits: b)), bits: b)
                    let x = try Challenge(bytes: bytes, challengeBits: b)
                    attempt += 1
                    guard !(try pprf.isPunctured(x)) else { continue }
                    probes.append(
                        .object([
                            ("challenge", .hex(x.bytes)),
                            ("leaf_secret", .hex(try pprf.evaluate(at: x).exportedForTestVectors())),
                        ]))
                }
                entries.append(
                    .object(
                        [
                            ("cipher_suite", .int(Int64(suiteID))), ("profile", .string("\(profile)")),
                            ("challenge_bits", .int(Int64(b))),
                            ("root_secret", .hex(root.exportedForTestVectors())),
                        ] + (try firstLevel(suite: suite, profile: profile, root: root)) + [
                            ("evaluations", .array(evaluations)),
                            ("probes", .array(probes)), ("punctured", .array(xs.map { .hex($0.bytes) })),
                            ("state", .hex(try pprf.encoded().exportedForTestVectors())),
                        ]))
            }
        }
        return .array(entries)
    }

    /// The intermediate values of the root's expansion (SPEC.md section 3): `left_child` and `right_child`, and
    /// for the HMAC profiles the two KDFLabel structures (`kdf_label_left`, `kdf_label_right`: the HKDF-Expand
    /// info before its counter byte 0x01), for `blake2b` the RFC 7693 parameter block and the 64-byte output T
    /// (computed by a direct BLAKE2b call, not the tree's expander).
    static func firstLevel(suite: CipherSuite, profile: PRGProfile, root: SecretBytes) throws -> [(String, JSONValue)] {
        let node = try profile.rootNode(from: root, suite: suite)  // mls32: the first 32 bytes (SPEC.md 3.1)
        let size = node.count
        let children = try GGMExpander(suite: suite, profile: profile).children(of: node)
        var fields: [(String, JSONValue)] = [
            ("left_child", .hex(children.left.exportedForTestVectors())),
            ("right_child", .hex(children.right.exportedForTestVectors())),
        ]
        if profile == .blake2b {
            fields += [
                ("blake2b_parameter_block", .hex(blake2bParameterBlock)),
                ("blake2b_output", .hex(try blake2bOutput(root).exportedForTestVectors())),
            ]
        } else {
            let label = profile == .cbst ? "CBST" : "tree"
            for side in ["left", "right"] {
                fields.append(
                    (
                        "kdf_label_\(side)",
                        .hex(try suite.kdfLabel(label: label, context: Array(side.utf8), length: size))
                    ))
            }
        }
        return fields
    }

    /// RFC 7693's parameter block for profile `blake2b`: digest_length 64, key_length 32, fanout 1, depth 1,
    /// leaf_length, node_offset, node_depth, inner_length and the 14 reserved bytes zero, the 16-byte zero salt,
    /// the personalisation `MLS1.0 PPRF tree`.
    static let blake2bParameterBlock: [UInt8] =
        [64, 32, 1, 1] + [UInt8](repeating: 0, count: 4 + 8 + 1 + 1 + 14 + 16) + PRGProfile.blake2bPersonalization

    /// T = BLAKE2b(key = node, salt = 0^16, personal = "MLS1.0 PPRF tree", input = "", 64 bytes).
    static func blake2bOutput(_ node: SecretBytes) throws -> SecretBytes {
        try SecretBytes(count: 64) { (out) throws(CryptoError) in
            try node.withUnsafeBytes { (key) throws(CryptoError) in
                try BLAKE2b.hash(
                    key: key, salt: [UInt8](repeating: 0, count: 16),
                    personalization: PRGProfile.blake2bPersonalization,
                    input: UnsafeRawBufferPointer(start: nil, count: 0), into: out)
            }
        }
    }

    /// Checks the root's expansion fields against the tree's expander and, for `blake2b`, a direct BLAKE2b call.
    static func verifyFirstLevel(_ e: VectorEntry, suite: CipherSuite, profile: PRGProfile, root: SecretBytes)
        throws(FieldMismatch)
    {
        let node = try attempt("root_secret") { try profile.rootNode(from: root, suite: suite) }  // mls32: 32 bytes
        let size = node.count
        let children = try attempt("left_child") {
            try GGMExpander(suite: suite, profile: profile).children(of: node)
        }
        try e.expect("left_child", children.left)
        try e.expect("right_child", children.right)
        if profile == .blake2b {
            try e.expect("blake2b_parameter_block", blake2bParameterBlock)
            let output = try attempt("blake2b_output") { try blake2bOutput(root) }
            try e.expect("blake2b_output", output)
            let bytes = try e.hex("blake2b_output")
            try e.require(
                Array(bytes.prefix(32)) == children.left.exportedForTestVectors()
                    && Array(bytes.suffix(32)) == children.right.exportedForTestVectors(), "blake2b_output")
        } else {
            let label = profile == .cbst ? "CBST" : "tree"
            for side in ["left", "right"] {
                let expected = try attempt("kdf_label_\(side)") {
                    try suite.kdfLabel(label: label, context: Array(side.utf8), length: size)
                }
                try e.expect("kdf_label_\(side)", expected)
            }
        }
    }

    /// Checks one entry: replays the evaluations from the root, then probes, punctured inputs and the state.
    static func verify(_ e: VectorEntry) throws(FieldMismatch) {
        guard let suite = try e.suite() else { throw FieldMismatch(field: "cipher_suite") }
        guard let profile = PRGProfile(name: try e.string("profile")) else { throw FieldMismatch(field: "profile") }
        let b = try e.int("challenge_bits", max: 256)
        let pprf = try attempt("root_secret") {
            try PPRF(
                secret: try e.secret("root_secret"), suite: suite,
                parameters: PPRFParameters(challengeBits: b, profile: profile))
        }
        try verifyFirstLevel(e, suite: suite, profile: profile, root: try e.secret("root_secret"))
        for ev in try e.children("evaluations") {
            let x = try attempt(ev.name("challenge")) {
                try Challenge(bytes: try ev.hex("challenge"), challengeBits: b)
            }
            let leaf = try attempt(ev.name("challenge")) { try pprf.evaluateAndPuncture(at: x) }
            try ev.expect("leaf_secret", leaf)
            for (type, prefix) in [(RatchetType.application, "application"), (.handshake, "handshake")] {
                let keys = try attempt(ev.name("\(prefix)_key")) {
                    try ChallengeKeys.derive(suite: suite, leafSecret: leaf, type: type, profile: profile)
                }
                try ev.expect("\(prefix)_key", keys.key)
                try ev.expect("\(prefix)_nonce", keys.nonce)
            }
            try ev.require(UInt64(pprf.storedNodeCount) == (try ev.int("stored_nodes_after")), "stored_nodes_after")
        }
        try e.expect("state", try attempt("state") { try pprf.encoded() })
        let decoded = try attempt("state") {
            try PPRF(
                encoded: try e.secret("state"), suite: suite,
                parameters: PPRFParameters(challengeBits: b, profile: profile))
        }
        for probe in try e.children("probes") {
            let x = try attempt(probe.name("challenge")) {
                try Challenge(bytes: try probe.hex("challenge"), challengeBits: b)
            }
            try probe.expect("leaf_secret", try attempt(probe.name("leaf_secret")) { try decoded.evaluate(at: x) })
        }
        for (i, value) in (try e.list("punctured")).enumerated() {
            guard let text = value as? String, let bytes = try? Hex.decode(text),
                let x = try? Challenge(bytes: bytes, challengeBits: b),
                (try? decoded.isPunctured(x)) == true
            else { throw FieldMismatch(field: "punctured[\(i)]") }
        }
    }
}
