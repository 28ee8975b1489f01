import Foundation

/// Errors of the recommendation (`pprf recommend`, issue 11): every one names the input at fault.
public enum RecommendationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An input is missing, malformed or out of range: `option` names it, `reason` says why in a sentence.
    case invalidInput(option: String, reason: String)

    /// The sentence shown to a user.
    public var description: String {
        switch self {
        case .invalidInput(let option, let reason): "\(option): \(reason)"
        }
    }
}

/// Strict parsers for the recommendation's inputs: a value is accepted only when it is finite, in range
/// and (for counts and bytes) whole; nothing is rounded or clamped silently.
public enum RecommendationInput {
    /// The largest count accepted (messages, groups, epochs): 2^53, where doubles stop being exact integers.
    public static let maximumCount = 0x1p53

    /// A plain decimal, scientific (`1e5`) or power-of-two (`2^20`) number; `nil` unless finite.
    static func number(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.allSatisfy({ "0123456789.eE+-^".contains($0) }) else { return nil }
        let value: Double?
        if t.hasPrefix("2^") {
            value = Double(t.dropFirst(2)).map { Foundation.exp2($0) }
        } else {
            value = Double(t)
        }
        guard let value, value.isFinite else { return nil }
        return value
    }

    /// A whole count in 1...2^53 (`1e5`, `100000`, `2^20`).
    public static func count(_ text: String, option: String) throws(RecommendationError) -> Double {
        guard let v = number(text) else {
            throw .invalidInput(option: option, reason: "'\(text)' is not a number (use 100000, 1e5 or 2^17)")
        }
        guard v >= 1 else { throw .invalidInput(option: option, reason: "must be at least 1, got \(text)") }
        guard v <= maximumCount else {
            throw .invalidInput(option: option, reason: "must be at most 2^53, got \(text)")
        }
        guard v == v.rounded() else {
            throw .invalidInput(option: option, reason: "must be a whole number, got \(text)")
        }
        return v
    }

    /// A positive, finite real number at most `maximum` (rates, seconds).
    public static func positive(_ text: String, option: String, maximum: Double) throws(RecommendationError) -> Double {
        guard let v = number(text) else { throw .invalidInput(option: option, reason: "'\(text)' is not a number") }
        guard v > 0 else { throw .invalidInput(option: option, reason: "must be positive, got \(text)") }
        guard v <= maximum else {
            throw .invalidInput(option: option, reason: "must be at most \(Format.count(maximum)), got \(text)")
        }
        return v
    }

    /// A probability 0 < p < 1 (`2^-40`, `1e-12`, `0.001`), returned as log2 p; exponents down to -100000.
    public static func probability(_ text: String, option: String) throws(RecommendationError) -> Double {
        let t = text.trimmingCharacters(in: .whitespaces)
        let log2p: Double
        if t.hasPrefix("2^"), t.allSatisfy({ "0123456789.eE+-^".contains($0) }), let e = Double(t.dropFirst(2)),
            e.isFinite
        {
            log2p = e
        } else if let v = number(t), v > 0 {
            log2p = Foundation.log2(v)
        } else {
            throw .invalidInput(option: option, reason: "'\(text)' is not a probability (use 2^-40 or 1e-12)")
        }
        guard log2p < 0 else { throw .invalidInput(option: option, reason: "must be below 1, got \(text)") }
        guard log2p >= -100_000 else { throw .invalidInput(option: option, reason: "must be at least 2^-100000") }
        return log2p
    }

    /// Binary (KiB, MiB, GiB, TiB) and decimal (kB, MB, GB, TB) units; B or no unit means bytes.
    static let byteUnits: [(String, Double)] = [
        ("kib", 1024), ("mib", 1_048_576), ("gib", 1_073_741_824), ("tib", 1_099_511_627_776), ("kb", 1e3),
        ("mb", 1e6), ("gb", 1e9), ("tb", 1e12), ("b", 1),
    ]

    /// A memory size in whole bytes, 1 byte to 1 TiB (`64MiB`, `1.5GiB`, `100000000`).
    public static func bytes(_ text: String, option: String) throws(RecommendationError) -> Int {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        var multiplier = 1.0
        var digits = Substring(t)
        if let unit = byteUnits.first(where: { t.hasSuffix($0.0) }) {
            multiplier = unit.1
            digits = t.dropLast(unit.0.count)
        }
        guard let v = number(String(digits.trimmingCharacters(in: .whitespaces))) else {
            throw .invalidInput(option: option, reason: "'\(text)' is not a size (use 64MiB, 1GiB or a byte count)")
        }
        let total = v * multiplier
        guard total >= 1 else { throw .invalidInput(option: option, reason: "must be at least 1 byte, got \(text)") }
        guard total <= 1_099_511_627_776 else {
            throw .invalidInput(option: option, reason: "must be at most 1 TiB, got \(text)")
        }
        guard total == total.rounded() else {
            throw .invalidInput(option: option, reason: "must be a whole number of bytes, got \(text)")
        }
        return Int(total)
    }

    /// Duration units: s, min, h, d, w, y (365.25 days); no unit means seconds.
    static let durationUnits: [(String, Double)] = [
        ("min", 60), ("s", 1), ("h", 3600), ("d", 86400), ("w", 604_800), ("y", 31_557_600),
    ]

    /// A duration in seconds, above 0 and at most 10,000 years (`10y`, `36h`, `86400`).
    public static func duration(_ text: String, option: String) throws(RecommendationError) -> Double {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        var multiplier = 1.0
        var digits = Substring(t)
        if let unit = durationUnits.first(where: { t.hasSuffix($0.0) }) {
            multiplier = unit.1
            digits = t.dropLast(unit.0.count)
        }
        guard let v = number(String(digits)) else {
            throw .invalidInput(option: option, reason: "'\(text)' is not a duration (use 10y, 30d, 12h or seconds)")
        }
        let seconds = v * multiplier
        guard seconds > 0 else { throw .invalidInput(option: option, reason: "must be positive, got \(text)") }
        guard seconds <= 10_000 * 31_557_600 else {
            throw .invalidInput(option: option, reason: "must be at most 10000 years, got \(text)")
        }
        return seconds
    }
}
