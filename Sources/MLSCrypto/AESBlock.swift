import COpenSSL

/// The AES block cipher alone (FIPS 197): one 16-byte block in, one out, no mode, no padding.
///
/// FF1 (NIST SP 800-38G, section 4.3 "PRF" and section 5.1 step 6) needs exactly this, `CIPH_K(X)`, to build
/// its CBC-MAC and its keystream; draft-ietf-mls-virtual-clients-01 section 5.6.1 instantiates FF1 with
/// AES-128. The cipher is OpenSSL libcrypto's `EVP_aes_{128,192,256}_ecb` with padding off, keyed once: a
/// single-block ECB encryption is the raw block cipher. The expanded key lives in the `EVP_CIPHER_CTX`,
/// which `EVP_CIPHER_CTX_free` cleanses (`OPENSSL_cleanse`) when the object is released; ``wipeKey()``
/// does it earlier.
///
/// Not `Sendable`: an `EVP_CIPHER_CTX` must not be used from two threads at once.
public final class AESBlockCipher {
    /// The block size of AES in bytes.
    public static let blockSize = 16

    /// The key length in bytes: 16, 24 or 32 (AES-128, AES-192, AES-256).
    public let keySize: Int
    private var context: OpaquePointer?

    /// Keys AES with `key` (16, 24 or 32 bytes).
    ///
    /// Throws ``CryptoError/invalidLength(what:expected:actual:)`` for any other key length and
    /// ``CryptoError/primitiveFailure(_:)`` if OpenSSL cannot allocate or key the context.
    public init(key: SecretBytes) throws(CryptoError) {
        let cipher: OpaquePointer?
        switch key.count {
        case 16: cipher = EVP_aes_128_ecb()
        case 24: cipher = EVP_aes_192_ecb()
        case 32: cipher = EVP_aes_256_ecb()
        default: throw CryptoError.invalidLength(what: "AES key", expected: 16, actual: key.count)
        }
        guard let cipher, let context = EVP_CIPHER_CTX_new() else {
            throw CryptoError.primitiveFailure("EVP_CIPHER_CTX_new")
        }
        let keyed = key.withUnsafeBytes { bytes in
            EVP_EncryptInit_ex(context, cipher, nil, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), nil)
        }
        guard keyed == 1, EVP_CIPHER_CTX_set_padding(context, 0) == 1 else {
            EVP_CIPHER_CTX_free(context)
            throw CryptoError.primitiveFailure("EVP_EncryptInit_ex")
        }
        self.context = context
        self.keySize = key.count
    }

    /// `CIPH_K(input)`: encrypts the 16 bytes at `input` into the 16 bytes at `output` (the buffers may be the
    /// same memory).
    ///
    /// Throws ``CryptoError/invalidLength(what:expected:actual:)`` when either buffer is not 16 bytes, and
    /// ``CryptoError/primitiveFailure(_:)`` after ``wipeKey()`` or when OpenSSL reports an error.
    public func encryptBlock(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        throws(CryptoError)
    {
        guard input.count == Self.blockSize, let inBase = input.baseAddress else {
            throw CryptoError.invalidLength(what: "AES input block", expected: Self.blockSize, actual: input.count)
        }
        guard output.count == Self.blockSize, let outBase = output.baseAddress else {
            throw CryptoError.invalidLength(what: "AES output block", expected: Self.blockSize, actual: output.count)
        }
        guard let context else { throw CryptoError.primitiveFailure("AES key already wiped") }
        var written: Int32 = 0
        let status = EVP_EncryptUpdate(
            context, outBase.assumingMemoryBound(to: UInt8.self), &written,
            inBase.assumingMemoryBound(to: UInt8.self), Int32(Self.blockSize))
        guard status == 1, written == Int32(Self.blockSize) else {
            throw CryptoError.primitiveFailure("EVP_EncryptUpdate")
        }
    }

    /// `CIPH_K(block)` for a 16-byte array: a convenience for tests and public inputs. Secret inputs should
    /// use ``encryptBlock(_:into:)`` with buffers the caller wipes.
    public func encrypt(block: [UInt8]) throws(CryptoError) -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.blockSize, alignment: 16)
        defer { buffer.deallocate() }
        guard block.count == Self.blockSize else {
            throw CryptoError.invalidLength(what: "AES input block", expected: Self.blockSize, actual: block.count)
        }
        buffer.copyBytes(from: block)
        try encryptBlock(UnsafeRawBufferPointer(buffer), into: buffer)
        return Array(buffer)
    }

    /// Frees the context now, which cleanses the expanded key; every later ``encryptBlock(_:into:)`` throws.
    public func wipeKey() {
        if let context { EVP_CIPHER_CTX_free(context) }
        context = nil
    }

    deinit {
        if let context { EVP_CIPHER_CTX_free(context) }
    }
}
