import CSodium
import Crypto
import Foundation

/// The signature schemes of the RFC 9420 cipher suites without Ed448 (section 5.1).
///
/// Ed25519 comes from libsodium; ECDSA from swift-crypto, whose BoringSSL keeps the scalar in an `EC_KEY` that
/// it cleanses when freed; each key object lives only for one call here (SPEC.md, "Secrets in memory:
/// primitives"). Key formats follow the RFC 9420 test vectors: Ed25519 private keys are the 32-byte seed and
/// public keys the raw 32 bytes; ECDSA private keys are the big-endian scalar and public keys the uncompressed
/// SEC1 point; ECDSA signatures are DER.
public enum SignatureScheme: Sendable, CaseIterable {
    /// Ed25519 (suites 1, 3).
    case ed25519
    /// ECDSA over P-256 with SHA-256 (suite 2).
    case ecdsaP256SHA256
    /// ECDSA over P-384 with SHA-384 (suite 7).
    case ecdsaP384SHA384
    /// ECDSA over P-521 with SHA-512 (suite 5).
    case ecdsaP521SHA512

    /// Private key size in bytes.
    public var privateKeySize: Int {
        switch self {
        case .ed25519, .ecdsaP256SHA256: 32
        case .ecdsaP384SHA384: 48
        case .ecdsaP521SHA512: 66
        }
    }

    /// Signs `message` with `privateKey`.
    public func sign(privateKey: SecretBytes, message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try Sodium.ensureInitialized()
        let privateKey = try normalized(privateKey)
        switch self {
        case .ed25519:
            var signature = [UInt8](repeating: 0, count: Int(crypto_sign_BYTES))
            let rc = Ed25519Keys.withExpandedKey(seed: privateKey) { sk in
                crypto_sign_detached(&signature, nil, message, UInt64(message.count), sk)
            }
            guard rc == 0 else { throw CryptoError.primitiveFailure("crypto_sign_detached") }
            return signature
        case .ecdsaP256SHA256:
            guard let key = try? privateKey.withUnsafeBytes({ try P256.Signing.PrivateKey(rawRepresentation: $0) }),
                let sig = try? key.signature(for: message)
            else { throw CryptoError.invalidPrivateKey }
            return Array(sig.derRepresentation)
        case .ecdsaP384SHA384:
            guard let key = try? privateKey.withUnsafeBytes({ try P384.Signing.PrivateKey(rawRepresentation: $0) }),
                let sig = try? key.signature(for: message)
            else { throw CryptoError.invalidPrivateKey }
            return Array(sig.derRepresentation)
        case .ecdsaP521SHA512:
            guard let key = try? privateKey.withUnsafeBytes({ try P521.Signing.PrivateKey(rawRepresentation: $0) }),
                let sig = try? key.signature(for: message)
            else { throw CryptoError.invalidPrivateKey }
            return Array(sig.derRepresentation)
        }
    }

    /// Verifies `signature` over `message`. Returns `false` for a well-formed but wrong signature; throws
    /// ``CryptoError/invalidPublicKey`` or ``CryptoError/malformedSignature`` for undecodable inputs.
    public func verify(publicKey: [UInt8], message: [UInt8], signature: [UInt8]) throws(CryptoError) -> Bool {
        try Sodium.ensureInitialized()
        switch self {
        case .ed25519:
            guard publicKey.count == Int(crypto_sign_PUBLICKEYBYTES) else { throw CryptoError.invalidPublicKey }
            guard signature.count == Int(crypto_sign_BYTES) else { throw CryptoError.malformedSignature }
            return crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey) == 0
        case .ecdsaP256SHA256:
            return try Self.verifyECDSA(
                key: { try P256.Signing.PublicKey(x963Representation: publicKey) },
                signature: { try P256.Signing.ECDSASignature(derRepresentation: signature) },
                isValid: { $0.isValidSignature($1, for: message) })
        case .ecdsaP384SHA384:
            return try Self.verifyECDSA(
                key: { try P384.Signing.PublicKey(x963Representation: publicKey) },
                signature: { try P384.Signing.ECDSASignature(derRepresentation: signature) },
                isValid: { $0.isValidSignature($1, for: message) })
        case .ecdsaP521SHA512:
            return try Self.verifyECDSA(
                key: { try P521.Signing.PublicKey(x963Representation: publicKey) },
                signature: { try P521.Signing.ECDSASignature(derRepresentation: signature) },
                isValid: { $0.isValidSignature($1, for: message) })
        }
    }

    /// The ECDSA verification of ``verify(publicKey:message:signature:)`` for one curve's swift-crypto types:
    /// ``CryptoError/invalidPublicKey`` when the key does not decode (SEC1 uncompressed point),
    /// ``CryptoError/malformedSignature`` when the signature does not (DER), else whether it verifies.
    private static func verifyECDSA<Key, Signature>(
        key decodeKey: () throws -> Key, signature decodeSignature: () throws -> Signature,
        isValid: (Key, Signature) -> Bool
    ) throws(CryptoError) -> Bool {
        guard let key = try? decodeKey() else { throw CryptoError.invalidPublicKey }
        guard let sig = try? decodeSignature() else { throw CryptoError.malformedSignature }
        return isValid(key, sig)
    }

    /// The public key belonging to `privateKey`.
    public func publicKey(for privateKey: SecretBytes) throws(CryptoError) -> [UInt8] {
        try Sodium.ensureInitialized()
        let privateKey = try normalized(privateKey)
        switch self {
        case .ed25519:
            var pk = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
            _ = Ed25519Keys.withExpandedKey(seed: privateKey) { sk in crypto_sign_ed25519_sk_to_pk(&pk, sk) }
            return pk
        case .ecdsaP256SHA256:
            guard let key = try? privateKey.withUnsafeBytes({ try P256.Signing.PrivateKey(rawRepresentation: $0) })
            else { throw CryptoError.invalidPrivateKey }
            return Array(key.publicKey.x963Representation)
        case .ecdsaP384SHA384:
            guard let key = try? privateKey.withUnsafeBytes({ try P384.Signing.PrivateKey(rawRepresentation: $0) })
            else { throw CryptoError.invalidPrivateKey }
            return Array(key.publicKey.x963Representation)
        case .ecdsaP521SHA512:
            guard let key = try? privateKey.withUnsafeBytes({ try P521.Signing.PrivateKey(rawRepresentation: $0) })
            else { throw CryptoError.invalidPrivateKey }
            return Array(key.publicKey.x963Representation)
        }
    }

    /// Ed25519 seeds must be 32 bytes. ECDSA scalars are big-endian; some encoders (including the official
    /// RFC 9420 vectors for P-521) drop leading zero bytes, so shorter scalars are left-padded.
    private func normalized(_ key: SecretBytes) throws(CryptoError) -> SecretBytes {
        if key.count == privateKeySize { return key }
        guard self != .ed25519, key.count > 0, key.count < privateKeySize else {
            throw CryptoError.invalidLength(what: "private key", expected: privateKeySize, actual: key.count)
        }
        let pad = privateKeySize - key.count
        return SecretBytes(count: privateKeySize) { out in
            key.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: out[pad...]).copyMemory(from: $0) }
        }
    }

    /// A fresh private key: 32 random bytes for Ed25519, a random valid scalar for ECDSA.
    public func generatePrivateKey() throws(CryptoError) -> SecretBytes {
        switch self {
        case .ed25519: return try SecretBytes.random(count: 32)
        case .ecdsaP256SHA256: return SecretBytes(wipingSource: P256.Signing.PrivateKey().rawRepresentation)
        case .ecdsaP384SHA384: return SecretBytes(wipingSource: P384.Signing.PrivateKey().rawRepresentation)
        case .ecdsaP521SHA512: return SecretBytes(wipingSource: P521.Signing.PrivateKey().rawRepresentation)
        }
    }
}

extension SecretBytes {
    /// Moves a secret out of a `Data` that swift-crypto returned (a private key's `rawRepresentation`): the bytes
    /// are copied into fresh storage and the `Data`'s own buffer, which nobody else references, is zeroed with
    /// `sodium_memzero` before it is released (SPEC.md, "Secrets in memory: primitives").
    init(wipingSource data: consuming Data) {
        // `consume` leaves this the only reference, so the wipe below writes into the buffer itself rather than
        // into a copy-on-write duplicate.
        var source = consume data
        self.init(copying: source)
        source.withUnsafeMutableBytes { wipe($0.baseAddress, $0.count) }
    }
}

/// Expands an Ed25519 seed into libsodium's 64-byte secret key in a wiped temporary buffer.
enum Ed25519Keys {
    static func withExpandedKey<R>(seed: SecretBytes, _ body: (UnsafePointer<UInt8>) -> R) -> R {
        let skSize = Int(crypto_sign_SECRETKEYBYTES)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: skSize + 32) { buffer in
            let sk = buffer.baseAddress!
            let pk = sk + skSize
            defer { wipe(UnsafeMutableRawPointer(sk), skSize + 32) }
            seed.withUnsafeBytes { s in
                _ = crypto_sign_seed_keypair(pk, sk, s.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            return body(UnsafePointer(sk))
        }
    }
}
