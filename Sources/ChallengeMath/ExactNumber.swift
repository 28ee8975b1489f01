import BigInt
import Foundation

/// An exact real number parsed from the calculator's notation (issue 12; Analysis/REPORT.md, "Exactness"):
/// `(numerator / denominator) * 2^(radicalNumerator / radicalDenominator)`, with a sign.
///
/// Accepted forms: integers (`123`), decimals with an optional exponent (`0.001`, `1e6`, `1.5E-9`), powers
/// `B^E` or `B**E` with an integer base B >= 2 and an integer exponent (`2^20`, `10^-9`), optionally followed
/// by an integer or decimal offset (`2^20-1`, `2^64+1`), and powers of two with up to two fractional exponent
/// digits (`2^-64.5`). Rationals are kept exactly in big integers and the irrational factor 2^(p/q), q <= 100,
/// symbolically, so that `1e6` is exactly one million and `2^20-1` exactly 1048575.
///
/// Limits that keep every parse fast and bounded: at most ``maximumLength`` characters and a magnitude
/// between 2^-``maximumBinaryMagnitude`` and 2^``maximumBinaryMagnitude``; `inf`, `nan`, empty text and
/// anything else are ``ChallengeMathError/malformedNumber(_:)``.
public struct ExactNumber: Sendable, Equatable, CustomStringConvertible {
    /// The longest accepted text.
    public static let maximumLength = 200
    /// The largest accepted |log2| of a non-zero value.
    public static let maximumBinaryMagnitude = 20_000

    /// Whether the value is below zero.
    public let isNegative: Bool
    /// The rational factor's numerator (0 for zero).
    public let numerator: BigUInt
    /// The rational factor's denominator (> 0, coprime to ``numerator``).
    public let denominator: BigUInt
    /// p of the irrational factor 2^(p/q), 0 <= p < q (0 when the value is rational).
    public let radicalNumerator: Int
    /// q of the irrational factor 2^(p/q), 1...100.
    public let radicalDenominator: Int

    /// A non-negative rational `numerator / denominator` (reduced here).
    public init(numerator: BigUInt, denominator: BigUInt) {
        self.init(negative: false, numerator: numerator, denominator: denominator, p: 0, q: 1)
    }

    init(negative: Bool, numerator: BigUInt, denominator: BigUInt, p: Int, q: Int) {
        let g = numerator.greatestCommonDivisor(with: denominator)
        let (n, d) = g > 1 ? (numerator / g, denominator / g) : (numerator, denominator)
        let h = Swift.max(1, Self.gcd(p, q))
        isNegative = negative && !n.isZero
        self.numerator = n
        self.denominator = n.isZero ? 1 : d
        radicalNumerator = n.isZero ? 0 : p / h
        radicalDenominator = n.isZero ? 1 : q / h
    }

    /// Parses `text` (see the type's documentation for the grammar and limits).
    public init(parsing text: String) throws(ChallengeMathError) {
        self = try NumberParser.parse(text)
    }

    /// Whether the value is 0.
    public var isZero: Bool { numerator.isZero }

    /// Whether the value is an integer.
    public var isInteger: Bool { radicalNumerator == 0 && denominator == 1 }

    /// The value as a non-negative integer, when it is one.
    public var nonNegativeInteger: BigUInt? { isInteger && !isNegative ? numerator : nil }

    /// log2 |value| to double precision (-infinity for 0); for display and first estimates only.
    public var log2Magnitude: Double {
        if isZero { return -.infinity }
        return ExactMath.log2(numerator) - ExactMath.log2(denominator)
            + Double(radicalNumerator) / Double(radicalDenominator)
    }

    /// The nearest double (rounded; may be 0 or infinity at the extremes of the accepted range).
    public var doubleValue: Double {
        if isZero { return 0 }
        let magnitude = Foundation.exp2(log2Magnitude)
        return isNegative ? -magnitude : magnitude
    }

    /// The value divided by a positive integer (the union bound's budget split).
    public func divided(by divisor: BigUInt) -> ExactNumber {
        precondition(!divisor.isZero, "division by zero is excluded by the callers' validation")
        if divisor == 1 { return self }
        // gcd(n, d x) = gcd(n, x) for a reduced n/d: reduce against the (small) divisor only, not the whole
        // denominator (a 20000-bit gcd costs seconds in a debug build).
        let g = numerator.greatestCommonDivisor(with: divisor)
        return ExactNumber(
            reduced: isNegative, numerator: numerator / g, denominator: denominator * (divisor / g),
            p: radicalNumerator, q: radicalDenominator)
    }

    /// A value whose numerator and denominator are already coprime (and p/q in lowest terms).
    init(reduced negative: Bool, numerator: BigUInt, denominator: BigUInt, p: Int, q: Int) {
        isNegative = negative && !numerator.isZero
        self.numerator = numerator
        self.denominator = numerator.isZero ? 1 : denominator
        radicalNumerator = numerator.isZero ? 0 : p
        radicalDenominator = numerator.isZero ? 1 : q
    }

    /// The sign of `a / b - self` (a signed, b > 0): -1, 0 or 1, exactly.
    public func compare(rationalNumerator a: BigInt, denominator b: BigUInt) -> Int {
        let selfSign = isZero ? 0 : (isNegative ? -1 : 1)
        let otherSign = a.isZero ? 0 : (a.sign == .minus ? -1 : 1)
        if selfSign != otherSign { return otherSign < selfSign ? -1 : 1 }
        if selfSign == 0 { return 0 }
        // Same sign: compare magnitudes |a| * den vs num * b * 2^(p/q), then flip for negatives.
        let left = a.magnitude * denominator
        let right = numerator * b
        let magnitudeOrder: Int
        if radicalNumerator == 0 {
            magnitudeOrder = left < right ? -1 : (left == right ? 0 : 1)
        } else {
            // left < right 2^(p/q)  <=>  left^q < right^q 2^p; never equal (2^(p/q) is irrational).
            let q = radicalDenominator
            magnitudeOrder = left.power(q) < (right.power(q) << radicalNumerator) ? -1 : 1
        }
        return selfSign < 0 ? -magnitudeOrder : magnitudeOrder
    }

    /// Whether 0 < value < 1.
    public var isStrictlyBetweenZeroAndOne: Bool {
        !isZero && !isNegative && compare(rationalNumerator: 1, denominator: 1) > 0
    }

    /// A readable form: `n`, `n/d`, or `n/d * 2^(p/q)`.
    public var description: String {
        var out = (isNegative ? "-" : "") + String(numerator)
        if denominator != 1 { out += "/" + String(denominator) }
        if radicalNumerator != 0 { out += " * 2^(\(radicalNumerator)/\(radicalDenominator))" }
        return out
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (Swift.abs(a), Swift.abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}

/// Double-precision views of big integers.
enum ExactMath {
    /// log2 of a positive integer to double precision (-infinity for 0).
    static func log2(_ x: BigUInt) -> Double {
        if x.isZero { return -.infinity }
        let width = x.bitWidth
        if width <= 64 { return Foundation.log2(Double(UInt64(x))) }
        // The top 64 bits and a sticky bit: the relative error is below 2^-63 before the logarithm.
        let shift = width - 64
        var top = UInt64(x >> shift)
        if x.trailingZeroBitCount < shift { top |= 1 }
        return Foundation.log2(Double(top)) + Double(shift)
    }

    /// The double nearest to x (correctly rounded; infinity above the double range).
    static func double(_ x: BigUInt) -> Double {
        let width = x.bitWidth
        if width <= 64 { return Double(UInt64(x)) }
        if width > 1024 { return .infinity }
        let shift = width - 64
        var top = UInt64(x >> shift)
        if x.trailingZeroBitCount < shift { top |= 1 }  // sticky bit: ties and near-ties round correctly
        return Double(top) * Foundation.pow(2.0, Double(shift))
    }
}
