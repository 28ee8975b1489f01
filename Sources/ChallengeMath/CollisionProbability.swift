import BigInt
import Foundation

/// The probability that k independent, uniformly random challenges from N values are not all distinct
/// (this package's correction of the draft's "PPRF-based Challenges" formula):
/// `P = 1 - prod_{i<k} (1 - i/N)`.
///
/// Values are kept in the log domain so that they stay meaningful below 2^-1074 and when P rounds to 1:
/// ``log2Probability`` and ``lnComplement`` (= ln(1 - P)) are accurate where ``probability`` is 0 or 1.
public struct CollisionProbability: Sendable, Equatable {
    /// How a value was computed (each regime is tested on both sides of its boundaries).
    public enum Regime: String, Sendable {
        /// k > N: a repeat is certain.
        case certain
        /// `sum log1p(-i/N)` with compensated summation (k <= 4096).
        case directSum
        /// The series in t = k/N with the Stirling correction, in the log domain (t < 2^-20).
        case smallRatioSeries
        /// Stirling's series for ln Gamma with exact lgamma for small arguments (t >= 2^-20).
        case stirling
    }

    /// log2 of the number of challenge values (b for b-bit challenges).
    public let log2Values: Double
    /// The number of messages k.
    public let messages: Double
    /// `ln(1 - P)` (negative; -infinity when a repeat is certain).
    public let lnComplement: Double
    /// `ln(-ln(1 - P))`, finite even where ``lnComplement`` underflows to 0.
    public let lnNegLnComplement: Double
    /// The method used.
    public let regime: Regime

    /// P for k messages with b-bit challenges (N = 2^b), 1 <= b <= 1024, k >= 2.
    public init(challengeBits b: Int, messages k: Double) {
        self.init(log2Values: Double(b), values: b <= 1000 ? Foundation.pow(2.0, Double(b)) : .infinity, messages: k)
    }

    /// P for an exact count of k messages with b-bit challenges (1 <= b <= 1024): a repeat is certain exactly
    /// when k > 2^b (decided on the integers, so 2^60 + 1 messages of 60 bits give P = 1); otherwise the
    /// count enters the evaluation as the nearest double (exact up to 2^53, relative error 2^-53 above).
    public init(challengeBits b: Int, messages k: MessageCount) {
        if k.value > BigUInt(1) << b {
            self.init(certainWithLog2Values: Double(b), messages: k.doubleValue)
        } else {
            self.init(challengeBits: b, messages: k.doubleValue)
        }
    }

    init(certainWithLog2Values log2Values: Double, messages: Double) {
        self.log2Values = log2Values
        self.messages = messages
        (lnComplement, lnNegLnComplement, regime) = (-.infinity, .infinity, .certain)
    }

    /// P for k messages drawn from `values` possibilities (any N, for example 365 for the birthday problem).
    public init(values n: Double, messages k: Double) {
        self.init(log2Values: Foundation.log2(n), values: n, messages: k)
    }

    init(log2Values: Double, values n: Double, messages k: Double) {
        self.log2Values = log2Values
        self.messages = k
        let t = Foundation.exp2(Foundation.log2(k) - log2Values)  // k/N, exact for powers of two
        if k < 2 {
            (lnComplement, lnNegLnComplement, regime) = (0, -.infinity, .directSum)
        } else if n.isFinite && k > n {
            (lnComplement, lnNegLnComplement, regime) = (-.infinity, .infinity, .certain)
        } else if k <= 4096 && log2Values <= 900 {
            let l = BirthdayMath.directSum(k: k, n: n)
            (lnComplement, lnNegLnComplement, regime) = (l, Foundation.log(-l), .directSum)
        } else if t < 0x1p-20 {
            let lnNeg = BirthdayMath.lnNegLnSeries(k: k, log2N: log2Values, t: t)
            (lnComplement, lnNegLnComplement, regime) = (-Foundation.exp(lnNeg), lnNeg, .smallRatioSeries)
        } else {
            let l = BirthdayMath.stirling(k: k, n: n, t: t)
            (lnComplement, lnNegLnComplement, regime) = (l, Foundation.log(-l), .stirling)
        }
    }

    /// `ln P`.
    public var lnProbability: Double {
        if regime == .certain { return 0 }
        let y = -lnComplement  // y = -ln(1 - P) >= 0
        if y > 0.5 { return Foundation.log(-expm1(lnComplement)) }
        // P = 1 - e^{-y} = y * g(y), g(y) = -expm1(-y)/y -> 1 as y -> 0 (and y may have underflowed).
        let g = y < 1e-300 ? 1 : -expm1(-y) / y
        return lnNegLnComplement + Foundation.log(g)
    }

    /// `log2 P`.
    public var log2Probability: Double { lnProbability / M_LN2 }

    /// P itself (0 when below the smallest double; use ``log2Probability`` then).
    public var probability: Double {
        if regime == .certain { return 1 }
        let p = -expm1(lnComplement)
        return p > 0 ? p : Foundation.exp(lnProbability)
    }

    /// log2 of the union bound k(k-1)/(2N), which is also the expected number of colliding pairs.
    public var log2UnionBound: Double { Foundation.log2(messages) + Foundation.log2(messages - 1) - 1 - log2Values }

    /// The expected number of colliding pairs, C(k, 2)/N.
    public var expectedCollidingPairs: Double { Foundation.exp2(log2UnionBound) }

    /// log2 of the lower bound `1 - exp(-k(k-1)/(2N))` (since ln(1 - i/N) <= -i/N).
    public var log2LowerBound: Double {
        let u = Foundation.exp2(log2UnionBound)
        if u == 0 { return log2UnionBound }
        return u > 1e-8 ? Foundation.log2(-expm1(-u)) : log2UnionBound + Foundation.log2(-expm1(-u) / u)
    }
}

/// The numerics behind ``CollisionProbability`` and ``DraftFormula``.
enum BirthdayMath {
    /// `sum_{i=1}^{k-1} log1p(-i/N)` with Kahan-Babuska summation.
    static func directSum(k: Double, n: Double) -> Double {
        var sum = 0.0
        var compensation = 0.0
        var i = 1.0
        while i < k {
            let term = log1p(-i / n)
            let t = sum + term
            compensation += abs(sum) >= abs(term) ? (sum - t) + term : (term - t) + sum
            sum = t
            i += 1
        }
        return sum + compensation
    }

    /// `H(t) = sum_{m>=1} t^(m-1) / (m (m+1))`, with `k h(t) = k t H(t)`; closed form
    /// `(1 + ((1-t)/t) log1p(-t)) / t` where the series would be slow.
    static func h(_ t: Double) -> Double {
        if t < 0.05 { return series { m in 1 / (m * (m + 1)) }(t) }
        return (1 + ((1 - t) / t) * log1p(-t)) / t
    }

    /// `G(t) = log1p(-t)/t = -sum_{m>=1} t^(m-1)/m`.
    static func g(_ t: Double) -> Double {
        if t < 0.05 { return -series { m in 1 / m }(t) }
        return log1p(-t) / t
    }

    /// `H+(s) = ((1+s) log1p(s) - s)/s^2 = sum_{m>=2} (-1)^m s^(m-2)/(m(m-1))`.
    static func hPlus(_ s: Double) -> Double {
        if s < 0.05 { return series { m in (m.truncatingRemainder(dividingBy: 2) == 0 ? -1 : 1) / ((m + 1) * m) }(s) }
        return ((1 + s) * log1p(s) - s) / (s * s)
    }

    /// `G+(s) = log1p(s)/s`.
    static func gPlus(_ s: Double) -> Double {
        if s < 0.05 { return series { m in (m.truncatingRemainder(dividingBy: 2) == 0 ? -1 : 1) / m }(s) }
        return log1p(s) / s
    }

    /// `x -> sum_{m>=1} c(m) x^(m-1)` until the terms no longer change the sum.
    static func series(_ c: @escaping (Double) -> Double) -> (Double) -> Double {
        { x in
            var sum = 0.0
            var power = 1.0
            var m = 1.0
            while m < 200 {
                let term = c(m) * power
                let next = sum + term
                if next == sum && m > 2 { break }
                sum = next
                power *= x
                m += 1
            }
            return sum
        }
    }

    /// Stirling's remainder `r(z) = ln Gamma(z+1) - [(z+1/2) ln z - z + ln(2 pi)/2]`.
    static func stirlingRemainder(_ z: Double) -> Double {
        if z < 20 { return lgamma(z + 1) - ((z + 0.5) * Foundation.log(z) - z + 0.5 * Foundation.log(2 * Double.pi)) }
        let z2 = z * z
        return (1 / (12 * z)) * (1 - (1 / (30 * z2)) * (1 - (2 / (7 * z2)) * (1 - 3 / (4 * z2))))
    }

    /// `ln(-ln(1-P))` for t = k/N < 2^-20: `-ln(1-P) = (k/N) (k H(t) + G(t)/2 + 1/(12 M))`, M = N - k,
    /// from `ln(1-P) = -k t H(t) - log1p(-t)/2 + r(N) - r(M)` and `r(N) - r(M) = -k/(12 N M) + O(k/N^4)`.
    static func lnNegLnSeries(k: Double, log2N: Double, t: Double) -> Double {
        let inverseM = Foundation.exp2(-log2N) / (1 - t)
        let bracket = k * h(t) + g(t) / 2 + inverseM / 12
        return Foundation.log(k) - log2N * M_LN2 + Foundation.log(bracket)
    }

    /// `ln(1-P) = -k t H(t) - log1p(-t)/2 + r(N) - r(M)` with M = N - k (k < N), or for k = N
    /// `ln(N!/N^N) = ln(N)/2 - N + ln(2 pi)/2 + r(N)`.
    static func stirling(k: Double, n: Double, t: Double) -> Double {
        if k == n { return 0.5 * Foundation.log(n) - n + 0.5 * Foundation.log(2 * Double.pi) + stirlingRemainder(n) }
        let m = n - k
        return -k * t * h(t) - 0.5 * log1p(-t) + stirlingRemainder(n) - stirlingRemainder(m)
    }
}
