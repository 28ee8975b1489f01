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
    public static func expectedStoredNodes(depth: Int, punctures k: Double) -> Double {
        guard k >= 1 else { return 1 }
        var sum = 0.0
        for d in 1...max(depth, 1) {
            let x = Foundation.pow(2.0, -Double(d))
            let a = k * log1p(-x)
            let c = d == 1 ? -Double.infinity : k * log1p(-2 * x)
            let term: Double
            if c == -.infinity {
                term = Foundation.exp(a)  // (1 - 2^(1-d))^k = 0 at d = 1
            } else if a - c > 0.5 {
                term = Foundation.exp(a) - Foundation.exp(c)  // no cancellation: the two powers differ widely
            } else {
                term = Foundation.exp(c) * expm1(a - c)
            }
            sum += Foundation.pow(2.0, Double(d)) * term
        }
        return sum
    }
}
