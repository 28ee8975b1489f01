import Foundation
import Testing

/// `pprf vectors generate` with parameters, run as a user would (issue 15 item 1).
@Suite("pprf vectors generate with parameters")
struct ToolGenerateTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pprf-generate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func remove(_ url: URL) {
        do { try FileManager.default.removeItem(at: url) } catch { Issue.record("could not remove \(url.path)") }
    }

    @Test("the issue's command writes files that verify, and the same command twice gives identical bytes")
    func acceptance() throws {
        let arguments = [
            "vectors", "generate", "--suite", "3", "--bits", "96", "--profile", "blake2b", "--count", "4", "--seed",
            "demo",
        ]
        let (one, two) = (try Self.folder(), try Self.folder())
        defer {
            Self.remove(one)
            Self.remove(two)
        }
        for dir in [one, two] {
            let run = try Tool.run(arguments + ["--output-dir", dir.path])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: one.path).sorted()
        // With generator options the fixed-parameter files (compact, short-node, Safe AAD, reuse-guard) are not written.
        #expect(
            names == [
                "collision.json", "pprf-message-negative.json", "pprf-message-protection.json", "pprf-state.json",
                "pprf-tree.json",
            ])
        for name in names {
            #expect(
                try Data(contentsOf: one.appendingPathComponent(name))
                    == Data(contentsOf: two.appendingPathComponent(name)), "\(name)")
        }
        let verify = try Tool.run(["vectors", "verify"] + names.map { one.appendingPathComponent($0).path })
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.split(separator: "\n").count == names.count)
        #expect(!verify.stdout.contains("FAILED"))
    }

    @Test(
        "malformed or conflicting options exit 64 with a sentence naming the option, writing nothing",
        arguments: [
            (["--suite", "0"], "--suite"), (["--suite", "-1"], "--suite"), (["--suite", "4"], "--suite 4"),
            (["--suite", "18446744073709551617"], "--suite"), (["--bits", "0"], "--bits"),
            (["--bits", "257"], "--bits"), (["--bits", "nan"], "--bits"), (["--bits", "12.5"], "--bits"),
            (["--count", "0"], "--count"), (["--count", "inf"], "--count"), (["--count", "100000"], "--count"),
            (["--profile", "sha256"], "--profile"), (["--kind", "all"], "--kind"), (["--seed", ""], "--seed"),
            (["--suite", "5", "--profile", "blake2b"], "--profile blake2b"),
            (["--bits", "1", "--count", "3"], "--count 3"),
            (["--kind", "collision", "--bits", "8"], "--kind collision"),
            (["--format", "rfc9420", "--suite", "1"], "--format pprf"),
        ])
    func refused(_ options: [String], _ phrase: String) throws {
        let dir = try Self.folder()
        defer { Self.remove(dir) }
        let run = try Tool.run(["vectors", "generate", "--output-dir", dir.path] + options)
        #expect(run.status == 64, "\(options): \(run.stderr)")
        #expect(run.stderr.contains(phrase), "\(options): \(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
