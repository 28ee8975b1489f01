import Foundation
import Testing

@testable import WorkingGroupDesign

let vectorsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Vectors")

@Suite("Vectors/ff1-radix2.json and Vectors/vc01-reuse-guard.json")
struct VectorFileTests {
    static let regenerate = "swift run pprf vectors generate --output-dir Vectors"

    @Test("re-running the generator reproduces the committed files byte for byte")
    func committedFilesAreCurrent() throws {
        for (name, content) in try WorkingGroupVectorFiles.generate() {
            let committed = try String(contentsOf: vectorsDirectory.appendingPathComponent(name), encoding: .utf8)
            #expect(committed == content, "Vectors/\(name) is stale: run `\(Self.regenerate)`")
        }
    }

    @Test("verify passes on both committed files, every entry")
    func committedFilesVerify() throws {
        let ff1 = try WorkingGroupVectorFiles.verify(
            data: Data(contentsOf: vectorsDirectory.appendingPathComponent(FF1Radix2Vectors.fileName)))
        #expect(ff1 == WorkingGroupVectorReport(kind: "ff1-radix2", passed: 34, failed: 0, firstFailure: nil))
        let guards = try WorkingGroupVectorFiles.verify(
            data: Data(contentsOf: vectorsDirectory.appendingPathComponent(ReuseGuardVectors.fileName)))
        #expect(guards == WorkingGroupVectorReport(kind: "vc01-reuse-guard", passed: 5, failed: 0, firstFailure: nil))
    }

    static func entries(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: vectorsDirectory.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    static func verify(_ entries: [[String: Any]]) throws -> WorkingGroupVectorReport {
        try WorkingGroupVectorFiles.verify(data: JSONSerialization.data(withJSONObject: entries))
    }

    static func flipHex(_ text: String) -> String {
        var characters = Array(text)
        characters[characters.count - 1] = characters[characters.count - 1] == "0" ? "1" : "0"
        return String(characters)
    }

    @Test("a changed ciphertext bit, tweak or key is a mismatch naming the ciphertext")
    func ff1Tamper() throws {
        var entries = try Self.entries(FF1Radix2Vectors.fileName)
        let original = entries[5]
        var bits = Array(try #require(original["ciphertext"] as? String))
        bits[7] = bits[7] == "0" ? "1" : "0"
        entries[5]["ciphertext"] = String(bits)
        #expect(try Self.verify(entries).firstFailure == "entry 5: ciphertext")
        entries[5] = original
        entries[5]["tweak"] = Self.flipHex(try #require(original["tweak"] as? String) + "00")
        #expect(try Self.verify(entries).firstFailure == "entry 5: ciphertext")
        entries[5] = original
        entries[5]["key"] = Self.flipHex(try #require(original["key"] as? String))
        let report = try Self.verify(entries)
        #expect((report.passed, report.failed) == (33, 1))
        // The uint32 forms are checked too.
        var last = try Self.entries(FF1Radix2Vectors.fileName)
        last[33]["ciphertext_uint32"] = ((last[33]["ciphertext_uint32"] as? Int) ?? 0) ^ 1
        #expect(try Self.verify(last).firstFailure == "entry 33: ciphertext_uint32")
    }

    @Test("malformed ff1 entries are typed errors: wrong type, fraction, negative, bad bits, short length")
    func ff1Malformed() throws {
        let original = try Self.entries(FF1Radix2Vectors.fileName)
        let cases: [(String, Any, String)] = [
            ("length", "32", "entry[0].length"), ("length", 32.5, "entry[0].length"), ("length", -1, "entry[0].length"),
            ("length", true, "entry[0].length"), ("plaintext", "0102", "entry[0].plaintext"),
            ("key", "zz", "entry[0].key"), ("key", "0011", "entry[0].key"),
        ]
        for (key, value, field) in cases {
            var entries = original
            entries[0][key] = value
            #expect(throws: WorkingGroupError.malformedVector(field: field), "\(key) = \(value)") {
                try Self.verify(entries)
            }
        }
        var short = original
        short[0]["length"] = 4
        short[0]["plaintext"] = "0101"
        short[0]["ciphertext"] = "0101"
        #expect(throws: WorkingGroupError.malformedVector(field: "entry[0].length")) { try Self.verify(short) }
        #expect(throws: WorkingGroupError.malformedVector(field: "file (not a non-empty array of objects)")) {
            try WorkingGroupVectorFiles.verify(data: Data("{}".utf8))
        }
        #expect(throws: WorkingGroupError.malformedVector(field: "file (neither ff1-radix2 nor vc01-reuse-guard)")) {
            try WorkingGroupVectorFiles.verify(data: Data("[{\"a\": 1}]".utf8))
        }
        #expect(throws: WorkingGroupError.malformedVector(field: "file (no entries)")) {
            try FF1Radix2Vectors.verify(data: Data("[]".utf8))
        }
    }

    @Test("every derived field of a reuse-guard entry is checked")
    func reuseGuardTamper() throws {
        let original = try Self.entries(ReuseGuardVectors.fileName)
        for field in [
            "epoch_id", "epoch_base_secret", "epoch_encryption_key", "generation_id_secret", "reuse_guard_secret",
        ] {
            var entries = original
            entries[2][field] = Self.flipHex(try #require(entries[2][field] as? String))
            #expect(try Self.verify(entries).firstFailure == "entry 2: \(field)")
        }
        for field in ["prp_key", "reuse_guard", "guarded_nonce", "x"] {
            var entries = original
            var guards = try #require(entries[1]["reuse_guards"] as? [[String: Any]])
            if field == "x" {
                guards[3]["x"] = ((guards[3]["x"] as? Int) ?? 0) ^ 4
            } else {
                guards[3][field] = Self.flipHex(try #require(guards[3][field] as? String))
            }
            entries[1]["reuse_guards"] = guards
            #expect(try Self.verify(entries).firstFailure == "entry 1: reuse_guards[3].\(field)")
        }
        for field in ["private_message_context", "generation_id"] {
            var entries = original
            var ids = try #require(entries[4]["generation_ids"] as? [[String: Any]])
            ids[1][field] = Self.flipHex(try #require(ids[1][field] as? String))
            entries[4]["generation_ids"] = ids
            #expect(try Self.verify(entries).firstFailure == "entry 4: generation_ids[1].\(field)")
        }
    }

    @Test("malformed reuse-guard entries are typed errors naming the field")
    func reuseGuardMalformed() throws {
        let original = try Self.entries(ReuseGuardVectors.fileName)
        var suite = original
        suite[0]["cipher_suite"] = 4
        #expect(throws: WorkingGroupError.malformedVector(field: "entry[0].cipher_suite")) { try Self.verify(suite) }
        let guardCases: [(String, Any, String)] = [
            ("n_e", 3, "entry[0].reuse_guards[0].n_e, leaf_index or multiplier"),
            ("leaf_index", 1, "entry[0].reuse_guards[0].n_e, leaf_index or multiplier"),
            ("reuse_guard", "0011", "entry[0].reuse_guards[0].reuse_guard"),
            ("key_schedule_nonce", "0g", "entry[0].reuse_guards[0].key_schedule_nonce"),
        ]
        for (key, value, field) in guardCases {
            var entries = original
            var guards = try #require(entries[0]["reuse_guards"] as? [[String: Any]])
            guards[0][key] = value
            entries[0]["reuse_guards"] = guards
            #expect(throws: WorkingGroupError.malformedVector(field: field)) { try Self.verify(entries) }
        }
        var ratchet = original
        var ids = try #require(ratchet[0]["generation_ids"] as? [[String: Any]])
        ids[0]["ratchet_type"] = 3
        ratchet[0]["generation_ids"] = ids
        #expect(throws: WorkingGroupError.malformedVector(field: "entry[0].generation_ids[0].ratchet_type")) {
            try Self.verify(ratchet)
        }
        var missing = original
        missing[0].removeValue(forKey: "epoch_id")
        #expect(throws: WorkingGroupError.malformedVector(field: "entry[0].epoch_id")) { try Self.verify(missing) }
    }
}
