import ArgumentParser
import Foundation
import PuncturablePRF
import TradeoffAnalysis
import VirtualClients

/// `pprf simulate`: the strategies for uncoordinated emulators, side by side (the draft's, this package's and
/// draft-ietf-mls-virtual-clients-01's in both DS settings).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "One epoch: E emulators of a virtual client send K messages without coordination to M members.")

    @Option(help: "Emulators E, 1...1000.") var emulators: Int = 3
    @Option(help: "Other members M (receivers), 1...1000.") var members: Int = 4
    @Option(help: "Messages K in total, 1...1000000 (1...100000 with a wg01 strategy).") var messages: Int = 300
    @Option(
        parsing: .upToNextOption,
        help: "Strategies: \(SendingStrategy.allCases.map(\.rawValue).joined(separator: ", ")) (default: all).")
    var strategy: [String] = SendingStrategy.allCases.map(\.rawValue)
    @Flag(help: "Deliver in a random order.") var reorder = false
    @Option(help: "Challenge bits for pprf and cbst, 1...256.") var bits: Int = 128
    @Option(help: "PRG profile for pprf: mls, blake2b or cbst (mls32 needs suite 5 or 7; simulate runs suite 1).")
    var profile: String = "mls"
    @Option(help: "Output format: text, json, csv or markdown.") var format: OutputFormat = .markdown
    @Option(help: "Memory budget of each PPRF state, for example 64MiB (the engine's node limit follows from it).")
    var memoryBudget: String = "64MiB"
    @Option(
        help: """
            Instead of printing, regenerate the report's strategies section (E = 3, M = 2, K = 600, b = 128) in \
            DIR/REPORT.md, DIR/strategies.csv and DIR/strategies.svg, leaving the other sections as they are.
            """)
    var reportDir: String?

    func validate() throws {
        guard (1...1_000).contains(emulators) else { throw ValidationError("--emulators must be in 1...1000") }
        guard (1...1_000).contains(members) else { throw ValidationError("--members must be in 1...1000") }
        guard (1...1_000_000).contains(messages) else { throw ValidationError("--messages must be in 1...1000000") }
        guard (1...256).contains(bits) else { throw ValidationError("--bits must be in 1...256") }
        guard let prg = PRGProfile(name: profile) else {
            throw ValidationError("--profile must be mls, blake2b, cbst or mls32, got \(profile)")
        }
        guard prg != .mls32 else {
            throw ValidationError(
                "--profile mls32 (32-byte nodes) needs a suite with KDF.Nh > 32 (5 or 7); simulate runs suite 1, "
                    + "so use mls, blake2b or cbst")
        }
        for name in strategy {
            guard let s = SendingStrategy(rawValue: name) else {
                throw ValidationError("--strategy: unknown strategy \(name)")
            }
            if s.workingGroupConsistency != nil, messages > 100_000 {
                throw ValidationError("--messages must be in 1...100000 for \(name)")
            }
        }
        do {
            _ = try RecommendationInput.bytes(memoryBudget, option: "--memory-budget")
        } catch {
            throw ValidationError(error.description)
        }
        if let reportDir, reportDir.isEmpty { throw ValidationError("--report-dir must name a folder") }
    }

    func run() throws {
        if let reportDir {
            FileHandle.standardError.write(Data("simulating the report's strategies section\n".utf8))
            try StrategyReport.section(quick: false).update(reportIn: URL(fileURLWithPath: reportDir))
            FileHandle.standardError.write(
                Data("updated \(reportDir)/REPORT.md, strategies.csv, strategies.svg\n".utf8))
            return
        }
        guard let prg = PRGProfile(name: profile) else { throw ValidationError("unknown profile \(profile)") }
        let budget = try RecommendationInput.bytes(memoryBudget, option: "--memory-budget")
        let config = SimulationConfig(
            emulators: emulators, members: members, messages: messages, challengeBits: bits, profile: prg,
            reorder: reorder, memoryBudget: budget)
        let results = try Self.simulate(config, strategy.compactMap { SendingStrategy(rawValue: $0) })
        print(StrategyReport.table(results, budget: budget).rendered(as: format), terminator: "")
    }

    /// Runs each strategy, with progress on standard error; a simulator error is its sentence and exit 1.
    static func simulate(_ config: SimulationConfig, _ strategies: [SendingStrategy]) throws -> [SimulationResult] {
        try strategies.map { s in
            FileHandle.standardError.write(Data("simulating \(s.rawValue)\n".utf8))
            do {
                return try StrategySimulator.run(config, strategy: s)
            } catch {
                FileHandle.standardError.write(
                    Data("pprf simulate: \(s.rawValue): \(ErrorText.sentence(error))\n".utf8))
                throw ExitCode.failure
            }
        }
    }
}
