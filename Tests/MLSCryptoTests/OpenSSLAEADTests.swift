import Crypto
import Foundation
import Testing

@testable import MLSCrypto

/// AES-GCM through OpenSSL's EVP interface against swift-crypto, libsodium and the GCM specification's samples.
@Suite("AES-GCM through OpenSSL")
struct OpenSSLAEADTests {
    static let lengths = [0, 1, 15, 16, 17, 31, 32, 33, 100, 1000, 4097]

    static func bytes(_ count: Int, seed: UInt8) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ Int(seed)) }
    }

    @Test("AES-128-GCM and AES-256-GCM equal swift-crypto (and libsodium for AES-256) for every length")
    func agreement() throws {
        for aead in [AEADAlgorithm.aes128gcm, .aes256gcm] {
            let keyBytes = Self.bytes(aead.keySize, seed: 0x17)
            let nonceBytes = Self.bytes(12, seed: 0x29)
            let key = SecretBytes(copying: keyBytes)
            let nonce = SecretBytes(copying: nonceBytes)
            for length in Self.lengths {
                for aadLength in [0, 1, 16, 33] {
                    let plaintext = Self.bytes(length, seed: 0x33)
                    let aad = Self.bytes(aadLength, seed: 0x44)
                    let ours = try aead.sealWithOpenSSL(
                        key: key, nonce: nonce, aad: aad, plaintext: plaintext, chunk: OpenSSLGCM.maximumChunk)
                    let box = try AES.GCM.seal(
                        plaintext, using: SymmetricKey(data: keyBytes), nonce: AES.GCM.Nonce(data: nonceBytes),
                        authenticating: aad)
                    #expect(ours == Array(box.ciphertext) + Array(box.tag), "\(aead) \(length)/\(aadLength)")
                    #expect(try aead.seal(key: key, nonce: nonce, aad: aad, plaintext: plaintext) == ours)
                    if aead == .aes256gcm,
                        let sodium = SodiumReference.aes256gcmSeal(
                            key: keyBytes, nonce: nonceBytes, aad: aad, plaintext: plaintext)
                    {
                        #expect(ours == sodium)
                    }
                    #expect(
                        try aead.openWithOpenSSL(
                            key: key, nonce: nonce, aad: aad, ciphertext: ours, chunk: OpenSSLGCM.maximumChunk)
                            == plaintext)
                }
            }
        }
    }

    @Test("inputs fed in small chunks give the same ciphertext and plaintext as one call")
    func chunking() throws {
        for aead in [AEADAlgorithm.aes128gcm, .aes256gcm] {
            let key = SecretBytes(copying: Self.bytes(aead.keySize, seed: 1))
            let nonce = SecretBytes(copying: Self.bytes(12, seed: 2))
            let plaintext = Self.bytes(1000, seed: 3)
            let aad = Self.bytes(37, seed: 4)
            let whole = try aead.seal(key: key, nonce: nonce, aad: aad, plaintext: plaintext)
            for chunk in [1, 7, 16, 999] {
                let sealed = try aead.sealWithOpenSSL(
                    key: key, nonce: nonce, aad: aad, plaintext: plaintext, chunk: chunk)
                #expect(sealed == whole, "\(aead) chunk \(chunk)")
                #expect(
                    try aead.openWithOpenSSL(key: key, nonce: nonce, aad: aad, ciphertext: whole, chunk: chunk)
                        == plaintext)
            }
        }
    }

    @Test("GCM specification test cases 1 and 2 (AES-128, zero key and IV)")
    func gcmSamples() throws {
        let key = SecretBytes(copying: [UInt8](repeating: 0, count: 16))
        let nonce = SecretBytes(copying: [UInt8](repeating: 0, count: 12))
        #expect(
            try AEADAlgorithm.aes128gcm.seal(key: key, nonce: nonce, aad: [], plaintext: [])
                == hexBytes("58e2fccefa7e3061367f1d57a4e7455a"))
        #expect(
            try AEADAlgorithm.aes128gcm.seal(
                key: key, nonce: nonce, aad: [], plaintext: [UInt8](repeating: 0, count: 16))
                == hexBytes("0388dace60b6a392f328c2b971b2fe78" + "ab6e47d42cec13bdf53a67b21257bddf"))
    }

    @Test("OpenSSL open refuses a changed tag, body, AAD or nonce, and an empty body with a bad tag")
    func tampering() throws {
        for aead in [AEADAlgorithm.aes128gcm, .aes256gcm] {
            let key = SecretBytes(copying: Self.bytes(aead.keySize, seed: 5))
            let nonce = SecretBytes(copying: Self.bytes(12, seed: 6))
            let sealed = try aead.sealWithOpenSSL(key: key, nonce: nonce, aad: [1], plaintext: [7, 8, 9], chunk: 16)
            for index in [0, sealed.count - 1] {
                var changed = sealed
                changed[index] ^= 0x80
                #expect(throws: CryptoError.authenticationFailure) {
                    try aead.openWithOpenSSL(key: key, nonce: nonce, aad: [1], ciphertext: changed, chunk: 16)
                }
            }
            #expect(throws: CryptoError.authenticationFailure) {
                try aead.openWithOpenSSL(key: key, nonce: nonce, aad: [2], ciphertext: sealed, chunk: 16)
            }
            let otherNonce = SecretBytes(copying: Self.bytes(12, seed: 7))
            #expect(throws: CryptoError.authenticationFailure) {
                try aead.openWithOpenSSL(key: key, nonce: otherNonce, aad: [1], ciphertext: sealed, chunk: 16)
            }
            #expect(throws: CryptoError.authenticationFailure) {
                try aead.open(key: key, nonce: nonce, aad: [], ciphertext: [UInt8](repeating: 0, count: 16))
            }
            #expect(throws: CryptoError.ciphertextTooShort(length: 3, minimum: 16)) {
                try aead.openWithOpenSSL(key: key, nonce: nonce, aad: [], ciphertext: [1, 2, 3], chunk: 16)
            }
            #expect(throws: CryptoError.invalidLength(what: "AEAD key", expected: aead.keySize, actual: 3)) {
                try aead.sealWithOpenSSL(
                    key: SecretBytes(copying: [1, 2, 3]), nonce: nonce, aad: [], plaintext: [], chunk: 16)
            }
        }
    }
}
