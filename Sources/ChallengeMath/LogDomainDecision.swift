import BigInt
import Foundation

/// The fast exact decision "P(k, 2^b) <= target?" in the log domain (issue 12): `P <= p` exactly when
/// `L(k) = -ln(1 - P) <= Λ = -ln(1 - p)`, and both sides are enclosed in fixed point with directed rounding.
///
/// Every enclosure is rigorous by construction, not by an error estimate: all quantities are positive and every
/// step is monotone in its inputs, so rounding each operation down gives a lower bound and rounding it up (plus an
/// explicit bound on the truncated tail of each series) an upper bound. When the enclosures of L and Λ are
/// disjoint the answer is exact; when they overlap the precision is raised, and past ``maximumPrecision`` bits the
/// caller falls back to the exact series of ``ExactCollision``.
///
/// - L(k) = sum_{m>=1} S_m(k-1) / (m N^m) with S_m the power sums 1^m + ... + (k-1)^m (exact integers); the tail
///   after M terms is at most `n^(M+2) / ((M+1) N^M (N-n))` for n = k - 1 < N (as S_m(n) <= n^(m+1)).
/// - Λ: with 1 - p = Y / 2^g, Y < 2^t <= 2Y, `Λ = (g - t) ln 2 + 2 atanh((2^t - Y) / (2^t + Y))`, the argument in
///   [0, 1/3], so the tail of `atanh z = sum z^(2i+1) / (2i+1)` after a term T is at most `9T/8`; ln 2 = 2 atanh(1/3).
///   p = (a/c) 2^(u/v) enters through the exact floor of the v-th root of 2^(u + v h).
enum LogDomainDecision {
    /// The largest relative precision (bits) tried before the exact series decides.
    static let maximumPrecision = 8192
    /// The most power-sum terms evaluated for L.
    static let maximumTerms = 192

    /// Whether P(k, 2^b) <= target, or nil when the enclosures still overlap at ``maximumPrecision`` bits (or
    /// the series for L cannot reach the precision). Requires 2 <= k <= 2^b.
    static func fits(challengeBits b: Int, messages k: BigUInt, target: ExactNumber) -> Bool? {
        let n = k - 1
        guard n.signum() > 0, n < BigUInt(1) << b else { return nil }
        let magnitude = target.log2Magnitude
        guard magnitude.isFinite, magnitude < 1 else { return nil }
        let scale = max(0, Int((-magnitude).rounded(.up)))  // Λ >= p >= 2^-scale
        var relative = 2 * k.bitWidth + 64
        while relative <= maximumPrecision {
            let f = relative + scale + 8
            guard let t = negativeLogOneMinusBounds(target, fraction: f) else { return nil }
            // u <= L <= u N / (N - n), u = k(k-1) / (2N), since x <= -ln(1 - x) <= x / (1 - x) <= x N / (N - n)
            // for x = i/N <= n/N: settles every k far from the boundary, whatever the series would cost.
            let pairs = (k * n) >> 1
            if shift(pairs << f, b, up: false) > t.hi { return false }
            if divide(pairs << f, (BigUInt(1) << b) - n, up: true) < t.lo { return true }
            guard
                let l = complementLogBounds(n: n, bits: b, fraction: f) ?? productLogBounds(n: n, bits: b, fraction: f)
            else { return nil }
            if l.hi < t.lo { return true }
            if l.lo > t.hi { return false }
            relative *= 4
        }
        return nil
    }

    /// floor and ceil of `x / d`.
    static func divide(_ x: BigUInt, _ d: BigUInt, up: Bool) -> BigUInt {
        let (q, r) = x.quotientAndRemainder(dividingBy: d)
        return up && !r.isZero ? q + 1 : q
    }

    /// floor and ceil of `x / 2^s`.
    static func shift(_ x: BigUInt, _ s: Int, up: Bool) -> BigUInt {
        let q = x >> s
        return up && x.trailingZeroBitCount < s && !x.isZero ? q + 1 : q
    }

    /// A bound on `atanh(a / c) 2^f` (below or above), for 0 <= a/c <= 1/3.
    static func atanh(_ a: BigUInt, over c: BigUInt, fraction f: Int, up: Bool) -> BigUInt {
        let z = divide(a << f, c, up: up)
        let z2 = shift(z * z, f, up: up)
        var term = z  // a bound on z^(2i+1) 2^f
        var sum = BigUInt(0)
        var i = 0
        while !term.isZero {
            sum += divide(term, BigUInt(2 * i + 1), up: up)
            let next = shift(term * z2, f, up: up)
            if up && next <= 1 {
                // The true terms from here on are at most next z^(2j), z^2 <= 1/9: their sum is below 9 next / 8.
                sum += divide(9 * next, 8, up: true)
                break
            }
            term = next
            i += 1
        }
        return sum
    }

    /// A bound on `ln(2) 2^f`.
    static func ln2(fraction f: Int, up: Bool) -> BigUInt { 2 * atanh(1, over: 3, fraction: f, up: up) }

    /// A bound on `-ln(y / 2^g) 2^f` for an integer 1 <= y <= 2^g.
    static func negativeLog(_ y: BigUInt, scale g: Int, fraction f: Int, up: Bool) -> BigUInt {
        let t = y.bitWidth  // 2^(t-1) <= y < 2^t
        if t > g { return 0 }  // y = 2^g
        let top = BigUInt(1) << t
        return BigUInt(g - t) * ln2(fraction: f, up: up) + 2 * atanh(top - y, over: top + y, fraction: f, up: up)
    }

    /// floor(2^(p/q) 2^h) exactly, for 0 < p < q (nil if the root could not be certified).
    static func rootOfTwo(p: Int, q: Int, fraction h: Int) -> BigUInt? {
        let a = BigUInt(1) << (p + q * h)
        let guess = Foundation.exp2(Double(p) / Double(q)) * (1 + 0x1p-40)
        var x = BigUInt(guess * 0x1p52) << max(0, h - 52)
        if h < 52 { x = BigUInt(1) << (h + 1) }
        if x.power(q) < a { x = BigUInt(1) << (h + 1) }  // never for a correct exp2; stays above the root
        // Integer Newton from above decreases to the floor of the root and stops there.
        for _ in 0..<200 {
            let next = (BigUInt(q - 1) * x + a / x.power(q - 1)) / BigUInt(q)
            if next >= x { break }
            x = next
        }
        guard x.power(q) <= a, (x + 1).power(q) > a else { return nil }
        return x
    }

    /// Bounds on `target 2^g`.
    static func targetBounds(_ t: ExactNumber, scale g: Int) -> (lo: BigUInt, hi: BigUInt)? {
        if t.radicalNumerator == 0 {
            let (q, r) = (t.numerator << g).quotientAndRemainder(dividingBy: t.denominator)
            return (q, r.isZero ? q : q + 1)
        }
        let h = max(64, g + t.numerator.bitWidth - t.denominator.bitWidth + 72)
        guard let root = rootOfTwo(p: t.radicalNumerator, q: t.radicalDenominator, fraction: h) else { return nil }
        let denominator = t.denominator << h
        return (
            divide((t.numerator * root) << g, denominator, up: false),
            divide((t.numerator * (root + 1)) << g, denominator, up: true)
        )
    }

    /// Bounds on `-ln(1 - target) 2^f`, for 0 < target < 1.
    static func negativeLogOneMinusBounds(_ t: ExactNumber, fraction f: Int) -> (lo: BigUInt, hi: BigUInt)? {
        var g = f + 64
        if t.radicalNumerator == 0, t.numerator < t.denominator {
            // 1 - a/c = (c - a)/c >= 2^-(this many): start at a scale that already resolves it.
            g += max(0, t.denominator.bitWidth - (t.denominator - t.numerator).bitWidth + 1)
        }
        // Raise the scale until 1 - target is known to about f + 16 bits (it may be 10^-6000 or so).
        while g <= 4 * ExactNumber.maximumBinaryMagnitude + 4 * f {
            guard let (lo, hi) = targetBounds(t, scale: g) else { return nil }
            let one = BigUInt(1) << g
            guard hi < one else {
                g += 64
                continue
            }
            let yLow = one - hi
            let yHigh = one - lo
            if yLow.bitWidth < f + 16 {
                g += f + 24 - yLow.bitWidth
                continue
            }
            // -ln is decreasing: the larger y gives the lower bound.
            return (
                negativeLog(yHigh, scale: g, fraction: f, up: false), negativeLog(yLow, scale: g, fraction: f, up: true)
            )
        }
        return nil
    }

    /// Bounds on `L = -ln(1 - P(n + 1, 2^b)) 2^f` from the power-sum series, 1 <= n < 2^b; nil when the series
    /// converges too slowly for that (n > N / 2).
    static func complementLogBounds(n: BigUInt, bits b: Int, fraction f: Int) -> (lo: BigUInt, hi: BigUInt)? {
        let bigN = BigUInt(1) << b
        guard n << 1 <= bigN else { return nil }
        // The fewest terms M whose tail n^(M+2) / ((M+1) N^M (N-n)) is below one unit of 2^-f (at most maximumTerms).
        let nBits = n.bitWidth
        let estimate = Double(2 * nBits + f - b + 2) / Double(max(1, b - nBits))
        var terms = min(maximumTerms, max(1, Int(estimate.rounded(.up))))
        func tail(_ m: Int) -> BigUInt {
            divide(n.power(m + 2) << f, (BigUInt(m + 1) << (b * m)) * (bigN - n), up: true)
        }
        var tailBound = tail(terms)
        while tailBound > 1 && terms < maximumTerms {
            terms += 1
            tailBound = tail(terms)
        }
        var lo = BigUInt(0)
        var hi = tailBound
        for (index, s) in powerSums(n, through: terms).enumerated() where index >= 1 {
            let x = s << f
            let d = BigUInt(index) << (b * index)
            lo += divide(x, d, up: false)
            hi += divide(x, d, up: true)
        }
        return (lo, hi)
    }

    /// The most factors ``productLogBounds(n:bits:fraction:)`` multiplies (its cost is linear in n).
    static let maximumProductFactors = 1 << 17

    /// Bounds on `L 2^f` from the product `1 - P = prod_{i=1..n} (N - i) / N` in floating point with directed
    /// rounding (a mantissa of f + log2 n + 16 bits, renormalized), for the n > N / 2 the series leaves out;
    /// nil above ``maximumProductFactors`` factors.
    static func productLogBounds(n: BigUInt, bits b: Int, fraction f: Int) -> (lo: BigUInt, hi: BigUInt)? {
        guard n <= BigUInt(maximumProductFactors), let count = Int(exactly: n) else { return nil }
        let width = f + n.bitWidth + 16
        let bigN = BigUInt(1) << b
        func product(up: Bool) -> (mantissa: BigUInt, scale: Int) {
            var y = BigUInt(1) << width  // value y / 2^g
            var g = width
            for i in 1...count {
                y = shift(y * (bigN - BigUInt(i)), b, up: up)
                let deficit = width - y.bitWidth
                if deficit > 0 {
                    y <<= deficit
                    g += deficit
                }
            }
            return (y, g)
        }
        let low = product(up: false)
        let high = product(up: true)
        // L = -ln(1 - P) decreases in 1 - P: the upper product gives the lower bound.
        return (
            negativeLog(high.mantissa, scale: high.scale, fraction: f, up: false),
            negativeLog(low.mantissa, scale: low.scale, fraction: f, up: true)
        )
    }

    /// S_0 ... S_M of 1..n (S_m = 1^m + ... + n^m), from `(n+1)^(m+1) - 1 = sum_{j<=m} C(m+1, j) S_j`.
    static func powerSums(_ n: BigUInt, through last: Int) -> [BigUInt] {
        var sums: [BigUInt] = [n]
        var binomial: [BigUInt] = [1, 1]  // C(m+1, 0...m+1) for the current m, starting at m = 0
        var power = n + 1  // (n+1)^(m+1)
        for m in 1...max(1, last) {
            // Advance to C(m+1, .) and (n+1)^(m+1).
            var row = [BigUInt](repeating: 1, count: m + 2)
            for j in 1...m { row[j] = binomial[j - 1] + binomial[j] }
            binomial = row
            power *= n + 1
            var total = power - 1
            for j in 0..<m { total -= binomial[j] * sums[j] }
            sums.append(total / BigUInt(m + 1))
        }
        return sums
    }
}
