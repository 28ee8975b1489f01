import ChallengeMath
import Foundation
import PPRFProtection
import PuncturablePRF

/// The figures behind the answer in README ("What b should I use?") and REPORT ("The answer"): each b with
/// its rotation bound at a memory budget, its receiver state there, its collision probability, wire and CPU
/// cost (issue 11). Every message count quoted is one the engine holds within the budget; the tests run
/// each ``quotedConfigurations`` entry through the engine.
public enum AnswerFigures {
    /// The challenge lengths in the table.
    public static let bits = [64, 96, 128, 256]
    /// The budgets in the table: 16, 64 and 256 MiB per receiver per group.
    public static let budgets = [16 << 20, 64 << 20, 256 << 20]
    /// The b the answer recommends.
    public static let recommendedBits = 128

    /// The (b, budget) pairs whose rotation bound the answer and its table quote.
    public static var quotedConfigurations: [(bits: Int, budget: Int)] {
        var all = bits.flatMap { b in budgets.map { (b, $0) } }
        all.append((perEpochBits, PPRF.defaultMemoryBudget))
        return all
    }

    /// The rotation bound (messages per epoch) at b and a budget, suite 1.
    public static func rotationBound(bits b: Int, budget: Int) -> Double {
        PPRF.maxPunctures(forMemoryBudget: budget, secretSize: 32, challengeBits: b)
    }

    /// The smallest b meeting 2^-64 per epoch when every epoch runs to its rotation bound at the default budget.
    public static var smallestPerEpochBits: Int {
        (1...256).first { b in
            let k = rotationBound(bits: b, budget: PPRF.defaultMemoryBudget)
            return k >= 1 && CollisionProbability(challengeBits: b, messages: k).log2Probability <= -64
        } ?? 256
    }

    /// ``smallestPerEpochBits`` rounded up to whole challenge bytes.
    public static var perEpochBits: Int { (smallestPerEpochBits + 7) / 8 * 8 }

    struct Row {
        let bits: Int
        let bound: Double
        let nodes: Double
        let held: Double
        let encoded: Double
        let log2P: Double

        init(bits b: Int, budget: Int) {
            bits = b
            bound = rotationBound(bits: b, budget: budget)
            nodes = StateSize.expectedStoredNodes(challengeBits: b, punctures: bound)
            held = PPRF.memoryBound(storedNodes: nodes, punctures: bound, challengeBits: b, secretSize: 32)
            encoded = StateSize.expectedEncodedBytes(challengeBits: b, punctures: bound, secretSize: 32)
            log2P = CollisionProbability(challengeBits: b, messages: bound).log2Probability
        }
    }

    static func cpu(_ b: Int, _ profile: PRGProfile) -> String {
        guard let e = CPUModel.estimate(suiteID: 1, profile: profile, challengeBits: b) else { return "-" }
        return "\(Format.fixed(e.protectMicroseconds, 0)) / \(Format.fixed(e.unprotectMicroseconds, 0))"
    }

    /// The table under the answer.
    public static func table() -> Table {
        let rows = bits.map { b -> [String] in
            let r = Row(bits: b, budget: PPRF.defaultMemoryBudget)
            return ["\(b)", "\((b + 7) / 8)"] + budgets.map { Format.count(rotationBound(bits: b, budget: $0)) } + [
                "\(Format.fixed(r.nodes, 0)) nodes, \(Format.bytes(r.held)) held, \(Format.bytes(r.encoded)) encoded",
                Format.probability(log2: r.log2P), "\(PPRFWireOverhead.bytes(challengeBits: b))", cpu(b, .mls),
                cpu(b, .blake2b),
            ]
        }
        return Table(
            header: [
                "b", "challenge bytes", "rotate every (16 MiB)", "rotate every (64 MiB)", "rotate every (256 MiB)",
                "receiver state at the 64 MiB bound", "P per epoch there", "wire bytes over RFC 9420",
                "protect / unprotect us (mls)", "(blake2b)",
            ], rows: rows)
    }

    /// The answer's text.
    public static func text() -> String {
        let budget = Format.bytes(Double(PPRF.defaultMemoryBudget))
        let r = Row(bits: recommendedBits, budget: PPRF.defaultMemoryBudget)
        let epochs = Format.fixed(-64 - r.log2P, 0)
        let p96 = Row(bits: perEpochBits, budget: PPRF.defaultMemoryBudget)
        let draft = Row(bits: 256, budget: PPRF.defaultMemoryBudget)
        let mls = CPUModel.estimate(suiteID: 1, profile: .mls, challengeBits: recommendedBits)
        let blake = CPUModel.estimate(suiteID: 1, profile: .blake2b, challengeBits: recommendedBits)
        let draftCPU = CPUModel.estimate(suiteID: 1, profile: .mls, challengeBits: 256)
        func us(_ v: Double?) -> String { v.map { Format.fixed($0, 0) } ?? "-" }
        return """
            **Use b = \(recommendedBits) (\((recommendedBits + 7) / 8) challenge bytes), and rotate the epoch (commit) at \
            least every \(Format.count(r.bound)) messages.** That is what a receiver holds in the default memory budget \
            of \(budget) per group: about \(Format.fixed(r.nodes, 0)) stored nodes, \(Format.bytes(r.held)) in memory \
            (\(Format.bytes(r.encoded)) encoded). Within such an epoch a challenge repeats with probability at most \
            \(Format.probability(log2: r.log2P)), so 2^-64 holds in total over 2^\(epochs) epochs. It costs \
            \(PPRFWireOverhead.bytes(challengeBits: recommendedBits)) bytes per message over RFC 9420 and, by the CPU \
            model, about \(us(mls?.protectMicroseconds)) us to protect and \(us(mls?.unprotectMicroseconds)) us to \
            unprotect (suite 1, profile `mls`; \(us(blake?.protectMicroseconds)) and \(us(blake?.unprotectMicroseconds)) \
            us with `blake2b`).
            **If 2^-64 per epoch is enough, b = \(perEpochBits)** (b = \(smallestPerEpochBits) is the smallest; \
            \((perEpochBits + 7) / 8) bytes) holds \(Format.count(p96.bound)) messages per epoch at \(budget) with P at \
            most \(Format.probability(log2: p96.log2P)). **The draft's b = 256** holds only \(Format.count(draft.bound)) \
            messages per epoch at \(budget) (\(Format.fixed(draft.nodes, 0)) nodes), costs \
            \(PPRFWireOverhead.bytes(challengeBits: 256)) bytes per message and about \(us(draftCPU?.unprotectMicroseconds)) \
            us per unprotect. At every b of the table the receiver state, not the collision probability, bounds the epoch. For another \
            workload or budget, ask `pprf recommend`.
            """
    }
}
