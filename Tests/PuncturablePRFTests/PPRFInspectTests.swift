import MLSCore
import MLSCrypto
import Testing

@testable import PuncturablePRF

/// `PPRF.summary()` (what `pprf state inspect` prints) and the expander's first-level children.
@Suite("PPRF state summary and first-level children")
struct PPRFInspectTests {
    let suite = try! CipherSuite(id: 1)

    @Test("a fresh state is the root alone: one node at depth 0, nothing punctured")
    func fresh() throws {
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 8, profile: .mls))
        let s = pprf.summary()
        #expect(s.storedNodes == 1 && s.innerNodes == 0 && s.challengeBits == 8)
        #expect(s.nodesPerDepth == [1, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(s.puncturedRegions.isEmpty && s.isReachableByPuncturing)
        #expect(s.secretBytesHeld == 32 && s.encodedBytes == 37 && s.bytesHeld == pprf.bytesHeld)
    }

    @Test("three punctures at b = 8: the regions are exactly the three challenges, sorted, and the counts agree")
    func threePunctures() throws {
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 8, profile: .mls))
        for x in [0xC3, 0x05, 0x80] as [UInt64] { try pprf.puncture(at: challenge(x, bits: 8)) }
        let s = pprf.summary()
        let expected = [try challenge(0x05, bits: 8), try challenge(0x80, bits: 8), try challenge(0xC3, bits: 8)]
        #expect(s.puncturedChallenges == expected)
        #expect(s.puncturedRegions.allSatisfy { $0.freeBits == 0 && $0.prefixLength == 8 })
        #expect(s.storedNodes == pprf.storedNodeCount && s.nodesPerDepth.reduce(0, +) == s.storedNodes)
        #expect(s.innerNodes == pprf.innerNodeCount)
        #expect(s.encodedBytes == (try pprf.encoded().count))
        #expect(s.secretBytesHeld == 32 * s.storedNodes)
        // The depth histogram matches the stored prefixes.
        var perDepth = [Int](repeating: 0, count: 9)
        for node in pprf.storedNodes() { perDepth[node.prefixLength] += 1 }
        #expect(s.nodesPerDepth == perDepth)
        #expect(s.isReachableByPuncturing)
    }

    @Test("two sibling punctures prune to one region of 2 challenges; an empty state is one region of 2^b")
    func regions() throws {
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 8, profile: .mls))
        try pprf.puncture(at: challenge(0x10, bits: 8))
        try pprf.puncture(at: challenge(0x11, bits: 8))
        let s = pprf.summary()
        #expect(s.puncturedRegions == [.init(prefixLength: 7, prefix: [0x10], freeBits: 1)])
        #expect(s.puncturedRegions[0].challenge == nil && s.puncturedChallenges.isEmpty)
        let empty = try PPRF(
            encoded: SecretBytes(copying: [0]), suite: suite,
            parameters: PPRFParameters(challengeBits: 13, profile: .mls))
        #expect(empty.summary().puncturedRegions == [.init(prefixLength: 0, prefix: [], freeBits: 13)])
        #expect(empty.summary().storedNodes == 0 && empty.summary().nodesPerDepth == [Int](repeating: 0, count: 14))
    }

    @Test("random punctures at b = 16: the regions hold exactly the punctured challenges")
    func randomPunctures() throws {
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 16, profile: .blake2b))
        var rng = SeededRandom(seed: 15)
        var punctured = Set<Challenge>()
        while punctured.count < 200 {
            let x = try randomChallenge(bits: 16, using: &rng)
            if try pprf.isPunctured(x) { continue }
            try pprf.puncture(at: x)
            punctured.insert(x)
        }
        let regions = pprf.summary().puncturedRegions
        #expect(regions.reduce(0) { $0 + (1 << $1.freeBits) } == 200)
        var expanded = Set<Challenge>()
        for r in regions {
            let base = UInt64(r.prefix[0]) << 8 | UInt64(r.prefix.count > 1 ? r.prefix[1] : 0)
            for low in 0..<(UInt64(1) << UInt64(r.freeBits)) { expanded.insert(try challenge(base | low, bits: 16)) }
        }
        #expect(expanded == punctured)
    }

    @Test("a sibling cover counts one mergeable pair and is not reachable by puncturing")
    func siblingCover() throws {
        let children = try GGMExpander(suite: suite, profile: .mls).children(of: rootSecret(suite))
        var w = TLSWriter()
        w.writeVector { inner in
            for (prefix, secret) in [([UInt8(0x00)], children.left), ([0x80], children.right)] {
                inner.write(UInt16(1))
                inner.writeOpaque(prefix)
                inner.writeOpaque(secret.exportedForTestVectors())
            }
        }
        let cover = try PPRF(
            encoded: SecretBytes(copying: w.bytes), suite: suite,
            parameters: PPRFParameters(challengeBits: 8, profile: .mls))
        #expect(cover.summary().mergeableSiblingPairs == 1 && !cover.summary().isReachableByPuncturing)
        try cover.puncture(at: challenge(0x01, bits: 8))
        #expect(cover.summary().mergeableSiblingPairs == 0)
    }

    @Test("first-level children equal the depth-1 tree's two leaves, for every profile")
    func firstLevelChildren() throws {
        for (id, profile) in [(UInt16(1), PRGProfile.mls), (1, .blake2b), (7, .cbst)] {
            let suite = try CipherSuite(id: id)
            let tree = try PPRF(
                secret: rootSecret(suite, 7), suite: suite,
                parameters: PPRFParameters(challengeBits: 1, profile: profile))
            let children = try GGMExpander(suite: suite, profile: profile).children(of: rootSecret(suite, 7))
            #expect(children.left == (try tree.evaluate(at: challenge(0, bits: 1))))
            #expect(children.right == (try tree.evaluate(at: challenge(1, bits: 1))))
            #expect(children.left.count == suite.nh)
        }
        #expect(throws: PPRFError.wrongRootSecretLength(expected: 32, actual: 3)) {
            try GGMExpander(suite: suite, profile: .mls).children(of: SecretBytes(copying: [1, 2, 3]))
        }
    }
}
