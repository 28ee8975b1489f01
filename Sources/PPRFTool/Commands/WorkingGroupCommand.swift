import ArgumentParser
import Foundation
import MLSCore
import MLSCrypto
import TradeoffAnalysis
import VirtualClients
import WorkingGroupDesign

/// `pprf working-group`: the design of draft-ietf-mls-virtual-clients-01 (SPEC.md appendix A).
struct WorkingGroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "working-group",
        abstract: "draft-ietf-mls-virtual-clients-01: FF1 reuse guards and generation IDs (SPEC.md appendix A).",
        subcommands: [Vectors.self, PRP.self, Simulate.self])

    /// `pprf working-group vectors generate|verify`.
    struct Vectors: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Vectors/ff1-radix2.json and Vectors/vc01-reuse-guard.json.",
            subcommands: [Generate.self, Verify.self])
    }

    /// `pprf working-group vectors generate [--output-dir Vectors]`.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write ff1-radix2.json and vc01-reuse-guard.json (deterministic, labelled generator).")

        @Option(help: "Folder to write into.") var outputDir: String = "Vectors"

        func run() throws {
            for (name, content) in try WorkingGroupVectorFiles.generate() {
                let url = URL(fileURLWithPath: outputDir).appendingPathComponent(name)
                try AtomicFile.write(content, to: url)
                FileHandle.standardError.write(Data("wrote \(url.path)\n".utf8))
            }
        }
    }

    /// `pprf working-group vectors verify FILE...`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every entry of ff1-radix2 or vc01-reuse-guard files; exit non-zero on any failure.")

        @Argument(help: "JSON vector files.") var files: [String]

        func run() throws {
            let failure: (any Error) -> String = { error in
                (error as? WorkingGroupError)?.description ?? "cannot read the file (\(error.localizedDescription))"
            }
            try VectorsCommand.Verify.verify(files, failure: failure) { data in
                let report = try WorkingGroupVectorFiles.verify(data: data)
                return (report.failed == 0, report.summary)
            }
        }
    }

    /// `pprf working-group prp --key HEX --value N [--decrypt] [--openmls-bit-order]`.
    struct PRP: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "SmallSpacePRP (section 5.6.1): FF1-AES-128, radix 2, 32 bits, MSB first, empty tweak.")

        @Option(help: "The 16-byte PRP key as 32 hex digits.") var key: String
        @Option(help: "The 32-bit input, 0...4294967295.") var value: UInt32
        @Flag(help: "Decrypt instead of encrypt.") var decrypt = false
        @Flag(help: "Use OpenMLS's bit order (each byte least significant bit first), for interop debugging.")
        var openmlsBitOrder = false

        func validate() throws {
            guard let bytes = try? Hex.decode(key), bytes.count == 16 else {
                throw ValidationError("--key must be 32 hex digits (a 16-byte AES-128 key)")
            }
        }

        func run() throws {
            let prp = try SmallSpacePRP(key: SecretBytes(copying: try Hex.decode(key)))
            let output: UInt32
            switch (decrypt, openmlsBitOrder) {
            case (false, false): output = try prp.encrypt(value)
            case (true, false): output = try prp.decrypt(value)
            case (false, true): output = try OpenMLSReuseGuardMapping.encrypt(prp, value)
            case (true, true): output = try OpenMLSReuseGuardMapping.decrypt(prp, value)
            }
            let hex = String(output, radix: 16)
            print("\(output) 0x\(String(repeating: "0", count: 8 - hex.count))\(hex)")
        }
    }

    /// `pprf working-group simulate`: the -01 design in both DS settings, the table of `pprf simulate` (the
    /// same as `pprf simulate --strategy wg01-strong wg01-eventual`, with a choice of suite).
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One epoch of the -01 design: E emulators send K messages to M members (both DS settings).")

        @Option(help: "Emulators E, 1...1024.") var emulators: Int = 3
        @Option(help: "Other members M (receivers), 1...1024.") var members: Int = 4
        @Option(help: "Messages K in total, 1...100000.") var messages: Int = 300
        @Option(help: "Cipher suite: 1, 2, 3, 5 or 7.") var suite: UInt16 = 1
        @Flag(help: "Deliver in a random order.") var reorder = false
        @Option(help: "Output format: text, json, csv or markdown.") var format: OutputFormat = .markdown

        func validate() throws {
            guard (1...1024).contains(emulators) else { throw ValidationError("--emulators must lie in 1...1024") }
            guard (1...1024).contains(members) else { throw ValidationError("--members must lie in 1...1024") }
            guard (1...100_000).contains(messages) else { throw ValidationError("--messages must lie in 1...100000") }
            guard [1, 2, 3, 5, 7].contains(suite) else { throw ValidationError("--suite must be 1, 2, 3, 5 or 7") }
        }

        func run() throws {
            let config = SimulationConfig(
                emulators: emulators, members: members, messages: messages, reorder: reorder, suiteID: suite)
            let results = try SimulateCommand.simulate(config, [.wg01Strong, .wg01Eventual])
            print(StrategyReport.table(results).rendered(as: format), terminator: "")
        }
    }
}
