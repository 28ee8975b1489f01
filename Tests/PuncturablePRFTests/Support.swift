import Foundation
import MLSCore
import MLSCrypto
import TestSupport
import TestVectorResources

@testable import PuncturablePRF

/// The shared seeded test RNG (TestSupport), named for every file of this target.
typealias SeededRandom = TestSupport.SeededRandom

/// The challenge whose path is the `bitCount`-bit number `value` (MSB first), for b <= 64.
func challenge(_ value: UInt64, bits: Int) throws -> Challenge {
    let bytes = (bits + 7) / 8
    let shifted = value << UInt64(bytes * 8 - bits)
    let encoded = (0..<bytes).map { UInt8(truncatingIfNeeded: shifted >> UInt64(8 * (bytes - 1 - $0))) }
    return try Challenge(bytes: encoded, challengeBits: bits)
}

/// A uniformly random challenge from a seeded generator.
func randomChallenge(bits: Int, using rng: inout SeededRandom) throws -> Challenge {
    var bytes = (0..<((bits + 7) / 8)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    let unused = bytes.count * 8 - bits
    bytes[bytes.count - 1] &= ~UInt8((1 << unused) - 1)
    return try Challenge(bytes: bytes, challengeBits: bits)
}

func rootSecret(_ suite: CipherSuite, _ fill: UInt8 = 0x42) -> SecretBytes {
    SecretBytes(copying: [UInt8](repeating: fill, count: suite.nh))
}

func bitsOf(_ prefix: [UInt8], _ length: Int) -> [Int] {
    (0..<length).map { Int(prefix[$0 >> 3] >> (7 - UInt8($0 & 7))) & 1 }
}

/// The official RFC 9420 files: the one shared copy (TestVectorResources).
let officialDirectory = OfficialVectors.directory

/// The trie link at depth `depth` on x's path (0 = empty, odd = a stored secret, even = an inner node), or nil
/// when the path ends (at a secret or an empty link) above that depth.
func trieLink(_ pprf: PPRF, along x: Challenge, depth: Int) -> UInt32? {
    var current = pprf.rootLink
    for level in 0..<depth {
        guard current != 0, current & 1 == 0 else { return nil }
        current = pprf.links[Int(current >> 1) * 2 + x.bit(level)]
    }
    return current
}

/// The number of inner nodes a minimal trie over the stored prefixes has: their distinct proper prefixes.
func minimalInnerNodeCount(_ pprf: PPRF) -> Int {
    var prefixes = Set<[Int]>()
    for node in pprf.storedNodes() {
        let bits = bitsOf(node.prefix, node.prefixLength)
        for length in 0..<node.prefixLength { prefixes.insert(Array(bits[0..<length])) }
    }
    return prefixes.count
}
