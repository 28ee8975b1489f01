import ChallengeMath
import Foundation

/// `Vectors/collision.json`: collision probabilities and inverse queries (Analysis/REPORT.md; SPEC.md
/// section 9). Verification compares numbers to 1e-12 relative (log2 values to 1e-9 absolute), since other
/// implementations will not print the same 17 digits.
public enum CollisionVectors {
    /// The file name.
    public static let fileName = "collision.json"

    static func number(_ v: Double) -> JSONValue { .number(String(format: "%.17g", v)) }
    static func decimal(_ v: Double) -> JSONValue { .string(String(format: "%.17g", v)) }

    /// Generates every entry.
    public static func generate() -> JSONValue {
        var entries: [JSONValue] = []
        let log2Ks = [1, 4, 8, 12, 16, 20, 24, 32, 40, 48, 56, 64]
        for b in [8, 16, 24, 32, 48, 64, 80, 96, 128, 160, 192, 256] {
            for lk in log2Ks where lk <= b {
                let k = Foundation.exp2(Double(lk))
                let p = CollisionProbability(challengeBits: b, messages: k)
                let d = DraftFormula(challengeBits: b, messages: k)
                entries.append(
                    .object([
                        ("type", .string("probability")), ("challenge_bits", .int(Int64(b))),
                        ("messages", .number(String(format: "%.0f", k))),
                        ("probability", decimal(p.probability)), ("log2_probability", number(p.log2Probability)),
                        ("ln_one_minus_probability", number(p.lnComplement)),
                        ("draft_formula_probability", decimal(d.probability)),
                    ]))
            }
        }
        for lk in [10, 16, 20, 24, 32, 40, 48, 64] {
            for target in [-32, -40, -64, -80, -128] {
                let b = ChallengeLength.minimumBits(messages: Foundation.exp2(Double(lk)), log2Target: Double(target))
                entries.append(
                    .object([
                        ("type", .string("min_bits")),
                        ("messages", .number(String(format: "%.0f", Foundation.exp2(Double(lk))))),
                        ("log2_target", .int(Int64(target))), ("min_bits", .int(Int64(b))),
                    ]))
            }
        }
        for b in [32, 64, 96, 128, 256] {
            for target in [-32, -64, -128] {
                let k = ChallengeLength.maximumMessages(challengeBits: b, log2Target: Double(target))
                entries.append(
                    .object([
                        ("type", .string("max_messages")), ("challenge_bits", .int(Int64(b))),
                        ("log2_target", .int(Int64(target))),
                        ("max_messages", number(k)),
                    ]))
            }
        }
        return .array(entries)
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
        switch try e.string("type") {
        case "probability":
            let b = Int(try e.int("challenge_bits"))
            let k = try double("messages")
            let p = CollisionProbability(challengeBits: b, messages: k)
            try e.require(close(p.probability, try double("probability")), "probability")
            try e.require(abs(p.log2Probability - (try double("log2_probability"))) <= 1e-9, "log2_probability")
            try e.require(close(p.lnComplement, try double("ln_one_minus_probability")), "ln_one_minus_probability")
            try e.require(
                close(DraftFormula(challengeBits: b, messages: k).probability, try double("draft_formula_probability")),
                "draft_formula_probability")
        case "min_bits":
            let b = ChallengeLength.minimumBits(messages: try double("messages"), log2Target: try double("log2_target"))
            try e.require(UInt64(b) == (try e.int("min_bits")), "min_bits")
        case "max_messages":
            let k = ChallengeLength.maximumMessages(
                challengeBits: Int(try e.int("challenge_bits")), log2Target: try double("log2_target"))
            try e.require(close(k, try double("max_messages"), relative: 1e-15), "max_messages")
        default:
            throw FieldMismatch(field: e.name("type"))
        }
    }
}
