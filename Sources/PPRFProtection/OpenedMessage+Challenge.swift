import MLSCore
import PuncturablePRF

/// PPRF mode's view of module MLSCore's `OpenedMessage` (SPEC.md section 5).
extension OpenedMessage {
    /// The challenge whose PRF value keyed the message: `nil` for an RFC 9420 message (its key came from a
    /// ratchet generation) and for key-selection bytes that are not a valid challenge (never the case for a
    /// message ``PPRFMessageProtector/unprotect(_:signaturePublicKey:)`` returned).
    public var challenge: Challenge? {
        guard case .challenge(let bytes, let bits) = keySelection else { return nil }
        do { return try Challenge(bytes: bytes, challengeBits: bits) } catch { return nil }
    }
}
