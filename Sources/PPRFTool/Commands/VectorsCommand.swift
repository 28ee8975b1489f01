import ArgumentParser
import Foundation
import HostileInputChecks
import InteropVectors
import TradeoffAnalysis
import WorkingGroupDesign

/// `pprf vectors`: interop test vectors.
struct VectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors", abstract: "Generate and verify interop test vectors.",
        subcommands: [Generate.self, Verify.self])

    /// `pprf vectors generate [--output-dir Vectors] [--format pprf|rfc9420|fuzz-seeds]`.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write every vector file (deterministic: inputs come from a labelled generator, not the system RNG).")

        @Option(help: "Folder to write into.") var outputDir: String = "Vectors"
        @Option(
            help: """
                pprf (our files), rfc9420 (crypto-basics, secret-tree, message-protection in the official format) \
                or fuzz-seeds (the fuzz corpus's generated seeds; use --output-dir Fuzz/Corpus).
                """
        )
        var format: String = "pprf"

        func run() throws {
            let files: [(String, String)]
            switch format {
            // The working group's files (WorkingGroupDesign) join ours here, so that InteropVectors stays free of it.
            case "pprf":
                files = try VectorSet.generate() + WorkingGroupVectorFiles.generate().map { ($0.name, $0.content) }
            case "rfc9420": files = try OfficialFormatGenerator.generate()
            case "fuzz-seeds":
                try writeFuzzSeeds()
                return
            default: throw ValidationError("--format must be pprf, rfc9420 or fuzz-seeds")
            }
            for (name, content) in files {
                let url = URL(fileURLWithPath: outputDir).appendingPathComponent(name)
                try AtomicFile.write(content, to: url)
                FileHandle.standardError.write(Data("wrote \(url.path)\n".utf8))
            }
        }

        /// Writes `<output-dir>/<target>/seed-NN` for every fuzz target with generated seeds.
        func writeFuzzSeeds() throws {
            for target in HostileInputChecks.targets {
                let seeds = try HostileInputChecks.seeds(target: target)
                for (i, seed) in seeds.enumerated() {
                    let url = URL(fileURLWithPath: outputDir).appendingPathComponent(target)
                        .appendingPathComponent(HostileInputChecks.seedFileName(i))
                    try AtomicFile.write(Data(seed), to: url)
                }
                if !seeds.isEmpty {
                    FileHandle.standardError.write(Data("wrote \(seeds.count) seeds of \(target)\n".utf8))
                }
            }
        }
    }

    /// `pprf vectors verify FILE...`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check every entry of vector files; exit non-zero on any failure or when a file had no entry to check.")

        @Argument(help: "JSON vector files.")
        var files: [String]

        func run() throws {
            var anyFailure = false
            for path in files {
                let name = URL(fileURLWithPath: path).lastPathComponent
                do {
                    let data = try Data(contentsOf: URL(fileURLWithPath: path))
                    if WorkingGroupVectorFiles.recognises(data) {
                        let report = try WorkingGroupVectorFiles.verify(data: data)
                        print("\(name): \(report.failed == 0 ? "passed" : "FAILED") \(report.summary)")
                        anyFailure = anyFailure || report.failed > 0
                        continue
                    }
                    let report = try VectorFile.verify(data: data)
                    print("\(name): \(report.succeeded ? "passed" : "FAILED") \(report.summary)")
                    anyFailure = anyFailure || !report.succeeded
                } catch {
                    print("\(name): FAILED \(ErrorText.sentence(error))")
                    anyFailure = true
                }
            }
            if anyFailure { throw ExitCode.failure }
        }
    }
}
