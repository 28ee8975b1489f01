import Foundation
import InteropVectors
import Testing

let vectorsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Vectors")

@Suite("our interop vectors: reproducible, verified, tamper-evident")
struct GeneratedVectorTests {
    static let regenerate = "swift run pprf vectors generate --output-dir Vectors"
    /// Every file `pprf vectors generate` writes by default, in its order; each is covered by the staleness test.
    static let committedFiles = [
        "pprf-tree.json", "pprf-state.json", "pprf-state-compact.json", "pprf-tree-short-nodes.json",
        "pprf-message-protection.json", "pprf-message-negative.json", "pprf-safe-aad.json", "pprf-reuse-guard.json",
        "collision.json",
    ]

    @Test("re-running the generator reproduces the committed files (ECDSA signatures aside)")
    func committedFilesAreCurrent() throws {
        let files = try VectorSet.generate()
        #expect(files.map(\.0) == Self.committedFiles)
        for (name, content) in files {
            let committed = try String(contentsOf: vectorsDirectory.appendingPathComponent(name), encoding: .utf8)
            if ["pprf-message-protection.json", "pprf-message-negative.json", "pprf-reuse-guard.json"].contains(name) {
                // swift-crypto's ECDSA is randomised: compare those entries without their private_message.
                #expect(
                    try maskedECDSA(committed) == maskedECDSA(content),
                    "Vectors/\(name) is stale: run `\(Self.regenerate)`")
            } else {
                #expect(committed == content, "Vectors/\(name) is stale: run `\(Self.regenerate)`")
            }
        }
    }

    @Test("verify passes on every committed file")
    func committedFilesVerify() throws {
        for name in Self.committedFiles {
            let report = try VectorFile.verify(data: Data(contentsOf: vectorsDirectory.appendingPathComponent(name)))
            #expect(report.failed == 0, "\(name): \(report.summary)")
            #expect(report.passed > 0)
            #expect(report.unsupported == 0)
        }
    }

    @Test(
        "flipping one hex digit of a sampled field makes verify fail",
        arguments: ["pprf-tree.json", "pprf-state.json", "pprf-message-protection.json"])
    func tamperEvident(_ name: String) throws {
        let data = try Data(contentsOf: vectorsDirectory.appendingPathComponent(name))
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        // Keep the run short: one entry of each file, every hex field path in it.
        let entry = entries[entries.count / 2]
        // An invalid encoding may stay invalid in the same way after a flip (for example trailing bytes
        // behind a shorter length), so only fields whose change must be detected are sampled.
        let paths = hexPaths(entry, prefix: []).filter { $0.first != AnyHashable("invalid") }
        #expect(paths.count >= 5)
        var rng = SystemRandomNumberGenerator()
        for path in paths.shuffled(using: &rng).prefix(12) {
            let tampered = flip(entry, path: path)
            let report = try VectorFile.verify(data: try JSONSerialization.data(withJSONObject: [tampered]))
            #expect(report.failed == 1, "\(name): flipping \(path) went unnoticed")
        }
    }

    @Test("collision vectors: a changed number fails")
    func collisionTamper() throws {
        let data = try Data(contentsOf: vectorsDirectory.appendingPathComponent("collision.json"))
        var entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let index = try #require(entries.firstIndex { ($0["type"] as? String) == "min_bits" })
        entries[index]["min_bits"] = ((entries[index]["min_bits"] as? Int) ?? 0) + 1
        let report = try VectorFile.verify(data: try JSONSerialization.data(withJSONObject: entries))
        #expect(report.failed == 1)
        #expect(report.firstFailure == "entry \(index): min_bits")
    }

    @Test("the JSON writer escapes and orders deterministically")
    func jsonWriter() {
        let value = JSONValue.object([
            ("b", .string("q\"\\\n\u{1}")), ("a", .array([.int(-1), .uint(UInt64.max), .null, .number("1.5")])),
        ])
        #expect(
            value.rendered()
                == "{\n  \"b\": \"q\\\"\\\\\\n\\u0001\",\n  \"a\": [\n    -1,\n    18446744073709551615,\n    null,\n    1.5\n  ]\n}\n"
        )
        #expect(JSONValue.object([]).rendered() == "{}\n")
        #expect(JSONValue.array([]).rendered() == "[]\n")
    }

    /// The entries with every field ECDSA's randomised signatures change replaced by a marker: in the
    /// message sequences the fields ``PPRFMessageVectors/randomisedByECDSA``, in the negative file the
    /// messages (each carries a signature).
    func maskedECDSA(_ text: String) throws -> NSArray {
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        let marker = "(ECDSA: randomised)"
        return entries.map { entry -> [String: Any] in
            guard let suite = entry["cipher_suite"] as? Int, [2, 5, 7].contains(suite) else { return entry }
            var masked = entry
            for name in ["application", "proposal", "colliding"] {
                if var inner = masked[name] as? [String: Any] {
                    inner["private_message"] = marker
                    masked[name] = inner
                }
            }
            if let messages = entry["messages"] as? [[String: Any]] {
                masked["messages"] = messages.map { message in
                    var m = message
                    for field in PPRFMessageVectors.randomisedByECDSA { m[field] = marker }
                    return m
                }
            }
            if entry["state_before"] != nil {
                masked["message"] = marker
                masked["prior_messages"] = marker
            }
            return masked
        } as NSArray
    }

    /// Every path (keys and indices) to a non-empty hex string in a JSON value.
    func hexPaths(_ value: Any, prefix: [AnyHashable]) -> [[AnyHashable]] {
        if let dict = value as? [String: Any] {
            return dict.keys.sorted().flatMap { key in
                ["profile", "error", "type"].contains(key) ? [] : hexPaths(dict[key]!, prefix: prefix + [key])
            }
        }
        if let list = value as? [Any] {
            return list.enumerated().flatMap { hexPaths($1, prefix: prefix + [$0]) }
        }
        if let text = value as? String, !text.isEmpty, text.allSatisfy(\.isHexDigit) { return [prefix] }
        return []
    }

    /// The value with the first hex digit at `path` changed.
    func flip(_ value: Any, path: [AnyHashable]) -> Any {
        guard let head = path.first else {
            let text = value as! String
            let first = text.first!
            return String(first == "0" ? "1" : "0") + text.dropFirst()
        }
        if var dict = value as? [String: Any], let key = head as? String {
            dict[key] = flip(dict[key]!, path: Array(path.dropFirst()))
            return dict
        }
        var list = value as! [Any]
        let index = head as! Int
        list[index] = flip(list[index], path: Array(path.dropFirst()))
        return list
    }
}

@Suite("one generator, two formats: the official RFC 9420 format")
struct OfficialFormatTests {
    @Test("generated crypto-basics, secret-tree and message-protection files pass verify for suites 1, 2, 3, 5, 7")
    func generatedOfficialFilesVerify() throws {
        let files = try OfficialFormatGenerator.generate()
        #expect(files.map(\.0) == ["crypto-basics.json", "secret-tree.json", "message-protection.json"])
        for (name, content) in files {
            let report = try VectorFile.verify(data: Data(content.utf8))
            #expect(report.failed == 0, "\(name): \(report.summary)")
            #expect(report.passed == (name == "secret-tree.json" ? 15 : 5))
            #expect(report.kind.rawValue + ".json" == name)
        }
        // The deterministic parts reproduce: secret-tree has no signatures at all.
        #expect(try OfficialFormatGenerator.generate()[1].1 == files[1].1)
    }
}
