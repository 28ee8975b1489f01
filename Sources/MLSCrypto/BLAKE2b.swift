import CBlake2
import CSodium

/// Keyed, salted and personalised BLAKE2b (RFC 7693) from libb2, with libsodium's implementation beside it
/// for cross-checking.
public enum BLAKE2b {
    /// Salt and personalisation are 16 bytes each.
    public static let saltSize = 16
    /// See ``saltSize``.
    public static let personalizationSize = 16

    /// BLAKE2b with `outputLength` (1...64) bytes of output, a key of 1...64 bytes, a 16-byte salt and a
    /// 16-byte personalisation, over `input`, written into `out` (libb2's parameter-block API).
    public static func hash(
        key: UnsafeRawBufferPointer, salt: [UInt8], personalization: [UInt8], input: UnsafeRawBufferPointer,
        into out: UnsafeMutableRawBufferPointer
    ) throws(CryptoError) {
        try validate(keyCount: key.count, salt: salt, personalization: personalization, outCount: out.count)
        var param = blake2b_param()
        param.digest_length = UInt8(out.count)
        param.key_length = UInt8(key.count)
        param.fanout = 1
        param.depth = 1
        withUnsafeMutableBytes(of: &param.salt) { $0.copyBytes(from: salt) }
        withUnsafeMutableBytes(of: &param.personal) { $0.copyBytes(from: personalization) }
        var state = blake2b_state()
        defer { withUnsafeMutableBytes(of: &state) { wipe($0.baseAddress, $0.count) } }
        var rc = blake2b_init_param(&state, &param)
        // A keyed BLAKE2b absorbs the key as one zero-padded 128-byte block first (RFC 7693 section 2.5).
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 16) { block in
            block.initializeMemory(as: UInt8.self, repeating: 0)
            block.copyMemory(from: key)
            if rc == 0 { rc = blake2b_update(&state, block.baseAddress!.assumingMemoryBound(to: UInt8.self), 128) }
            wipe(block.baseAddress, 128)
        }
        if rc == 0, input.count > 0 {
            rc = blake2b_update(&state, input.baseAddress!.assumingMemoryBound(to: UInt8.self), input.count)
        }
        if rc == 0 { rc = blake2b_final(&state, out.baseAddress!.assumingMemoryBound(to: UInt8.self), out.count) }
        guard rc == 0 else { throw CryptoError.primitiveFailure("blake2b") }
    }

    /// The same function computed by libsodium's `crypto_generichash_blake2b_salt_personal`.
    public static func hashWithSodium(
        key: UnsafeRawBufferPointer, salt: [UInt8], personalization: [UInt8], input: UnsafeRawBufferPointer,
        into out: UnsafeMutableRawBufferPointer
    ) throws(CryptoError) {
        try Sodium.ensureInitialized()
        try validate(keyCount: key.count, salt: salt, personalization: personalization, outCount: out.count)
        let rc = crypto_generichash_blake2b_salt_personal(
            out.baseAddress!.assumingMemoryBound(to: UInt8.self), out.count,
            input.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(input.count),
            key.baseAddress!.assumingMemoryBound(to: UInt8.self), key.count, salt, personalization)
        guard rc == 0 else { throw CryptoError.primitiveFailure("crypto_generichash_blake2b_salt_personal") }
    }

    private static func validate(keyCount: Int, salt: [UInt8], personalization: [UInt8], outCount: Int)
        throws(CryptoError)
    {
        guard (1...64).contains(keyCount) else {
            throw CryptoError.invalidLength(what: "BLAKE2b key", expected: 32, actual: keyCount)
        }
        guard salt.count == saltSize else {
            throw CryptoError.invalidLength(what: "BLAKE2b salt", expected: saltSize, actual: salt.count)
        }
        guard personalization.count == personalizationSize else {
            throw CryptoError.invalidLength(
                what: "BLAKE2b personalization", expected: personalizationSize, actual: personalization.count)
        }
        guard (1...64).contains(outCount) else {
            throw CryptoError.invalidLength(what: "BLAKE2b output", expected: 64, actual: outCount)
        }
    }
}
