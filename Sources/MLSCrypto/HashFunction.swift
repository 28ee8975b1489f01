import CSodium
import Crypto
import Foundation

/// The hash functions of the RFC 9420 cipher suites (section 5.1).
///
/// SHA-256 and SHA-512 come from libsodium; SHA-384, which libsodium 1.0.18 lacks, from swift-crypto.
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

    /// Hashes `message` in one call.
    public func hash(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try Sodium.ensureInitialized()
        switch self {
        case .sha256:
            var out = [UInt8](repeating: 0, count: 32)
            _ = crypto_hash_sha256(&out, message, UInt64(message.count))
            return out
        case .sha512:
            var out = [UInt8](repeating: 0, count: 64)
            _ = crypto_hash_sha512(&out, message, UInt64(message.count))
            return out
        case .sha384:
            return Array(SHA384.hash(data: message))
        }
    }
}
