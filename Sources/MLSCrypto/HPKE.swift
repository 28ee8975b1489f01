import CSodium
import Crypto
import Foundation

/// HPKE base mode (RFC 9180 sections 4.1 and 5.1) for the DHKEMs of ``HPKEKEM``: what RFC 9420's
/// EncryptWithLabel/DecryptWithLabel need (section 5.1.3). The construction (labelled extract/expand, key
/// schedule) is ours; DH comes from libsodium (X25519) and swift-crypto (NIST curves), the AEAD from
/// ``AEADAlgorithm``.
public struct HPKE: Sendable {
    /// The KEM.
    public let kem: HPKEKEM
    /// The KDF's hash (HKDF-SHA256 = 1, HKDF-SHA384 = 2, HKDF-SHA512 = 3).
    public let kdf: HashFunction
    /// The AEAD.
    public let aead: AEADAlgorithm

    /// A base-mode HPKE suite.
    public init(kem: HPKEKEM, kdf: HashFunction, aead: AEADAlgorithm) {
        self.kem = kem
        self.kdf = kdf
        self.aead = aead
    }

    private var suiteID: [UInt8] {
        let kdfID: UInt16 = kdf == .sha256 ? 1 : (kdf == .sha384 ? 2 : 3)
        let aeadID: UInt16 = aead == .aes128gcm ? 1 : (aead == .aes256gcm ? 2 : 3)
        return Array("HPKE".utf8) + [kem.rawValue, kdfID, aeadID].flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    private func labeledExtract(salt: SecretBytes, label: String, ikm: [UInt8]) throws(CryptoError) -> SecretBytes {
        try HPKELabels.extract(hash: kdf, suiteID: suiteID, salt: salt, label: label, ikm: SecretBytes(copying: ikm))
    }

    private func labeledExpand(prk: SecretBytes, label: String, info: [UInt8], length: Int) throws(CryptoError)
        -> SecretBytes
    {
        try HPKELabels.expand(hash: kdf, suiteID: suiteID, prk: prk, label: label, info: info, length: length)
    }

    /// The base-mode key schedule: AEAD key and base nonce from the KEM shared secret and `info`.
    private func keySchedule(sharedSecret: SecretBytes, info: [UInt8]) throws(CryptoError) -> (SecretBytes, SecretBytes)
    {
        let empty = SecretBytes(copying: [])
        let pskIDHash = try labeledExtract(salt: empty, label: "psk_id_hash", ikm: []).exportedForTestVectors()
        let infoHash = try labeledExtract(salt: empty, label: "info_hash", ikm: info).exportedForTestVectors()
        let context = [UInt8(0)] + pskIDHash + infoHash  // mode_base = 0
        let secret = try labeledExtract(salt: sharedSecret, label: "secret", ikm: [])
        return (
            try labeledExpand(prk: secret, label: "key", info: context, length: aead.keySize),
            try labeledExpand(prk: secret, label: "base_nonce", info: context, length: aead.nonceSize)
        )
    }

    /// `SealBase(pkR, info, aad, pt)` with a fresh ephemeral key: returns (enc, ciphertext).
    public func seal(publicKey: [UInt8], info: [UInt8], aad: [UInt8], plaintext: [UInt8]) throws(CryptoError) -> (
        [UInt8], [UInt8]
    ) {
        let ephemeral = try kem.deriveKeyPair(ikm: SecretBytes.random(count: kem.privateKeySize))
        let dh = try kem.diffieHellman(privateKey: ephemeral.privateKey, publicKey: publicKey)
        let shared = try kem.extractAndExpand(dh: dh, kemContext: ephemeral.publicKey + publicKey)
        let (key, nonce) = try keySchedule(sharedSecret: shared, info: info)
        return (ephemeral.publicKey, try aead.seal(key: key, nonce: nonce, aad: aad, plaintext: plaintext))
    }

    /// `OpenBase(enc, skR, info, aad, ct)`; throws ``CryptoError/authenticationFailure`` on any mismatch.
    public func open(
        encapsulatedKey enc: [UInt8], privateKey: SecretBytes, info: [UInt8], aad: [UInt8], ciphertext: [UInt8]
    ) throws(CryptoError) -> [UInt8] {
        let dh = try kem.diffieHellman(privateKey: privateKey, publicKey: enc)
        let publicKey: [UInt8]
        do { publicKey = try kem.publicKey(privateScalar: privateKey) } catch { throw CryptoError.invalidPrivateKey }
        let shared = try kem.extractAndExpand(dh: dh, kemContext: enc + publicKey)
        let (key, nonce) = try keySchedule(sharedSecret: shared, info: info)
        return try aead.open(key: key, nonce: nonce, aad: aad, ciphertext: ciphertext)
    }
}

extension HPKEKEM {
    /// `Nsecret`: the KEM shared-secret size (the KEM hash's size).
    var sharedSecretSize: Int { hash.digestSize }

    /// `DH(sk, pk)`: X25519 (rejecting the all-zero output) or ECDH on the NIST curve.
    func diffieHellman(privateKey: SecretBytes, publicKey: [UInt8]) throws(CryptoError) -> SecretBytes {
        try Sodium.ensureInitialized()
        switch self {
        case .x25519:
            guard publicKey.count == 32, privateKey.count == 32 else { throw CryptoError.invalidPublicKey }
            var rc: Int32 = 0
            let shared = SecretBytes(count: 32) { out in
                privateKey.withUnsafeBytes { sk in
                    rc = crypto_scalarmult(
                        out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                        sk.baseAddress!.assumingMemoryBound(to: UInt8.self),
                        publicKey)
                }
            }
            guard rc == 0 else { throw CryptoError.invalidPublicKey }
            return shared
        case .p256, .p384, .p521:
            do {
                let secret: SharedSecret
                switch self {
                case .p256:
                    secret = try privateKey.withUnsafeBytes { try P256.KeyAgreement.PrivateKey(rawRepresentation: $0) }
                        .sharedSecretFromKeyAgreement(with: P256.KeyAgreement.PublicKey(x963Representation: publicKey))
                case .p384:
                    secret = try privateKey.withUnsafeBytes { try P384.KeyAgreement.PrivateKey(rawRepresentation: $0) }
                        .sharedSecretFromKeyAgreement(with: P384.KeyAgreement.PublicKey(x963Representation: publicKey))
                default:
                    secret = try privateKey.withUnsafeBytes { try P521.KeyAgreement.PrivateKey(rawRepresentation: $0) }
                        .sharedSecretFromKeyAgreement(with: P521.KeyAgreement.PublicKey(x963Representation: publicKey))
                }
                return secret.withUnsafeBytes { SecretBytes(copying: $0) }
            } catch {
                throw CryptoError.invalidPublicKey
            }
        }
    }

    /// `ExtractAndExpand(dh, kem_context)` of RFC 9180 section 4.1.
    func extractAndExpand(dh: SecretBytes, kemContext: [UInt8]) throws(CryptoError) -> SecretBytes {
        let prk = try labeledExtract(label: "eae_prk", ikm: dh)
        return try labeledExpand(prk: prk, label: "shared_secret", info: kemContext, length: sharedSecretSize)
    }
}
