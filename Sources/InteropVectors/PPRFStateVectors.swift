import Foundation
import MLSCore
import MLSCrypto
import PuncturablePRF

/// `Vectors/pprf-state.json`: valid canonical state encodings with their nodes and the root and punctures that
/// produced them, and invalid encodings with the error a decoder must raise, several of which break two rules at
/// once to pin the error precedence (SPEC.md section 3).
public enum PPRFStateVectors {
    /// The file name.
    public static let fileName = "pprf-state.json"
    /// (suite, depth, profile) triples covered. The profile only shapes the secrets (the root's puncture
    /// results); decoding does not depend on it.
    static let cases: [(UInt16, Int, PRGProfile)] = [
        (1, 8, .mls), (5, 13, .mls), (7, 256, .mls), (3, 97, .blake2b), (2, 1, .cbst),
    ]

    static func node(_ length: Int, _ prefix: [UInt8], _ secret: [UInt8]) -> [UInt8] {
        var w = TLSWriter()
        w.write(UInt16(length))
        w.writeOpaque(prefix)
        w.writeOpaque(secret)
        return w.bytes
    }

    static func state(_ nodes: [[UInt8]]) -> [UInt8] {
        var w = TLSWriter()
        w.writeOpaque(nodes.flatMap { $0 })
        return w.bytes
    }

    /// The variable-length prefix of `length` in the next larger size than the minimal one (RFC 9420 section
    /// 2.1.2 forbids it): 2 bytes for a length below 64, 4 bytes below 16384.
    static func nonMinimalVarint(_ length: Int) -> [UInt8] {
        if length < 64 { return [0x40, UInt8(length)] }
        return [0x80, 0x00, UInt8(length >> 8), UInt8(length & 0xFF)]
    }

    /// The generator's labels: `suite N b=B` for the `mls` cases (the labels of the first version of the
    /// file, so that their values did not change), `suite N <profile> b=B` for the others.
    static func label(_ suiteID: UInt16, _ b: Int, _ profile: PRGProfile) -> String {
        profile == .mls ? "suite \(suiteID) b=\(b)" : "suite \(suiteID) \(profile) b=\(b)"
    }

    /// Generates every entry (`options`: Vectors/README.md, "Generating your own"; `count` is the number
    /// of punctures, 3 by default).
    public static func generate(_ options: GeneratorOptions = .committed) throws -> JSONValue {
        let rng = try options.rng(file: fileName)
        let configurations = options.configurations(cases.map { ($0.0, $0.2, $0.1) })
        return .array(
            try configurations.map {
                try entry(suiteID: $0.0, bits: $0.2, profile: $0.1, punctures: options.count ?? 3, rng: rng)
            })
    }

    /// One entry: a root, up to three punctures (each state listed with the challenges that produced it), the
    /// empty state and a sibling cover, then the invalid encodings.
    static func entry(
        suiteID: UInt16, bits b: Int, profile: PRGProfile, punctures: Int = 3, rng: VectorRNG
    ) throws -> JSONValue {
        let suite = try CipherSuite(id: suiteID)
        let label = label(suiteID, b, profile)
        let root = try rng.secret("\(label)/root_secret", suite.nh)
        let pprf = try PPRF(secret: root, suite: suite, parameters: PPRFParameters(challengeBits: b, profile: profile))
        var punctured: [Challenge] = []
        var valid: [JSONValue] = [try validEntry(pprf, punctured: punctured)]
        for i in 0..<punctures {
            let bytes = Challenge.clearingUnusedBits(
                try rng.bytes("\(label)/challenge/\(i)", Challenge.byteCount(bits: b)), bits: b)
            let x = try Challenge(bytes: bytes, challengeBits: b)
            guard !(try pprf.isPunctured(x)) else { continue }  // a repeat (likely only for b = 1) adds nothing
            try pprf.puncture(at: x)
            punctured.append(x)
            valid.append(try validEntry(pprf, punctured: punctured))
        }
        valid.append(
            .object([
                ("note", .string("every input punctured (listed without its 2^b punctures)")),
                ("punctured", .null), ("encoding", .hex(state([]))), ("nodes", .array([])),
            ]))
        let children = try GGMExpander(suite: suite, profile: profile).children(of: root)
        let cover = try PPRF(
            encoded: SecretBytes(
                copying: state([
                    node(1, [0x00], children.left.exportedForTestVectors()),
                    node(1, [0x80], children.right.exportedForTestVectors()),
                ])), suite: suite, parameters: PPRFParameters(challengeBits: b, profile: profile))
        var coverEntry = try validEntry(cover, punctured: nil)
        if case .object(let fields) = coverEntry {
            let note = "the root's two children: accepted, evaluates like the root, though no puncture produces it"
            coverEntry = .object([("note", .string(note))] + fields)
        }
        valid.append(coverEntry)
        let s = try rng.bytes("\(label)/secret", suite.nh)
        let invalid = invalidCases(bits: b, secret: s).map { c -> JSONValue in
            var fields: [(String, JSONValue)] = [
                ("description", .string(c.description)), ("encoding", .hex(c.encoding)), ("error", .string(c.error)),
            ]
            if let limit = c.maxStoredNodes { fields.append(("max_stored_nodes", .int(Int64(limit)))) }
            return .object(fields)
        }
        return .object([
            ("cipher_suite", .int(Int64(suiteID))), ("challenge_bits", .int(Int64(b))),
            ("profile", .string("\(profile)")), ("root_secret", .hex(root.exportedForTestVectors())),
            ("valid", .array(valid)), ("invalid", .array(invalid)),
        ])
    }

    /// One invalid encoding: what is wrong, the bytes, the error a decoder raises, and the node limit it
    /// decodes with (`nil`: no limit beyond the implementation's own).
    struct InvalidCase {
        let description: String
        let encoding: [UInt8]
        let error: String
        var maxStoredNodes: Int? = nil
    }

    /// Every invalid case for depth `b` with the KDF.Nh-byte secret `s`; the `precedence:` cases break two
    /// rules and name the one SPEC.md section 3 says wins.
    static func invalidCases(bits b: Int, secret s: [UInt8]) -> [InvalidCase] {
        let short = Array(s.dropLast())
        let root = node(0, [], s)
        let left = node(1, [0x00], s)
        let right = node(1, [0x80], s)
        let ones = [UInt8](repeating: 0xFF, count: Challenge.byteCount(bits: b))
        var lastOne = ones
        lastOne = Challenge.clearingUnusedBits(lastOne, bits: b)
        let deepLeft = node(b, [UInt8](repeating: 0, count: Challenge.byteCount(bits: b)), s)
        let deepRight = node(b, lastOne, s)
        var secretVector = TLSWriter()
        secretVector.writeOpaque(s)
        var cases: [InvalidCase] = [
            .init(description: "nodes out of order", encoding: state([right, left]), error: "unsorted"),
            .init(
                description: "a prefix, then its extension",
                encoding: state(b >= 2 ? [left, node(2, [0x40], s)] : [root, right]), error: "overlapping"),
            .init(description: "a duplicate prefix", encoding: state([left, left]), error: "overlapping"),
            .init(
                description: "a prefix after its extension",
                encoding: state(b >= 2 ? [node(2, [0x00], s), left] : [left, root]), error: "overlapping"),
            .init(
                description: "a bit set after the prefix", encoding: state([node(1, [0x40], s)]),
                error: "padding_bits_set"),
            .init(
                description: "too many prefix bytes",
                encoding: state([b >= 3 ? node(3, [0x00, 0x00], s) : node(1, [0x00, 0x00], s)]),
                error: "wrong_prefix_byte_count"),
            .init(
                description: "a prefix byte for the root", encoding: state([node(0, [0x00], s)]),
                error: "wrong_prefix_byte_count"),
            .init(
                description: "prefix_length b + 1",
                encoding: state([node(b + 1, [UInt8](repeating: 0, count: (b + 8) / 8), s)]),
                error: "prefix_longer_than_depth"),
            .init(
                description: "a secret one byte short", encoding: state([node(0, [], short)]),
                error: "wrong_secret_length"),
            .init(
                description: "a secret one byte long", encoding: state([node(0, [], s + [0])]),
                error: "wrong_secret_length"),
            .init(description: "empty input", encoding: [], error: "truncated"),
            .init(
                description: "the nodes vector runs past the end of the input",
                encoding: Array(state([left, right]).dropLast()), error: "truncated"),
            .init(
                description: "truncation inside the nodes vector: the last secret runs past the vector's end",
                encoding: state([left, Array(right.dropLast())]), error: "truncated"),
            .init(
                description: "truncation inside the nodes vector: one byte of a prefix_length",
                encoding: state([left, [0x00]]), error: "truncated"),
            .init(description: "a byte after the nodes vector", encoding: state([root]) + [0], error: "trailing_bytes"),
            .init(
                description: "the nodes length in more bytes than needed",
                encoding: nonMinimalVarint(root.count) + root, error: "non_minimal_length"),
            .init(
                description: "an empty prefix's length in two bytes",
                encoding: state([[0x00, 0x00, 0x40, 0x00] + secretVector.bytes]),
                error: "non_minimal_length"),
            .init(
                description: "the nodes length starts with the reserved bits 11",
                encoding: [0xC0, 0x00, 0x00, UInt8(root.count)] + root, error: "reserved_length_prefix"),
            .init(
                description: "a secret length starts with the reserved bits 11",
                encoding: state([[0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, UInt8(s.count)] + s]),
                error: "reserved_length_prefix"),
            .init(
                description: "two nodes with a node limit of 1", encoding: state([left, right]),
                error: "too_many_nodes", maxStoredNodes: 1),
            .init(
                description: "precedence: trailing bytes (structure) over unsorted nodes",
                encoding: state([right, left]) + [0], error: "trailing_bytes"),
            .init(
                description: "precedence: truncation (structure) over a bad node 0",
                encoding: state([node(1, [0x40], s), Array(right.dropLast())]), error: "truncated"),
            .init(
                description: "precedence: the node limit over a bad node 0",
                encoding: state([node(1, [0x40], s), right]), error: "too_many_nodes", maxStoredNodes: 1),
            .init(
                description: "precedence: node 0's wrong secret length over node 1's overlap",
                encoding: state([node(1, [0x00], short), left]), error: "wrong_secret_length"),
            .init(
                description: "precedence: node 1's own rule (secret length) over its order",
                encoding: state([right, node(1, [0x00], short)]), error: "wrong_secret_length"),
            .init(
                description: "precedence: prefix_longer_than_depth over wrong_prefix_byte_count",
                encoding: state([node(b + 1, [], s)]), error: "prefix_longer_than_depth"),
            .init(
                description: "precedence: wrong_prefix_byte_count over padding_bits_set",
                encoding: state([node(1, [0x40, 0xFF], s)]), error: "wrong_prefix_byte_count"),
            .init(
                description: "precedence: padding_bits_set over wrong_secret_length",
                encoding: state([node(1, [0x40], short)]), error: "padding_bits_set"),
        ]
        if b > 5 {
            // Two depth-b nodes that split at the root need 2b - 1 inner nodes, more than 2 x 2 + b.
            cases += [
                .init(
                    description: "two depth-b nodes with a node limit of 2: 2b - 1 inner nodes, over 2 x 2 + b",
                    encoding: state([deepLeft, deepRight]), error: "too_many_inner_nodes", maxStoredNodes: 2),
                .init(
                    description: "precedence: the node limit over the trie limit",
                    encoding: state([deepLeft, deepRight]), error: "too_many_nodes", maxStoredNodes: 1),
                .init(
                    description: "precedence: a node rule over the trie limit",
                    encoding: state([deepLeft, node(b, lastOne, short)]), error: "wrong_secret_length",
                    maxStoredNodes: 2),
            ]
        }
        return cases
    }

    static func validEntry(_ pprf: PPRF, punctured: [Challenge]?) throws -> JSONValue {
        let nodes = pprf.storedNodes().map { n -> JSONValue in
            .object([
                ("prefix_length", .int(Int64(n.prefixLength))), ("prefix", .hex(n.prefix)),
                ("node_secret", .hex(n.secret.exportedForTestVectors())),
            ])
        }
        let list: JSONValue = punctured.map { .array($0.map { .hex($0.bytes) }) } ?? .null
        return .object([
            ("punctured", list), ("encoding", .hex(try pprf.encoded().exportedForTestVectors())),
            ("nodes", .array(nodes)),
        ])
    }

    static func verify(_ e: VectorEntry) throws(FieldMismatch) {
        guard let suite = try e.suite() else { throw FieldMismatch(field: "cipher_suite") }
        let b = try e.int("challenge_bits", max: 256)
        guard let profile = PRGProfile(name: try e.string("profile")) else { throw FieldMismatch(field: "profile") }
        let root = try e.secret("root_secret")
        for v in try e.children("valid") {
            let decoded = try attempt(v.name("encoding")) {
                try PPRF(
                    encoded: try v.secret("encoding"), suite: suite,
                    parameters: PPRFParameters(challengeBits: b, profile: profile))
            }
            let nodes = decoded.storedNodes()
            let expected = try v.children("nodes")
            try v.require(nodes.count == expected.count, "nodes")
            for (n, x) in zip(nodes, expected) {
                try x.require(UInt64(n.prefixLength) == (try x.int("prefix_length")), "prefix_length")
                try x.expect("prefix", n.prefix)
                try x.expect("node_secret", n.secret)
            }
            try v.expect("encoding", try attempt("encoding") { try decoded.encoded() })
            if v.object["punctured"] is NSNull { continue }
            // The state again from the root and the listed punctures.
            let rebuilt = try attempt("root_secret") {
                try PPRF(secret: root, suite: suite, parameters: PPRFParameters(challengeBits: b, profile: profile))
            }
            for (i, value) in (try v.list("punctured")).enumerated() {
                let field = v.name("punctured[\(i)]")
                guard let text = value as? String else { throw FieldMismatch(field: field) }
                try attempt(field) {
                    try rebuilt.puncture(at: try Challenge(bytes: try Hex.decode(text), challengeBits: b))
                }
            }
            try v.expect("encoding", try attempt(v.name("punctured")) { try rebuilt.encoded() })
        }
        for v in try e.children("invalid") {
            let name = try v.string("error")
            var limit = PPRF.storedNodeLimit
            if v.object["max_stored_nodes"] != nil { limit = try v.int("max_stored_nodes", max: PPRF.storedNodeLimit) }
            do {
                _ = try PPRF(
                    encoded: try v.secret("encoding"), suite: suite,
                    parameters: PPRFParameters(challengeBits: b, profile: profile), maxStoredNodes: limit)
                throw FieldMismatch(field: v.name("error"))
            } catch let error as PPRFError {
                try v.require(error.vectorName == name, "error")
            } catch {
                throw FieldMismatch(field: v.name("error"))
            }
        }
    }
}
