import BigInt
import Foundation

/// Exact decisions "P(k, 2^b) <= p?" in integer arithmetic (issue 12): the answers behind
/// ``ChallengeLength/minimumBits(messages:target:maximumBits:)`` and
/// ``ChallengeLength/maximumMessages(challengeBits:target:)``.
///
/// With N = 2^b and n = k - 1, `1 - P = prod_{i=1..n} (1 - i/N) = sum_j (-1)^j e_j / N^j`, where e_j is the
/// j-th elementary symmetric polynomial of 1..n (an unsigned Stirling number of the first kind). Hence
/// `P = sum_{j>=1} (-1)^(j+1) a_j` with `a_j = e_j / N^j`, a finite alternating sum of exact dyadic rationals.
/// Since `e_1 e_j >= (j+1) e_(j+1)`, `a_(j+1) <= a_j u / (j+1)` with `u = a_1 = k(k-1)/(2N)`: from the first
/// J with J + 1 > u the terms decrease strictly, so P lies strictly between the partial sums S_J and S_(J+1)
/// (or equals S_(J+1) when that is the last term). Every comparison below is between integers, so the
/// decision is exact, ties included; the only way not to answer is ``ChallengeMathError/undecidable(_:)``.
///
/// Before the series, the log-domain enclosures of `LogDomainDecision` (SPEC.md section 9.3) decide every case
/// that is not a possible tie in fixed point; the series is only their fallback.
public enum ExactCollision {
    /// Counts up to this many messages are decided from the exact product.
    static let directProductLimit = 256
    /// The most series terms evaluated before giving up with ``ChallengeMathError/undecidable(_:)``.
    static let maximumTerms = 128

    /// Whether P(k, 2^b) <= target, decided exactly (1 <= b <= 1024).
    public static func fits(challengeBits b: Int, messages k: MessageCount, target: ProbabilityTarget)
        throws(ChallengeMathError) -> Bool
    {
        try fits(challengeBits: b, messages: k.value, target: target)
    }

    /// ``fits(challengeBits:messages:target:)`` for any k >= 1 (the inverse query searches beyond 2^64).
    static func fits(challengeBits b: Int, messages k: BigUInt, target: ProbabilityTarget)
        throws(ChallengeMathError) -> Bool
    {
        guard (1...1024).contains(b) else { throw .outOfRange("challenge bits must be in 1...1024") }
        let tau = target.value
        if k <= 1 { return true }  // P = 0 < target
        let n = BigUInt(1) << b
        if k > n { return false }  // a repeat is certain: P = 1 > target
        let pairs = k * (k - 1) / 2  // u = pairs / N
        // P <= u (union bound): u <= target settles it.
        if tau.compare(rationalNumerator: BigInt(pairs), denominator: n) <= 0 { return true }
        // -ln(1-P) >= u and -ln(1-p) <= p/(1-p): u/(1+u) > target means P > target.
        if tau.compare(rationalNumerator: BigInt(pairs), denominator: pairs + n) > 0 { return false }
        // A tie P = target needs the exact evaluation (no enclosure separates equal values); otherwise the log domain
        // decides in fixed point, and the series below is the fallback for what it leaves open.
        if !tieIsPossible(b: b, k: k, target: tau),
            let decided = LogDomainDecision.fits(challengeBits: b, messages: k, target: tau)
        {
            return decided
        }
        // 1 - P <= e^-u < 1 / T_m(u), T_m the Taylor polynomial of e^u: T_m(u) (1 - target) > 1 means P > target
        // (this settles u >= 32, where the series below would need more than u terms; below it costs more than the
        // series).
        if pairs >> b >= 32 {
            for m in [8, 32, 128] where exceedsByTaylor(pairs: pairs, bits: b, terms: m, target: tau) {
                return false
            }
        }
        if k - 1 <= BigUInt(directProductLimit) { return try directDecision(b: b, k: k, target: tau) }
        return try seriesDecision(b: b, k: k, pairs: pairs, target: tau)
    }

    /// Whether P(k, 2^b) = target is possible, 2 <= k <= 2^b. With n = k - 1 < N = 2^b,
    /// `1 - P = prod_{i=1..n} (N - i) / N^n`, and v2(N - i) = v2(i) for 0 < i < N, so the numerator has exactly
    /// v2(n!) = n - popcount(n) factors of two: P is an odd integer over 2^E, E = b n - n + popcount(n). A tie
    /// therefore needs a rational target whose reduced denominator is exactly 2^E (which bounds n by the
    /// target's size, so the exact product that settles a tie is small).
    static func tieIsPossible(b: Int, k: BigUInt, target: ExactNumber) -> Bool {
        guard target.radicalNumerator == 0 else { return false }
        let d = target.denominator
        guard d.signum() > 0, d & (d - 1) == 0 else { return false }  // a power of two
        let n = k - 1
        let popcount = n.words.reduce(0) { $0 + $1.nonzeroBitCount }
        return BigUInt(b - 1) * n + BigUInt(popcount) == BigUInt(d.bitWidth - 1)
    }

    /// Whether `(T_m(u) - 1) / T_m(u) > target` for u = pairs / 2^b, with T_m(u) = sum_{j<=m} u^j / j!
    /// written over the common denominator m! 2^(b m).
    static func exceedsByTaylor(pairs: BigUInt, bits b: Int, terms m: Int, target: ExactNumber) -> Bool {
        // T_m(u) m! N^m = sum_j pairs^j N^(m-j) m!/j!, accumulated Horner-style from j = m down to 0.
        var numerator = BigUInt(0)
        var weight = BigUInt(1)  // m!/j! for the current j
        var power = BigUInt(1)  // pairs^j N^(m-j), from j = 0 upward
        var terms: [BigUInt] = []
        for _ in 0...m {
            terms.append(power)
            power *= pairs
        }
        // sum_j pairs^j N^(m-j) m!/j!: multiply N^(m-j) in by shifting.
        for j in stride(from: m, through: 0, by: -1) {
            numerator += (terms[j] << (b * (m - j))) * weight
            weight *= BigUInt(j == 0 ? 1 : j)
        }
        let denominator = weight << (b * m)  // m! N^m
        return target.compare(rationalNumerator: BigInt(numerator - denominator), denominator: numerator) > 0
    }

    /// P = (N^n - prod_{i=1..n} (N - i)) / N^n exactly, for small n.
    static func directDecision(b: Int, k: BigUInt, target: ExactNumber) throws(ChallengeMathError) -> Bool {
        let n = BigUInt(1) << b
        let count = Int(k - 1)
        var product = BigUInt(1)
        for i in 1...count { product *= n - BigUInt(i) }
        let denominator = BigUInt(1) << (b * count)
        return target.compare(rationalNumerator: BigInt(denominator - product), denominator: denominator) <= 0
    }

    /// The alternating series, from the first term where it brackets P.
    static func seriesDecision(b: Int, k: BigUInt, pairs: BigUInt, target: ExactNumber)
        throws(ChallengeMathError) -> Bool
    {
        let n = k - 1
        // First J with J + 1 > u = pairs / 2^b.
        let uFloor = pairs >> b
        guard uFloor < BigUInt(maximumTerms) else {
            throw .undecidable("the target is within e^-\(maximumTerms) of 1")
        }
        let firstBracket = max(1, Int(uFloor))
        var symmetric = ElementarySymmetric(n: n)
        // A = S_J * N^J, an exact signed integer.
        var scaled = BigInt(0)
        var j = 0
        while j < firstBracket {
            j += 1
            scaled = (scaled << b) + (j % 2 == 1 ? 1 : -1) * BigInt(symmetric.next())
        }
        var nextTerm = symmetric.next()  // e_(J+1), with J = j
        while j < maximumTerms {
            let nextScaled = (scaled << b) + (j % 2 == 0 ? 1 : -1) * BigInt(nextTerm)  // S_(J+1) N^(J+1)
            let afterNext = BigUInt(j + 2) <= n ? symmetric.next() : 0
            let denominatorNext = BigUInt(1) << (b * (j + 1))
            if afterNext.isZero {
                // S_(J+1) is the whole sum.
                return target.compare(rationalNumerator: nextScaled, denominator: denominatorNext) <= 0
            }
            let denominator = BigUInt(1) << (b * j)
            // j odd: S_J is above P and S_(J+1) below; j even: the reverse. P is strictly between them.
            let (upper, upperDen, lower, lowerDen) =
                j % 2 == 1
                ? (scaled, denominator, nextScaled, denominatorNext)
                : (nextScaled, denominatorNext, scaled, denominator)
            if target.compare(rationalNumerator: upper, denominator: upperDen) <= 0 { return true }
            if target.compare(rationalNumerator: lower, denominator: lowerDen) >= 0 { return false }
            scaled = nextScaled
            nextTerm = afterNext
            j += 1
        }
        throw .undecidable("the target agrees with P to more than \(maximumTerms) series terms")
    }
}

/// e_1, e_2, ... of {1, ..., n}: `e_j = [n+1, n+1-j] = sum_i <<j, i>> C(n+1+i, 2j)` (Graham, Knuth and
/// Patashnik, Concrete Mathematics, eq. 6.44), with second-order Eulerian numbers
/// `<<j, i>> = (i+1) <<j-1, i>> + (2j-1-i) <<j-1, i-1>>`. Vandermonde's `C(n+1+i, r) = sum_s C(i, s) C(n+1, r-s)`
/// turns this into `e_j = sum_s W(j, s) C(n+1, 2j-s)` with integer weights `W(j, s) = sum_i <<j, i>> C(i, s)`
/// that do not depend on n (cached), so each e_j costs j multiplications by binomials of n + 1.
struct ElementarySymmetric {
    let n: BigUInt
    private var binomials: [BigUInt] = [1]  // C(n+1, r), r = 0, 1, ...
    private var j = 0

    init(n: BigUInt) { self.n = n }

    /// e_(j+1), advancing j.
    mutating func next() -> BigUInt {
        j += 1
        let r = 2 * j
        while binomials.count <= r {
            let t = binomials.count - 1  // C(n+1, t+1) = C(n+1, t) (n+1-t) / (t+1)
            let factor = n + 1 > BigUInt(t) ? n + 1 - BigUInt(t) : 0
            binomials.append(binomials[t] * factor / BigUInt(t + 1))
        }
        let weights = EulerianWeights.shared.row(j)
        var sum = BigUInt(0)
        for (s, w) in weights.enumerated() where !w.isZero { sum += w * binomials[r - s] }
        return sum
    }
}

/// The weights W(j, s) of ``ElementarySymmetric``, computed once per j and shared (behind a lock).
final class EulerianWeights: @unchecked Sendable {
    static let shared = EulerianWeights()
    private let lock = NSLock()
    private var eulerian: [BigUInt] = [1]  // the last row of <<j, i>>
    private var rows: [[BigUInt]] = [[]]  // rows[j][s] = W(j, s), s = 0..<j

    /// W(j, s) for s = 0 ..< j.
    func row(_ j: Int) -> [BigUInt] {
        lock.lock()
        defer { lock.unlock() }
        while rows.count <= j {
            let next = rows.count
            var row = [BigUInt](repeating: 0, count: next + 1)
            for i in 0..<next {
                let keep = i < eulerian.count ? eulerian[i] * BigUInt(i + 1) : 0
                let shift = i >= 1 && i - 1 < eulerian.count ? eulerian[i - 1] * BigUInt(2 * next - 1 - i) : 0
                row[i] = keep + shift
            }
            eulerian = row
            // W(next, s) = sum_i <<next, i>> C(i, s), with C(i, s) built row by row.
            var weights = [BigUInt](repeating: 0, count: next)
            var pascal: [BigUInt] = [1]  // C(i, 0...i)
            for i in 0..<next {
                if i > 0 {
                    var nextPascal = [BigUInt](repeating: 1, count: i + 1)
                    for s in 1..<i { nextPascal[s] = pascal[s - 1] + pascal[s] }
                    pascal = nextPascal
                }
                for s in 0...i where s < next { weights[s] += eulerian[i] * pascal[s] }
            }
            rows.append(weights)
        }
        return rows[j]
    }
}
