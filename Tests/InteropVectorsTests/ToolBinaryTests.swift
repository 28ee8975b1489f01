import Foundation
import InteropVectors
import Testing

/// The built `pprf` executable, run as a user would: malformed jobs exit 1 with a sentence naming the field,
/// and `vectors verify` fails on files in which nothing was checked.
@Suite("the pprf binary on hostile input")
struct ToolBinaryTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// `pprf` beside the test bundle (SwiftPM builds every product into the same folder).
    static func binary() throws -> URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        var candidates = [beside.appendingPathComponent("pprf")]
        // The bundle may be a folder (`...xctest/Contents/MacOS/...` on Darwin).
        candidates.append(
            beside.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("pprf"))
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "build the tool first (swift build); looked at \(candidates.map(\.path))")
    }

    static func run(_ arguments: [String], stdin: Data = Data()) throws -> Run {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(stdin)
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    @Test("a valid job round-trips through the binary")
    func roundTrip() throws {
        let protected = try Self.run(
            ["message", "protect"], stdin: try JobFixture.job(mode: "pprf", ["plaintexts": JobFixture.list(["6869"])]))
        #expect(protected.status == 0, "\(protected.stderr)")
        let lines = protected.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 1)
        let opened = try Self.run(
            ["message", "unprotect"], stdin: try JobFixture.job(mode: "pprf", ["messages": JobFixture.list(lines)]))
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(opened.stdout == "6869\n")
    }

    @Test("every malformed job exits 1 with a sentence naming the field, and prints nothing", arguments: HostileJob.all)
    func hostileJob(_ job: HostileJob) throws {
        let result = try Self.run(["message", job.operation.rawValue], stdin: try job.json())
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("Field \(job.field)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("input that is not a job object exits 1 with a sentence")
    func notJobs() throws {
        for (input, phrase) in HostileJob.notJobs {
            let result = try Self.run(["message", "unprotect"], stdin: Data(input.utf8))
            #expect(result.status == 1, "\(input)")
            #expect(result.stderr.contains(phrase), "\(input): \(result.stderr)")
        }
    }

    @Test("a replay exits 1 naming the library error")
    func replay() throws {
        let protected = try Self.run(
            ["message", "protect"], stdin: try JobFixture.job(mode: "rfc9420", ["plaintexts": JobFixture.list(["01"])]))
        let line = protected.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try Self.run(
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
        try VerifyNothingCheckedTests.allSuite6().write(to: unsupported)
        let empty = folder.appendingPathComponent("empty.json")
        try Data("[]".utf8).write(to: empty)
        let good = vectorsDirectory.appendingPathComponent("collision.json")

        let result = try Self.run(["vectors", "verify", unsupported.path])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains("pprf-tree.json: FAILED pprf-tree: 0 passed, 0 failed, 78 unsupported"),
            "\(result.stdout)")
        #expect(result.stdout.contains("no entry was checked"))
        let emptyResult = try Self.run(["vectors", "verify", empty.path])
        #expect(emptyResult.status == 1)
        #expect(emptyResult.stdout.contains("empty.json: FAILED The file is an empty array: no entry was checked."))
        let passing = try Self.run(["vectors", "verify", good.path])
        #expect(passing.status == 0, "\(passing.stdout)")
        let mixed = try Self.run(["vectors", "verify", good.path, unsupported.path])
        #expect(mixed.status == 1)
    }
}
