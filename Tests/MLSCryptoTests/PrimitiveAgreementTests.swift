import Crypto
import Foundation
import MLSCrypto
import Testing

/// Where libsodium and swift-crypto both implement a primitive, they must agree byte for byte.
@Suite("libsodium, libb2 and swift-crypto agree")
struct PrimitiveAgreementTests {
    let message = Array("the quick brown fox jumps over the lazy dog, twice over".utf8)

    @Test("SHA-256 and SHA-512")
    func hashes() throws {
        #expect(try MLSCrypto.HashFunction.sha256.hash(message) == Array(SHA256.hash(data: message)))
        #expect(try MLSCrypto.HashFunction.sha512.hash(message) == Array(SHA512.hash(data: message)))
        #expect(try MLSCrypto.HashFunction.sha384.hash(message) == Array(SHA384.hash(data: message)))
    }

    @Test("HMAC over libsodium's keyed state equals swift-crypto's HMAC, for keys of 0, 32 and 200 bytes")
    func hmac() throws {
        for keyLength in [0, 32, 200] {
            let key = [UInt8](repeating: 0x5A, count: keyLength)
            let symmetric = SymmetricKey(data: key)
            let sha256 = try KeyedHMAC(hash: .sha256, key: SecretBytes(copying: key))
            #expect(
                sha256.tag(message) == Array(Crypto.HMAC<SHA256>.authenticationCode(for: message, using: symmetric)))
            // The keyed state serves several messages.
            #expect(
                sha256.tag([1, 2, 3])
                    == Array(Crypto.HMAC<SHA256>.authenticationCode(for: [1, 2, 3], using: symmetric)))
            let sha512 = try KeyedHMAC(hash: .sha512, key: SecretBytes(copying: key))
            #expect(
                sha512.tag(message) == Array(Crypto.HMAC<SHA512>.authenticationCode(for: message, using: symmetric)))
        }
    }

    @Test("HKDF matches RFC 5869 test case 1 and swift-crypto")
    func hkdf() throws {
        let ikm = SecretBytes(copying: [UInt8](repeating: 0x0B, count: 22))
        let salt = SecretBytes(copying: Array(0x00...0x0C) as [UInt8])
        let info: [UInt8] = Array(0xF0...0xF9)
        let prk = try HKDF.extract(hash: .sha256, salt: salt, ikm: ikm)
        #expect(
            prk.exportedForTestVectors()
                == hexBytes("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"))
        let okm = try HKDF.expand(hash: .sha256, prk: prk, info: info, length: 42)
        #expect(
            okm.exportedForTestVectors()
                == hexBytes("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"))
        for hash in MLSCrypto.HashFunction.allCases {
            let ours = try HKDF.expand(hash: hash, prk: prk, info: info, length: 3 * hash.digestSize + 5)
            let theirs = swiftCryptoExpand(
                hash, prk: prk.exportedForTestVectors(), info: info, length: 3 * hash.digestSize + 5)
            #expect(ours.exportedForTestVectors() == theirs)
        }
    }

    @Test("AES-256-GCM and ChaCha20-Poly1305 from libsodium equal swift-crypto")
    func aeads() throws {
        let key = SecretBytes(copying: [UInt8](repeating: 7, count: 32))
        let nonce = SecretBytes(copying: [UInt8](repeating: 9, count: 12))
        let aad: [UInt8] = [1, 2, 3]
        let sealed = try AEADAlgorithm.aes256gcm.seal(key: key, nonce: nonce, aad: aad, plaintext: message)
        let box = try AES.GCM.seal(
            message, using: SymmetricKey(data: key.exportedForTestVectors()),
            nonce: AES.GCM.Nonce(data: nonce.exportedForTestVectors()), authenticating: aad)
        #expect(sealed == Array(box.ciphertext) + Array(box.tag))
        let chacha = try AEADAlgorithm.chacha20poly1305.seal(key: key, nonce: nonce, aad: aad, plaintext: message)
        let chachaBox = try ChaChaPoly.seal(
            message, using: SymmetricKey(data: key.exportedForTestVectors()),
            nonce: ChaChaPoly.Nonce(data: nonce.exportedForTestVectors()), authenticating: aad)
        #expect(chacha == Array(chachaBox.ciphertext) + Array(chachaBox.tag))
        for aead in AEADAlgorithm.allCases {
            let k = SecretBytes(copying: [UInt8](repeating: 3, count: aead.keySize))
            let c = try aead.seal(key: k, nonce: nonce, aad: aad, plaintext: message)
            #expect(try aead.open(key: k, nonce: nonce, aad: aad, ciphertext: c) == message)
        }
    }

    @Test("Ed25519 from libsodium equals swift-crypto's Curve25519 signing")
    func ed25519() throws {
        let seed = SecretBytes(copying: [UInt8](repeating: 0x42, count: 32))
        let ours = try SignatureScheme.ed25519.sign(privateKey: seed, message: message)
        let theirs = try Curve25519.Signing.PrivateKey(rawRepresentation: seed.exportedForTestVectors())
        #expect(try SignatureScheme.ed25519.publicKey(for: seed) == Array(theirs.publicKey.rawRepresentation))
        #expect(ours == Array(try theirs.signature(for: message)))  // Ed25519 is deterministic
    }

    @Test("BLAKE2b with key, salt and personalisation: libb2 equals libsodium")
    func blake2b() throws {
        let key = [UInt8](repeating: 0x11, count: 32)
        let salt = [UInt8](repeating: 0, count: 16)
        let personal = Array("MLS1.0 PPRF tree".utf8)
        for input in [[UInt8](), message] {
            var a = [UInt8](repeating: 0, count: 64)
            var b = [UInt8](repeating: 0, count: 64)
            try key.withUnsafeBytes { k in
                try input.withUnsafeBytes { i in
                    try a.withUnsafeMutableBytes {
                        try BLAKE2b.hash(key: k, salt: salt, personalization: personal, input: i, into: $0)
                    }
                    try b.withUnsafeMutableBytes {
                        try BLAKE2b.hashWithSodium(key: k, salt: salt, personalization: personal, input: i, into: $0)
                    }
                }
            }
            #expect(a == b)
            #expect(a != [UInt8](repeating: 0, count: 64))
        }
    }
}

func hexBytes(_ s: String) -> [UInt8] {
    var out: [UInt8] = []
    var chars = Array(s.utf8)[...]
    while chars.count >= 2 {
        out.append(UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16)!)
        chars = chars.dropFirst(2)
    }
    return out
}

func swiftCryptoExpand(_ hash: MLSCrypto.HashFunction, prk: [UInt8], info: [UInt8], length: Int) -> [UInt8] {
    let key = SymmetricKey(data: prk)
    switch hash {
    case .sha256:
        return Crypto.HKDF<SHA256>.expand(pseudoRandomKey: key, info: info, outputByteCount: length).withUnsafeBytes {
            Array($0)
        }
    case .sha384:
        return Crypto.HKDF<SHA384>.expand(pseudoRandomKey: key, info: info, outputByteCount: length).withUnsafeBytes {
            Array($0)
        }
    case .sha512:
        return Crypto.HKDF<SHA512>.expand(pseudoRandomKey: key, info: info, outputByteCount: length).withUnsafeBytes {
            Array($0)
        }
    }
}
