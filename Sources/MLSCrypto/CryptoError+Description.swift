/// A sentence for each primitive-layer error: what was wrong and, where it helps, what to do. Sizes and
/// names only, never key material.
extension CryptoError: CustomStringConvertible {
    /// The human description of the error (printed by `pprf` on standard error).
    public var description: String {
        switch self {
        case .libraryInitializationFailed:
            "The libsodium library could not be initialised (sodium_init failed), so no primitive can be used; "
                + "check the libsodium installation."
        case .invalidLength(let what, let expected, let actual):
            "The \(what) has \(bytes(actual)), but the algorithm needs \(bytes(expected))."
        case .outputTooLong(let requested, let maximum):
            "HKDF-Expand was asked for \(bytes(requested)); it can give at most \(bytes(maximum)) (255 x Nh, "
                + "RFC 5869 section 2.3)."
        case .authenticationFailure:
            "AEAD decryption failed: the key or nonce is wrong, or the ciphertext or its associated data was changed."
        case .ciphertextTooShort(let length, let minimum):
            "The ciphertext has \(bytes(length)), fewer than the \(bytes(minimum)) of the AEAD tag it must contain."
        case .invalidPrivateKey:
            "The private key is not a valid seed or scalar for the signature scheme."
        case .invalidPublicKey:
            "The public key is not a valid encoding for the signature scheme."
        case .malformedSignature:
            "The signature cannot be parsed for the signature scheme (an ECDSA signature must be DER-encoded)."
        case .outsideOneBlockRange(let what, let range, let actual):
            "The \(what) has \(bytes(actual)), but the one-block HMAC path (HMACPairDeriver) takes "
                + "\(range.lowerBound) to \(bytes(range.upperBound)) (one hash block with its padding)."
        case .primitiveFailure(let name):
            "The primitive \(name) reported a failure where none is expected."
        }
    }
}

/// "1 byte", "32 bytes".
private func bytes(_ count: Int) -> String { count == 1 ? "1 byte" : "\(count) bytes" }
