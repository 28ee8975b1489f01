import MLSCore
import MLSCrypto

/// The emulator mapping of draft-ietf-mls-virtual-clients-01 section 5.6.2 ("Reuse Guard"): an emulator at
/// leaf `leaf_index_e` of an emulation group with `N_e` leaves picks x with `x mod N_e == leaf_index_e` and
/// sends
///
/// ```
/// prp_key     = ExpandWithLabel(reuse_guard_secret, "reuse guard", key_schedule_nonce, 16)
/// reuse_guard = SmallSpacePRP.Encrypt(prp_key, x)          // 4 bytes, big-endian
/// ```
///
/// Two emulators never produce the same x for one key-nonce pair (their residues differ), and the PRP is a
/// permutation, so they never produce the same reuse guard: the RFC 9420 nonce `key_schedule_nonce xor
/// reuse_guard` never repeats under one key. Any other emulator inverts the PRP and reads the sender's
/// leaf as `x mod N_e`; to everyone else the guard is a pseudorandom 32-bit value.
///
/// Choices where the text is open (SPEC.md appendix A): x = leaf_index_e + r * N_e with r uniform in
/// [0, 2^32 / N_e), which makes x uniform over all solutions because N_e is a power of two;
/// `key_schedule_nonce` is the AEAD.Nn-byte nonce of RFC 9420 section 9.1 *before* the guard is XORed in (the
/// only value both sides know before the guard exists), passed as ExpandWithLabel's context bytes; the
/// suite is the emulation group's.
public struct ReuseGuardContext: Sendable {
    /// The emulation group's cipher suite (its ExpandWithLabel derives the PRP key).
    public let suite: CipherSuite
    /// `reuse_guard_secret` of emulation epoch e.
    public let reuseGuardSecret: SecretBytes
    /// `N_e`: the emulation group's leaf count at epoch e, blank leaves included (a power of two).
    public let leafCount: UInt32

    /// The mapping for one emulation epoch.
    ///
    /// Throws ``WorkingGroupError/invalidLeafCount(_:)`` unless `leafCount` is a power of two in [1, 2^31]
    /// (RFC 9420 leaf indices are 32-bit node indices halved, so a tree has at most 2^31 leaves).
    public init(suite: CipherSuite, reuseGuardSecret: SecretBytes, leafCount: UInt64) throws(WorkingGroupError) {
        guard leafCount >= 1, leafCount <= 1 << 31, leafCount & (leafCount - 1) == 0 else {
            throw WorkingGroupError.invalidLeafCount(leafCount)
        }
        self.suite = suite
        self.reuseGuardSecret = reuseGuardSecret
        self.leafCount = UInt32(leafCount)
    }

    /// The exclusive bound 2^32 / N_e of the multiplier r.
    public var multiplierLimit: UInt64 { (1 << 32) / UInt64(leafCount) }

    /// `prp_key = ExpandWithLabel(reuse_guard_secret, "reuse guard", key_schedule_nonce, 16)`.
    public func prpKey(keyScheduleNonce: SecretBytes) throws(WorkingGroupError) -> SecretBytes {
        var context = keyScheduleNonce.withUnsafeBytes { Array($0) }
        defer { context.withUnsafeMutableBytes { SecureMemory.wipe($0) } }
        return try mls { () throws(MLSError) in
            try suite.expandWithLabel(reuseGuardSecret, label: "reuse guard", context: context, length: 16)
        }
    }

    /// x = leaf_index_e + r * N_e, the PRP input.
    ///
    /// Throws ``WorkingGroupError/leafIndexOutOfRange(leaf:leafCount:)`` unless `leafIndex < N_e`, and
    /// ``WorkingGroupError/multiplierOutOfRange(multiplier:limit:)`` unless `multiplier < 2^32 / N_e`.
    public func prpInput(leafIndex: UInt32, multiplier: UInt64) throws(WorkingGroupError) -> UInt32 {
        guard leafIndex < leafCount else {
            throw WorkingGroupError.leafIndexOutOfRange(leaf: leafIndex, leafCount: leafCount)
        }
        guard multiplier < multiplierLimit else {
            throw WorkingGroupError.multiplierOutOfRange(multiplier: multiplier, limit: multiplierLimit)
        }
        return UInt32(UInt64(leafIndex) + multiplier * UInt64(leafCount))
    }

    /// The 4-byte reuse guard for the emulator at `leafIndex` with the given multiplier r (deterministic: for
    /// vectors and tests). Same errors as ``prpInput(leafIndex:multiplier:)``.
    public func reuseGuard(keyScheduleNonce: SecretBytes, leafIndex: UInt32, multiplier: UInt64)
        throws(WorkingGroupError) -> [UInt8]
    {
        let x = try prpInput(leafIndex: leafIndex, multiplier: multiplier)
        let prp = try SmallSpacePRP(key: try prpKey(keyScheduleNonce: keyScheduleNonce))
        return bigEndian(try prp.encrypt(x))
    }

    /// The 4-byte reuse guard with r drawn uniformly from libsodium's generator (what a sender does).
    public func reuseGuard(keyScheduleNonce: SecretBytes, leafIndex: UInt32) throws(WorkingGroupError) -> [UInt8] {
        let random = try primitive { () throws(CryptoError) in try SecretBytes.random(count: 8) }
        let r = random.withUnsafeBytes { bytes in bytes.reduce(UInt64(0)) { ($0 << 8) | UInt64($1) } }
        // The limit is a power of two, so masking keeps r uniform.
        return try reuseGuard(
            keyScheduleNonce: keyScheduleNonce, leafIndex: leafIndex, multiplier: r & (multiplierLimit - 1))
    }

    /// The PRP input x recovered from a received reuse guard: `SmallSpacePRP.Decrypt(prp_key, reuse_guard)`.
    ///
    /// Throws ``WorkingGroupError/invalidReuseGuardLength(_:)`` unless the guard has 4 bytes.
    public func prpInput(keyScheduleNonce: SecretBytes, reuseGuard: [UInt8]) throws(WorkingGroupError) -> UInt32 {
        guard reuseGuard.count == 4 else { throw WorkingGroupError.invalidReuseGuardLength(reuseGuard.count) }
        let prp = try SmallSpacePRP(key: try prpKey(keyScheduleNonce: keyScheduleNonce))
        return try prp.decrypt(reuseGuard.reduce(UInt32(0)) { ($0 << 8) | UInt32($1) })
    }

    /// The sender's emulation-group leaf, `x mod N_e` (section 5.6.2, last paragraph). Same errors as
    /// ``prpInput(keyScheduleNonce:reuseGuard:)``.
    public func senderLeafIndex(keyScheduleNonce: SecretBytes, reuseGuard: [UInt8]) throws(WorkingGroupError)
        -> UInt32
    {
        try prpInput(keyScheduleNonce: keyScheduleNonce, reuseGuard: reuseGuard) & (leafCount - 1)
    }
}

/// The 4-byte network-order encoding (draft-ietf-mls-virtual-clients-01 section 5.6.1).
func bigEndian(_ value: UInt32) -> [UInt8] {
    [
        UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
        UInt8(truncatingIfNeeded: value),
    ]
}
