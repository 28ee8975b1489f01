import PuncturablePRF

extension PPRFMessageError {
    /// The snake_case name `Vectors/pprf-safe-aad.json` gives a receiver's framing error (SPEC.md sections 5
    /// and 5.1), plus `challenge_reused`; every other error is `other` (the file names no other error).
    public var vectorName: String {
        switch self {
        case .missingChallenge: "missing_challenge"
        case .safeAADMalformed: "safe_aad_malformed"
        case .safeAADTrailingBytes: "safe_aad_trailing_bytes"
        case .safeAADUnsorted: "safe_aad_unsorted"
        case .safeAADDuplicateComponent: "safe_aad_duplicate_component"
        case .missingChallengeItem: "missing_challenge_item"
        case .challengeItemLength: "challenge_item_length"
        case .pprf(let error): error.vectorName
        case .challengeReused: "challenge_reused"
        default: "other"
        }
    }
}
