import ArgumentParser
import Foundation
import InteropVectors
import TradeoffAnalysis

/// `pprf vectors`: interop test vectors.
struct VectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors", abstract: "Generate and verify interop test vectors.",
        subcommands: [Generate.self, Verify.self])

    /// `pprf vectors generate [--output-dir Vectors]`.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write every vector file (deterministic: inputs come from a labelled generator, not the system RNG).")

        @Option(help: "Folder to write into.") var outputDir: String = "Vectors"
        @Option(
            help: "pprf (our files) or rfc9420 (crypto-basics, secret-tree, message-protection in the official format)."
        )
        var format: String = "pprf"

        func run() throws {
            let files: [(String, String)]
            switch format {
            case "pprf": files = try VectorSet.generate()
            case "rfc9420": files = try OfficialFormatGenerator.generate()
            default: throw ValidationError("--format must be pprf or rfc9420")
            }
            for (name, content) in files {
                let url = URL(fileURLWithPath: outputDir).appendingPathComponent(name)
                try AtomicFile.write(content, to: url)
                FileHandle.standardError.write(Data("wrote \(url.path)\n".utf8))
            }
        }
    }

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
                    print("\(name): FAILED \(ErrorText.sentence(error))")
                    anyFailure = true
                }
            }
            if anyFailure { throw ExitCode.failure }
        }
    }
}
