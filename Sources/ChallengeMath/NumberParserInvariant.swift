import BigInt

/// The invariants the `FuzzNumberParser` fuzz target (Fuzz/) checks on every input, and the tests replay
/// over its corpus (issue 12): parsing never traps, a success respects the documented bounds and is stable
/// under surrounding whitespace, integers round-trip through their digits, and every failure has a sentence.
public enum NumberParserInvariant {
    /// nil when every invariant holds for `bytes` (taken as UTF-8 text), else what was violated.
    public static func check(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let number: ExactNumber
        do { number = try ExactNumber(parsing: text) } catch { return error.description.isEmpty ? "empty error" : nil }
        if number.denominator.isZero { return "zero denominator" }
        if !number.isZero && abs(number.log2Magnitude) > Double(ExactNumber.maximumBinaryMagnitude) + 1 {
            return "magnitude beyond the documented bound"
        }
        if !(0..<number.radicalDenominator).contains(number.radicalNumerator) || number.radicalDenominator > 100 {
            return "irrational factor out of range"
        }
        if (try? ExactNumber(parsing: " " + text + "\t")) != number { return "not stable under whitespace" }
        if let integer = number.nonNegativeInteger, integer.bitWidth < 600 {
            if (try? ExactNumber(parsing: String(integer))) != number { return "integer does not round-trip" }
        }
        if let count = try? MessageCount(parsing: text), count.value < 1 || count.value > MessageCount.maximum {
            return "message count out of range"
        }
        if let target = try? ProbabilityTarget(parsing: text), !target.value.isStrictlyBetweenZeroAndOne {
            return "target out of range"
        }
        return nil
    }
}
