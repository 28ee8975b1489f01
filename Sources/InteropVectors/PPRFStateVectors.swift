import MLSCore
import MLSCrypto
import PuncturablePRF

/// `Vectors/pprf-state.json`: valid canonical state encodings with their nodes, and invalid encodings with
/// the error a decoder must raise (SPEC.md section 3).
public enum PPRFStateVectors {
    /// The file name.
    public static let fileName = "pprf-state.json"
    /// (suite, depth) pairs covered.
    static let cases: [(UInt16, Int)] = [(1, 8), (5, 13), (7, 256)]

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

    /// Generates every entry.
    public static func generate() throws -> JSONValue {
        let rng = try VectorRNG(file: fileName)
        var entries: [JSONValue] = []
        for (suiteID, b) in cases {
            let suite = try CipherSuite(id: suiteID)
            let label = "suite \(suiteID) b=\(b)"
            let pprf = try PPRF(
                suite: suite, depth: b, profile: .mls, rootSecret: try rng.secret("\(label)/root_secret", suite.nh))
            var valid: [JSONValue] = [try validEntry(pprf)]
            for i in 0..<3 {
                let bytes = Challenge.clearingUnusedBits(
                    try rng.bytes("\(label)/challenge/\(i)", Challenge.byteCount(bits: b)), bits: b)
                try? pprf.puncture(at: Challenge(bytes: bytes, bitCount: b))
                valid.append(try validEntry(pprf))
            }
            valid.append(.object([("encoding", .hex(state([]))), ("nodes", .array([]))]))  // everything punctured
            let s = try rng.bytes("\(label)/secret", suite.nh)
            let invalid: [(String, [UInt8])] = [
                ("unsorted", state([node(1, [0x80], s), node(1, [0x00], s)])),
                ("overlapping", state([node(1, [0x00], s), node(2, [0x40], s)])),
                ("padding_bits_set", state([node(1, [0x40], s)])),
                ("wrong_prefix_byte_count", state([node(3, [0x00, 0x00], s)])),
                ("prefix_longer_than_depth", state([node(b + 1, [UInt8](repeating: 0, count: (b + 8) / 8), s)])),
                ("wrong_secret_length", state([node(0, [], Array(s.dropLast()))])),
                ("truncated", Array(state([node(1, [0x00], s), node(1, [0x80], s)]).dropLast())),
                ("trailing_bytes", state([node(0, [], s)]) + [0]),
            ]
            entries.append(
                .object([
                    ("cipher_suite", .int(Int64(suiteID))), ("challenge_bits", .int(Int64(b))),
                    ("valid", .array(valid)),
                    ("invalid", .array(invalid.map { .object([("encoding", .hex($0.1)), ("error", .string($0.0))]) })),
                ]))
        }
        return .array(entries)
    }

    static func validEntry(_ pprf: PPRF) throws -> JSONValue {
        let nodes = pprf.storedNodes().map { n -> JSONValue in
            .object([
                ("prefix_length", .int(Int64(n.prefixLength))), ("prefix", .hex(n.prefix)),
                ("node_secret", .hex(n.secret.exportedForTestVectors())),
            ])
        }
        return .object([("encoding", .hex(try pprf.encoded().exportedForTestVectors())), ("nodes", .array(nodes))])
    }

    static func verify(_ e: VectorEntry) throws(FieldMismatch) {
        guard let suite = try e.suite() else { throw FieldMismatch(field: "cipher_suite") }
        let b = try e.int("challenge_bits", max: 256)
        for v in try e.children("valid") {
            let decoded = try attempt(v.name("encoding")) {
                try PPRF(suite: suite, depth: b, profile: .mls, encoded: try v.secret("encoding"))
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
        }
        for v in try e.children("invalid") {
            let name = try v.string("error")
            do {
                _ = try PPRF(suite: suite, depth: b, profile: .mls, encoded: try v.secret("encoding"))
                throw FieldMismatch(field: v.name("error"))
            } catch let error as PPRFError {
                try v.require(error.vectorName == name, "error")
            } catch {
                throw FieldMismatch(field: v.name("error"))
            }
        }
    }
}
