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
    /// The GroupContext has no PPRFParameters extension (type ``PPRFParameters/extensionType``).
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
