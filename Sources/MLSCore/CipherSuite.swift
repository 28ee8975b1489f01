import MLSCrypto

/// An RFC 9420 cipher suite (section 5.1 and the IANA registry of section 17.1).
///
/// Suites 1, 2, 3, 5 and 7 are implemented. Suites 4 and 6 need X448 and Ed448, which neither libsodium
/// nor swift-crypto provides; constructing them throws ``MLSError/unsupportedCipherSuite(_:)``.
public struct CipherSuite: Sendable, Hashable, CustomStringConvertible {
    /// The registry value.
    public let id: UInt16
    /// The KDF's hash (HKDF over it) and the suite's `Hash`.
    public let hash: HashFunction
    /// The AEAD.
    public let aead: AEADAlgorithm
    /// The signature scheme.
    public let signature: SignatureScheme

    /// Every suite this library implements, in registry order.
    public static let supported: [CipherSuite] = [1, 2, 3, 5, 7].map { try! CipherSuite(id: $0) }

    /// Looks up a suite by its registry value.
    public init(id: UInt16) throws(MLSError) {
        self.id = id
        switch id {
        case 1: (hash, aead, signature) = (.sha256, .aes128gcm, .ed25519)
        case 2: (hash, aead, signature) = (.sha256, .aes128gcm, .ecdsaP256SHA256)
        case 3: (hash, aead, signature) = (.sha256, .chacha20poly1305, .ed25519)
        case 5: (hash, aead, signature) = (.sha512, .aes256gcm, .ecdsaP521SHA512)
        case 7: (hash, aead, signature) = (.sha384, .aes256gcm, .ecdsaP384SHA384)
        default: throw MLSError.unsupportedCipherSuite(id)
        }
    }

    /// The HPKE KEM of the suite (RFC 9420 section 5.1).
    public var kem: HPKEKEM {
        switch id {
        case 2: .p256
        case 5: .p521
        case 7: .p384
        default: .x25519
        }
    }

    /// `KDF.Nh`: the hash and KDF output size in bytes.
    public var nh: Int { hash.digestSize }
    /// `AEAD.Nk`: the AEAD key size in bytes.
    public var nk: Int { aead.keySize }
    /// `AEAD.Nn`: the AEAD nonce size in bytes.
    public var nn: Int { aead.nonceSize }

    /// The registry name, for example `MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519`.
    public var description: String {
        switch id {
        case 1: "MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519"
        case 2: "MLS_128_DHKEMP256_AES128GCM_SHA256_P256"
        case 3: "MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519"
        case 5: "MLS_256_DHKEMP521_AES256GCM_SHA512_P521"
        default: "MLS_256_DHKEMP384_AES256GCM_SHA384_P384"
        }
    }
}
