import Foundation

/// The draft's collision formula, `err = 1 - C(2^b, k) / C(2^b + k - 1, k)` (its text drops the second
/// binomial's `k`).
///
/// C(N+k-1, k) counts multisets of size k: the formula is the probability that a uniformly random
/// *multiset* of k challenges has a repeat (Bose-Einstein counting). Independent senders draw sequences,
/// not multisets, so the right model is ``CollisionProbability``; for small values the draft's number is
/// twice the true one, which costs exactly one unnecessary bit of challenge.
public struct DraftFormula: Sendable, Equatable {
    /// `ln(C(N,k) / C(N+k-1,k))` = `sum_{i=1}^{k-1} [log1p(-i/N) - log1p(i/N)]`.
    public let lnComplement: Double
    /// `ln(-lnComplement)`, finite where ``lnComplement`` underflows.
    public let lnNegLnComplement: Double

    /// The draft's value for k messages and b-bit challenges.
    public init(challengeBits b: Int, messages k: Double) {
        self.init(truth: CollisionProbability(challengeBits: b, messages: k))
    }

    /// The draft's value for an exact count of k messages and b-bit challenges.
    public init(challengeBits b: Int, messages k: MessageCount) {
        self.init(truth: CollisionProbability(challengeBits: b, messages: k))
    }

    /// The draft's value for k messages drawn from `values` possibilities.
    public init(values n: Double, messages k: Double) {
        self.init(truth: CollisionProbability(values: n, messages: k))
    }

    init(truth: CollisionProbability) {
        let k = truth.messages
        let log2N = truth.log2Values
        if truth.regime == .certain {
            (lnComplement, lnNegLnComplement) = (-.infinity, .infinity)
            return
        }
        // The "plus" half: sum_{i=1}^{k-1} log1p(i/N) = (k-1)/N * ((k-1) H+(s) + G+(s)/2 - 1/(12 Q)) + O(k/N^4),
        // s = (k-1)/N, Q = N + k - 1, by the same Stirling expansion as the true probability.
        let s = Foundation.exp2(Foundation.log2(k - 1) - log2N)
        let lnPlus: Double
        if k <= 4096 && log2N <= 900 {
            let n = Foundation.exp2(log2N)
            lnPlus = Foundation.log(Self.plusDirect(k: k, n: n))
        } else {
            let inverseQ = Foundation.exp2(-log2N) / (1 + s)
            let bracket = (k - 1) * BirthdayMath.hPlus(s) + BirthdayMath.gPlus(s) / 2 - inverseQ / 12
            lnPlus = Foundation.log(k - 1) - log2N * M_LN2 + Foundation.log(bracket)
        }
        // -ln(complement) = -ln(1-P) + plus, added in the log domain.
        let a = truth.lnNegLnComplement
        let larger = max(a, lnPlus)
        lnNegLnComplement = larger + Foundation.log(Foundation.exp(a - larger) + Foundation.exp(lnPlus - larger))
        lnComplement = -Foundation.exp(lnNegLnComplement)
    }

    static func plusDirect(k: Double, n: Double) -> Double {
        var sum = 0.0
        var i = 1.0
        while i < k {
            sum += log1p(i / n)
            i += 1
        }
        return sum
    }

    /// `ln P_draft`.
    public var lnProbability: Double {
        let y = -lnComplement
        if y > 0.5 { return Foundation.log(-expm1(lnComplement)) }
        let g = y < 1e-300 ? 1 : -expm1(-y) / y
        return lnNegLnComplement + Foundation.log(g)
    }

    /// `log2 P_draft`.
    public var log2Probability: Double { lnProbability / M_LN2 }

    /// `P_draft` (0 below the smallest double).
    public var probability: Double { Foundation.exp(lnProbability) }
}
