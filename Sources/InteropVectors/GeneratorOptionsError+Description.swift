/// A sentence for each ``GeneratorOptionsError`` (printed by `pprf vectors generate`, which exits 64).
extension GeneratorOptionsError: CustomStringConvertible {
    /// The human description of the error.
    public var description: String {
        switch self {
        case .notAWholeNumber(let option, let text):
            "\(option) must be a whole number written in decimal digits (got \"\(text)\")."
        case .outOfRange(let option, let text, let range):
            "\(option) must be from \(range.lowerBound) to \(range.upperBound) (got \(text))."
        case .unsupportedSuite(let suite):
            "--suite \(suite) needs X448/Ed448, which this package does not implement; use 1, 2, 3, 5 or 7."
        case .invalidProfile(let text):
            "--profile must be mls, blake2b or cbst (got \"\(text.prefix(40))\")."
        case .invalidKind(let text):
            "--kind must be tree, state, messages, negative or collision (got \"\(text.prefix(40))\")."
        case .invalidSeed(let length):
            "--seed must be 1 to \(GeneratorOptions.maxSeedBytes) bytes of UTF-8 text without control "
                + "characters (got \(length) bytes)."
        case .profileUnsupported(let suite, let profile):
            "--profile \(profile) needs a cipher suite with KDF.Nh = 32 (SPEC.md section 1); suite \(suite) "
                + "has another hash size."
        case .countExceedsChallenges(let count, let bits):
            "--count \(count) messages need \(count) distinct challenges, but b = \(bits) has only "
                + "\(1 << bits)."
        case .notApplicable(let kind):
            "--kind \(kind) takes no --suite, --bits, --profile, --count or --seed: its values are exact "
                + "mathematics, not generated."
        }
    }
}
