import Foundation
import Testing

@Suite("pprf recommend --variant through the binary")
struct RecommendVariantCLITests {
    @Test("the command takes --variant and --delivery-target and refuses nonsense with exit 64")
    func command() throws {
        let base = ["recommend", "--messages", "1000", "--target", "2^-64", "--format", "json"]
        let r = try Tool.run(base + ["--variant", "reuse-guard", "--delivery-target", "2^-32"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["challenge_bits"] as? Int == 51)
        #expect(object["variant"] as? String == "reuse-guard")
        let bad: [([String], String)] = [
            (["--variant", "bogus"], "--variant"), (["--variant", ""], "--variant"),
            (["--variant", "reuse-guard,reuse-guard"], "--variant"), (["--delivery-target", "0"], "--delivery-target"),
            (["--delivery-target", "-1"], "--delivery-target"), (["--delivery-target", "2"], "--delivery-target"),
            (["--delivery-target", "nan"], "--delivery-target"), (["--delivery-target", "inf"], "--delivery-target"),
            (["--delivery-target", "1e400"], "--delivery-target"), (["--delivery-target", "x"], "--delivery-target"),
            (["--delivery-target", "2^-100001"], "--delivery-target"),
            (["--delivery-target", "true"], "--delivery-target"),
        ]
        for (extra, option) in bad {
            let t = try Tool.run(base + extra)
            #expect(t.status == 64, "\(extra): \(t.status) \(t.stderr)")
            #expect(t.stderr.contains(option), "\(extra): \(t.stderr)")
        }
    }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try Tool.run(arguments)
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test("--variant compact and short-nodes (and with reuse-guard) give b, state and rotation bound with and without")
    func stateVariants() throws {
        let base = ["recommend", "--messages", "1e5", "--target", "2^-64", "--format", "json"]
        let plain = try Self.json(base + ["--suite", "5"])
        let compact = try Self.json(base + ["--suite", "5", "--variant", "compact"])
        #expect(compact["state_encoding"] as? String == "compact")
        #expect(compact["challenge_bits"] as? Int == plain["challenge_bits"] as? Int)
        #expect(compact["messages_per_epoch_max"] as? Int == plain["messages_per_epoch_max"] as? Int)
        let compactBytes = try #require(compact["receiver_state_encoded_bytes"] as? Int)
        let canonicalBytes = try #require(plain["receiver_state_encoded_bytes"] as? Int)
        #expect(compactBytes < canonicalBytes)
        let short = try Self.json(base + ["--suite", "5", "--variant", "short-nodes"])
        #expect(short["profile"] as? String == "mls32")
        #expect(short["node_secret_bytes"] as? Int == 32)
        #expect(plain["node_secret_bytes"] as? Int == 64)
        let shortBound = try #require(short["messages_per_epoch_max"] as? Int)
        let plainBound = try #require(plain["messages_per_epoch_max"] as? Int)
        #expect(shortBound > plainBound)
        let baseline = try #require(short["without_variants"] as? [String: Any])
        #expect(baseline["messages_per_epoch_max"] as? Int == plainBound)
        #expect(baseline["receiver_state_bytes"] as? Int == plain["receiver_state_bytes"] as? Int)
        let all = try Self.json(
            ["recommend", "--messages", "1e4", "--target", "2^-64", "--format", "json", "--suite", "7"]
                + ["--variant", "reuse-guard,compact", "--variant", "short-nodes", "--delivery-target", "2^-32"])
        #expect(all["variant"] as? String == "reuse-guard,compact,short-nodes")
        let allBaseline = try #require(all["without_variants"] as? [String: Any])
        let bits = try #require(all["challenge_bits"] as? Int)
        #expect(allBaseline["challenge_bits"] as? Int == bits + 32)
        // Text output carries the same fields.
        let text = try Tool.run([
            "recommend", "--messages", "1e5", "--target", "2^-64", "--suite", "5", "--variant", "short-nodes",
        ])
        #expect(text.status == 0)
        #expect(text.stdout.contains("node_secret_bytes: 32"))
        #expect(
            text.stdout.contains("without_variants: challenge_bits \(try #require(baseline["challenge_bits"] as? Int))")
        )
    }

    @Test("unknown, repeated and unsupported state variants exit 64 with a sentence")
    func stateVariantRefusals() throws {
        let base = ["recommend", "--messages", "1000", "--target", "2^-64"]
        let bad: [([String], String)] = [
            (["--variant", "Compact"], "unknown variant 'Compact'"),
            (["--variant", "compact,compact"], "compact is given twice"),
            (["--variant", "compact", "--variant", "compact"], "compact is given twice"),
            (
                ["--variant", "short-nodes"],
                "short-nodes needs a suite with KDF.Nh > 32 (5 or 7); suite 1 has KDF.Nh = 32"
            ),
            (["--variant", "short-nodes", "--suite", "3"], "suite 3 has KDF.Nh = 32"),
            (
                ["--variant", "short-nodes", "--suite", "5", "--profile", "cbst"],
                "cannot be combined with --profile cbst"
            ),
            (["--variant", "none,compact"], "none cannot be combined"),
            (["--variant", "short nodes"], "unknown variant 'short nodes'"),
            (["--variant", "0"], "unknown variant '0'"), (["--variant=-1"], "unknown variant '-1'"),
            (["--variant", "nan"], "unknown variant 'nan'"), (["--variant", "1.5"], "unknown variant '1.5'"),
            (["--variant", "inf"], "unknown variant 'inf'"),
            (
                ["--variant", String(repeating: "x", count: 10_000)],
                "'\(String(repeating: "x", count: 40))...'; use none"
            ),
        ]
        for (extra, sentence) in bad {
            let t = try Tool.run(base + extra)
            #expect(t.status == 64, "\(extra): \(t.status) \(t.stderr)")
            #expect(t.stderr.contains("--variant"), "\(extra): \(t.stderr)")
            #expect(t.stderr.contains(sentence), "\(extra): \(t.stderr)")
        }
    }
}
