import Foundation
import Testing

@Suite("--profile of pprf simulate and pprf state: mls32 is listed, unknown names get a sentence")
struct ProfileOptionTests {
    /// Help text with its line wrapping undone (ArgumentParser wraps at the terminal width).
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test("the help of simulate and of every state subcommand names mls32")
    func helpListsMls32() throws {
        let simulate = try Tool.run(["simulate", "--help"])
        #expect(simulate.status == 0)
        #expect(Self.flat(simulate.stdout).contains("mls32 needs suite 5 or 7"), "\(simulate.stdout)")
        for sub in ["new", "puncture", "eval", "inspect", "check"] {
            let help = try Tool.run(["state", sub, "--help"])
            #expect(help.status == 0, "state \(sub): \(help.stderr)")
            #expect(Self.flat(help.stdout).contains("cbst or mls32 (32-byte nodes"), "state \(sub): \(help.stdout)")
        }
    }

    @Test("an unknown profile exits 64 naming every profile; simulate refuses mls32 (it runs suite 1)")
    func unknownProfile() throws {
        let root = String(repeating: "ab", count: 32)
        let state = try Tool.run(["state", "new", "--suite", "1", "--bits", "8", "--root", root, "--profile", "MLS32"])
        #expect(state.status == 64)
        #expect(state.stderr.contains("--profile must be mls, blake2b, cbst or mls32 (got 'MLS32')"), "\(state.stderr)")
        let simulate = try Tool.run(["simulate", "--profile", "sha3"])
        #expect(simulate.status == 64)
        #expect(
            simulate.stderr.contains("--profile must be mls, blake2b, cbst or mls32, got sha3"), "\(simulate.stderr)")
        let mls32 = try Tool.run(["simulate", "--profile", "mls32"])
        #expect(mls32.status == 64)
        #expect(mls32.stderr.contains("simulate runs suite 1"), "\(mls32.stderr)")
        #expect(mls32.stdout.isEmpty)
    }

    @Test("state new accepts mls32 at suite 5 (a 64-byte root) and refuses it at suite 1 with a sentence")
    func stateMls32() throws {
        let root = String(repeating: "cd", count: 64)
        let ok = try Tool.run(["state", "new", "--suite", "5", "--bits", "16", "--root", root, "--profile", "mls32"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(!ok.stdout.isEmpty)
        let short = String(repeating: "cd", count: 32)
        let refused = try Tool.run([
            "state", "new", "--suite", "1", "--bits", "16", "--root", short, "--profile", "mls32",
        ])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--profile mls32 with --suite 1"), "\(refused.stderr)")
    }
}
