import Foundation
import InteropVectors
import PuncturablePRF
import Testing

/// `pprf vectors generate` with parameters (issue 15 item 1): user-chosen files verify, reproduce, and every
/// malformed option is refused with a sentence.
@Suite("vector generation with parameters")
struct GeneratorOptionsTests {
    static let demo = GeneratorOptions(suite: 3, bits: 96, profile: .blake2b, count: 4, seed: "demo")

    @Test("suite 3, b = 96, blake2b, 4 messages, seed demo: every file verifies and reproduces byte for byte")
    func acceptanceCommand() throws {
        let files = try VectorSet.generate(Self.demo)
        // The fixed-parameter files (compact state, short nodes, Safe AAD, reuse guard) come with the committed set
        // only.
        #expect(
            files.map(\.0) == [
                "pprf-tree.json", "pprf-state.json", "pprf-message-protection.json", "pprf-message-negative.json",
                "collision.json",
            ])
        for (name, content) in files {
            let report = try VectorFile.verify(data: Data(content.utf8))
            #expect(report.failed == 0 && report.passed > 0, "\(name): \(report.summary)")
        }
        let again = try VectorSet.generate(Self.demo)
        #expect(again.map(\.1) == files.map(\.1))
        let messages = try entries(files, "pprf-message-protection.json")
        #expect(messages.count == 1)
        #expect(messages[0]["cipher_suite"] as? Int == 3 && messages[0]["challenge_bits"] as? Int == 96)
        #expect(messages[0]["profile"] as? String == "blake2b")
        #expect((messages[0]["messages"] as? [Any])?.count == 4)
        let tree = try entries(files, "pprf-tree.json")
        #expect(tree.count == 1 && tree[0]["challenge_bits"] as? Int == 96)
        // 4 structural challenges and 4 from the generator.
        #expect((tree[0]["evaluations"] as? [Any])?.count == 8)
        let state = try entries(files, "pprf-state.json")
        #expect(state.count == 1 && state[0]["cipher_suite"] as? Int == 3)
        #expect(state[0]["profile"] as? String == "blake2b" && state[0]["challenge_bits"] as? Int == 96)
        // A fresh state, one per puncture, the empty state and the root's two children as a cover.
        #expect((state[0]["valid"] as? [Any])?.count == 7)
    }

    @Test("the seed keys the generator: another seed gives other values, no seed the committed ones")
    func seedKeysGenerator() throws {
        var other = Self.demo
        other.seed = "demo2"
        let a = try VectorSet.generate(Self.demo)
        let b = try VectorSet.generate(other)
        for (x, y) in zip(a, b) where x.0 != "collision.json" { #expect(x.1 != y.1, "\(x.0)") }
        let unseeded = GeneratorOptions(suite: 1, bits: 13, profile: .mls, kinds: [.messages])
        let committed = try Data(contentsOf: vectorsDirectory.appendingPathComponent("pprf-message-protection.json"))
        let all = try #require(try JSONSerialization.jsonObject(with: committed) as? [[String: Any]])
        let expected = try #require(
            all.first {
                $0["cipher_suite"] as? Int == 1 && $0["challenge_bits"] as? Int == 13
                    && $0["profile"] as? String == "mls"
            })
        let generated = try entries(try VectorSet.generate(unseeded), "pprf-message-protection.json")
        #expect(generated.count == 1)
        #expect(NSDictionary(dictionary: generated[0]).isEqual(to: expected))
    }

    @Test(
        "other parameters verify: an ECDSA suite, b = 1 with two messages, cbst, a suite's default profiles, all of b = 4",
        arguments: [
            GeneratorOptions(suite: 2, bits: 13, count: 2, kinds: [.messages, .negative]),
            GeneratorOptions(bits: 1, profile: .mls, count: 2, kinds: [.messages, .tree]),
            GeneratorOptions(suite: 7, bits: 200, profile: .cbst, count: 3, seed: "x", kinds: [.messages, .negative]),
            GeneratorOptions(suite: 5, kinds: [.messages]),
            // 16 messages exhaust the 16 challenges of b = 4: the last ones come from the fallback scan.
            GeneratorOptions(suite: 3, bits: 4, profile: .mls, count: 16, kinds: [.messages]),
        ])
    func otherParameters(_ options: GeneratorOptions) throws {
        for (name, content) in try VectorSet.generate(options) {
            let report = try VectorFile.verify(data: Data(content.utf8))
            #expect(report.failed == 0 && report.passed > 0, "\(name): \(report.summary)")
        }
    }

    @Test("suite 5 alone covers its profiles mls and cbst, never blake2b")
    func suiteDefaults() throws {
        let files = try VectorSet.generate(GeneratorOptions(suite: 5, bits: 64, kinds: [.tree]))
        let profiles = try entries(files, "pprf-tree.json").compactMap { $0["profile"] as? String }
        #expect(profiles == ["mls", "cbst"])
    }

    @Test(
        "malformed option values are refused with a sentence naming the option",
        arguments: [
            ("--suite", "0"), ("--suite", "-1"), ("--suite", "4"), ("--suite", "6"), ("--suite", "8"),
            ("--suite", "1.5"), ("--suite", "abc"), ("--suite", ""), ("--suite", "99999999999999999999999"),
            ("--bits", "0"), ("--bits", "257"), ("--bits", "-8"), ("--bits", "nan"), ("--bits", "inf"),
            ("--bits", "9.5"), ("--bits", "1e2"), ("--bits", " 8"), ("--count", "0"), ("--count", "1025"),
            ("--count", "-3"), ("--count", "2^10"), ("--profile", "MLS"), ("--profile", ""), ("--kind", "trees"),
            ("--seed", ""), ("--seed", String(repeating: "s", count: 257)), ("--seed", "a\nb"),
        ])
    func malformed(_ option: String, _ text: String) throws {
        let error = try #require(#expect(throws: GeneratorOptionsError.self) { try Self.parse(option, text) })
        #expect(error.description.contains(option), "\(error)")
        #expect(error.description.hasSuffix("."))
    }

    @Test("well-formed values parse exactly")
    func wellFormed() throws {
        #expect(try GeneratorOptions.parseSuite("7") == 7)
        #expect(try GeneratorOptions.parseBits("096") == 96)
        #expect(try GeneratorOptions.parseBits("256") == 256)
        #expect(try GeneratorOptions.parseCount("1024") == 1024)
        #expect(try GeneratorOptions.parseProfile("cbst") == .cbst)
        #expect(try GeneratorOptions.parseKind("negative") == .negative)
        #expect(try GeneratorOptions.parseSeed("démo") == "démo")
    }

    @Test("combinations that cannot be generated are refused before anything is written")
    func combinations() {
        let cases: [(GeneratorOptions, GeneratorOptionsError)] = [
            (GeneratorOptions(suite: 5, profile: .blake2b), .profileUnsupported(suite: 5, profile: "blake2b")),
            (GeneratorOptions(bits: 2, count: 5), .countExceedsChallenges(count: 5, bits: 2)),
            (GeneratorOptions(seed: "x", kinds: [.collision]), .notApplicable(kind: "collision")),
        ]
        for (options, expected) in cases {
            #expect(throws: expected) { try VectorSet.generate(options) }
            #expect(expected.description.hasSuffix("."))
        }
        // b = 2 has exactly four challenges: four messages fit.
        #expect(throws: Never.self) { try GeneratorOptions(bits: 2, count: 4, kinds: [.messages]).validate() }
    }

    static func parse(_ option: String, _ text: String) throws(GeneratorOptionsError) {
        switch option {
        case "--suite": _ = try GeneratorOptions.parseSuite(text)
        case "--bits": _ = try GeneratorOptions.parseBits(text)
        case "--count": _ = try GeneratorOptions.parseCount(text)
        case "--profile": _ = try GeneratorOptions.parseProfile(text)
        case "--kind": _ = try GeneratorOptions.parseKind(text)
        default: _ = try GeneratorOptions.parseSeed(text)
        }
    }

    func entries(_ files: [(String, String)], _ name: String) throws -> [[String: Any]] {
        let content = try #require(files.first { $0.0 == name }?.1, "no \(name)")
        return try #require(try JSONSerialization.jsonObject(with: Data(content.utf8)) as? [[String: Any]])
    }
}
