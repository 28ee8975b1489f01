import Foundation
import InteropVectors
import PuncturablePRF
import Testing

/// The vectors of the state variants (SPEC sections 3.1 and 3.2, ours): verified, recognised as their kind,
/// tamper-evident. Their staleness is checked with every other file by GeneratedVectorTests.
@Suite("variant vectors: compact states and 32-byte nodes")
struct VariantVectorTests {
    @Test(
        "verify recognises and passes the committed file",
        arguments: [
            ("pprf-state-compact.json", VectorKind.pprfStateCompact), ("pprf-tree-short-nodes.json", .pprfTree),
        ])
    func committedFileVerifies(name: String, kind: VectorKind) throws {
        let report = try VectorFile.verify(data: Data(contentsOf: vectorsDirectory.appendingPathComponent(name)))
        #expect(report.kind == kind)
        #expect(report.failed == 0, "\(name): \(report.summary)")
        #expect(report.passed == (name == "pprf-state-compact.json" ? 4 : 12))
        #expect(report.unsupported == 0)
    }

    @Test(
        "flipping one hex digit of a sampled field makes verify fail",
        arguments: ["pprf-state-compact.json", "pprf-tree-short-nodes.json"])
    func tamperEvident(_ name: String) throws {
        let data = try Data(contentsOf: vectorsDirectory.appendingPathComponent(name))
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let helper = GeneratedVectorTests()
        // Not b = 1, whose final state punctures its whole domain: one punctured challenge flipped is another.
        let deep = entries.filter { ($0["challenge_bits"] as? Int ?? 0) > 1 }
        for entry in [deep[deep.count / 2], deep[deep.count - 1]] {
            // Invalid encodings may stay invalid in the same way after a flip; only fields whose change must
            // be detected are sampled.
            let paths = helper.hexPaths(entry, prefix: []).filter {
                $0.first != AnyHashable("compact_invalid") && $0.first != AnyHashable("unrepresentable")
            }
            #expect(paths.count >= 5)
            var rng = SystemRandomNumberGenerator()
            for path in paths.shuffled(using: &rng).prefix(10) {
                let tampered = helper.flip(entry, path: path)
                let report = try VectorFile.verify(data: try JSONSerialization.data(withJSONObject: [tampered]))
                #expect(report.failed == 1, "\(name): flipping \(path) went unnoticed")
            }
        }
    }

    @Test("a compact file whose invalid entry decodes, or names the wrong error, fails verify")
    func wrongErrorFails() throws {
        let data = try Data(contentsOf: vectorsDirectory.appendingPathComponent("pprf-state-compact.json"))
        var entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        var invalid = try #require(entries[0]["compact_invalid"] as? [[String: Any]])
        invalid[0]["error"] = "trailing_bytes"
        entries[0]["compact_invalid"] = invalid
        let wrongName = try VectorFile.verify(data: try JSONSerialization.data(withJSONObject: [entries[0]]))
        #expect(wrongName.failed == 1)
        #expect(wrongName.firstFailure?.contains("compact_invalid") == true)
        let valid = try #require(entries[0]["compact_valid"] as? [[String: Any]])
        invalid[0]["encoding"] = valid[0]["compact_encoding"]
        entries[0]["compact_invalid"] = invalid
        let decodes = try VectorFile.verify(data: try JSONSerialization.data(withJSONObject: [entries[0]]))
        #expect(decodes.failed == 1)
    }
}
