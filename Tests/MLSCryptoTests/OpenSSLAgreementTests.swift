import Crypto
import Foundation
import Testing

@testable import MLSCrypto

/// The OpenSSL paths (HMAC from precomputed pads, HKDF on top, SHA-2, AES-GCM through EVP) against libsodium
/// and swift-crypto on lengths around every block boundary, and against RFC 4231's published samples.
@Suite("OpenSSL paths agree with libsodium, swift-crypto and RFC 4231")
struct OpenSSLAgreementTests {
    /// Key lengths around both block sizes (64, 128), including empty keys and keys that must be hashed first.
    static let keyLengths = [0, 1, 31, 32, 48, 63, 64, 65, 127, 128, 129, 200, 300]
    /// Message lengths around the padding boundaries (55/56 and 111/112) and the block sizes.
    static let messageLengths = [0, 1, 21, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 1000]

    /// Deterministic, position-dependent bytes so that a shifted or truncated input changes the result.
    static func bytes(_ count: Int, seed: UInt8) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
    }

    static func swiftCryptoHMAC(_ hash: MLSCrypto.HashFunction, key: [UInt8], message: [UInt8]) -> [UInt8] {
        let symmetric = SymmetricKey(data: key)
        switch hash {
        case .sha256: return Array(Crypto.HMAC<SHA256>.authenticationCode(for: message, using: symmetric))
        case .sha384: return Array(Crypto.HMAC<SHA384>.authenticationCode(for: message, using: symmetric))
        case .sha512: return Array(Crypto.HMAC<SHA512>.authenticationCode(for: message, using: symmetric))
        }
    }

    @Test("HMAC equals swift-crypto (all hashes) and libsodium (SHA-256, SHA-512) for every key and message length")
    func hmacLengths() throws {
        for hash in MLSCrypto.HashFunction.allCases {
            for keyLength in Self.keyLengths {
                let key = Self.bytes(keyLength, seed: 0x5A)
                let mac = try KeyedHMAC(hash: hash, key: SecretBytes(copying: key))
                for messageLength in Self.messageLengths {
                    let message = Self.bytes(messageLength, seed: 0xC3)
                    let ours = mac.tag(message)
                    #expect(ours == Self.swiftCryptoHMAC(hash, key: key, message: message))
                    if let sodium = SodiumReference.hmac(hash, key: key, message: message) {
                        #expect(ours == sodium, "\(hash) key \(keyLength) message \(messageLength)")
                    }
                }
            }
        }
    }

    @Test("multi-part HMAC equals the one-part HMAC of the concatenation, for every split")
    func hmacMultiPart() throws {
        let message = Self.bytes(150, seed: 7)
        for hash in MLSCrypto.HashFunction.allCases {
            let key = Self.bytes(40, seed: 1)
            let mac = try KeyedHMAC(hash: hash, key: SecretBytes(copying: key))
            let expected = Self.swiftCryptoHMAC(hash, key: key, message: message)
            for (a, b) in [(0, 0), (0, 150), (1, 2), (55, 56), (63, 64), (64, 128), (100, 149), (150, 150)] {
                var out = [UInt8](repeating: 0, count: hash.digestSize)
                message.withUnsafeBytes { m in
                    let parts = [
                        UnsafeRawBufferPointer(rebasing: m[0..<a]), UnsafeRawBufferPointer(rebasing: m[a..<b]),
                        UnsafeRawBufferPointer(rebasing: m[b...]),
                    ]
                    out.withUnsafeMutableBytes { mac.authenticate(parts, into: $0) }
                }
                #expect(out == expected, "\(hash) split \(a), \(b)")
            }
        }
    }

    @Test("rekey replaces the key completely: the tag equals a fresh object's under the new key")
    func rekey() throws {
        for hash in MLSCrypto.HashFunction.allCases {
            let mac = try KeyedHMAC(hash: hash, key: SecretBytes(copying: Self.bytes(300, seed: 1)))
            for keyLength in [200, 0, 32, 129] {
                let key = Self.bytes(keyLength, seed: UInt8(keyLength & 0xFF))
                key.withUnsafeBytes { mac.rekey(with: $0) }
                #expect(mac.isKeyed)
                #expect(mac.tag([1, 2, 3]) == Self.swiftCryptoHMAC(hash, key: key, message: [1, 2, 3]))
            }
        }
    }

    /// RFC 4231 section 4: test cases 1 to 7 (case 5's tags are truncated to 128 bits).
    static let rfc4231: [(key: String, data: String, sha256: String, sha384: String, sha512: String)] = [
        (
            String(repeating: "0b", count: 20), hex("Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"
        ),
        (
            hex("Jefe"), hex("what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
        ),
        (
            String(repeating: "aa", count: 20), String(repeating: "dd", count: 50),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27",
            "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
                + "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb"
        ),
        (
            "0102030405060708090a0b0c0d0e0f10111213141516171819", String(repeating: "cd", count: 50),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb",
            "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
                + "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd"
        ),
        (
            String(repeating: "0c", count: 20), hex("Test With Truncation"),
            "a3b6167473100ee06e0c796c2955552b", "3abf34c3503b2a23a46efc619baef897", "415fad6271580a531d4179bc891d87a6"
        ),
        (
            String(repeating: "aa", count: 131), hex("Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952",
            "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
                + "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"
        ),
        (
            String(repeating: "aa", count: 131),
            hex(
                "This is a test using a larger than block-size key and a larger than block-size data. "
                    + "The key needs to be hashed before being used by the HMAC algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e",
            "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
                + "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"
        ),
    ]

    static func hex(_ text: String) -> String {
        text.utf8.map { String(format: "%02x", $0) }.joined()
    }

    @Test("RFC 4231 test cases 1-7 for HMAC-SHA-256, -384 and -512", arguments: 0..<7)
    func rfc4231Samples(index: Int) throws {
        let sample = Self.rfc4231[index]
        for (hash, expected) in [
            (MLSCrypto.HashFunction.sha256, sample.sha256), (.sha384, sample.sha384), (.sha512, sample.sha512),
        ] {
            let mac = try KeyedHMAC(hash: hash, key: SecretBytes(copying: hexBytes(sample.key)))
            let tag = mac.tag(hexBytes(sample.data))
            #expect(Array(tag.prefix(expected.count / 2)) == hexBytes(expected), "case \(index + 1), \(hash)")
        }
    }

    @Test("SHA-256, SHA-384 and SHA-512 equal swift-crypto and libsodium for every message length")
    func digests() throws {
        for length in Self.messageLengths + [200, 4096] {
            let message = Self.bytes(length, seed: 0x11)
            #expect(try MLSCrypto.HashFunction.sha256.hash(message) == Array(SHA256.hash(data: message)))
            #expect(try MLSCrypto.HashFunction.sha384.hash(message) == Array(SHA384.hash(data: message)))
            #expect(try MLSCrypto.HashFunction.sha512.hash(message) == Array(SHA512.hash(data: message)))
            #expect(try MLSCrypto.HashFunction.sha256.hash(message) == SodiumReference.digest(.sha256, message))
            #expect(try MLSCrypto.HashFunction.sha512.hash(message) == SodiumReference.digest(.sha512, message))
        }
    }

    @Test("HKDF extract and expand equal swift-crypto for long salts, empty inputs and every output length")
    func hkdf() throws {
        for hash in MLSCrypto.HashFunction.allCases {
            let nh = hash.digestSize
            for saltLength in [0, 16, nh, 129, 300] {
                let salt = Self.bytes(saltLength, seed: 0x21)
                let ikm = Self.bytes(nh, seed: 0x31)
                let prk = try HKDF.extract(hash: hash, salt: SecretBytes(copying: salt), ikm: SecretBytes(copying: ikm))
                #expect(prk.exportedForTestVectors() == swiftCryptoExtract(hash, salt: salt, ikm: ikm))
                #expect(try HKDF.expand(hash: hash, prk: prk, info: [], length: 0).count == 0)
                for length in [1, nh - 1, nh, nh + 1, 3 * nh + 5, 255 * nh] {
                    for info in [[], Self.bytes(40, seed: 0x41)] {
                        let ours = try HKDF.expand(hash: hash, prk: prk, info: info, length: length)
                        let theirs = swiftCryptoExpand(
                            hash, prk: prk.exportedForTestVectors(), info: info, length: length)
                        #expect(ours.exportedForTestVectors() == theirs, "\(hash) salt \(saltLength) L \(length)")
                    }
                }
            }
        }
    }

    func swiftCryptoExtract(_ hash: MLSCrypto.HashFunction, salt: [UInt8], ikm: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: ikm)
        switch hash {
        case .sha256: return Array(Crypto.HKDF<SHA256>.extract(inputKeyMaterial: key, salt: salt))
        case .sha384: return Array(Crypto.HKDF<SHA384>.extract(inputKeyMaterial: key, salt: salt))
        case .sha512: return Array(Crypto.HKDF<SHA512>.extract(inputKeyMaterial: key, salt: salt))
        }
    }
}
