import MLSCrypto

/// The labelled derivations of RFC 9420 sections 5.1 to 5.3 and 8.
extension CipherSuite {
    /// `KDFLabel` = uint16 length || opaque label<V> = "MLS 1.0 " + Label || opaque context<V>
    /// (RFC 9420 section 8). Throws when `length` exceeds 65535.
    public func kdfLabel(label: String, context: [UInt8], length: Int) throws(MLSError) -> [UInt8] {
        guard (0...0xFFFF).contains(length) else { throw MLSError.labelTooLong(length: length) }
        var writer = TLSWriter()
        writer.write(UInt16(length))
        writer.writeOpaque(Array("MLS 1.0 \(label)".utf8))
        writer.writeOpaque(context)
        return writer.bytes
    }

    /// `ExpandWithLabel(Secret, Label, Context, Length) = KDF.Expand(Secret, KDFLabel, Length)`
    /// (RFC 9420 section 8).
    public func expandWithLabel(
        _ secret: SecretBytes, label: String, context: [UInt8], length: Int
    ) throws(MLSError) -> SecretBytes {
        let info = try kdfLabel(label: label, context: context, length: length)
        return try crypto { () throws(CryptoError) in
            try HKDF.expand(hash: hash, prk: secret, info: info, length: length)
        }
    }

    /// `DeriveSecret(Secret, Label) = ExpandWithLabel(Secret, Label, "", KDF.Nh)` (RFC 9420 section 8).
    public func deriveSecret(_ secret: SecretBytes, label: String) throws(MLSError) -> SecretBytes {
        try expandWithLabel(secret, label: label, context: [], length: nh)
    }

    /// `DeriveTreeSecret(Secret, Label, Generation, Length) = ExpandWithLabel(Secret, Label, uint32 Generation,
    /// Length)` (RFC 9420 section 9).
    public func deriveTreeSecret(
        _ secret: SecretBytes, label: String, generation: UInt32, length: Int
    ) throws(MLSError) -> SecretBytes {
        var writer = TLSWriter()
        writer.write(generation)
        return try expandWithLabel(secret, label: label, context: writer.bytes, length: length)
    }

    /// `KDF.Extract(salt, ikm)` (RFC 9420 section 5.1, HKDF-Extract).
    public func extract(salt: SecretBytes, ikm: SecretBytes) throws(MLSError) -> SecretBytes {
        try crypto { () throws(CryptoError) in try HKDF.extract(hash: hash, salt: salt, ikm: ikm) }
    }

    /// `Hash(data)` of the suite.
    public func hash(_ data: [UInt8]) throws(MLSError) -> [UInt8] {
        try crypto { () throws(CryptoError) in try hash.hash(data) }
    }

    /// `MAC(key, data)`: HMAC with the suite's hash (RFC 9420 section 5.1).
    public func mac(key: SecretBytes, data: [UInt8]) throws(MLSError) -> [UInt8] {
        try crypto { () throws(CryptoError) in try KeyedHMAC(hash: hash, key: key).tag(data) }
    }

    /// `RefHash(label, value) = Hash(RefHashInput)` with `RefHashInput = opaque label<V> || opaque value<V>`
    /// (RFC 9420 section 5.2). The label is used as given, without the "MLS 1.0 " prefix.
    public func refHash(label: String, value: [UInt8]) throws(MLSError) -> [UInt8] {
        var writer = TLSWriter()
        writer.writeOpaque(Array(label.utf8))
        writer.writeOpaque(value)
        return try hash(writer.bytes)
    }

    /// The suite's HPKE (RFC 9420 section 5.1: its KEM, KDF and AEAD).
    public var hpke: HPKE { HPKE(kem: kem, kdf: hash, aead: aead) }

    /// `EncryptContext` = opaque label<V> = "MLS 1.0 " + Label || opaque context<V> (RFC 9420 section 5.1.3).
    static func encryptContext(label: String, context: [UInt8]) -> [UInt8] {
        var writer = TLSWriter()
        writer.writeOpaque(Array("MLS 1.0 \(label)".utf8))
        writer.writeOpaque(context)
        return writer.bytes
    }

    /// `EncryptWithLabel(PublicKey, Label, Context, Plaintext) = SealBase(PublicKey, EncryptContext, "", Plaintext)`
    /// (RFC 9420 section 5.1.3): returns (kem_output, ciphertext).
    public func encryptWithLabel(
        publicKey: [UInt8], label: String, context: [UInt8], plaintext: [UInt8]
    ) throws(MLSError) -> (kemOutput: [UInt8], ciphertext: [UInt8]) {
        let info = Self.encryptContext(label: label, context: context)
        return try crypto { () throws(CryptoError) in
            try hpke.seal(publicKey: publicKey, info: info, aad: [], plaintext: plaintext)
        }
    }

    /// `DecryptWithLabel(PrivateKey, Label, Context, KEMOutput, Ciphertext)` (RFC 9420 section 5.1.3).
    public func decryptWithLabel(
        privateKey: SecretBytes, label: String, context: [UInt8], kemOutput: [UInt8], ciphertext: [UInt8]
    ) throws(MLSError) -> [UInt8] {
        let info = Self.encryptContext(label: label, context: context)
        return try crypto { () throws(CryptoError) in
            try hpke.open(
                encapsulatedKey: kemOutput, privateKey: privateKey, info: info, aad: [], ciphertext: ciphertext)
        }
    }

    /// `SignContent` = opaque label<V> = "MLS 1.0 " + Label || opaque content<V> (RFC 9420 section 5.1.2).
    static func signContent(label: String, content: [UInt8]) -> [UInt8] {
        var writer = TLSWriter()
        writer.writeOpaque(Array("MLS 1.0 \(label)".utf8))
        writer.writeOpaque(content)
        return writer.bytes
    }

    /// `SignWithLabel(SignatureKey, Label, Content)` (RFC 9420 section 5.1.2).
    public func signWithLabel(privateKey: SecretBytes, label: String, content: [UInt8]) throws(MLSError) -> [UInt8] {
        let message = Self.signContent(label: label, content: content)
        return try crypto { () throws(CryptoError) in try signature.sign(privateKey: privateKey, message: message) }
    }

    /// `VerifyWithLabel(VerificationKey, Label, Content, SignatureValue)` (RFC 9420 section 5.1.2).
    /// Returns `false` for a wrong signature; throws for undecodable keys or signatures.
    public func verifyWithLabel(
        publicKey: [UInt8], label: String, content: [UInt8], signature sig: [UInt8]
    ) throws(MLSError) -> Bool {
        let message = Self.signContent(label: label, content: content)
        return try crypto { () throws(CryptoError) in
            try signature.verify(publicKey: publicKey, message: message, signature: sig)
        }
    }
}
