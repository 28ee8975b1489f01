import MLSCore
import PuncturablePRF

/// Errors of PPRF-keyed message protection (this package's specification of the draft's "PPRF-based
/// Challenges"). Every failure leaves the receiver's PPRF byte-identical.
public enum PPRFMessageError: Error, Equatable, Sendable {
    /// The challenge was used before in this epoch: its key is gone. This is the draft's "decryption error
    /// when receiving an application message with a previously used challenge", and the replay defence.
    case challengeReused
    /// `authenticated_data` is shorter than the ceil(b/8)-byte challenge it must start with.
    case missingChallenge(length: Int, required: Int)
    /// The GroupContext has no PPRFParameters extension (type `PPRFParameters.extensionType`).
    case missingParameters
    /// The PPRFParameters extension is malformed or names an unusable depth or profile.
    case invalidParameters
    /// The GroupContext carries `count` (two or more) PPRFParameters extensions; SPEC.md section 1 allows
    /// exactly one, so that every member reads the same parameters.
    case duplicateParameters(count: Int)
    /// `encrypted_sender_data` does not have the length a sealed PPRFSenderData has (4 bytes plus the AEAD
    /// tag): refused before any key is derived (SPEC.md section 7).
    case senderDataLength(length: Int, expected: Int)
    /// An RFC 9420 layer failure (signature, AEAD, group, epoch, codec).
    case mls(MLSError)
    /// A PPRF failure other than a reused challenge (for example challenge padding bits).
    case pprf(PPRFError)
    /// The sender could not find an unpunctured challenge in 64 draws (its state is nearly exhausted).
    case noFreshChallenge
    /// A sender passed a `length`-byte reuse guard to a group whose PPRFParameters do not set the
    /// reuse-guard option (SPEC.md section 10): the guard would be silently dropped, so it is refused.
    case reuseGuardNotEnabled(length: Int)
    /// The GroupContext's `app_data_dictionary` extension (type 0x0006) is malformed, appears twice, has
    /// unsorted or repeated component ids, or carries a malformed `safe_aad` ComponentsList (SPEC.md
    /// section 5.1).
    case invalidAppDataDictionary
    /// The GroupContext requires Safe AAD, but its `safe_aad` list does not name the challenge component
    /// (``ChallengeFraming/challengeComponentID``), which every member of a PPRF-mode group must understand.
    case challengeComponentNotRequired
    /// In a Safe AAD group, `authenticated_data` is not a well-formed SafeAAD struct (a malformed or
    /// non-minimal varint, a length past the end, a truncated item); raw-prefix framing lands here too.
    case safeAADMalformed(CodecError)
    /// `count` bytes follow the SafeAAD struct; draft-ietf-mls-extensions-10 makes the struct the entire
    /// `authenticated_data`.
    case safeAADTrailingBytes(count: Int)
    /// The SafeAAD item at `index` has a smaller component id than the item before it.
    case safeAADUnsorted(index: Int)
    /// Two SafeAAD items carry `componentID`; each component has at most one.
    case safeAADDuplicateComponent(componentID: UInt16)
    /// The SafeAAD struct has no item of the challenge component (``ChallengeFraming/challengeComponentID``).
    case missingChallengeItem
    /// The challenge item has `length` bytes instead of ceil(b/8) = `expected`.
    case challengeItemLength(length: Int, expected: Int)
    /// A sender passed `length` bytes of raw authenticated data in a group that requires Safe AAD: the
    /// application's data must travel as SafeAAD items.
    case rawAADInSafeAADGroup(length: Int)
    /// A sender passed SafeAAD items in a group whose GroupContext has no `safe_aad` component.
    case safeAADNotNegotiated
    /// A sender's own SafeAAD items use the challenge component's id, which the protector writes itself.
    case challengeComponentInApplicationItems
    /// A PPRF state given to ``PPRFMessageProtector/init(epoch:state:)`` belongs to cipher suite `state`, and
    /// the epoch's GroupContext names `groupContext` (RFC 9420 section 8.1; SPEC.md section 3).
    case stateSuiteMismatch(state: UInt16, groupContext: UInt16)
    /// A PPRF state given to ``PPRFMessageProtector/init(epoch:state:)`` was made for b = `stateBits` with
    /// profile `stateProfile`, and the GroupContext's PPRFParameters say b = `groupBits` with `groupProfile`
    /// (SPEC.md section 1).
    case stateParametersMismatch(stateBits: Int, stateProfile: String, groupBits: Int, groupProfile: String)
}

@inline(__always)
func mls<T>(_ body: () throws(MLSError) -> T) throws(PPRFMessageError) -> T {
    do { return try body() } catch { throw PPRFMessageError.mls(error) }
}

@inline(__always)
func pprf<T>(_ body: () throws(PPRFError) -> T) throws(PPRFMessageError) -> T {
    do {
        return try body()
    } catch .punctured {
        throw PPRFMessageError.challengeReused
    } catch {
        throw PPRFMessageError.pprf(error)
    }
}
