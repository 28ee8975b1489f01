import BigInt
import Foundation

/// Inverse queries on ``CollisionProbability``: how long must challenges be, and how many messages fit
/// (Analysis/REPORT.md, "Choosing b"; issue 12).
///
/// ``minimumBits(messages:target:maximumBits:)`` and ``maximumMessages(challengeBits:target:)`` are exact:
/// a double-precision estimate proposes an answer and ``ExactCollision`` decides every comparison with the
/// target in integer arithmetic. Rates and log2 values derived from them are rounded to double precision.
public enum ChallengeLength {
    /// The longest challenge the calculator considers.
    public static let maximumBits = 1024

    /// The smallest b in 1 ... `maximumBits` with P(k, 2^b) <= target, exactly; throws
    /// ``ChallengeMathError/unreachable(maximumBits:log2ProbabilityAtMaximum:)`` when even `maximumBits` does
    /// not meet the target (never answers the maximum instead).
    public static func minimumBits(messages k: MessageCount, target: ProbabilityTarget, maximumBits: Int = 1024)
        throws(ChallengeMathError) -> Int
    {
        var decisions = 0
        return try minimumBits(messages: k, target: target, maximumBits: maximumBits, decisions: &decisions)
    }

    /// ``minimumBits(messages:target:maximumBits:)``, adding the number of exact decisions to `decisions`.
    static func minimumBits(
        messages k: MessageCount, target: ProbabilityTarget, maximumBits: Int, decisions: inout Int
    ) throws(ChallengeMathError) -> Int {
        guard (1...1024).contains(maximumBits) else { throw .outOfRange("the maximum b must be in 1...1024") }
        if k.value <= 1 { return 1 }  // one message never collides
        var count = 0
        defer { decisions += count }
        func fits(_ b: Int) throws(ChallengeMathError) -> Bool {
            count += 1
            return try ExactCollision.fits(challengeBits: b, messages: k, target: target)
        }
        guard try fits(maximumBits) else {
            let p = CollisionProbability(challengeBits: maximumBits, messages: k)
            throw .unreachable(maximumBits: maximumBits, log2ProbabilityAtMaximum: p.log2Probability)
        }
        let log2L = MessageEstimate.log2NegativeLogOneMinus(target.value)
        var b = min(max(estimateBits(log2Messages: k.log2, log2NegativeLogOneMinus: log2L), 1), maximumBits)
        // P decreases in b: walk from the estimate (within a bit or two of the answer) to the boundary.
        while b < maximumBits, try !fits(b) { b += 1 }
        while b > 1, try fits(b - 1) { b -= 1 }
        return b
    }

    /// The largest k with P(k, 2^b) <= target, exactly (it may exceed 2^64 for long challenges; 1 when not
    /// even two messages fit).
    ///
    /// `MessageEstimate` proposes k to within a few units; exact decisions gallop outward from it until the
    /// boundary is bracketed and bisect the bracket, so a good guess costs a handful of exact decisions and a
    /// bad one logarithmically many (issue 12: `--bits 1024 --target 0.5` takes 3).
    public static func maximumMessages(challengeBits b: Int, target: ProbabilityTarget)
        throws(ChallengeMathError) -> BigUInt
    {
        var decisions = 0
        return try maximumMessages(challengeBits: b, target: target, decisions: &decisions)
    }

    /// ``maximumMessages(challengeBits:target:)``, adding the number of exact decisions to `decisions`.
    static func maximumMessages(challengeBits b: Int, target: ProbabilityTarget, decisions: inout Int)
        throws(ChallengeMathError) -> BigUInt
    {
        guard (1...1024).contains(b) else { throw .outOfRange("challenge bits must be in 1...1024") }
        var count = 0
        defer { decisions += count }
        func fits(_ k: BigUInt) throws(ChallengeMathError) -> Bool {
            count += 1
            return try ExactCollision.fits(challengeBits: b, messages: k, target: target)
        }
        guard try fits(2) else { return 1 }
        let never = (BigUInt(1) << b) + 1  // k > N: a repeat is certain
        let start = min(max(MessageEstimate.guess(challengeBits: b, target: target.value) ?? 2, 2), never - 1)
        // Invariant once bracketed: fits(low), !fits(high).
        var low = BigUInt(2)
        var high = never
        var step = BigUInt(1)
        var startFits = start == 2  // fits(2) is known
        if !startFits { startFits = try fits(start) }
        if startFits {
            low = start
            while true {  // gallop up
                let candidate = min(start + step, never)
                if candidate == never {
                    high = never
                    break
                }
                if try fits(candidate) {
                    low = candidate
                    step <<= 1
                } else {
                    high = candidate
                    break
                }
            }
        } else {
            high = start
            while true {  // gallop down
                if start - 2 <= step {
                    low = 2
                    break
                }
                let candidate = start - step
                if try fits(candidate) {
                    low = candidate
                    break
                }
                high = candidate
                step <<= 1
            }
        }
        while high - low > 1 {
            let mid = (low + high) / 2
            if try fits(mid) { low = mid } else { high = mid }
        }
        return low
    }

    /// The message rate (per second, rounded) at which one epoch of `epochSeconds` reaches the target.
    public static func maximumRate(challengeBits b: Int, target: ProbabilityTarget, epochSeconds: Double)
        throws(ChallengeMathError) -> Double
    {
        guard epochSeconds.isFinite, epochSeconds > 0 else {
            throw .outOfRange("the epoch length must be a positive finite number of seconds")
        }
        return try rate(messages: try maximumMessages(challengeBits: b, target: target), epochSeconds: epochSeconds)
    }

    /// `k / epochSeconds` (per second, rounded) for an already computed maximum k, so that a caller printing
    /// both the maximum and the rate searches once (issue 12).
    public static func rate(messages k: BigUInt, epochSeconds: Double) throws(ChallengeMathError) -> Double {
        guard epochSeconds.isFinite, epochSeconds > 0 else {
            throw .outOfRange("the epoch length must be a positive finite number of seconds")
        }
        return ExactMath.double(k) / epochSeconds
    }

    /// `ceil(log2(k(k-1) / (2 (-ln(1-p)))))`, the union-bound estimate of the minimum b (not exact).
    static func estimateBits(log2Messages lk: Double, log2Target: Double) -> Int {
        estimateBits(log2Messages: lk, log2NegativeLogOneMinus: lnNegLnOneMinus(log2Target) / M_LN2)
    }

    /// The same estimate from log2(-ln(1 - p)) (which stays finite for p within 2^-53 of 1).
    static func estimateBits(log2Messages lk: Double, log2NegativeLogOneMinus log2L: Double) -> Int {
        let log2KMinus1 = lk < 52 ? Foundation.log2(Foundation.exp2(lk) - 1) : lk
        let estimate = lk + log2KMinus1 - 1 - log2L
        guard estimate.isFinite else { return estimate > 0 ? maximumBits : 1 }
        return Int(min(max(estimate.rounded(.up), 1), Double(maximumBits)))
    }

    /// `sqrt(2 N (-ln(1-p))) + 1/2`, the estimate of the maximum k (not exact).
    static func estimateMessages(challengeBits b: Int, log2Target: Double) -> Double {
        Foundation.exp2((Double(b) + 1 + lnNegLnOneMinus(log2Target) / M_LN2) / 2) + 0.5
    }

    /// ln(-ln(1 - 2^l)).
    static func lnNegLnOneMinus(_ l: Double) -> Double {
        l > -20 ? Foundation.log(-log1p(-Foundation.exp2(l))) : l * M_LN2
    }

    /// The per-epoch target that keeps the probability of any repeat, over `groups` groups each running
    /// `epochs` epochs, at most 2^`log2Total` (union bound): log2 p_epoch = log2 p_total - log2(G E).
    public static func perEpochTarget(log2Total: Double, groups: Double, epochs: Double) -> Double {
        log2Total - Foundation.log2(groups) - Foundation.log2(epochs)
    }
}

extension ChallengeLength {
    /// The minimum b for a double k and log2 target: exact (through the throwing overload) when k is an
    /// integer in 1 ... 2^64 and the target an integer power of two; otherwise the double search of the
    /// earlier versions. Clamped to 1 ... 1024: prefer ``minimumBits(messages:target:maximumBits:)``, which
    /// reports an unreachable target instead of answering 1024.
    public static func minimumBits(messages k: Double, log2Target: Double) -> Int {
        if let count = exactCount(k), let target = exactTarget(log2Target) {
            do { return try minimumBits(messages: count, target: target) } catch { return maximumBits }
        }
        var b = estimateBits(log2Messages: Foundation.log2(k), log2Target: log2Target)
        func fits(_ bits: Int) -> Bool {
            CollisionProbability(challengeBits: bits, messages: k).log2Probability <= log2Target
        }
        while b < maximumBits && !fits(b) { b += 1 }
        while b > 1 && fits(b - 1) { b -= 1 }
        return b
    }

    /// The maximum k as a double (rounded from the exact integer) for an integer log2 target; for other
    /// targets the double bisection of the earlier versions. Prefer
    /// ``maximumMessages(challengeBits:target:)``.
    public static func maximumMessages(challengeBits b: Int, log2Target: Double) -> Double {
        if let target = exactTarget(log2Target), (1...1024).contains(b),
            let k = try? maximumMessages(challengeBits: b, target: target)
        {
            return ExactMath.double(k)
        }
        func fits(_ k: Double) -> Bool {
            CollisionProbability(challengeBits: b, messages: k).log2Probability <= log2Target
        }
        guard fits(2) else { return 1 }
        let estimate = estimateMessages(challengeBits: b, log2Target: log2Target)
        var low = max(2, (estimate / 2).rounded(.down))
        var high = max(low + 1, (estimate * 2).rounded(.up))
        while !fits(low) && low > 2 { low = max(2, (low / 2).rounded(.down)) }
        while fits(high) && high < 0x1p1000 { high *= 2 }
        while high - low > max(1, low * 0x1p-52) {
            let mid = ((low + high) / 2).rounded(.down)
            if mid == low || mid == high { break }
            if fits(mid) { low = mid } else { high = mid }
        }
        return low
    }

    static func exactCount(_ k: Double) -> MessageCount? {
        guard k.isFinite, k >= 1, k <= 0x1p64, k == k.rounded(), let value = BigUInt(exactly: k) else { return nil }
        return try? MessageCount(value)
    }

    static func exactTarget(_ l: Double) -> ProbabilityTarget? {
        guard l.isFinite, l < 0, l >= -Double(ExactNumber.maximumBinaryMagnitude), l == l.rounded() else {
            return nil
        }
        return try? ProbabilityTarget(log2: Int(l))
    }
}
