import COpenSSL

/// An OpenSSL cipher implementation fetched once from the default provider (an implicit fetch on every
/// `EVP_EncryptInit_ex` would search the provider store each time). Held for the process's lifetime.
final class OpenSSLCipher: @unchecked Sendable {
    // Immutable after init; OpenSSL's fetched EVP_CIPHER objects may be used from any thread.
    let pointer: OpaquePointer?
    let name: String

    private init(_ name: String) {
        self.name = name
        pointer = EVP_CIPHER_fetch(nil, name, nil)
    }

    /// AES-128-GCM (NIST SP 800-38D), AES-NI and PCLMULQDQ where the CPU has them.
    static let aes128gcm = OpenSSLCipher("AES-128-GCM")
    /// AES-256-GCM, for CPUs where libsodium's AES-256-GCM is unavailable (no AES-NI).
    static let aes256gcm = OpenSSLCipher("AES-256-GCM")
}

/// AES-GCM with a 12-byte nonce and a 16-byte tag through OpenSSL's EVP interface (RFC 9420 section 5.1's
/// AEADs with AES).
///
/// Key and nonce are passed straight from their ``SecretBytes`` storage: no copy is made on our side. The key
/// schedule lives in the `EVP_CIPHER_CTX`, which `EVP_CIPHER_CTX_free` cleanses (`OPENSSL_clear_free`) before
/// this returns. EVP lengths are C `int`, so inputs go through in chunks of at most ``maximumChunk`` bytes.
enum OpenSSLGCM {
    /// The largest number of bytes passed to one `EVP_*Update` call.
    static let maximumChunk = Int(Int32.max)

    /// Encrypts and authenticates; returns ciphertext || tag. `chunk` (1...``maximumChunk``) is a test hook.
    static func seal(
        _ cipher: OpenSSLCipher, key: SecretBytes, nonce: SecretBytes, aad: [UInt8], plaintext: [UInt8],
        chunk: Int = maximumChunk
    ) throws(CryptoError) -> [UInt8] {
        precondition(chunk >= 1 && chunk <= maximumChunk, "chunk out of range")
        guard let algorithm = cipher.pointer, let context = EVP_CIPHER_CTX_new() else {
            throw CryptoError.primitiveFailure("\(cipher.name) context")
        }
        defer { EVP_CIPHER_CTX_free(context) }
        var out = [UInt8](repeating: 0, count: plaintext.count + 16)
        let ok = key.withUnsafeBytes { k in
            nonce.withUnsafeBytes { n in
                aad.withUnsafeBytes { a in
                    plaintext.withUnsafeBytes { p in
                        out.withUnsafeMutableBytes { o in
                            let outBase = o.baseAddress!.assumingMemoryBound(to: UInt8.self)
                            var finalLength: Int32 = 0
                            return EVP_EncryptInit_ex(context, algorithm, nil, nil, nil) == 1
                                && EVP_EncryptInit_ex(context, nil, nil, bytes(k), bytes(n)) == 1
                                && feed(a, chunk: chunk) { input, length, _, written in
                                    EVP_EncryptUpdate(context, nil, written, input, length)
                                }
                                && feed(p, chunk: chunk) { input, length, offset, written in
                                    EVP_EncryptUpdate(context, outBase + offset, written, input, length)
                                }
                                && EVP_EncryptFinal_ex(context, outBase + plaintext.count, &finalLength) == 1
                                && finalLength == 0
                                && EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, 16, outBase + plaintext.count)
                                    == 1
                        }
                    }
                }
            }
        }
        guard ok else { throw CryptoError.primitiveFailure("\(cipher.name) seal") }
        return out
    }

    /// Checks the tag and decrypts `ciphertext` (at least 16 bytes: body || tag). On any mismatch the partial
    /// plaintext is wiped and ``CryptoError/authenticationFailure`` is thrown.
    static func open(
        _ cipher: OpenSSLCipher, key: SecretBytes, nonce: SecretBytes, aad: [UInt8], ciphertext: [UInt8],
        chunk: Int = maximumChunk
    ) throws(CryptoError) -> [UInt8] {
        precondition(chunk >= 1 && chunk <= maximumChunk, "chunk out of range")
        precondition(ciphertext.count >= 16, "callers check the length")
        guard let algorithm = cipher.pointer, let context = EVP_CIPHER_CTX_new() else {
            throw CryptoError.primitiveFailure("\(cipher.name) context")
        }
        defer { EVP_CIPHER_CTX_free(context) }
        let bodyLength = ciphertext.count - 16
        var out = [UInt8](repeating: 0, count: bodyLength)
        let ok = key.withUnsafeBytes { k in
            nonce.withUnsafeBytes { n in
                aad.withUnsafeBytes { a in
                    ciphertext.withUnsafeBytes { c in
                        out.withUnsafeMutableBytes { o in
                            // For an empty body `out` may have no storage; OpenSSL then writes nothing to it.
                            let outBase = o.baseAddress?.assumingMemoryBound(to: UInt8.self)
                            let body = UnsafeRawBufferPointer(rebasing: c[0..<bodyLength])
                            // EVP_CTRL_GCM_SET_TAG only reads the tag; the API takes a non-const pointer.
                            let tag = UnsafeMutableRawPointer(mutating: c.baseAddress! + bodyLength)
                            var finalLength: Int32 = 0
                            return EVP_DecryptInit_ex(context, algorithm, nil, nil, nil) == 1
                                && EVP_DecryptInit_ex(context, nil, nil, bytes(k), bytes(n)) == 1
                                && feed(a, chunk: chunk) { input, length, _, written in
                                    EVP_DecryptUpdate(context, nil, written, input, length)
                                }
                                && feed(body, chunk: chunk) { input, length, offset, written in
                                    EVP_DecryptUpdate(context, outBase! + offset, written, input, length)
                                }
                                && EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, 16, tag) == 1
                                && EVP_DecryptFinal_ex(context, outBase, &finalLength) == 1 && finalLength == 0
                        }
                    }
                }
            }
        }
        guard ok else {
            out.withUnsafeMutableBytes { wipe($0.baseAddress, $0.count) }
            throw CryptoError.authenticationFailure
        }
        return out
    }

    /// Calls `update(input, length, offset, &written)` for consecutive chunks of `bytes` of at most `chunk`
    /// bytes, and checks that each call succeeded and (GCM being a stream mode) wrote as many bytes as it read.
    private static func feed(
        _ bytes: UnsafeRawBufferPointer, chunk: Int,
        _ update: (UnsafePointer<UInt8>, Int32, Int, UnsafeMutablePointer<Int32>) -> Int32
    ) -> Bool {
        var offset = 0
        while offset < bytes.count {
            // length <= chunk <= Int32.max: the callers' preconditions.
            let length = min(chunk, bytes.count - offset)
            var written: Int32 = 0
            let input = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset
            guard update(input, Int32(length), offset, &written) == 1, Int(written) == length else { return false }
            offset += length
        }
        return true
    }
}

/// The `const unsigned char *` view of a non-empty secret buffer (keys and nonces are never empty here).
private func bytes(_ buffer: UnsafeRawBufferPointer) -> UnsafePointer<UInt8> {
    buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
}
