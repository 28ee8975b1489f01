import Foundation

/// The size of a punctured GGM tree's state (this package's analysis of the draft's "PPRF-based
/// Challenges"; the draft leaves this cost unstated).
public enum StateSize {
    /// The expected number of stored nodes after `punctures` uniform, distinct-or-not punctures of a depth-`depth`
    /// tree: `E = sum_{d=1..b} 2^d [(1-2^-d)^k - (1-2^(1-d))^k]`.
    ///
    /// A node at depth d is stored exactly when its sibling's subtree holds a punctured point and its own
    /// does not. Each term is evaluated as `2^d * e^c * expm1(a - c)` with `a = k log1p(-2^-d)` and
    /// `c = k log1p(-2^(1-d))`, which keeps full precision where the naive difference of two numbers near 1
    /// would cancel (every term deeper than 53 levels in doubles). Exactly `b` for k = 1.
    public static func expectedStoredNodes(challengeBits depth: Int, punctures k: Double) -> Double {
        guard k >= 1 else { return 1 }
        var sum = 0.0
        for d in 1...max(depth, 1) { sum += storedProbabilityMass(depth: d, punctures: k) }
        return sum
    }
}

extension StateSize {
    /// The expected length of the canonical PPRFState encoding after k uniform punctures: a node at depth d
    /// takes `2 + 1 + ceil(d/8) + 1 + Nh` bytes (uint16 prefix_length, prefix<V>, node_secret<V>), plus the
    /// outer vector's length prefix.
    public static func expectedEncodedBytes(challengeBits depth: Int, punctures k: Double, secretSize nh: Int) -> Double
    {
        var body = 0.0
        for d in 0...depth {
            let perNode = Double(4 + (d + 7) / 8 + nh)
            body += storedProbabilityMass(depth: d, punctures: k) * perNode
        }
        return body + (body < 64 ? 1 : body < 16384 ? 2 : 4)
    }

    /// The expected number of stored nodes at depth exactly `d` (the d-th term of the closed form; for
    /// d = 0 the root, stored only before the first puncture).
    public static func storedProbabilityMass(depth d: Int, punctures k: Double) -> Double {
        if d == 0 { return k < 1 ? 1 : 0 }
        if k < 1 { return 0 }
        let x = Foundation.pow(2.0, -Double(d))
        let a = k * log1p(-x)
        if d == 1 { return 2 * Foundation.exp(a) }
        let c = k * log1p(-2 * x)
        let term = a - c > 0.5 ? Foundation.exp(a) - Foundation.exp(c) : Foundation.exp(c) * expm1(a - c)
        return Foundation.pow(2.0, Double(d)) * term
    }
}
