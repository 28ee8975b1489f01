import Foundation
import Testing

/// `pprf simulate` with the working group's strategies, `pprf working-group simulate` (the same table), and
/// `pprf vectors verify` on the working group's vector files (issue 17).
@Suite("pprf simulate (wg01 strategies) and pprf vectors verify (working-group files)")
struct StrategyCommandTests {
    static let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Vectors")

    @Test("pprf simulate runs wg01-strong and wg01-eventual: strict JSON, rejections, resends, no key-nonce reuse")
    func simulateWorkingGroup() throws {
        let run = try Tool.run([
            "simulate", "--emulators", "3", "--members", "2", "--messages", "30", "--strategy", "wg01-strong",
            "wg01-eventual", "--format", "json",
        ])
        #expect(run.status == 0, "\(run)")
        let rows = try #require(try Tool.strictJSON(run.stdout) as? [[String: String]])
        #expect(rows.map { $0["strategy"] } == ["wg01-strong", "wg01-eventual"])
        #expect(rows[0]["DS rejections"] == "30")
        #expect(rows[0]["failed decryptions"] == "0")
        #expect(rows[0]["what the DS learns"]?.contains("generation IDs") == true)
        #expect(rows[1]["resends"] == "30")
        #expect(rows[1]["undelivered"] == "0")
        #expect(rows.allSatisfy { $0["key-nonce reuses"] == "0" })
        #expect(rows.allSatisfy { $0["receiver bytes held (measured, budget 67108864)"] == "-" })
        #expect(run.stderr.contains("simulating wg01-strong"))
    }

    @Test("pprf working-group simulate prints the same table's columns for both DS settings")
    func workingGroupSimulate() throws {
        let run = try Tool.run(["working-group", "simulate", "--messages", "12", "--suite", "3", "--format", "csv"])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("strategy,failed decryptions,undelivered,key reuses,key-nonce reuses,DS rejections"))
        #expect(lines[1].hasPrefix("wg01-strong,0,0,0,0,"))
        #expect(lines[2].hasPrefix("wg01-eventual,"))
    }

    @Test("the wg01 strategies' bounds are usage errors naming the option", arguments: ["100001", "1000000"])
    func bounds(_ messages: String) throws {
        let run = try Tool.run(["simulate", "--strategy", "pprf", "wg01-eventual", "--messages", messages])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("--messages must be in 1...100000 for wg01-eventual"))
        let empty = try Tool.run(["simulate", "--report-dir", ""])
        #expect(empty.status == 64, "\(empty)")
        #expect(empty.stderr.contains("--report-dir"))
    }

    @Test("pprf vectors verify checks ff1-radix2.json and vc01-reuse-guard.json; a changed output fails it")
    func verifyWorkingGroupFiles() throws {
        let files = ["ff1-radix2.json", "vc01-reuse-guard.json"].map { Self.vectors.appendingPathComponent($0).path }
        let run = try Tool.run(["vectors", "verify"] + files)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("ff1-radix2.json: passed ff1-radix2: 34 passed, 0 failed"))
        #expect(run.stdout.contains("vc01-reuse-guard.json: passed vc01-reuse-guard: 5 passed, 0 failed"))

        let original = try String(contentsOfFile: files[1], encoding: .utf8)
        let guardLine = try #require(original.range(of: #""reuse_guard": "[0-9a-f]{8}""#, options: .regularExpression))
        var tampered = original
        let digit = tampered.index(guardLine.upperBound, offsetBy: -2)
        let replacement: String = tampered[digit] == "0" ? "1" : "0"
        tampered.replaceSubrange(digit...digit, with: replacement)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wg-verify-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("vc01-reuse-guard.json").path
        try Data(tampered.utf8).write(to: URL(fileURLWithPath: path))
        let failed = try Tool.run(["vectors", "verify", path])
        #expect(failed.status == 1, "\(failed)")
        #expect(failed.stdout.contains("vc01-reuse-guard.json: FAILED vc01-reuse-guard: 4 passed, 1 failed"))
    }
}
