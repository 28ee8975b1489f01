import ArgumentParser
import ChallengeMath
import Foundation
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF
import TradeoffAnalysis

/// `pprf tradeoffs`: one row per b with probability, overhead, state and CPU per message.
struct TradeoffsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tradeoffs", abstract: "For k messages per epoch: P, wire overhead, receiver state and CPU per b.")

    @Option(help: "Messages per epoch k.") var messages: FlexibleNumber
    @Option(help: "Target probability; marks the rows that meet it.") var target: FlexibleNumber?
    @Option(parsing: .upToNextOption, help: "Challenge lengths to show.") var bits: [Int] = [32, 64, 96, 128, 192, 256]
    @Option(help: "Output format: text, json, csv or markdown.") var format: OutputFormat = .text

    func run() throws {
        let k = messages.value
        var rows: [[String]] = []
        for b in bits {
            guard (1...256).contains(b) else { throw ValidationError("--bits values must be in 1...256") }
            let p = CollisionProbability(challengeBits: b, messages: k)
            let nodes = StateSize.expectedStoredNodes(depth: b, punctures: k)
            let cpu = try measurePerMessage(bits: b)
            let meets = target.map { p.log2Probability <= $0.log2Value ? "yes" : "no" } ?? "-"
            rows.append([
                "\(b)", String(format: "%.6g", p.probability), String(format: "%.2f", p.log2Probability), meets,
                "\(PPRFWireOverhead.bytes(challengeBits: b))", String(format: "%.0f", nodes),
                String(format: "%.0f", StateSize.expectedEncodedBytes(depth: b, punctures: k, secretSize: 32)),
                String(format: "%.1f", cpu / 1000),
            ])
        }
        let table = Table(
            header: [
                "b", "P", "log2 P", "meets target", "overhead bytes", "state nodes", "state bytes (encoded)",
                "us per message (suite 1, mls)",
            ],
            rows: rows)
        switch format {
        case .markdown: print(table.markdown, terminator: "")
        case .csv: print(table.csv, terminator: "")
        case .json:
            let objects = rows.map { row in
                "  {" + zip(table.header, row).map { "\"\($0.0)\": \"\($0.1)\"" }.joined(separator: ", ") + "}"
            }
            print("[\n" + objects.joined(separator: ",\n") + "\n]")
        case .text: print(table.markdown, terminator: "")
        }
    }

    /// Median evaluate-and-puncture at b on a fresh suite-1 state (a quick local measurement).
    func measurePerMessage(bits b: Int) throws -> Double {
        let suite = try CipherSuite(id: 1)
        var samples: [Double] = []
        for _ in 0..<31 {
            let pprf = try PPRF(
                suite: suite, depth: b, profile: .mls,
                rootSecret: SecretBytes(copying: [UInt8](repeating: 1, count: 32)))
            let x = try Challenge.random(bitCount: b)
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try pprf.evaluateAndPuncture(at: x)
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start))
        }
        return samples.sorted()[samples.count / 2]
    }
}
