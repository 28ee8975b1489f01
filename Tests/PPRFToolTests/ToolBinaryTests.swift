import Foundation
import MessageJobs
import Testing

/// The built `pprf` executable, run as a user would: malformed jobs exit 1 with a sentence naming the field,
/// and `vectors verify` fails on files in which nothing was checked.
@Suite("the pprf binary on hostile input")
struct ToolBinaryTests {
    /// Vectors/ at the package root.
    static let vectorsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Vectors")

    /// The committed pprf-tree.json with every entry moved to cipher suite 6 (which this library does not
    /// implement): a file in which nothing can be checked.
    static func allSuite6() throws -> Data {
        let data = try Data(contentsOf: vectorsDirectory.appendingPathComponent("pprf-tree.json"))
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return try JSONSerialization.data(withJSONObject: entries.map { e in e.merging(["cipher_suite": 6]) { $1 } })
    }

    @Test("a valid job round-trips through the binary")
    func roundTrip() throws {
        let protected = try Tool.run(
            ["message", "protect"], stdin: try JobFixture.job(mode: "pprf", ["plaintexts": JobFixture.list(["6869"])]))
        #expect(protected.status == 0, "\(protected.stderr)")
        let lines = protected.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 1)
        let opened = try Tool.run(
            ["message", "unprotect"], stdin: try JobFixture.job(mode: "pprf", ["messages": JobFixture.list(lines)]))
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(opened.stdout == "6869\n")
    }

    @Test("every malformed job exits 1 with a sentence naming the field, and prints nothing", arguments: HostileJob.all)
    func hostileJob(_ job: HostileJob) throws {
        let result = try Tool.run(["message", job.operation.rawValue], stdin: try job.json())
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("Field \(job.field)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("input that is not a job object exits 1 with a sentence")
    func notJobs() throws {
        for (input, phrase) in HostileJob.notJobs {
            let result = try Tool.run(["message", "unprotect"], stdin: Data(input.utf8))
            #expect(result.status == 1, "\(input)")
            #expect(result.stderr.contains(phrase), "\(input): \(result.stderr)")
        }
    }

    @Test("a replay exits 1 naming the library error")
    func replay() throws {
        let protected = try Tool.run(
            ["message", "protect"], stdin: try JobFixture.job(mode: "rfc9420", ["plaintexts": JobFixture.list(["01"])]))
        let line = protected.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try Tool.run(
            ["message", "unprotect"],
            stdin: try JobFixture.job(mode: "rfc9420", ["messages": JobFixture.list([line, line])]))
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)  // a job prints only when every message succeeded
        #expect(
            result.stderr.contains(
                "Message 1 (counting from 0) failed. The key of leaf 1 at generation 0 was already used"),
            "\(result.stderr)")
    }

    @Test("vectors verify exits non-zero, saying why, on a file where no entry was checked")
    func verifyNothingChecked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pprf-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer {
            do { try FileManager.default.removeItem(at: folder) } catch {
                Issue.record("could not remove \(folder.path)")
            }
        }
        let unsupported = folder.appendingPathComponent("pprf-tree.json")
        try Self.allSuite6().write(to: unsupported)
        let empty = folder.appendingPathComponent("empty.json")
        try Data("[]".utf8).write(to: empty)
        let good = Self.vectorsDirectory.appendingPathComponent("collision.json")

        let result = try Tool.run(["vectors", "verify", unsupported.path])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains("pprf-tree.json: FAILED pprf-tree: 0 passed, 0 failed, 78 unsupported"),
            "\(result.stdout)")
        #expect(result.stdout.contains("no entry was checked"))
        let emptyResult = try Tool.run(["vectors", "verify", empty.path])
        #expect(emptyResult.status == 1)
        #expect(emptyResult.stdout.contains("empty.json: FAILED The file is an empty array: no entry was checked."))
        let passing = try Tool.run(["vectors", "verify", good.path])
        #expect(passing.status == 0, "\(passing.stdout)")
        let mixed = try Tool.run(["vectors", "verify", good.path, unsupported.path])
        #expect(mixed.status == 1)
    }
}
