import MLSCore
import MLSCrypto
import Testing

@testable import PuncturablePRF

/// Issue 13, items 4 and 6: prepared punctures bound to their instance, limits re-checked at commit, the
/// decoded trie's memory bounded, encodings too large refused.
@Suite("PPRF limits and prepared-puncture misuse")
struct PPRFLimitTests {
    let suite = try! CipherSuite(id: 1)

    @Test("a prepared puncture commits only on the instance that prepared it, even at the same version")
    func foreignPreparedPuncture() throws {
        let a = try PPRF(
            secret: rootSecret(suite, 0x0A), suite: suite, parameters: PPRFParameters(challengeBits: 16, profile: .mls))
        let b = try PPRF(
            secret: rootSecret(suite, 0x0B), suite: suite, parameters: PPRFParameters(challengeBits: 16, profile: .mls))
        try a.puncture(at: challenge(1, bits: 16))
        try b.puncture(at: challenge(2, bits: 16))  // both at version 1, different trees
        let fromA = try a.preparePuncture(at: challenge(0x8000, bits: 16))
        let before = try b.encoded()
        #expect(throws: PPRFError.foreignPreparedPuncture) { try b.commit(fromA) }
        #expect(try b.encoded() == before)
        #expect(try b.evaluate(at: challenge(0x8000, bits: 16)) != fromA.value)  // still b's own value
        let copy = a.copy()  // a copy is another instance
        #expect(throws: PPRFError.foreignPreparedPuncture) { try copy.commit(fromA) }
        try a.commit(fromA)
        #expect(try a.isPunctured(challenge(0x8000, bits: 16)))
        #expect(try !copy.isPunctured(challenge(0x8000, bits: 16)))
    }

    @Test("a limit lowered between prepare and commit is enforced at commit, and nothing changes")
    func limitLoweredBeforeCommit() throws {
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 64, profile: .mls),
            maxStoredNodes: 100)
        let prepared = try pprf.preparePuncture(at: challenge(5, bits: 64))
        pprf.maxStoredNodes = 10
        let before = try pprf.encoded()
        #expect(throws: PPRFError.tooManyNodes(limit: 10)) { try pprf.commit(prepared) }
        #expect(try pprf.encoded() == before)
        #expect(pprf.storedNodeCount == 1 && pprf.innerNodeCount == 0)
        pprf.maxStoredNodes = 64
        try pprf.commit(prepared)
        #expect(pprf.storedNodeCount == 64 && pprf.innerNodeCount == 64)
    }

    /// Four nodes at depth `length` under the four 2-bit prefixes: 3 + 4 (length - 2) inner nodes.
    func deepState(length: Int) -> SecretBytes {
        var w = TLSWriter()
        w.writeVector { v in
            for top in [UInt8(0x00), 0x40, 0x80, 0xC0] {
                var prefix = [UInt8](repeating: 0, count: (length + 7) / 8)
                prefix[0] = top
                v.write(UInt16(length))
                v.writeOpaque(prefix)
                v.writeOpaque([UInt8](repeating: top | 1, count: 32))
            }
        }
        return SecretBytes(copying: w.bytes)
    }

    @Test("a decoded trie's inner nodes are bounded by 2 x maxStoredNodes + b, at decode and at puncture")
    func innerNodeBound() throws {
        let deep = deepState(length: 256)
        let decoded = try PPRF(
            encoded: deep, suite: suite, parameters: PPRFParameters(challengeBits: 256, profile: .mls))
        #expect(decoded.storedNodeCount == 4 && decoded.innerNodeCount == 3 + 4 * 254)
        #expect(decoded.bytesHeld >= decoded.innerNodeCount * 8 + 4 * 32)
        // Four stored nodes allow 2 x 4 + 256 = 264 inner nodes: 1,019 are refused before anything is built.
        #expect(throws: PPRFError.tooManyInnerNodes(limit: 264)) {
            try PPRF(
                encoded: deep, suite: suite, parameters: PPRFParameters(challengeBits: 256, profile: .mls),
                maxStoredNodes: 4)
        }
        // At puncture: a state of 3 + 4 x 198 = 795 inner nodes, the limit lowered to 2 x 200 + 256 = 656.
        let shallower = try PPRF(
            encoded: deepState(length: 200), suite: suite, parameters: PPRFParameters(challengeBits: 256, profile: .mls)
        )
        #expect(shallower.innerNodeCount == 795)
        shallower.maxStoredNodes = 200
        let before = try shallower.encoded()
        let x = try Challenge(bytes: [UInt8](repeating: 0, count: 31) + [1], challengeBits: 256)
        #expect(throws: PPRFError.tooManyInnerNodes(limit: 656)) { try shallower.puncture(at: x) }
        #expect(try shallower.encoded() == before)
        #expect(throws: PPRFError.tooManyInnerNodes(limit: 656)) {
            try PPRF(
                encoded: before, suite: suite, parameters: PPRFParameters(challengeBits: 256, profile: .mls),
                maxStoredNodes: 200)
        }
        // A puncture that adds nothing (at a stored leaf) is never refused, even over a lowered limit.
        decoded.maxStoredNodes = 4
        try decoded.puncture(at: Challenge(bytes: [UInt8](repeating: 0, count: 32), challengeBits: 256))
        #expect(decoded.storedNodeCount == 3 && decoded.innerNodeCount == 3 * 254 + 3)
    }

    @Test("an encoding larger than its <V> limit is a typed error, and the ceiling is where 32-bit links end")
    func encodingAndIndexCeilings() throws {
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 64, profile: .blake2b))
        try pprf.puncture(at: challenge(9, bits: 64))
        // 64 nodes of 2 + 1 + ceil(d/8) + 1 + 32 bytes for d = 1...64: 64 x 36 + 288.
        #expect(pprf.encodedBodyByteCount == 64 * 36 + 288)
        pprf.encodedBodyByteLimit = 2_000
        #expect(throws: PPRFError.encodingTooLarge(bytes: 64 * 36 + 288, limit: 2_000)) { try pprf.encoded() }
        #expect(PPRF.maxEncodedBodyBytes == (1 << 30) - 1)
        pprf.maxStoredNodes = Int.max
        #expect(pprf.maxStoredNodes == PPRF.storedNodeLimit && PPRF.storedNodeLimit == (1 << 30) - 256)
        // The largest inner-node index and slot still fit a 32-bit link.
        #expect(UInt64(pprf.maxInnerNodes) << 1 <= UInt64(UInt32.max))
        #expect(UInt64(PPRF.storedNodeLimit + 1) << 1 | 1 <= UInt64(UInt32.max))
        pprf.maxStoredNodes = -5
        #expect(pprf.maxStoredNodes == 0 && pprf.maxInnerNodes == 64)
    }

    @Test("bytes held are measured from capacities: slots, trie links and free lists")
    func bytesHeld() throws {
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 256, profile: .blake2b))
        #expect(pprf.bytesHeld >= SecretArena.chunkSlots * 32)  // one chunk, used or not
        try pprf.puncture(at: try Challenge.random(challengeBits: 256))
        #expect(pprf.bytesHeld >= 256 * 32 + 256 * 8)
        #expect(
            pprf.bytesHeld == pprf.arena.bytesAllocated + 4 * pprf.links.capacity
                + 4 * pprf.storage.pointee.freeInnerNodes.capacity)
    }
}
