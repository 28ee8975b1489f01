import CSodium

/// Randomness from libsodium's `randombytes_buf` (the operating system's CSPRNG).
public enum SystemRandom {
    /// `count` random bytes that are not secret (for example a reuse guard or a PPRF challenge).
    public static func bytes(count: Int) throws(CryptoError) -> [UInt8] {
        try Sodium.ensureInitialized()
        var out = [UInt8](repeating: 0, count: count)
        if count > 0 { randombytes_buf(&out, count) }
        return out
    }

    /// A uniform integer in 0..<upperBound (libsodium's `randombytes_uniform`, no modulo bias).
    public static func uniform(_ upperBound: UInt32) throws(CryptoError) -> UInt32 {
        try Sodium.ensureInitialized()
        return randombytes_uniform(upperBound)
    }
}
