import Crypto
import Testing

@testable import MLSCrypto

/// The GGM tree's one-block HMAC path (``HMACPairDeriver``, SPEC.md section 3) against swift-crypto's HMAC, on
/// every hash, the key and message lengths around the one-block limits, truncated outputs, in-place use and
/// reuse after a wipe; and its range errors.
@Suite("HMACPairDeriver: six compressions per pair, equal to HMAC")
struct HMACPairDeriverTests {
    /// The longest message that fits in one block with its padding: 55 bytes for SHA-256, 111 for SHA-384/512.
    static func messageLimit(_ hash: MLSCrypto.HashFunction) -> Int { hash == .sha256 ? 55 : 111 }
    static func blockSize(_ hash: MLSCrypto.HashFunction) -> Int { hash == .sha256 ? 64 : 128 }

    static func hmac(_ hash: MLSCrypto.HashFunction, key: [UInt8], message: [UInt8]) -> [UInt8] {
        OpenSSLAgreementTests.swiftCryptoHMAC(hash, key: key, message: message)
    }

    static func bytes(_ count: Int, seed: UInt8) -> [UInt8] { OpenSSLAgreementTests.bytes(count, seed: seed) }

    @Test(
        "derive equals two HMACs (prefixes for shorter outputs) for key, message and output lengths at the limits",
        arguments: MLSCrypto.HashFunction.allCases)
    func deriveEqualsHMAC(hash: MLSCrypto.HashFunction) throws {
        let limit = Self.messageLimit(hash)
        let block = Self.blockSize(hash)
        for keyLength in [0, 1, 31, 32, 48, 63, 64, block] {
            for (firstLength, secondLength) in [(0, 0), (21, 22), (limit, limit - 1), (1, limit)] {
                for outputLength in Set([hash.digestSize, 32, 17, 1]) {
                    let key = Self.bytes(keyLength, seed: 0x11)
                    let first = Self.bytes(firstLength, seed: 0x22)
                    let second = Self.bytes(secondLength, seed: 0x33)
                    let deriver = try HMACPairDeriver(
                        hash: hash, keyLength: keyLength, first: first, second: second, outputLength: outputLength)
                    var left = [UInt8](repeating: 0xEE, count: outputLength)
                    var right = [UInt8](repeating: 0xEE, count: outputLength)
                    key.withUnsafeBytes { k in
                        left.withUnsafeMutableBytes { l in
                            right.withUnsafeMutableBytes { deriver.derive(key: k, into: l, $0) }
                        }
                    }
                    let what = "\(hash) key \(keyLength) messages \(firstLength)/\(secondLength) output \(outputLength)"
                    #expect(left == Array(Self.hmac(hash, key: key, message: first).prefix(outputLength)), "\(what)")
                    #expect(right == Array(Self.hmac(hash, key: key, message: second).prefix(outputLength)), "\(what)")
                }
            }
        }
    }

    @Test(
        "a walk: each output may overwrite the key, and deriveOne gives the same child",
        arguments: MLSCrypto.HashFunction.allCases)
    func walkInPlace(hash: MLSCrypto.HashFunction) throws {
        let nh = hash.digestSize
        let left = Self.bytes(20, seed: 1)
        let right = Self.bytes(21, seed: 2)
        let deriver = try HMACPairDeriver(hash: hash, keyLength: nh, first: left, second: right, outputLength: nh)
        var node = Self.bytes(nh, seed: 3)
        var sibling = [UInt8](repeating: 0, count: nh)
        var single = [UInt8](repeating: 0, count: nh)
        for level in 0..<6 {
            let expectedLeft = Self.hmac(hash, key: node, message: left)
            let expectedRight = Self.hmac(hash, key: node, message: right)
            let goRight = level % 2 == 1
            single = node
            single.withUnsafeMutableBytes { s in
                deriver.deriveOne(key: UnsafeRawBufferPointer(s), second: goRight, into: s)
            }
            #expect(single == (goRight ? expectedRight : expectedLeft), "\(hash) level \(level) deriveOne")
            node.withUnsafeMutableBytes { n in
                sibling.withUnsafeMutableBytes { s in
                    let key = UnsafeRawBufferPointer(n)
                    if goRight { deriver.derive(key: key, into: s, n) } else { deriver.derive(key: key, into: n, s) }
                }
            }
            #expect(node == (goRight ? expectedRight : expectedLeft), "\(hash) level \(level) path child")
            #expect(sibling == (goRight ? expectedLeft : expectedRight), "\(hash) level \(level) sibling")
        }
    }

    @Test("wipe zeroes every byte; the next call rebuilds the constant blocks and gives the same bytes")
    func wipeThenReuse() throws {
        for hash in MLSCrypto.HashFunction.allCases {
            let key = Self.bytes(hash.digestSize, seed: 9)
            let deriver = try HMACPairDeriver(
                hash: hash, keyLength: key.count, first: [1, 2], second: [3], outputLength: hash.digestSize)
            #expect(deriver.isWiped)
            var a = [UInt8](repeating: 0, count: hash.digestSize)
            var b = a
            for round in 0..<2 {
                key.withUnsafeBytes { k in
                    a.withUnsafeMutableBytes { x in b.withUnsafeMutableBytes { deriver.derive(key: k, into: x, $0) } }
                }
                #expect(!deriver.isWiped, "\(hash) round \(round): keyed state present before the wipe")
                #expect(a == Self.hmac(hash, key: key, message: [1, 2]), "\(hash) round \(round)")
                #expect(b == Self.hmac(hash, key: key, message: [3]), "\(hash) round \(round)")
                deriver.wipe()
                #expect(deriver.isWiped)
                #expect(deriver.withOwnedState { bytes, foreign in !foreign && bytes.allSatisfy { $0 == 0 } })
            }
        }
    }

    @Test("a key longer than a block, a message beyond one padded block, an empty or too long output are refused")
    func rangeErrors() {
        for hash in MLSCrypto.HashFunction.allCases {
            let block = Self.blockSize(hash)
            let limit = Self.messageLimit(hash)
            let nh = hash.digestSize
            #expect(throws: CryptoError.outsideOneBlockRange(what: "HMAC key", range: 0...block, actual: block + 1)) {
                try HMACPairDeriver(hash: hash, keyLength: block + 1, first: [], second: [], outputLength: nh)
            }
            #expect(throws: CryptoError.outsideOneBlockRange(what: "HMAC key", range: 0...block, actual: -1)) {
                try HMACPairDeriver(hash: hash, keyLength: -1, first: [], second: [], outputLength: nh)
            }
            let long = [UInt8](repeating: 7, count: limit + 1)
            #expect(throws: CryptoError.outsideOneBlockRange(what: "HMAC message", range: 0...limit, actual: limit + 1))
            {
                try HMACPairDeriver(hash: hash, keyLength: nh, first: [], second: long, outputLength: nh)
            }
            #expect(throws: CryptoError.outsideOneBlockRange(what: "HMAC message", range: 0...limit, actual: limit + 1))
            {
                try HMACPairDeriver(hash: hash, keyLength: nh, first: long, second: [], outputLength: nh)
            }
            for output in [0, nh + 1] {
                #expect(throws: CryptoError.outsideOneBlockRange(what: "HMAC output", range: 1...nh, actual: output)) {
                    try HMACPairDeriver(hash: hash, keyLength: nh, first: [], second: [], outputLength: output)
                }
            }
        }
    }
}
