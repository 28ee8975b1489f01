import CSodium

/// libsodium's HMAC-SHA-256/512 and SHA-256/512: independent implementations that the agreement tests hold the
/// OpenSSL paths (``KeyedHMAC``, ``HashFunction/hash(_:)``) against. Not used by the library itself.
enum SodiumReference {
    /// HMAC(key, message) through `crypto_auth_hmacsha{256,512}_*`; `nil` for SHA-384, which libsodium lacks.
    static func hmac(_ hash: HashFunction, key: [UInt8], message: [UInt8]) -> [UInt8]? {
        switch hash {
        case .sha256:
            var state = crypto_auth_hmacsha256_state()
            var out = [UInt8](repeating: 0, count: 32)
            guard crypto_auth_hmacsha256_init(&state, key, key.count) == 0,
                crypto_auth_hmacsha256_update(&state, message, UInt64(message.count)) == 0,
                crypto_auth_hmacsha256_final(&state, &out) == 0
            else { return nil }
            return out
        case .sha512:
            var state = crypto_auth_hmacsha512_state()
            var out = [UInt8](repeating: 0, count: 64)
            guard crypto_auth_hmacsha512_init(&state, key, key.count) == 0,
                crypto_auth_hmacsha512_update(&state, message, UInt64(message.count)) == 0,
                crypto_auth_hmacsha512_final(&state, &out) == 0
            else { return nil }
            return out
        case .sha384:
            return nil
        }
    }

    /// SHA-256 or SHA-512 through `crypto_hash_sha{256,512}`; `nil` for SHA-384.
    static func digest(_ hash: HashFunction, _ message: [UInt8]) -> [UInt8]? {
        switch hash {
        case .sha256:
            var out = [UInt8](repeating: 0, count: 32)
            return crypto_hash_sha256(&out, message, UInt64(message.count)) == 0 ? out : nil
        case .sha512:
            var out = [UInt8](repeating: 0, count: 64)
            return crypto_hash_sha512(&out, message, UInt64(message.count)) == 0 ? out : nil
        case .sha384:
            return nil
        }
    }

    /// AES-256-GCM through libsodium (ciphertext || tag); `nil` where the CPU lacks AES-NI.
    static func aes256gcmSeal(key: [UInt8], nonce: [UInt8], aad: [UInt8], plaintext: [UInt8]) -> [UInt8]? {
        guard Sodium.hasAES256GCM, key.count == 32, nonce.count == 12 else { return nil }
        var out = [UInt8](repeating: 0, count: plaintext.count + 16)
        var length: UInt64 = 0
        let rc = crypto_aead_aes256gcm_encrypt(
            &out, &length, plaintext, UInt64(plaintext.count), aad, UInt64(aad.count), nil, nonce, key)
        return rc == 0 ? out : nil
    }
}
