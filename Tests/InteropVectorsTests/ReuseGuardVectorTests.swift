import Foundation
import InteropVectors
import Testing

/// `Vectors/pprf-reuse-guard.json` (SPEC.md section 10): current, verified by the dispatcher, tamper-evident.
@Suite("reuse-guard vectors: current, verified, tamper-evident")
struct ReuseGuardVectorTests {
    static let url = vectorsDirectory.appendingPathComponent("pprf-reuse-guard.json")

    static func entries() throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
    }

    static func verify(_ entries: [[String: Any]]) throws -> VectorReport {
        try VectorFile.verify(data: try JSONSerialization.data(withJSONObject: entries))
    }

    @Test("the committed file is the generator's (ECDSA signatures aside) and every entry verifies")
    func currentAndVerified() throws {
        let generated = try #require(try VectorSet.generate().first { $0.0 == "pprf-reuse-guard.json" })
        let fresh = try #require(try JSONSerialization.jsonObject(with: Data(generated.1.utf8)) as? [[String: Any]])
        let committed = try Self.entries()
        #expect(fresh.count == committed.count && committed.count == 16)
        for (a, b) in zip(fresh, committed) {
            let ecdsa = [2, 5, 7].contains(a["cipher_suite"] as? Int ?? 0)
            for key in a.keys.sorted() where !["application", "colliding", "proposal"].contains(key) {
                #expect(
                    "\(a[key]!)" == "\(b[key] ?? "missing")",
                    "Vectors/pprf-reuse-guard.json is stale at \(key): run `swift run pprf vectors generate --output-dir Vectors`"
                )
            }
            for name in ["application", "colliding", "proposal"] {
                var x = try #require(a[name] as? [String: Any])
                var y = try #require(b[name] as? [String: Any])
                if ecdsa { (x["private_message"], y["private_message"]) = ("ecdsa", "ecdsa") }
                #expect(NSDictionary(dictionary: x) == NSDictionary(dictionary: y), "\(name) is stale")
            }
        }
        let report = try VectorFile.verify(data: Data(contentsOf: Self.url))
        #expect(report.kind == .pprfReuseGuard)
        #expect(report.passed == 16 && report.failed == 0 && report.unsupported == 0, "\(report.summary)")
    }

    @Test(
        "a changed intermediate value, guard, message or invalid-parameter encoding fails verify, naming the field",
        arguments: [
            ("application", "guarded_nonce"), ("application", "nonce"), ("application", "key"),
            ("application", "leaf_secret"), ("application", "reuse_guard"), ("application", "sender_data"),
            ("application", "private_message"), ("colliding", "reuse_guard"), ("colliding", "key"),
            ("proposal", "guarded_nonce"), ("proposal", "challenge"), ("", "parameters"),
        ])
    func tampered(_ message: String, _ field: String) throws {
        var entries = try Self.entries()
        for index in [1, 6] {  // suite 1 b = 96 (Ed25519) and suite 5 b = 13 (ECDSA)
            var entry = entries[index]
            func flip(_ text: String) -> String { (text.first == "0" ? "1" : "0") + text.dropFirst() }
            if message.isEmpty {
                entry[field] = flip(try #require(entry[field] as? String))
            } else {
                var inner = try #require(entry[message] as? [String: Any])
                inner[field] = flip(try #require(inner[field] as? String))
                entry[message] = inner
            }
            entries[index] = entry
            let report = try Self.verify([entry])
            #expect(report.failed == 1, "flipping \(message).\(field) of entry \(index) went unnoticed")
        }
    }

    @Test("a valid options byte among the invalid ones, or a colliding message with another challenge, fails verify")
    func semanticTampering() throws {
        var entry = try Self.entries()[0]
        var invalid = try #require(entry["invalid_parameters"] as? [String])
        invalid[0] = try #require(entry["parameters"] as? String)
        entry["invalid_parameters"] = invalid
        #expect(try Self.verify([entry]).firstFailure == "entry 0: invalid_parameters[0]")
        var colliding = try Self.entries()[0]
        var other = try #require(colliding["proposal"] as? [String: Any])
        other["error"] = "challenge_reused"
        colliding["colliding"] = other  // another challenge, so another key: not a collision
        #expect(try Self.verify([colliding]).firstFailure == "entry 0: colliding.key")
    }
}
