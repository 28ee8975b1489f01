import Foundation

/// Inverse queries on ``CollisionProbability``: how long must challenges be, and how many messages fit.
public enum ChallengeLength {
    /// The smallest b (1...1024) with P(k, 2^b) <= p, where `log2Target` = log2 p. Starts from
    /// `ceil(log2(k(k-1) / (2 (-ln(1-p)))))` and corrects it with the exact probability.
    public static func minimumBits(messages k: Double, log2Target: Double) -> Int {
        let lnNegLn1mp = log2Target > -20 ? Foundation.log(-log1p(-Foundation.exp2(log2Target))) : log2Target * M_LN2
        let estimate = Foundation.log2(k) + Foundation.log2(k - 1) - 1 - lnNegLn1mp / M_LN2
        var b = min(max(Int(estimate.rounded(.up)), 1), 1024)
        func fits(_ bits: Int) -> Bool {
            CollisionProbability(challengeBits: bits, messages: k).log2Probability <= log2Target
        }
        while b < 1024 && !fits(b) { b += 1 }
        while b > 1 && fits(b - 1) { b -= 1 }
        return b
    }

    /// The largest k with P(k, 2^b) <= p (exact below 2^53; above, the nearest double found by bisection).
    public static func maximumMessages(challengeBits b: Int, log2Target: Double) -> Double {
        func fits(_ k: Double) -> Bool {
            CollisionProbability(challengeBits: b, messages: k).log2Probability <= log2Target
        }
        guard fits(2) else { return 1 }
        let lnNegLn1mp = log2Target > -20 ? Foundation.log(-log1p(-Foundation.exp2(log2Target))) : log2Target * M_LN2
        let estimate = Foundation.exp2((Double(b) + 1 + lnNegLn1mp / M_LN2) / 2) + 0.5
        var low = max(2, (estimate / 2).rounded(.down))
        var high = max(low + 1, (estimate * 2).rounded(.up))
        while !fits(low) { low = max(2, (low / 2).rounded(.down)) }
        while fits(high) { high *= 2 }
        // Invariant: fits(low), !fits(high).
        while high - low > max(1, low * 0x1p-52) {
            let mid = ((low + high) / 2).rounded(.down)
            if mid == low || mid == high { break }
            if fits(mid) { low = mid } else { high = mid }
        }
        return low
    }

    /// The message rate (per second) at which one epoch of `epochSeconds` reaches P = p.
    public static func maximumRate(challengeBits b: Int, log2Target: Double, epochSeconds: Double) -> Double {
        maximumMessages(challengeBits: b, log2Target: log2Target) / epochSeconds
    }

    /// The per-epoch target that keeps the probability of any repeat, over `groups` groups each running
    /// `epochs` epochs, at most 2^`log2Total` (union bound): log2 p_epoch = log2 p_total - log2(G E).
    public static func perEpochTarget(log2Total: Double, groups: Double, epochs: Double) -> Double {
        log2Total - Foundation.log2(groups) - Foundation.log2(epochs)
    }
}
