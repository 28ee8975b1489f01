import BigInt
import ChallengeMath
import Foundation

/// `Vectors/collision.json`: collision probabilities and exact inverse queries (Analysis/REPORT.md; SPEC.md
/// section 9.3; issues 12 and 15). Rounded values are decimal strings of 17 significant digits compared with the
/// tolerances of Vectors/README.md (P and ln(1 - P) 1e-12 relative, log2 P 1e-9 absolute); `min_bits` and `max_messages` are exact integers and
/// must match exactly, including the knife-edge entries where P is within double rounding of the target.
public enum CollisionVectors {
    /// The file name.
    public static let fileName = "collision.json"

    /// A rounded value as a decimal string of 17 significant digits (the double round-trips; at least 12 digits
    /// are correct, which is what the stated tolerances check), `null` for -infinity.
    static func decimal(_ v: Double) -> JSONValue { v.isFinite ? .string(String(format: "%.17g", v)) : .null }
    static func exact(_ v: BigUInt) -> JSONValue { .string(String(v)) }

    /// Generates every entry.
    public static func generate() -> JSONValue {
        var entries: [JSONValue] = []
        let log2Ks = [1, 4, 8, 12, 16, 20, 24, 32, 40, 48, 56, 64]
        for b in [8, 16, 24, 32, 48, 64, 80, 96, 128, 160, 192, 256] {
            for lk in log2Ks where lk <= b { entries.append(probability(b: b, k: BigUInt(1) << lk)) }
        }
        // Both sides of the knife edges, as probabilities.
        for (b, k) in [(223, 48), (222, 48), (163, 50), (162, 50), (191, 64), (190, 64)] {
            entries.append(probability(b: b, k: BigUInt(1) << k, note: "knife edge"))
        }
        entries.append(probability(b: 8, k: 23, note: "23 exactly, not 23.000000000000004"))
        // k > 2^b: a repeat is certain, P = 1 exactly and ln(1 - P) = -infinity (null).
        for (b, k) in [(1, BigUInt(3)), (8, BigUInt(257)), (32, (BigUInt(1) << 32) + 1), (63, BigUInt(1) << 64)] {
            entries.append(probability(b: b, k: k, note: "k > 2^b: P = 1"))
        }
        for lk in [10, 16, 20, 24, 32, 40, 48, 64] {
            for target in [-32, -40, -64, -80, -128] {
                entries.append(minimumBits(k: BigUInt(1) << lk, target: target))
            }
        }
        // Knife edges: every power of two k = 2^j (and 23, 2) where P at the minimum b is within 2^-40 of the target,
        // so that a rounded double comparison can answer one bit too many.
        for j in 1...64 {
            for target in [-32, -40, -50, -56, -64, -80, -128] {
                let k = BigUInt(1) << j
                guard let count = try? MessageCount(k), let p = try? ProbabilityTarget(log2: target),
                    let b = try? ChallengeLength.minimumBits(messages: count, target: p)
                else { continue }
                let log2P = CollisionProbability(challengeBits: b, messages: count).log2Probability
                if abs(log2P - Double(target)) < 0x1p-40 {
                    entries.append(minimumBits(k: k, target: target, knifeEdge: true))
                }
            }
        }
        entries.append(minimumBits(k: 23, target: -56, knifeEdge: true))
        entries.append(minimumBits(k: 2, target: -64, knifeEdge: true))  // P = 2^-64 exactly: a tie meets the target
        entries.append(minimumBits(k: BigUInt(1) << 20, target: -2000))  // unreachable: min_bits null
        for b in [32, 64, 96, 128, 256] {
            for target in [-32, -64, -128] { entries.append(maximumMessages(b: b, target: target)) }
        }
        entries.append(maximumMessages(b: 1, target: -1))  // P(2, 2) = 1/2 exactly: two messages meet 2^-1
        entries.append(maximumMessages(b: 223, target: -128))
        entries.append(maximumMessages(b: 1, target: -2))  // P(2, 2) = 1/2 > 2^-2: not even two messages, answer 1
        entries.append(maximumMessages(b: 1024, target: -1))  // beyond 2^512: a decimal string, never a JSON number
        return .array(entries)
    }

    static func probability(b: Int, k: BigUInt, note: String? = nil) -> JSONValue {
        // The generator's inputs are in range by construction (b <= 256, k <= 2^64).
        guard let count = try? MessageCount(k) else { return .null }
        let p = CollisionProbability(challengeBits: b, messages: count)
        let d = DraftFormula(challengeBits: b, messages: count)
        var fields: [(String, JSONValue)] = [
            ("type", .string("probability")), ("challenge_bits", .int(Int64(b))), ("messages", exact(k)),
            ("probability", decimal(p.probability)), ("log2_probability", decimal(p.log2Probability)),
            ("ln_one_minus_probability", decimal(p.lnComplement)),
            ("draft_formula_probability", decimal(d.probability)),
        ]
        if let note { fields.append(("note", .string(note))) }
        return .object(fields)
    }

    static func minimumBits(k: BigUInt, target: Int, knifeEdge: Bool = false) -> JSONValue {
        var answer = JSONValue.null
        if let count = try? MessageCount(k), let p = try? ProbabilityTarget(log2: target),
            let b = try? ChallengeLength.minimumBits(messages: count, target: p)
        {
            answer = .int(Int64(b))
        }
        var fields: [(String, JSONValue)] = [
            ("type", .string("min_bits")), ("messages", exact(k)), ("log2_target", .int(Int64(target))),
            ("min_bits", answer),
        ]
        if knifeEdge { fields.append(("note", .string("knife edge: decide exactly"))) }
        return .object(fields)
    }

    static func maximumMessages(b: Int, target: Int) -> JSONValue {
        var answer = JSONValue.null
        if let p = try? ProbabilityTarget(log2: target),
            let k = try? ChallengeLength.maximumMessages(challengeBits: b, target: p)
        {
            answer = exact(k)
        }
        return .object([
            ("type", .string("max_messages")), ("challenge_bits", .int(Int64(b))), ("log2_target", .int(Int64(target))),
            ("max_messages", answer),
        ])
    }

    static func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
        a == b || abs(a - b) <= relative * max(abs(a), abs(b))
    }

    static func verify(_ e: VectorEntry) throws(FieldMismatch) {
        func double(_ key: String) throws(FieldMismatch) -> Double {
            if let n = e.object[key] as? NSNumber { return n.doubleValue }
            if let s = e.object[key] as? String, let v = Double(s) { return v }
            throw FieldMismatch(field: e.name(key))
        }
        func integer(_ key: String) throws(FieldMismatch) -> BigUInt {
            if let s = e.object[key] as? String, let v = BigUInt(s, radix: 10) { return v }
            throw FieldMismatch(field: e.name(key))
        }
        func target() throws(FieldMismatch) -> ProbabilityTarget {
            let t = try double("log2_target")
            guard t == t.rounded(), let p = try? ProbabilityTarget(log2: Int(t)) else {
                throw FieldMismatch(field: e.name("log2_target"))
            }
            return p
        }
        switch try e.string("type") {
        case "probability":
            let b = Int(try e.int("challenge_bits"))
            guard (1...1024).contains(b), let k = try? MessageCount(try integer("messages")) else {
                throw FieldMismatch(field: e.name("messages"))
            }
            let p = CollisionProbability(challengeBits: b, messages: k)
            try e.require(close(p.probability, try double("probability")), "probability")
            try e.require(abs(p.log2Probability - (try double("log2_probability"))) <= 1e-9, "log2_probability")
            if p.lnComplement.isFinite {
                try e.require(close(p.lnComplement, try double("ln_one_minus_probability")), "ln_one_minus_probability")
            } else {
                try e.require(e.object["ln_one_minus_probability"] is NSNull, "ln_one_minus_probability")
            }
            try e.require(
                close(DraftFormula(challengeBits: b, messages: k).probability, try double("draft_formula_probability")),
                "draft_formula_probability")
        case "min_bits":
            guard let k = try? MessageCount(try integer("messages")) else {
                throw FieldMismatch(field: e.name("messages"))
            }
            let computed = try? ChallengeLength.minimumBits(messages: k, target: try target())
            if let computed {
                try e.require(UInt64(computed) == (try e.int("min_bits")), "min_bits")
            } else {
                try e.require(e.object["min_bits"] is NSNull, "min_bits")
            }
        case "max_messages":
            let b = Int(try e.int("challenge_bits"))
            guard (1...1024).contains(b),
                let k = try? ChallengeLength.maximumMessages(challengeBits: b, target: try target())
            else { throw FieldMismatch(field: e.name("max_messages")) }
            try e.require(k == (try integer("max_messages")), "max_messages")
        default:
            throw FieldMismatch(field: e.name("type"))
        }
    }
}
