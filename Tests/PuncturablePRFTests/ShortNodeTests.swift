import MLSCore
import MLSCrypto
import Testing

@testable import PuncturablePRF

/// Profile `mls32` (SPEC section 3.1, ours): 32-byte nodes for suites 5 and 7, recomputed here with
/// `ExpandWithLabel` independently of the tree's expander.
@Suite("PPRF profile mls32: 32-byte nodes")
struct ShortNodeTests {
    /// PPRF(x) by the definition: the root's first 32 bytes, then ExpandWithLabel(node, "tree", side, 32).
    static func reference(_ suite: CipherSuite, root: SecretBytes, x: Challenge) throws -> SecretBytes {
        var node = SecretBytes(copying: root.withUnsafeBytes { Array($0[0..<32]) })
        for level in 0..<x.challengeBits {
            node = try suite.expandWithLabel(
                node, label: "tree", context: Array((x.bit(level) == 0 ? "left" : "right").utf8), length: 32)
        }
        return node
    }

    @Test(
        "suites 5 and 7: every leaf equals the ExpandWithLabel chain of 32-byte nodes", arguments: [5, 7] as [UInt16])
    func matchesDefinition(suiteID: UInt16) throws {
        let suite = try CipherSuite(id: suiteID)
        let root = SecretBytes(copying: (0..<suite.nh).map { UInt8($0) })
        let pprf = try PPRF(secret: root, suite: suite, parameters: PPRFParameters(challengeBits: 12, profile: .mls32))
        #expect(pprf.nodeSize == 32)
        #expect(pprf.storedNodes()[0].secret == SecretBytes(copying: (0..<32).map { UInt8($0) }))
        var rng = SeededRandom(seed: UInt64(suiteID))
        for _ in 0..<6 {
            let x = try randomChallenge(bits: 12, using: &rng)
            guard try !pprf.isPunctured(x) else { continue }
            let expected = try Self.reference(suite, root: root, x: x)
            #expect(try pprf.evaluate(at: x) == expected)
            let leaf = try pprf.evaluateAndPuncture(at: x)
            #expect(leaf.count == 32)
            #expect(leaf == expected)
        }
        for node in pprf.storedNodes() { #expect(node.secret.count == 32) }
        #expect(pprf.secretBytesHeld == pprf.storedNodeCount * 32)
    }

    @Test(
        "the 32-byte tree is not a truncation of the KDF.Nh-byte tree of the same root", arguments: [5, 7] as [UInt16])
    func notATruncation(suiteID: UInt16) throws {
        let suite = try CipherSuite(id: suiteID)
        let root = SecretBytes(copying: [UInt8](repeating: 0x5A, count: suite.nh))
        let short = try PPRF(secret: root, suite: suite, parameters: PPRFParameters(challengeBits: 8, profile: .mls32))
        let long = try PPRF(secret: root, suite: suite, parameters: PPRFParameters(challengeBits: 8, profile: .mls))
        let x = try challenge(0xA5, bits: 8)
        let longLeaf = try long.evaluate(at: x).withUnsafeBytes { Array($0[0..<32]) }
        #expect(try short.evaluate(at: x) != SecretBytes(copying: longLeaf))
    }

    @Test("profile 4 is mls32, and it is refused for suites with KDF.Nh = 32", arguments: [1, 2, 3] as [UInt16])
    func refusedForShortHashes(suiteID: UInt16) throws {
        #expect(try PRGProfile(value: 4) == .mls32)
        #expect(PRGProfile(name: "mls32") == .mls32)
        let suite = try CipherSuite(id: suiteID)
        #expect(throws: PPRFError.profileNeedsLongerHash(profile: "mls32", hashSize: 32)) {
            try PPRF(
                secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 8, profile: .mls32))
        }
    }

    @Test("both encodings carry 32-byte secrets; a KDF.Nh-byte secret is refused")
    func encodings() throws {
        let suite = try CipherSuite(id: 5)
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 64, profile: .mls32))
        var rng = SeededRandom(seed: 64)
        for _ in 0..<5 { try pprf.puncture(at: try randomChallenge(bits: 64, using: &rng)) }
        let canonical = try pprf.encoded()
        let decoded = try PPRF(
            encoded: canonical, suite: suite, parameters: PPRFParameters(challengeBits: 64, profile: .mls32))
        #expect(try decoded.encoded() == canonical)
        let compact = try pprf.compactEncoded()
        let secretBytes: Int = pprf.storedNodeCount * 32
        let expectedCount: Int = 1 + 40 + TLSWriter.varintSize(secretBytes) + secretBytes
        #expect(compact.count == expectedCount)
        #expect(
            try PPRF(
                compactEncoded: compact, suite: suite, parameters: PPRFParameters(challengeBits: 64, profile: .mls32)
            ).encoded() == canonical)
        var w = TLSWriter()
        w.writeVector { w in
            w.write(UInt16(0))
            w.writeOpaque([])
            w.writeOpaque([UInt8](repeating: 1, count: 64))
        }
        #expect(throws: PPRFError.wrongSecretLength(index: 0, expected: 32, actual: 64)) {
            try PPRF(
                encoded: SecretBytes(copying: w.bytes), suite: suite,
                parameters: PPRFParameters(challengeBits: 64, profile: .mls32))
        }
    }

    @Test("suite 5: the arena holds half the bytes of profile mls after the same punctures")
    func halvesTheArena() throws {
        let suite = try CipherSuite(id: 5)
        let short = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 128, profile: .mls32))
        let long = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 128, profile: .mls))
        var rng = SeededRandom(seed: 128)
        for _ in 0..<20 {
            let x = try randomChallenge(bits: 128, using: &rng)
            try short.puncture(at: x)
            try long.puncture(at: x)
        }
        #expect(short.storedNodeCount == long.storedNodeCount)
        #expect(short.secretBytesHeld * 2 == long.secretBytesHeld)
        #expect(short.arena.bytesAllocated < long.arena.bytesAllocated)
    }
}
