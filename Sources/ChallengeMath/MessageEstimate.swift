import BigInt
import Foundation

/// A high-precision first guess of the largest k with P(k, 2^b) <= target (issue 12): the answer of
/// ``ChallengeLength/maximumMessages(challengeBits:target:)`` is then decided exactly only near it.
///
/// A double estimate pins k to about 2^-50 of its value, which for b = 1024 (k near 2^512) leaves a bracket of
/// about 2^460 integers, hundreds of exact decisions. This estimate works in fixed point with about 2b bits:
/// `-ln(1 - P(k)) = sum_{m>=1} S_m(k-1) / (m N^m)` (S_m the power sums), truncated after m = 3, is solved
/// for k against `L = -ln(1 - target)` by Newton's method. Nothing here needs to be right: every answer is
/// decided exactly afterwards, and a poor guess only costs more exact decisions (logarithmically many).
enum MessageEstimate {
    /// The guess, in 2 ... 2^b (nil when the double estimate it starts from is unusable).
    static func guess(challengeBits b: Int, target: ExactNumber) -> BigUInt? {
        let width = 2 * b + 72  // target >= 2^-b whenever two messages fit, so this keeps ~b + 70 bits of L
        // The enclosure's lower end (any target, even within 2^-20000 of 1); the older approximation otherwise.
        let l =
            LogDomainDecision.negativeLogOneMinusBounds(target, fraction: width)?.lo
            ?? negativeLogOneMinus(target, bits: width)
        // sqrt(2 N L) + 1/2 from the fixed-point L: the double form of -ln(1 - p) overflows for p within 2^-53 of 1.
        let log2L = ExactMath.log2(l) - Double(width)
        let start = Foundation.exp2((Double(b) + 1 + log2L) / 2) + 0.5
        guard start.isFinite, start >= 2, start < 0x1p1000 else { return nil }
        let n = BigUInt(1) << b
        var k = min(max(BigUInt(2), BigUInt(start)), n)
        let scaledTarget = BigInt(l) * BigInt(6 * n * n * n)  // 6 N^3 L, scaled by 2^width
        for _ in 0..<64 {
            let m = k - 1
            let m1 = m * (m + 1)
            let s1 = m1 / 2
            // 6 N^3 (S_1/N + S_2/(2N^2) + S_3/(3N^3)) with S_2 = m(m+1)(2m+1)/6 and S_3 = S_1^2.
            let g = 3 * n * n * m1 + n * (m1 * (2 * m + 1) / 2) + 2 * s1 * s1
            let residual = scaledTarget - (BigInt(g) << width)
            let slope = BigInt(3 * n * n * (2 * m + 1)) << width  // d/dk of the sum, scaled likewise
            let step = residual / slope
            if step.isZero { break }
            let next = BigInt(k) + step
            let clamped = min(max(BigInt(2), next), BigInt(n))
            k = clamped.magnitude
            if clamped != next { break }
        }
        return k
    }

    /// log2(-ln(1 - t)) to double precision, finite for every target (even within 2^-20000 of 1).
    static func log2NegativeLogOneMinus(_ t: ExactNumber) -> Double {
        let f = 64 + max(0, Int((-t.log2Magnitude).rounded(.up)))
        if let bounds = LogDomainDecision.negativeLogOneMinusBounds(t, fraction: f), bounds.lo.signum() > 0 {
            return ExactMath.log2(bounds.lo) - Double(f)
        }
        return ChallengeLength.lnNegLnOneMinus(t.log2Magnitude) / M_LN2
    }

    /// floor(-ln(1 - t) 2^bits), approximately (a few units of 2^-bits), for 0 < t < 1.
    static func negativeLogOneMinus(_ t: ExactNumber, bits: Int) -> BigUInt {
        let w = bits + 32  // guard bits
        let one = BigUInt(1) << w
        var fixed = t.numerator * powerOfTwoRoot(p: t.radicalNumerator, q: t.radicalDenominator, bits: w)
        fixed /= t.denominator
        let y = fixed < one ? max(one - fixed, 1) : 1  // (1 - t) 2^w
        // y 2^s = m in [2^(w-1), 2^w): -ln(1 - t) = s ln 2 - ln(m / 2^w) = s ln 2 + 2 atanh((2^w - m) / (2^w + m)).
        let s = w - y.bitWidth
        let m = y << s
        let ln2 = 2 * atanh(numerator: 1, denominator: 3, bits: w)
        let total = BigUInt(s) * ln2 + 2 * atanh(numerator: one - m, denominator: one + m, bits: w)
        return total >> 32
    }

    /// floor(atanh(x/y) 2^bits) up to a few units, for 0 <= x/y <= 1/3 (the series sum z^(2i+1)/(2i+1)).
    static func atanh(numerator x: BigUInt, denominator y: BigUInt, bits: Int) -> BigUInt {
        let z = (x << bits) / y
        let z2 = (z * z) >> bits
        var term = z
        var sum = BigUInt(0)
        var i = 0
        while !term.isZero {
            sum += term / BigUInt(2 * i + 1)
            term = (term * z2) >> bits
            i += 1
        }
        return sum
    }

    /// floor(2^(p/q) 2^bits) for 0 <= p < q, by Newton's method for the q-th root of 2^(p + q bits).
    static func powerOfTwoRoot(p: Int, q: Int, bits: Int) -> BigUInt {
        if p == 0 { return BigUInt(1) << bits }
        let a = BigUInt(1) << (p + q * bits)
        let first = Foundation.exp2(Double(p) / Double(q)) * (1 + 0x1p-40) * 0x1p52
        var x = BigUInt(first) << (bits - 52)
        for _ in 0..<64 {
            // From any positive x the next iterate is at least the root; from above, they decrease to it.
            let next = (BigUInt(q - 1) * x + a / x.power(q - 1)) / BigUInt(q)
            if next >= x { break }
            x = next
        }
        return x
    }
}
