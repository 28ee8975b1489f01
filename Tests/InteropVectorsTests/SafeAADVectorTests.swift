import Foundation
import InteropVectors
import Testing

/// `Vectors/pprf-safe-aad.json` (SPEC.md sections 5 and 5.1): current, verified, and tamper-evident.
@Suite("Safe AAD vectors: both framings, valid and malformed")
struct SafeAADVectorTests {
    static let file = vectorsDirectory.appendingPathComponent("pprf-safe-aad.json")

    static func entries() throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [[String: Any]])
    }

    static func verify(_ entries: [[String: Any]]) throws -> VectorReport {
        try VectorFile.verify(data: try JSONSerialization.data(withJSONObject: entries))
    }

    @Test("the committed file is the generator's, byte for byte")
    func current() throws {
        let generated = try #require(try VectorSet.generate().first { $0.0 == "pprf-safe-aad.json" })
        #expect(
            try String(contentsOf: Self.file, encoding: .utf8) == generated.1,
            "Vectors/pprf-safe-aad.json is stale: run `\(GeneratedVectorTests.regenerate)`")
    }

    @Test("verify passes all 8 entries: suites 1 and 3, b = 60 and 256, both framings")
    func verifies() throws {
        let report = try VectorFile.verify(data: Data(contentsOf: Self.file))
        #expect(report.kind == .pprfSafeAAD)
        #expect(report.passed == 8 && report.failed == 0 && report.unsupported == 0, "\(report.summary)")
        let entries = try Self.entries()
        #expect(entries.map { $0["framing"] as? String }.filter { $0 == "safe_aad" }.count == 4)
        let errors = Set(
            entries.flatMap { ($0["malformed"] as? [[String: Any]] ?? []).compactMap { $0["error"] as? String } })
        #expect(
            errors == [
                "missing_challenge", "challenge_padding_bits_set", "safe_aad_malformed", "safe_aad_trailing_bytes",
                "safe_aad_unsorted", "safe_aad_duplicate_component", "missing_challenge_item", "challenge_item_length",
            ])
    }

    @Test("the safe AAD messages carry the challenge as item 0x667a between the application's items")
    func wire() throws {
        let entry = try #require(try Self.entries().first { $0["framing"] as? String == "safe_aad" })
        let message = try #require((entry["messages"] as? [[String: Any]])?.first)
        let aad = try #require(message["authenticated_data"] as? String)
        let challenge = try #require(message["challenge"] as? String)
        // b = 60: 8 challenge bytes; items 0x0001 (3 bytes) and 0x8000 (5 bytes).
        #expect(aad.count == 2 * (1 + 6 + 11 + 8))
        #expect(aad.hasPrefix("190001"))
        #expect(aad.contains("667a08" + challenge))
    }

    @Test("a changed error name, framing or hex field makes verify fail")
    func tamper() throws {
        let entries = try Self.entries()
        let index = entries.firstIndex { $0["framing"] as? String == "safe_aad" } ?? 0
        var malformed = try #require(entries[index]["malformed"] as? [[String: Any]])
        malformed[0]["error"] = "safe_aad_malformed"
        var named = entries
        named[index]["malformed"] = malformed
        #expect(try Self.verify(named).firstFailure == "entry \(index): malformed[0].error")
        var framing = entries
        framing[index]["framing"] = "raw_prefix"
        #expect(try Self.verify(framing).firstFailure == "entry \(index): framing")
        // The genuine authenticated_data as a "malformed" case is accepted, and that fails.
        let genuine = try #require((entries[index]["messages"] as? [[String: Any]])?.first?["authenticated_data"])
        malformed[0]["authenticated_data"] = genuine
        named[index]["malformed"] = malformed
        #expect(try Self.verify(named).failed == 1)
        let tests = GeneratedVectorTests()
        let entry = try #require(try Self.entries().first { $0["framing"] as? String == "safe_aad" })
        let paths = tests.hexPaths(entry, prefix: []).filter { $0.first != AnyHashable("malformed") }
        #expect(paths.count >= 12)
        for path in paths {
            let report = try Self.verify([try #require(tests.flip(entry, path: path) as? [String: Any])])
            #expect(report.failed == 1, "flipping \(path) went unnoticed")
        }
    }
}
