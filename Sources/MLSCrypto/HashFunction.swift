/// The hash functions of the RFC 9420 cipher suites (section 5.1).
///
/// All three come from OpenSSL libcrypto's low-level SHA-2 (SHA-NI where present); the tests check them against
/// libsodium and swift-crypto.
public enum HashFunction: Sendable, CaseIterable {
    /// SHA-256 (suites 1, 2, 3).
    case sha256
    /// SHA-384 (suite 7).
    case sha384
    /// SHA-512 (suites 4, 5, 6).
    case sha512

    /// Output size in bytes, the KDF's `Nh` (RFC 9420 section 5.1).
    public var digestSize: Int {
        switch self {
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// Hashes `message` in one call (OpenSSL libcrypto's SHA-2, SHA-NI where the CPU has it).
    public func hash(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        openSSLDigest(message)
    }
}
