/// Errors raised by the primitive layer (libsodium, libb2 and swift-crypto behind one API).
///
/// Payloads carry sizes and names, never key material.
public enum CryptoError: Error, Equatable, Sendable {
    /// `sodium_init()` reported failure; no primitive can be used.
    case libraryInitializationFailed
    /// A key, nonce or seed had the wrong length for the algorithm.
    case invalidLength(what: String, expected: Int, actual: Int)
    /// HKDF-Expand was asked for more than 255 * Nh bytes (RFC 5869, section 2.3).
    case outputTooLong(requested: Int, maximum: Int)
    /// AEAD decryption failed: wrong key or nonce, or tampered ciphertext or associated data.
    case authenticationFailure
    /// A ciphertext was shorter than the AEAD tag.
    case ciphertextTooShort(length: Int, minimum: Int)
    /// A private key was not a valid scalar or seed for the signature scheme.
    case invalidPrivateKey
    /// A public key was not a valid encoding for the signature scheme.
    case invalidPublicKey
    /// A signature could not be parsed (for ECDSA: not DER) for the signature scheme.
    case malformedSignature
    /// A length given to the one-block HMAC path (``HMACPairDeriver``) is outside what one block holds: a key
    /// longer than the block, a message that does not fit in one block with its padding, or an output that is
    /// empty or longer than the digest.
    case outsideOneBlockRange(what: String, range: ClosedRange<Int>, actual: Int)
    /// A C primitive returned a failure code where none is expected.
    case primitiveFailure(String)
}
