import ArgumentParser
import Foundation
import PuncturablePRF
import TradeoffAnalysis
import VirtualClients

/// `pprf simulate`: the draft's strategies for uncoordinated emulators, side by side.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "One epoch: E emulators of a virtual client send K messages without coordination to M members.")

    @Option(help: "Emulators E.") var emulators: Int = 3
    @Option(help: "Other members M (receivers).") var members: Int = 4
    @Option(help: "Messages K in total.") var messages: Int = 300
    @Option(parsing: .upToNextOption, help: "Strategies: rfc9420, allotment, sub-ratchets, pprf, cbst (default: all).")
    var strategy: [String] = SendingStrategy.allCases.map(\.rawValue)
    @Flag(help: "Deliver in a random order.") var reorder = false
    @Option(help: "Challenge bits for pprf and cbst.") var bits: Int = 128
    @Option(help: "PRG profile for pprf: mls or blake2b.") var profile: String = "mls"
    @Option(help: "Output format: text, json, csv or markdown.") var format: OutputFormat = .markdown
    @Option(help: "Memory budget of each PPRF state, for example 64MiB (the engine's node limit follows from it).")
    var memoryBudget: String = "64MiB"

    func validate() throws {
        guard (1...1_000).contains(emulators) else { throw ValidationError("--emulators must be in 1...1000") }
        guard (1...1_000).contains(members) else { throw ValidationError("--members must be in 1...1000") }
        guard (1...1_000_000).contains(messages) else { throw ValidationError("--messages must be in 1...1000000") }
        guard (1...256).contains(bits) else { throw ValidationError("--bits must be in 1...256") }
        guard PRGProfile(name: profile) != nil else {
            throw ValidationError("--profile must be mls, blake2b, cbst or mls32, got \(profile)")
        }
        for name in strategy where SendingStrategy(rawValue: name) == nil {
            throw ValidationError("--strategy: unknown strategy \(name)")
        }
        do {
            _ = try RecommendationInput.bytes(memoryBudget, option: "--memory-budget")
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        guard let prg = PRGProfile(name: profile) else { throw ValidationError("unknown profile \(profile)") }
        let strategies = strategy.compactMap { SendingStrategy(rawValue: $0) }
        let budget = try RecommendationInput.bytes(memoryBudget, option: "--memory-budget")
        let config = SimulationConfig(
            emulators: emulators, members: members, messages: messages, challengeBits: bits, profile: prg,
            reorder: reorder, memoryBudget: budget)
        var rows: [[String]] = []
        for s in strategies {
            FileHandle.standardError.write(Data("simulating \(s.rawValue)\n".utf8))
            let r: SimulationResult
            do {
                r = try StrategySimulator.run(config, strategy: s)
            } catch let error as StrategySimulator.SimulationError {
                FileHandle.standardError.write(Data("pprf simulate: \(s.rawValue): \(error.description)\n".utf8))
                throw ExitCode.failure
            }
            rows.append([
                s.rawValue, "\(r.failedDecryptions)", "\(r.keyReuses)", "\(r.receiverStateBytes)",
                r.receiverBytesHeld.map { "\($0)" } ?? "-",
                String(format: "%.1f", r.microsecondsPerMessage), String(format: "%.1f", r.wireBytesPerMessage),
                s.senderLeak,
            ])
        }
        let table = Table(
            header: [
                "strategy", "failed decryptions", "key reuses", "peak receiver state (secret bytes)",
                "receiver bytes held (measured, budget \(budget))", "us per message", "wire bytes per message",
                "what members learn about the sender",
            ], rows: rows)
        switch format {
        case .csv: print(table.csv, terminator: "")
        case .json:
            print(
                "[\n"
                    + rows.map { row in
                        "  {" + zip(table.header, row).map { "\"\($0)\": \"\($1)\"" }.joined(separator: ", ") + "}"
                    }.joined(separator: ",\n") + "\n]")
        case .text, .markdown: print(table.markdown, terminator: "")
        }
    }
}
