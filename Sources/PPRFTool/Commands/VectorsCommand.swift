import ArgumentParser
import Foundation
import InteropVectors

/// `pprf vectors`: interop test vectors.
struct VectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors", abstract: "Verify interop test vectors.", subcommands: [Verify.self])

    /// `pprf vectors verify FILE...`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every entry of vector files (official RFC 9420 kinds); exit non-zero on any failure.")

        @Argument(help: "JSON vector files.")
        var files: [String]

        func run() throws {
            var anyFailure = false
            for path in files {
                let name = URL(fileURLWithPath: path).lastPathComponent
                do {
                    let report = try VectorFile.verify(data: try Data(contentsOf: URL(fileURLWithPath: path)))
                    print("\(name): \(report.failed == 0 ? "passed" : "FAILED") \(report.summary)")
                    anyFailure = anyFailure || report.failed > 0
                } catch {
                    print("\(name): FAILED \(error)")
                    anyFailure = true
                }
            }
            if anyFailure { throw ExitCode.failure }
        }
    }
}
