import ArgumentParser
import Foundation
import FuzzInvariants
import InteropVectors
import TradeoffAnalysis
import WorkingGroupDesign

/// `pprf vectors`: interop test vectors.
struct VectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors", abstract: "Generate and verify interop test vectors.",
        subcommands: [Generate.self, Verify.self])

    /// `pprf vectors generate [--output-dir Vectors] [--format pprf|rfc9420|fuzz-seeds] [--kind K]...
    /// [--suite S] [--bits B] [--profile P] [--count N] [--seed TEXT]` (Vectors/README.md, "Generating your own").
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write vector files (deterministic: inputs come from a labelled generator, not the system RNG).",
            discussion: """
                Without --kind, --suite, --bits, --profile, --count or --seed this writes the committed Vectors/ \
                set. With them it writes the chosen kinds for those parameters, in the same formats, and \
                `pprf vectors verify` checks the result. Each option not given keeps each file's defaults.
                """)

        @Option(help: "Folder to write into.") var outputDir: String = "Vectors"
        @Option(
            help: """
                pprf (our files), rfc9420 (crypto-basics, secret-tree, message-protection in the official format) \
                or fuzz-seeds (the fuzz corpus's generated seeds; use --output-dir Fuzz/Corpus).
                """
        )
        var format: String = "pprf"
        @Option(help: "A file to write: tree, state, messages, negative or collision (repeatable; default: all).")
        var kind: [String] = []
        @Option(help: "Cipher suite: 1, 2, 3, 5 or 7 (default: each file's suites).") var suite: String?
        @Option(help: "Challenge length b, 1 to 256 (default: each file's lengths).") var bits: String?
        @Option(help: "PRG profile: mls, blake2b or cbst (default: each file's profiles).") var profile: String?
        @Option(
            help: """
                Messages per sequence (messages), random challenges per entry (tree), punctures per entry \
                (state); 1 to 1024.
                """)
        var count: String?
        @Option(help: "Text keying the labelled generator (1 to 256 bytes; default: the committed files' key).")
        var seed: String?

        /// The parsed options; every malformed or conflicting value is a usage error (exit 64) naming it.
        func options() throws -> GeneratorOptions {
            do {
                let options = GeneratorOptions(
                    suite: try suite.map(GeneratorOptions.parseSuite), bits: try bits.map(GeneratorOptions.parseBits),
                    profile: try profile.map(GeneratorOptions.parseProfile),
                    count: try count.map(GeneratorOptions.parseCount), seed: try seed.map(GeneratorOptions.parseSeed),
                    kinds: try kind.map(GeneratorOptions.parseKind))
                try options.validate()
                if format != "pprf", options.customised || !kind.isEmpty {
                    throw ValidationError(
                        "--kind, --suite, --bits, --profile, --count and --seed apply only to --format pprf")
                }
                return options
            } catch let error as GeneratorOptionsError {
                throw ValidationError(error.description)
            }
        }

        func validate() throws { _ = try options() }

        func run() throws {
            var files: [(String, String)]
            switch format {
            // The working group's files (WorkingGroupDesign) join ours here, so that InteropVectors stays free of it;
            // they take no generator option and are written with the committed set only.
            case "pprf":
                let options = try options()
                files = try VectorSet.generate(options)
                if !options.customised {
                    files += try WorkingGroupVectorFiles.generate().map { ($0.name, $0.content) }
                }
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
            for target in FuzzTarget.allCases {
                let seeds = try target.seeds()
                for (i, seed) in seeds.enumerated() {
                    let url = URL(fileURLWithPath: outputDir).appendingPathComponent(target.rawValue)
                        .appendingPathComponent(FuzzTarget.seedFileName(i))
                    try AtomicFile.write(Data(seed), to: url)
                }
                if !seeds.isEmpty {
                    FileHandle.standardError.write(Data("wrote \(seeds.count) seeds of \(target.rawValue)\n".utf8))
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
            try Self.verify(files, failure: ErrorText.sentence) { data in
                if WorkingGroupVectorFiles.recognises(data) {
                    let report = try WorkingGroupVectorFiles.verify(data: data)
                    return (report.failed == 0, report.summary)
                }
                let report = try VectorFile.verify(data: data)
                return (report.succeeded, report.summary)
            }
        }

        /// Prints `NAME: passed SUMMARY` or `NAME: FAILED SUMMARY` for each file as `check` judges its bytes, or
        /// `NAME: FAILED` and `failure`'s sentence when the file cannot be read or checked; exits 1 after the
        /// last file when any failed (`pprf vectors verify` and `pprf working-group vectors verify`).
        static func verify(
            _ files: [String], failure: (any Error) -> String, check: (Data) throws -> (passed: Bool, summary: String)
        ) throws {
            var anyFailure = false
            for path in files {
                let name = URL(fileURLWithPath: path).lastPathComponent
                do {
                    let (passed, summary) = try check(try Data(contentsOf: URL(fileURLWithPath: path)))
                    print("\(name): \(passed ? "passed" : "FAILED") \(summary)")
                    anyFailure = anyFailure || !passed
                } catch {
                    print("\(name): FAILED \(failure(error))")
                    anyFailure = true
                }
            }
            if anyFailure { throw ExitCode.failure }
        }
    }
}
