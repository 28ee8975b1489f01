/// The variants of SPEC.md Appendix B (ours, not the draft's) that a recommendation can assume
/// (`pprf recommend --variant`), so that a user sees b, receiver state and rotation bound for each.
///
/// Each case says what it changes in the recommendation; cases combine (`--variant a,b` or the option
/// repeated). The state variants map to a ``RecommendationStateModel``.
public enum RecommendationVariant: String, CaseIterable, Sendable, Hashable, Comparable {
    /// Variant 1, the reuse-guard option (SPEC.md section 10, Appendix B.1): key and nonce repeat only when the
    /// challenge and the 4-byte guard both repeat, P(b + 32, k), while a repeated challenge alone is a delivery
    /// failure, P(b, k). `--target` then bounds key-and-nonce reuse and `--delivery-target` delivery failures;
    /// the wire grows by the 4 guard bytes.
    case reuseGuard = "reuse-guard"

    /// Variant 2, the compact state encoding (SPEC.md section 3.2, Appendix B.2): the receiver state's encoding
    /// is PPRFCompactState instead of PPRFState; b, the memory held and the rotation bound are unchanged.
    case compact

    /// Variant 3, 32-byte node secrets (profile `mls32`, SPEC.md section 3.1, Appendix B.3), for suites with
    /// KDF.Nh > 32 (5 and 7): the memory held and the encoding shrink, so the budget holds more messages per
    /// epoch (a later rotation); b and the wire are unchanged.
    case shortNodes = "short-nodes"

    /// The name `--variant` takes.
    public var name: String { rawValue }

    /// Orders variants by their declaration (Appendix B's numbering), for stable output.
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Bits the variants add to the key-and-nonce-reuse event beyond the challenge: 32 for the reuse guard
    /// (RFC 9420 section 6.3.2's `opaque reuse_guard[4]`), else 0.
    public static func guardBits(_ variants: Set<Self>) -> Int { variants.contains(.reuseGuard) ? 32 : 0 }

    /// The variants named by `--variant` values, each a name or a comma-separated list of names; `none` (alone)
    /// or no value means none. An unknown, empty or repeated name is refused with a sentence naming it.
    public static func parse(_ values: [String]) throws(RecommendationError) -> Set<Self> {
        let names = values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let known = (["none"] + allCases.map(\.name)).joined(separator: ", ")
        if names == ["none"] { return [] }
        var out: Set<Self> = []
        for name in names {
            guard !name.isEmpty else { throw .invalidInput(option: "--variant", reason: "an empty name; use \(known)") }
            guard name != "none" else {
                throw .invalidInput(option: "--variant", reason: "none cannot be combined with other variants")
            }
            guard let variant = Self(rawValue: name) else {
                // A long name is quoted by its first 40 characters, so that the sentence stays readable.
                let shown = name.count > 40 ? String(name.prefix(40)) + "..." : name
                throw .invalidInput(option: "--variant", reason: "unknown variant '\(shown)'; use \(known)")
            }
            guard out.insert(variant).inserted else {
                throw .invalidInput(option: "--variant", reason: "\(name) is given twice")
            }
        }
        return out
    }

    /// The variants as output shows them: names joined by commas in Appendix B's order, or `none`.
    public static func describe(_ variants: Set<Self>) -> String {
        variants.isEmpty ? "none" : variants.sorted().map(\.name).joined(separator: ",")
    }
}
