import ArgumentParser
import BigInt
import ChallengeMath
import Foundation
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF
import TradeoffAnalysis

/// `pprf tradeoffs`: one row per b with probability, overhead, state and CPU per message (issue 12: exact
/// inputs, an exact "meets target" decision, strict JSON).
struct TradeoffsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tradeoffs", abstract: "For k messages per epoch: P, wire overhead, receiver state and CPU per b.",
        discussion: """
            meets_target is decided exactly; P, log2 P, state sizes and the measured CPU time are rounded. \
            In JSON, meets_target is null when no --target is given.
            """)

    @Option(
        help: "Messages per epoch k, a whole number 1...2^64 (for example 1e6 or 2^20).",
        transform: CLIParse.messages("--messages"))
    var messages: MessageCount
    @Option(
        help: "Target probability per epoch, 0 < p < 1; marks the rows that meet it (for example 2^-64).",
        transform: CLIParse.target("--target"))
    var target: ProbabilityTarget?
    @Option(parsing: .upToNextOption, help: "Challenge lengths in bits, each 1...256 (for example 64 128).")
    var bits: [Int] = [32, 64, 96, 128, 192, 256]
    @Option(help: "Output format: text, json, csv or markdown (for example json).") var format: OutputFormat = .text

    func validate() throws {
        guard !bits.isEmpty else { throw ValidationError("--bits needs at least one challenge length") }
        for b in bits where !(1...256).contains(b) {
            throw ValidationError("--bits values must be in 1...256 (got \(b))")
        }
    }

    func run() throws {
        let k = messages.doubleValue
        var records: [[(String, TableValue)]] = []
        for b in bits {
            let p = CollisionProbability(challengeBits: b, messages: messages)
            let nodes = StateSize.expectedStoredNodes(challengeBits: b, punctures: k)
            let encoded = StateSize.expectedEncodedBytes(challengeBits: b, punctures: k, secretSize: 32)
            let cpu = try measurePerMessage(bits: b)
            let meets: TableValue
            if let target {
                do {
                    meets = .bool(try ExactCollision.fits(challengeBits: b, messages: messages, target: target))
                } catch {
                    FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
                    throw ExitCode(1)
                }
            } else {
                meets = .null
            }
            records.append([
                ("b", .integer(BigInt(b))), ("P", .number(p.probability, format: "%.6g")),
                ("log2 P", .number(p.log2Probability, format: "%.2f")), ("meets target", meets),
                ("overhead bytes", .integer(BigInt(PPRFWireOverhead.bytes(challengeBits: b)))),
                ("state nodes", .number(nodes, format: "%.0f")),
                ("state bytes (encoded)", .number(encoded, format: "%.0f")),
                ("us per message (suite 1, mls)", .number(cpu / 1000, format: "%.1f")),
            ])
        }
        if format == .json {
            let keys = [
                "challenge_bits", "probability", "log2_probability", "meets_target", "overhead_bytes",
                "expected_state_nodes", "expected_state_bytes_encoded", "microseconds_per_message",
            ]
            records = records.map { record in zip(keys, record).map { ($0, $1.1) } }
        }
        print(Table(records: records).rendered(as: format), terminator: "")
    }

    /// Median evaluate-and-puncture at b on a fresh suite-1 state (a quick local measurement).
    func measurePerMessage(bits b: Int) throws -> Double {
        let suite = try CipherSuite(id: 1)
        var samples: [Double] = []
        for _ in 0..<31 {
            let pprf = try PPRF(
                secret: SecretBytes(copying: [UInt8](repeating: 1, count: 32)), suite: suite,
                parameters: PPRFParameters(challengeBits: b, profile: .mls))
            let x = try Challenge.random(challengeBits: b)
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try pprf.evaluateAndPuncture(at: x)
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start))
        }
        return samples.sorted()[samples.count / 2]
    }
}
