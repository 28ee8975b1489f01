import ArgumentParser
import BigInt
import ChallengeMath
import Foundation
import TradeoffAnalysis

/// `pprf collision`: the probability that a challenge repeats, and its exact inverse queries (issue 12).
struct CollisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collision",
        abstract: "Collision probability of b-bit challenges (give two of --bits, --messages, --target).",
        discussion: """
            --bits B --messages K     P under the true and the draft's model, bounds, log values
            --messages K --target P   the minimum b (exact; an error when no b up to 1024 meets P)
            --bits B --target P       the maximum messages per epoch (exact)
            Counts are exact integers: 123, 1e6, 2^20, 2^20-1. Probabilities: 2^-64, 1e-9, 0.5, 2^-64.5.
            minimum_bits and maximum_messages are decided exactly; P, log2 values, bounds and rates are \
            rounded to double precision (P to 1e-12 relative, log2 P to 1e-9). In JSON, null stands for \
            -infinity: log2_probability when P = 0 (one message), ln_one_minus_p when a repeat is certain \
            (collision_certain: true).
            """)

    @Option(help: "Challenge length b in bits, 1...1024 (for example 128).") var bits: Int?
    @Option(
        help: "Messages per epoch k, a whole number 1...2^64 (for example 1e6 or 2^32).",
        transform: CLIParse.messages("--messages"))
    var messages: MessageCount?
    @Option(
        help: """
            Target probability that any challenge repeats, 0 < p < 1: per epoch, or in total over \
            --groups x --epochs when those are given (for example 2^-64 or 1e-9).
            """,
        transform: CLIParse.target("--target"))
    var target: ProbabilityTarget?
    @Option(
        help: "Groups sharing the total --target (union bound), a whole number 1...2^64 (for example 1000).",
        transform: CLIParse.count("--groups"))
    var groups: BigUInt = 1
    @Option(
        help: "Epochs per group sharing the total --target (union bound), a whole number 1...2^64 (for example 1e6).",
        transform: CLIParse.count("--epochs"))
    var epochs: BigUInt = 1
    @Option(
        help: "Epoch length in seconds, to report a maximum message rate (for example 3600).",
        transform: CLIParse.positive("--epoch-seconds", range: 1e-6...1e15))
    var epochSeconds: Double?
    @Option(help: "Output format: text, json, csv or markdown (for example json).") var format: OutputFormat = .text

    func validate() throws {
        let given = [bits != nil, messages != nil, target != nil].filter { $0 }.count
        guard given == 2 else { throw ValidationError("give exactly two of --bits, --messages and --target") }
        if let bits, !(1...1024).contains(bits) { throw ValidationError("--bits must be in 1...1024 (got \(bits))") }
        if epochSeconds != nil && (bits == nil || target == nil) {
            throw ValidationError("--epoch-seconds applies only to --bits with --target")
        }
        if target == nil && (groups != 1 || epochs != 1) {
            throw ValidationError("--groups and --epochs split a --target; give --target")
        }
    }

    func run() throws {
        do {
            print(Table.record(try fields(), as: format), terminator: "")
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The output record for the query the options describe.
    func fields() throws(ChallengeMathError) -> [(String, TableValue)] {
        let perEpoch = try target?.perEpoch(groups: groups, epochs: epochs)
        let targetFields: [(String, TableValue)] =
            perEpoch.map { t in
                [
                    ("log2_target_per_epoch", .number(t.log2Value, format: "%.6f")),
                    ("groups", .integer(BigInt(groups))), ("epochs", .integer(BigInt(epochs))),
                ]
            } ?? []
        if let bits, let messages {
            return probabilityFields(bits: bits, messages: messages)
        } else if let messages, let perEpoch {
            let b = try ChallengeLength.minimumBits(messages: messages, target: perEpoch)
            let p = CollisionProbability(challengeBits: b, messages: messages)
            return [("messages", .integer(BigInt(messages.value)))] + targetFields + [
                ("minimum_bits", .integer(BigInt(b))), ("challenge_bytes", .integer(BigInt((b + 7) / 8))),
                ("log2_probability_at_minimum", .number(p.log2Probability, format: "%.6f")),
            ]
        } else if let bits, let perEpoch {
            let k = try ChallengeLength.maximumMessages(challengeBits: bits, target: perEpoch)
            var out: [(String, TableValue)] =
                [("challenge_bits", .integer(BigInt(bits)))] + targetFields + [
                    ("maximum_messages", .integer(BigInt(k))),
                    (
                        "log2_maximum_messages",
                        .number(ExactNumber(numerator: k, denominator: 1).log2Magnitude, format: "%.6f")
                    ),
                ]
            if let epochSeconds {
                let rate = try ChallengeLength.rate(messages: k, epochSeconds: epochSeconds)
                out.append(("epoch_seconds", .number(epochSeconds, format: "%.6g")))
                out.append(("maximum_messages_per_second", .number(rate, format: "%.6g")))
            }
            return out
        }
        return []
    }

    func probabilityFields(bits: Int, messages: MessageCount) -> [(String, TableValue)] {
        let certain = messages.value > BigUInt(1) << bits
        if messages.value == 1 {
            return [
                ("challenge_bits", .integer(BigInt(bits))), ("messages", .integer(1)),
                ("collision_certain", .bool(false)), ("probability", .number(0)),
                ("log2_probability", .number(-.infinity)), ("ln_one_minus_p", .number(0)),
                ("expected_colliding_pairs", .number(0)), ("draft_formula_probability", .number(0)),
                ("regime", .string("single message")),
            ]
        }
        let p = CollisionProbability(challengeBits: bits, messages: messages)
        let d = DraftFormula(challengeBits: bits, messages: messages)
        return [
            ("challenge_bits", .integer(BigInt(bits))), ("messages", .integer(BigInt(messages.value))),
            ("collision_certain", .bool(certain)),
            ("probability", .number(p.probability)),
            ("log2_probability", .number(p.log2Probability, format: "%.6f")),
            ("ln_one_minus_p", .number(p.lnComplement)),
            ("log2_union_bound", .number(p.log2UnionBound, format: "%.6f")),
            ("log2_lower_bound", .number(p.log2LowerBound, format: "%.6f")),
            ("expected_colliding_pairs", .number(p.expectedCollidingPairs, format: "%.6g")),
            ("draft_formula_probability", .number(d.probability)),
            ("draft_log2_probability", .number(d.log2Probability, format: "%.6f")),
            ("draft_over_true_log2", .number(d.log2Probability - p.log2Probability, format: "%.6f")),
            ("regime", .string(p.regime.rawValue)),
        ]
    }
}
