import CSodium

/// Lazily initialises libsodium exactly once.
///
/// `sodium_init()` is thread safe and idempotent; its result is cached in a `static let`, which Swift
/// initialises once under a lock.
enum Sodium {
    private static let initialized: Bool = sodium_init() >= 0

    /// Makes sure libsodium is ready, or throws ``CryptoError/libraryInitializationFailed``.
    static func ensureInitialized() throws(CryptoError) {
        guard initialized else { throw CryptoError.libraryInitializationFailed }
    }

    /// Whether the CPU supports libsodium's AES-256-GCM (needs AES-NI and PCLMUL).
    static let hasAES256GCM: Bool = initialized && crypto_aead_aes256gcm_is_available() == 1
}

/// Public entry point for callers that want to fail early (for example a command-line tool).
public enum CryptoLibrary {
    /// Initialises libsodium; throws ``CryptoError/libraryInitializationFailed`` on failure.
    public static func initialize() throws(CryptoError) {
        try Sodium.ensureInitialized()
    }

    /// The libsodium version string, for reports.
    public static var sodiumVersion: String {
        String(cString: sodium_version_string())
    }
}

/// Wipes `count` bytes at `pointer` with `sodium_memzero`, which the compiler may not elide.
@inline(__always)
func wipe(_ pointer: UnsafeMutableRawPointer?, _ count: Int) {
    guard let pointer, count > 0 else { return }
    sodium_memzero(pointer, count)
}

/// Wiping for buffers outside ``SecretBytes`` (temporary derivation buffers, arenas of secrets).
public enum SecureMemory {
    /// Overwrites the whole buffer with zeros using `sodium_memzero`, which the compiler may not elide.
    public static func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
        MLSCrypto.wipe(buffer.baseAddress, buffer.count)
    }
}
