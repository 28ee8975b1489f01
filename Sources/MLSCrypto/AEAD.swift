import CSodium

/// The AEAD algorithms of the RFC 9420 cipher suites (section 5.1), with 12-byte nonces and 16-byte tags.
///
/// ChaCha20-Poly1305 (IETF) and AES-256-GCM come from libsodium; AES-128-GCM, which libsodium lacks, and
/// AES-256-GCM on CPUs without AES-NI come from OpenSSL libcrypto's EVP interface, whose context is cleansed
/// when freed. Key and nonce are read in place from their ``SecretBytes``: no path copies them (SPEC.md
/// section 10).
public enum AEADAlgorithm: Sendable, CaseIterable {
    /// AES-128-GCM (suites 1, 2).
    case aes128gcm
    /// AES-256-GCM (suites 4, 5, 7).
    case aes256gcm
    /// ChaCha20-Poly1305 (suites 3, 6).
    case chacha20poly1305

    /// Key size `Nk` in bytes.
    public var keySize: Int { self == .aes128gcm ? 16 : 32 }
    /// Nonce size `Nn` in bytes.
    public var nonceSize: Int { 12 }
    /// Tag size in bytes.
    public var tagSize: Int { 16 }

    private func check(key: SecretBytes, nonce: SecretBytes) throws(CryptoError) {
        guard key.count == keySize else {
            throw CryptoError.invalidLength(what: "AEAD key", expected: keySize, actual: key.count)
        }
        guard nonce.count == nonceSize else {
            throw CryptoError.invalidLength(what: "AEAD nonce", expected: nonceSize, actual: nonce.count)
        }
    }

    /// Calls `body` with the key's and the nonce's bytes in place, as the C pointers libsodium takes (both are
    /// non-empty: ``check(key:nonce:)`` ran). No copy of either is made.
    private static func withKeyAndNonce(
        _ key: SecretBytes, _ nonce: SecretBytes, _ body: (UnsafePointer<UInt8>, UnsafePointer<UInt8>) -> Int32
    ) -> Int32 {
        key.withUnsafeBytes { k in
            nonce.withUnsafeBytes { n in
                body(
                    k.baseAddress!.assumingMemoryBound(to: UInt8.self),
                    n.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
    }

    /// ChaCha20-Poly1305 always, AES-256-GCM when the CPU has AES-NI, come from libsodium.
    private var usesSodium: Bool { self == .chacha20poly1305 || (self == .aes256gcm && Sodium.hasAES256GCM) }

    /// Encrypts and authenticates; returns ciphertext || tag.
    public func seal(key: SecretBytes, nonce: SecretBytes, aad: [UInt8], plaintext: [UInt8]) throws(CryptoError)
        -> [UInt8]
    {
        try Sodium.ensureInitialized()
        try check(key: key, nonce: nonce)
        if usesSodium {
            var out = [UInt8](repeating: 0, count: plaintext.count + tagSize)
            var outLength: UInt64 = 0
            let rc = Self.withKeyAndNonce(key, nonce) { kp, np in
                self == .chacha20poly1305
                    ? crypto_aead_chacha20poly1305_ietf_encrypt(
                        &out, &outLength, plaintext, UInt64(plaintext.count), aad, UInt64(aad.count), nil, np, kp)
                    : crypto_aead_aes256gcm_encrypt(
                        &out, &outLength, plaintext, UInt64(plaintext.count), aad, UInt64(aad.count), nil, np, kp)
            }
            guard rc == 0 else { throw CryptoError.primitiveFailure("AEAD seal") }
            return out
        } else {
            return try OpenSSLGCM.seal(openSSLCipher, key: key, nonce: nonce, aad: aad, plaintext: plaintext)
        }
    }

    /// Checks the tag and decrypts; throws ``CryptoError/authenticationFailure`` on any mismatch.
    public func open(key: SecretBytes, nonce: SecretBytes, aad: [UInt8], ciphertext: [UInt8]) throws(CryptoError)
        -> [UInt8]
    {
        try Sodium.ensureInitialized()
        try check(key: key, nonce: nonce)
        guard ciphertext.count >= tagSize else {
            throw CryptoError.ciphertextTooShort(length: ciphertext.count, minimum: tagSize)
        }
        if usesSodium {
            var out = [UInt8](repeating: 0, count: ciphertext.count - tagSize)
            var outLength: UInt64 = 0
            let rc = Self.withKeyAndNonce(key, nonce) { kp, np in
                self == .chacha20poly1305
                    ? crypto_aead_chacha20poly1305_ietf_decrypt(
                        &out, &outLength, nil, ciphertext, UInt64(ciphertext.count), aad, UInt64(aad.count), np, kp)
                    : crypto_aead_aes256gcm_decrypt(
                        &out, &outLength, nil, ciphertext, UInt64(ciphertext.count), aad, UInt64(aad.count), np, kp)
            }
            guard rc == 0 else { throw CryptoError.authenticationFailure }
            return out
        } else {
            return try OpenSSLGCM.open(openSSLCipher, key: key, nonce: nonce, aad: aad, ciphertext: ciphertext)
        }
    }

    /// The OpenSSL implementation for the AES algorithms (never asked for ChaCha20-Poly1305).
    private var openSSLCipher: OpenSSLCipher { self == .aes128gcm ? .aes128gcm : .aes256gcm }

    /// AES-GCM through OpenSSL regardless of libsodium, for the agreement tests between the libraries.
    func sealWithOpenSSL(key: SecretBytes, nonce: SecretBytes, aad: [UInt8], plaintext: [UInt8], chunk: Int)
        throws(CryptoError) -> [UInt8]
    {
        precondition(self != .chacha20poly1305, "OpenSSL serves only AES-GCM here")
        try check(key: key, nonce: nonce)
        return try OpenSSLGCM.seal(openSSLCipher, key: key, nonce: nonce, aad: aad, plaintext: plaintext, chunk: chunk)
    }

    /// AES-GCM decryption through OpenSSL regardless of libsodium, for the agreement tests.
    func openWithOpenSSL(key: SecretBytes, nonce: SecretBytes, aad: [UInt8], ciphertext: [UInt8], chunk: Int)
        throws(CryptoError) -> [UInt8]
    {
        precondition(self != .chacha20poly1305, "OpenSSL serves only AES-GCM here")
        try check(key: key, nonce: nonce)
        guard ciphertext.count >= tagSize else {
            throw CryptoError.ciphertextTooShort(length: ciphertext.count, minimum: tagSize)
        }
        return try OpenSSLGCM.open(
            openSSLCipher, key: key, nonce: nonce, aad: aad, ciphertext: ciphertext, chunk: chunk)
    }
}
