import ArgumentParser
import ChallengeMath
import Foundation
import TradeoffAnalysis

/// `pprf collision`: the probability that a challenge repeats, and its inverse queries.
struct CollisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collision",
        abstract: "Collision probability of b-bit challenges (give two of --bits, --messages, --target).",
        discussion: """
            --bits B --messages K     P under the true and the draft's model, bounds, log values
            --messages K --target P   the minimum b
            --bits B --target P       the maximum messages per epoch
            Numbers accept 1e6, 2^32, 2^-64. --groups and --epochs split a total target over G x E epochs \
            (union bound); --epoch-seconds turns a maximum k into a message rate.
            """)

    @Option(help: "Challenge length in bits (1...1024).") var bits: Int?
    @Option(help: "Messages per epoch k (for example 1e6 or 2^32).") var messages: FlexibleNumber?
    @Option(help: "Target probability p (for example 2^-64 or 1e-9).") var target: FlexibleNumber?
    @Option(help: "Groups sharing the total target (union bound).") var groups: Double = 1
    @Option(help: "Epochs per group sharing the total target (union bound).") var epochs: Double = 1
    @Option(help: "Epoch length in seconds, to report a maximum message rate.") var epochSeconds: Double?
    @Option(help: "Output format: text, json, csv or markdown.") var format: OutputFormat = .text

    func validate() throws {
        let given = [bits != nil, messages != nil, target != nil].filter { $0 }.count
        guard given == 2 else { throw ValidationError("give exactly two of --bits, --messages and --target") }
        if let bits, !(1...1024).contains(bits) { throw ValidationError("--bits must be in 1...1024") }
        if let messages, messages.value < 2 { throw ValidationError("--messages must be at least 2") }
        if let target, target.log2Value >= 0 { throw ValidationError("--target must be below 1") }
    }

    func run() throws {
        var fields: [(String, String)] = []
        let log2Target = target.map {
            ChallengeLength.perEpochTarget(log2Total: $0.log2Value, groups: groups, epochs: epochs)
        }
        if let bits, let messages {
            let p = CollisionProbability(challengeBits: bits, messages: messages.value)
            let d = DraftFormula(challengeBits: bits, messages: messages.value)
            fields = [
                ("challenge_bits", "\(bits)"), ("messages", "\(messages.value)"),
                ("probability", String(format: "%.17g", p.probability)),
                ("log2_probability", String(format: "%.6f", p.log2Probability)),
                ("ln_one_minus_p", String(format: "%.17g", p.lnComplement)),
                ("log2_union_bound", String(format: "%.6f", p.log2UnionBound)),
                ("log2_lower_bound", String(format: "%.6f", p.log2LowerBound)),
                ("expected_colliding_pairs", String(format: "%.6g", p.expectedCollidingPairs)),
                ("draft_formula_probability", String(format: "%.17g", d.probability)),
                ("draft_log2_probability", String(format: "%.6f", d.log2Probability)),
                ("draft_over_true_log2", String(format: "%.6f", d.log2Probability - p.log2Probability)),
                ("regime", p.regime.rawValue),
            ]
        } else if let messages, let log2Target {
            let b = ChallengeLength.minimumBits(messages: messages.value, log2Target: log2Target)
            fields = [
                ("messages", "\(messages.value)"), ("log2_target_per_epoch", String(format: "%.6f", log2Target)),
                ("minimum_bits", "\(b)"),
                ("challenge_bytes", "\((b + 7) / 8)"),
            ]
        } else if let bits, let log2Target {
            let k = ChallengeLength.maximumMessages(challengeBits: bits, log2Target: log2Target)
            fields = [
                ("challenge_bits", "\(bits)"), ("log2_target_per_epoch", String(format: "%.6f", log2Target)),
                ("maximum_messages", String(format: "%.17g", k)),
                ("log2_maximum_messages", String(format: "%.6f", Foundation.log2(k))),
            ]
            if let epochSeconds {
                fields.append(("maximum_messages_per_second", String(format: "%.6g", k / epochSeconds)))
            }
        }
        print(render(fields, format: format))
    }
}

/// Renders name/value pairs in the requested format.
func render(_ fields: [(String, String)], format: OutputFormat) -> String {
    switch format {
    case .text: return fields.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
    case .csv: return fields.map(\.0).joined(separator: ",") + "\n" + fields.map(\.1).joined(separator: ",")
    case .markdown: return Table(header: fields.map(\.0), rows: [fields.map(\.1)]).markdown
    case .json:
        let body = fields.map { (key, value) in
            let isNumber = Double(value) != nil && !value.isEmpty && value != "inf" && value != "nan"
            return "  \"\(key)\": " + (isNumber ? value : "\"\(value)\"")
        }
        return "{\n" + body.joined(separator: ",\n") + "\n}"
    }
}
