/// The errors of ``ChallengeMath``: malformed or out-of-range numbers, and questions without an exact answer
/// (Analysis/REPORT.md, "Exactness"; issue 12).
///
/// Every case carries a human sentence (``description``) that names what was wrong, never a secret.
public enum ChallengeMathError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not a number in a form ``ExactNumber`` accepts; the payload says why.
    case malformedNumber(String)
    /// The number is well formed but outside the range its use allows; the payload says which range.
    case outOfRange(String)
    /// A count was not an integer (for example `2.5` or `2^-1` messages).
    case notAnInteger(String)
    /// No challenge length up to `maximumBits` meets the target; `log2ProbabilityAtMaximum` is log2 P there.
    case unreachable(maximumBits: Int, log2ProbabilityAtMaximum: Double)
    /// The target lies so close to P that neither the log-domain enclosures (8192 bits; SPEC.md section 9.3) nor
    /// the exact series (128 terms) separate them: the comparison is abandoned instead of answered wrongly. No
    /// input of the documented grammar is known to reach it through the public API.
    case undecidable(String)

    /// A sentence for the user.
    public var description: String {
        switch self {
        case .malformedNumber(let why): return "not a number: \(why)"
        case .outOfRange(let why): return why
        case .notAnInteger(let why): return why
        case .unreachable(let bits, let log2P):
            return "no challenge length up to \(bits) bits meets the target (at b = \(bits), log2 P = "
                + String(format: "%.3f", log2P) + ")"
        case .undecidable(let why): return "no exact decision: \(why)"
        }
    }
}
