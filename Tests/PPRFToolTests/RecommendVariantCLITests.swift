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
}
