import BigInt

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
        if k - 1 <= BigUInt(directProductLimit) { return try directDecision(b: b, k: k, target: tau) }
        return try seriesDecision(b: b, k: k, pairs: pairs, target: tau)
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
/// `<<j, i>> = (i+1) <<j-1, i>> + (2j-1-i) <<j-1, i-1>>`. Valid while 2j <= n + 1 (the callers stop far below).
struct ElementarySymmetric {
    let n: BigUInt
    private var eulerian: [BigUInt] = [1]  // row j of <<j, i>>, i = 0..j
    private var j = 0

    init(n: BigUInt) { self.n = n }

    /// e_(j+1), advancing j.
    mutating func next() -> BigUInt {
        j += 1
        var row = [BigUInt](repeating: 0, count: j + 1)
        for i in 0..<j {
            let keep = i < eulerian.count ? eulerian[i] * BigUInt(i + 1) : 0
            let shift = i >= 1 && i - 1 < eulerian.count ? eulerian[i - 1] * BigUInt(2 * j - 1 - i) : 0
            row[i] = keep + shift
        }
        eulerian = row
        // C(n+1, 2j), then C(m+1, r) = C(m, r) (m+1) / (m+1-r) for m = n+1, n+2, ...
        let r = 2 * j
        var binomial = BigUInt(1)
        for t in 0..<r { binomial = binomial * (n + 1 - BigUInt(t)) / BigUInt(t + 1) }
        var sum = BigUInt(0)
        var m = n + 1
        for i in 0..<j {
            if i > 0 {
                m += 1
                binomial = binomial * m / (m - BigUInt(r))
            }
            sum += eulerian[i] * binomial
        }
        return sum
    }
}
