import MLSCore
import MLSCrypto
import Testing

@testable import PuncturablePRF

/// Issue 13, item 1: after an operation returns, no memory the PPRF owns lets anyone compute a punctured value.
@Suite("forward secrecy in memory")
struct ForwardSecrecyTests {
    /// Suites 1 and 3 (HMAC-SHA-256), 5 (HMAC-SHA-512), 7 (HMAC-SHA-384 through swift-crypto) and every profile.
    static let cases: [(UInt16, PRGProfile)] = [(1, .mls), (3, .mls), (5, .mls), (7, .mls), (1, .blake2b), (1, .cbst)]

    @Test(
        "after every operation the expander's keyed state is all zero and so is every byte outside live slots",
        arguments: cases)
    func nothingLeftKeyed(suiteID: UInt16, profile: PRGProfile) throws {
        let suite = try CipherSuite(id: suiteID)
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 16, profile: profile))
        try expectClean(pprf, after: "init")
        _ = try pprf.evaluate(at: challenge(7, bits: 16))
        try expectClean(pprf, after: "evaluate")
        _ = try pprf.evaluateAndPuncture(at: challenge(7, bits: 16))
        try expectClean(pprf, after: "evaluateAndPuncture")
        try pprf.puncture(at: challenge(6, bits: 16))  // the sibling: its parent's subtree becomes empty
        try expectClean(pprf, after: "puncture")
        let prepared = try pprf.preparePuncture(at: challenge(0x8001, bits: 16))
        try expectClean(pprf, after: "preparePuncture")
        try pprf.commit(prepared)
        try expectClean(pprf, after: "commit")
        let stale = try pprf.preparePuncture(at: challenge(0x4000, bits: 16))
        try pprf.puncture(at: challenge(0x4001, bits: 16))
        try pprf.commit(stale)  // recomputed: a second walk inside commit
        try expectClean(pprf, after: "stale commit")
        #expect(try pprf.isPunctured(challenge(7, bits: 16)))
        try expectClean(pprf, after: "isPunctured")
        let copy = pprf.copy()
        try expectClean(pprf, after: "copy (original)")
        try expectClean(copy, after: "copy")
        let encoded = try pprf.encoded()
        try expectClean(pprf, after: "encoded")
        let decoded = try PPRF(
            encoded: encoded, suite: suite, parameters: PPRFParameters(challengeBits: 16, profile: profile))
        try expectClean(decoded, after: "decode")
        #expect(throws: PPRFError.punctured) { try pprf.evaluate(at: challenge(7, bits: 16)) }
        try expectClean(pprf, after: "a failed evaluate")
    }

    @Test(
        "the bytes the PPRF owns hold none of the punctured leaves, their path nodes or HMAC states keyed by them",
        arguments: cases)
    func scanForPuncturedPaths(suiteID: UInt16, profile: PRGProfile) throws {
        let suite = try CipherSuite(id: suiteID)
        for b in [64, 256] {
            var rng = SeededRandom(seed: UInt64(suiteID) * 1_000 + UInt64(b))
            let pprf = try PPRF(
                secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: b, profile: profile))
            var punctured: [Challenge] = []
            var afterPuncture: [[[UInt8]]] = []  // what the state owned right after each puncture returned
            for i in 0..<6 {
                let x = try randomChallenge(bits: b, using: &rng)
                if i % 2 == 0 {
                    _ = try pprf.evaluateAndPuncture(at: x)
                } else {
                    try pprf.commit(try pprf.preparePuncture(at: x))
                }
                punctured.append(x)
                afterPuncture.append(ownedBytes(pprf))
                _ = try pprf.evaluate(at: try randomChallenge(bits: b, using: &rng))  // a walk elsewhere
            }
            // Right after puncture i only points 0...i are punctured (later points' paths are still stored).
            var needles = Needles()
            for (i, owned) in afterPuncture.enumerated() {
                needles.formUnion(try Needles(suite: suite, profile: profile, punctured: [punctured[i]]))
                #expect(needles.found(in: owned) == 0, "right after puncture \(i), b = \(b)")
            }
            #expect(needles.count > 6 * b)
            let encoded = try pprf.encoded()
            let copy = pprf.copy()
            let decoded = try PPRF(
                encoded: encoded, suite: suite, parameters: PPRFParameters(challengeBits: b, profile: profile))
            for (name, state) in [("punctured state", pprf), ("copy", copy), ("decoded", decoded)] {
                #expect(needles.found(in: ownedBytes(state)) == 0, "\(name), b = \(b)")
            }
            #expect(encoded.withUnsafeBytes { needles.found(in: [Array($0)]) } == 0, "encoding, b = \(b)")
            // The scan does find what it looks for: the state before the first puncture holds the root.
            let fresh = try PPRF(
                secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: b, profile: profile))
            #expect(needles.found(in: ownedBytes(fresh)) == 1)
        }
    }

    /// Checks the expander's keyed state, the arena outside live slots and the free inner nodes are all zero.
    func expectClean(_ pprf: PPRF, after operation: String) throws {
        let (stateZero, foreign) = pprf.expander.withOwnedState { ($0.allSatisfy { $0 == 0 }, $1) }
        #expect(stateZero, "expander state keyed after \(operation)")
        #expect(!foreign, "a keyed swift-crypto HMAC object is held after \(operation)")
        let live = liveSlots(pprf)
        var slot = 0
        var dirty = 0
        let slotSize = pprf.suite.nh
        pprf.arena.forEachChunk { chunk in
            for offset in stride(from: 0, to: chunk.count, by: slotSize) {
                if !live.contains(slot), !chunk[offset..<(offset + slotSize)].allSatisfy({ $0 == 0 }) { dirty += 1 }
                slot += 1
            }
        }
        #expect(dirty == 0, "\(dirty) slots outside the live ones hold bytes after \(operation)")
        #expect(slot == pprf.arena.capacity)
        for node in pprf.storage.pointee.freeInnerNodes {
            #expect(pprf.links[Int(node) * 2] == 0 && pprf.links[Int(node) * 2 + 1] == 0)
        }
        #expect(pprf.innerNodeCount == minimalInnerNodeCount(pprf), "trie not minimal after \(operation)")
    }
}

/// The slots the trie links to.
func liveSlots(_ pprf: PPRF) -> Set<Int> {
    var slots = Set<Int>()
    var stack = [pprf.rootLink]
    while let link = stack.popLast() {
        if link == 0 { continue }
        if link & 1 == 1 {
            slots.insert(Int(link >> 1))
        } else {
            stack.append(pprf.links[Int(link >> 1) * 2])
            stack.append(pprf.links[Int(link >> 1) * 2 + 1])
        }
    }
    return slots
}

/// Every buffer the PPRF owns: the arena's chunks (live, freed and unused slots), the trie's links and free
/// list, and the expander's keyed state.
func ownedBytes(_ pprf: PPRF) -> [[UInt8]] {
    var buffers: [[UInt8]] = []
    pprf.arena.forEachChunk { buffers.append(Array($0)) }
    buffers.append(pprf.links.withUnsafeBytes { Array($0) })
    buffers.append(pprf.storage.pointee.freeInnerNodes.withUnsafeBytes { Array($0) })
    buffers.append(pprf.expander.withOwnedState { bytes, _ in Array(bytes) })
    return buffers
}

/// 16-byte windows of every node on the punctured paths (root to leaf), computed independently by fresh PPRFs
/// of each depth, and of the HMAC states keyed by those nodes (for the HMAC profiles), wherever those states
/// look random (so that zero padding and counters are not searched for).
struct Needles {
    /// 16 bytes as two words, so that a scan hashes no arrays.
    struct Window: Hashable {
        let low: UInt64
        let high: UInt64
        init(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
            low = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            high = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
        }
        init(_ bytes: [UInt8]) { self = bytes.withUnsafeBytes { Window($0, at: 0) } }
    }
    private var windows = Set<Window>()
    var count: Int { windows.count }

    /// No needles.
    init() {}

    /// Adds another set's needles.
    mutating func formUnion(_ other: Needles) { windows.formUnion(other.windows) }

    init(suite: CipherSuite, profile: PRGProfile, punctured: [Challenge]) throws {
        for x in punctured {
            for d in 0...x.challengeBits {
                let node: SecretBytes
                if d == 0 {
                    node = rootSecret(suite)
                } else {
                    let prefix = try prefixChallenge(x, bits: d)
                    let tree = try PPRF(
                        secret: rootSecret(suite), suite: suite,
                        parameters: PPRFParameters(challengeBits: d, profile: profile))
                    node = try tree.evaluate(at: prefix)
                }
                let bytes = node.exportedForTestVectors()
                for start in stride(from: 0, to: bytes.count, by: 16) {
                    windows.insert(Window(Array(bytes[start..<(start + 16)])))
                }
                guard profile != .blake2b, suite.hash != .sha384 else { continue }
                let keyed = try KeyedHMAC(hash: suite.hash, key: node)
                let state = keyed.withOwnedState { bytes, _ in Array(bytes) }
                for start in stride(from: 0, to: state.count - 16, by: 8) {
                    let window = Array(state[start..<(start + 16)])
                    if Set(window).count >= 10 { windows.insert(Window(window)) }
                }
            }
        }
    }

    /// How many buffers contain at least one window, at any byte offset.
    func found(in buffers: [[UInt8]]) -> Int {
        buffers.filter { buffer in
            buffer.count >= 16
                && buffer.withUnsafeBytes { bytes in
                    (0...(bytes.count - 16)).contains { windows.contains(Window(bytes, at: $0)) }
                }
        }.count
    }
}

/// The first `bits` bits of `x` as a challenge of that length.
func prefixChallenge(_ x: Challenge, bits: Int) throws -> Challenge {
    var bytes = Array(x.bytes[0..<((bits + 7) / 8)])
    let unused = bytes.count * 8 - bits
    bytes[bytes.count - 1] &= ~UInt8((1 << unused) - 1)
    return try Challenge(bytes: bytes, challengeBits: bits)
}
