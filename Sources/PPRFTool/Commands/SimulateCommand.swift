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

    func run() throws {
        guard let prg = PRGProfile(name: profile) else { throw ValidationError("unknown profile \(profile)") }
        var strategies: [SendingStrategy] = []
        for name in strategy {
            guard let s = SendingStrategy(rawValue: name) else { throw ValidationError("unknown strategy \(name)") }
            strategies.append(s)
        }
        let config = SimulationConfig(
            emulators: emulators, members: members, messages: messages, challengeBits: bits, profile: prg,
            reorder: reorder)
        var rows: [[String]] = []
        for s in strategies {
            FileHandle.standardError.write(Data("simulating \(s.rawValue)\n".utf8))
            let r = try StrategySimulator.run(config, strategy: s)
            rows.append([
                s.rawValue, "\(r.failedDecryptions)", "\(r.keyReuses)", "\(r.receiverStateBytes)",
                String(format: "%.1f", r.microsecondsPerMessage), String(format: "%.1f", r.wireBytesPerMessage),
                s.senderLeak,
            ])
        }
        let table = Table(
            header: [
                "strategy", "failed decryptions", "key reuses", "peak receiver state (secret bytes)", "us per message",
                "wire bytes per message", "what members learn about the sender",
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
