import MLSCore
import PuncturablePRF

/// A sentence for each error of PPRF-keyed message protection (SPEC.md sections 1, 5 to 7); wrapped RFC 9420
/// and PPRF errors give their own.
extension PPRFMessageError: CustomStringConvertible {
    /// The human description of the error (printed by `pprf` on standard error).
    public var description: String {
        switch self {
        case .challengeReused:
            "The challenge was already used in this epoch and its key is gone: the message is a replay, or two "
                + "senders drew the same challenge (SPEC.md section 7)."
        case .missingChallenge(let length, let required):
            "The authenticated_data has \(length) bytes, fewer than the \(required)-byte challenge it must start "
                + "with."
        case .missingParameters:
            "The GroupContext has no PPRFParameters extension (type 0x"
                + String(PPRFParameters.extensionType, radix: 16, uppercase: true)
                + "); a group in PPRF mode must carry one (SPEC.md section 1)."
        case .invalidParameters:
            "The PPRFParameters extension is malformed, or names a challenge length outside 1...256, an unknown "
                + "option bit or an unknown profile (SPEC.md sections 1 and 10)."
        case .mls(let error): error.description
        case .pprf(let error): error.description
        case .noFreshChallenge:
            "No unpunctured challenge turned up in 64 random draws: the sender's PPRF is nearly exhausted; start "
                + "a new epoch or use a larger b."
        case .duplicateParameters(let count):
            "The GroupContext carries \(count) PPRFParameters extensions (0xF0A0); SPEC.md section 1 allows "
                + "exactly one."
        case .senderDataLength(let length, let expected):
            "The encrypted sender data has \(length) bytes; the group's sealed sender data has \(expected) (4 "
                + "bytes of leaf index, 4 more of reuse guard when PPRFParameters set the reuse-guard option, and "
                + "the AEAD tag; SPEC.md sections 5 and 10), so the message is refused before any key is derived."
        case .reuseGuardNotEnabled(let length):
            "A \(length)-byte reuse guard was given, but the group's PPRFParameters do not set the reuse-guard "
                + "option, so its messages carry none (SPEC.md section 10)."
        case .invalidAppDataDictionary:
            "The GroupContext's app_data_dictionary extension (0x0006) is malformed, appears twice, has unsorted "
                + "or repeated component ids, or its safe_aad component list is malformed (SPEC.md section 5.1)."
        case .challengeComponentNotRequired:
            "The GroupContext requires Safe AAD, but its safe_aad component list does not name the challenge "
                + "component 0x667A, which every member of a PPRF-mode group must understand (SPEC.md section 5.1)."
        case .safeAADMalformed(let error):
            "The group requires Safe AAD, but the authenticated_data is not a well-formed SafeAAD struct: "
                + error.description
        case .safeAADTrailingBytes(let count):
            "\(count) bytes follow the SafeAAD struct; with Safe AAD the struct is the entire authenticated_data "
                + "(draft-ietf-mls-extensions-10, SPEC.md section 5.1)."
        case .safeAADUnsorted(let index):
            "SafeAAD item \(index) has a smaller component id than the item before it; items must be in "
                + "increasing component id."
        case .safeAADDuplicateComponent(let componentID):
            "Two SafeAAD items carry component id 0x" + hex16(componentID)
                + "; each component has at most one item."
        case .missingChallengeItem:
            "The SafeAAD struct has no item of the challenge component 0x667A (SPEC.md section 5.1)."
        case .challengeItemLength(let length, let expected):
            "The challenge item has \(length) bytes; a challenge of this group has \(expected)."
        case .rawAADInSafeAADGroup(let length):
            "\(length) bytes of raw authenticated data were given, but the group requires Safe AAD: pass the "
                + "application's data as SafeAAD items."
        case .safeAADNotNegotiated:
            "SafeAAD items were given, but the GroupContext has no safe_aad component: pass raw authenticated "
                + "data."
        case .challengeComponentInApplicationItems:
            "The application's SafeAAD items use component id 0x667A, which the challenge item owns."
        case .stateSuiteMismatch(let state, let groupContext):
            "The PPRF state belongs to cipher suite \(state), but the epoch's GroupContext names suite "
                + "\(groupContext)."
        case .stateParametersMismatch(let stateBits, let stateProfile, let groupBits, let groupProfile):
            "The PPRF state was made for b = \(stateBits) with profile \(stateProfile), but the GroupContext's "
                + "PPRFParameters say b = \(groupBits) with profile \(groupProfile)."
        }
    }
}

private func hex16(_ value: UInt16) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: 4 - digits.count) + digits
}
