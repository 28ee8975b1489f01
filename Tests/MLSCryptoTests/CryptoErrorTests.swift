import MLSCrypto
import Testing

/// Every error the primitive layer throws on bad input, provoked.
@Suite("primitive errors")
struct CryptoErrorTests {
    let key16 = SecretBytes(copying: [UInt8](repeating: 1, count: 16))
    let nonce = SecretBytes(copying: [UInt8](repeating: 2, count: 12))

    @Test("HKDF-Expand refuses more than 255 * Nh bytes")
    func expandTooLong() {
        #expect(throws: CryptoError.outputTooLong(requested: 255 * 32 + 1, maximum: 255 * 32)) {
            try HKDF.expand(hash: .sha256, prk: key16, info: [], length: 255 * 32 + 1)
        }
    }

    @Test("AEAD: wrong key or nonce length, short ciphertext, tampering")
    func aead() throws {
        #expect(throws: CryptoError.invalidLength(what: "AEAD key", expected: 32, actual: 16)) {
            try AEADAlgorithm.chacha20poly1305.seal(key: key16, nonce: nonce, aad: [], plaintext: [1])
        }
        #expect(throws: CryptoError.invalidLength(what: "AEAD nonce", expected: 12, actual: 16)) {
            try AEADAlgorithm.aes128gcm.open(key: key16, nonce: key16, aad: [], ciphertext: [])
        }
        #expect(throws: CryptoError.ciphertextTooShort(length: 15, minimum: 16)) {
            try AEADAlgorithm.aes128gcm.open(
                key: key16, nonce: nonce, aad: [], ciphertext: [UInt8](repeating: 0, count: 15))
        }
        for aead in AEADAlgorithm.allCases {
            let key = SecretBytes(copying: [UInt8](repeating: 5, count: aead.keySize))
            var sealed = try aead.seal(key: key, nonce: nonce, aad: [9], plaintext: [1, 2, 3])
            #expect(throws: CryptoError.authenticationFailure) {
                try aead.open(key: key, nonce: nonce, aad: [8], ciphertext: sealed)
            }
            sealed[0] ^= 1
            #expect(throws: CryptoError.authenticationFailure) {
                try aead.open(key: key, nonce: nonce, aad: [9], ciphertext: sealed)
            }
        }
    }

    @Test("signatures: bad private key, bad public key, malformed signature, wrong signature")
    func signatures() throws {
        #expect(throws: CryptoError.invalidLength(what: "private key", expected: 32, actual: 16)) {
            try SignatureScheme.ed25519.sign(privateKey: key16, message: [])
        }
        let zeroScalar = SecretBytes(copying: [UInt8](repeating: 0, count: 32))
        #expect(throws: CryptoError.invalidPrivateKey) {
            try SignatureScheme.ecdsaP256SHA256.sign(privateKey: zeroScalar, message: [])
        }
        #expect(throws: CryptoError.invalidPrivateKey) {
            try SignatureScheme.ecdsaP256SHA256.publicKey(for: zeroScalar)
        }
        #expect(throws: CryptoError.invalidPublicKey) {
            try SignatureScheme.ecdsaP384SHA384.verify(publicKey: [4, 1, 2], message: [], signature: [])
        }
        #expect(throws: CryptoError.invalidPublicKey) {
            try SignatureScheme.ed25519.verify(publicKey: [1], message: [], signature: [])
        }
        for scheme in SignatureScheme.allCases {
            let priv = try scheme.generatePrivateKey()
            let pub = try scheme.publicKey(for: priv)
            let sig = try scheme.sign(privateKey: priv, message: [1, 2])
            #expect(try scheme.verify(publicKey: pub, message: [1, 2], signature: sig))
            #expect(try !scheme.verify(publicKey: pub, message: [1, 3], signature: sig))
            #expect(throws: CryptoError.malformedSignature) {
                try scheme.verify(publicKey: pub, message: [1, 2], signature: [0x30, 0x01])
            }
        }
    }

    @Test("BLAKE2b parameter sizes")
    func blake2bSizes() {
        let key = [UInt8](repeating: 1, count: 32)
        var out = [UInt8](repeating: 0, count: 64)
        key.withUnsafeBytes { k in
            out.withUnsafeMutableBytes { o in
                #expect(throws: CryptoError.invalidLength(what: "BLAKE2b salt", expected: 16, actual: 3)) {
                    try BLAKE2b.hash(
                        key: k, salt: [1, 2, 3], personalization: [UInt8](repeating: 0, count: 16), input: k, into: o)
                }
                #expect(throws: CryptoError.invalidLength(what: "BLAKE2b personalization", expected: 16, actual: 0)) {
                    try BLAKE2b.hash(
                        key: k, salt: [UInt8](repeating: 0, count: 16), personalization: [], input: k, into: o)
                }
                let tooLongKey = [UInt8](repeating: 1, count: 65)
                tooLongKey.withUnsafeBytes { long in
                    let error = #expect(throws: CryptoError.self) {
                        try BLAKE2b.hash(
                            key: long, salt: [UInt8](repeating: 0, count: 16),
                            personalization: [UInt8](repeating: 0, count: 16),
                            input: k, into: o)
                    }
                    #expect(error == .invalidLength(what: "BLAKE2b key", expected: 32, actual: 65))
                }
            }
        }
    }

    @Test("HPKE: round trip for every KEM; a bad encapsulated key or a tampered ciphertext is refused")
    func hpke() throws {
        for (kem, aead) in [
            (HPKEKEM.x25519, AEADAlgorithm.aes128gcm), (.p256, .chacha20poly1305), (.p384, .aes256gcm),
            (.p521, .aes256gcm),
        ] {
            let hpke = HPKE(kem: kem, kdf: kem.hash, aead: aead)
            let pair = try kem.deriveKeyPair(ikm: SecretBytes(copying: [UInt8](repeating: 0x44, count: 32)))
            let (enc, ciphertext) = try hpke.seal(publicKey: pair.publicKey, info: [1], aad: [2], plaintext: [3, 4])
            #expect(
                try hpke.open(
                    encapsulatedKey: enc, privateKey: pair.privateKey, info: [1], aad: [2], ciphertext: ciphertext) == [
                        3, 4,
                    ])
            #expect(throws: CryptoError.authenticationFailure) {
                try hpke.open(
                    encapsulatedKey: enc, privateKey: pair.privateKey, info: [9], aad: [2], ciphertext: ciphertext)
            }
            #expect(throws: CryptoError.invalidPublicKey) {
                try hpke.open(
                    encapsulatedKey: [4, 1], privateKey: pair.privateKey, info: [1], aad: [2], ciphertext: ciphertext)
            }
        }
        // X25519 refuses a small-order point (the all-zero shared secret).
        let hpke = HPKE(kem: .x25519, kdf: .sha256, aead: .aes128gcm)
        let pair = try HPKEKEM.x25519.deriveKeyPair(ikm: SecretBytes(copying: [UInt8](repeating: 1, count: 32)))
        #expect(throws: CryptoError.invalidPublicKey) {
            try hpke.open(
                encapsulatedKey: [UInt8](repeating: 0, count: 32), privateKey: pair.privateKey, info: [], aad: [],
                ciphertext: [])
        }
    }

    @Test("HPKE DeriveKeyPair for every KEM gives a key pair whose public key matches")
    func deriveKeyPair() throws {
        for kem in HPKEKEM.allCases {
            let pair = try kem.deriveKeyPair(ikm: SecretBytes(copying: [UInt8](repeating: 0x33, count: 32)))
            #expect(pair.privateKey.count == kem.privateKeySize)
            #expect(try kem.publicKey(privateScalar: pair.privateKey) == pair.publicKey)
        }
    }
}
