import MLSCore
import MLSCrypto
import Testing

@testable import PuncturablePRF

/// SPEC.md section 3's error precedence: inputs that break two rules at once raise the one that section says
/// wins, and the length-prefix errors have their own names.
@Suite("PPRF state decoder: error precedence")
struct DecoderPrecedenceTests {
    let suite = try! CipherSuite(id: 1)
    let s = [UInt8](repeating: 0x11, count: 32)

    func node(_ length: Int, _ prefix: [UInt8], _ secret: [UInt8]) -> [UInt8] {
        var w = TLSWriter()
        w.write(UInt16(length))
        w.writeOpaque(prefix)
        w.writeOpaque(secret)
        return w.bytes
    }

    func state(_ nodes: [[UInt8]]) -> [UInt8] {
        var w = TLSWriter()
        w.writeOpaque(nodes.flatMap { $0 })
        return w.bytes
    }

    func decode(_ bytes: [UInt8], depth: Int = 8, limit: Int = PPRF.storedNodeLimit) throws(PPRFError) -> PPRF {
        try PPRF(
            encoded: SecretBytes(copying: bytes), suite: suite,
            parameters: PPRFParameters(challengeBits: depth, profile: .mls), maxStoredNodes: limit)
    }

    @Test("length prefixes: reserved bits 11 and non-minimal lengths are named, outside and inside a node")
    func lengthPrefixes() throws {
        let root = node(0, [], s)
        #expect(throws: PPRFError.codec(.reservedLengthPrefix)) { try decode([0xC0, 0, 0, 36] + root) }
        #expect(throws: PPRFError.codec(.nonMinimalLength(length: 36))) { try decode([0x40, 36] + root) }
        #expect(throws: PPRFError.codec(.nonMinimalLength(length: 0))) {
            try decode(state([[0, 0, 0x40, 0x00, 32] + s]))
        }
        #expect(throws: PPRFError.codec(.reservedLengthPrefix)) { try decode(state([[0, 0, 0, 0xC0, 0, 0, 32] + s])) }
        #expect(PPRFError.codec(.reservedLengthPrefix).vectorName == "reserved_length_prefix")
        #expect(PPRFError.codec(.nonMinimalLength(length: 0)).vectorName == "non_minimal_length")
        #expect(PPRFError.codec(.lengthExceedsInput(length: 2, available: 1)).vectorName == "truncated")
        #expect(PPRFError.codec(.truncated(needed: 2, available: 1)).vectorName == "truncated")
        // The reserved prefix is judged on its first byte, before the rest of the length is read.
        #expect(throws: PPRFError.codec(.reservedLengthPrefix)) { try decode([0xC0]) }
        // A two-byte length cut after one byte is truncation, not a non-minimal length.
        #expect(throws: PPRFError.codec(.truncated(needed: 2, available: 1))) { try decode([0x40]) }
    }

    @Test("truncation inside the nodes vector: a secret past the vector's end, half a prefix_length")
    func truncationInside() throws {
        let left = node(1, [0x00], s)
        let right = node(1, [0x80], s)
        #expect(throws: PPRFError.codec(.lengthExceedsInput(length: 32, available: 31))) {
            try decode(state([left, Array(right.dropLast())]))
        }
        #expect(throws: PPRFError.codec(.truncated(needed: 2, available: 1))) { try decode(state([left, [0]])) }
        #expect(throws: PPRFError.codec(.truncated(needed: 1, available: 0))) { try decode([]) }
    }

    @Test("structure wins over every node rule; trailing bytes only after the whole vector was read")
    func structureFirst() throws {
        let left = node(1, [0x00], s)
        let right = node(1, [0x80], s)
        // Unsorted nodes followed by a byte: trailing_bytes.
        #expect(throws: PPRFError.codec(.trailingBytes(count: 1))) { try decode(state([right, left]) + [0]) }
        // Node 0 has padding bits, node 1 is cut: truncated.
        #expect(throws: PPRFError.codec(.lengthExceedsInput(length: 32, available: 31))) {
            try decode(state([node(1, [0x40], s), Array(right.dropLast())]))
        }
        // A truncated node inside the vector and a trailing byte after it: the truncation comes first.
        #expect(throws: PPRFError.codec(.truncated(needed: 2, available: 1))) { try decode(state([left, [0]]) + [0]) }
    }

    @Test("the node limit wins over node rules, and node rules over the trie limit")
    func limits() throws {
        let deepLeft = node(8, [0x00], s)
        let deepRight = node(8, [0xFF], s)
        #expect(throws: PPRFError.tooManyNodes(limit: 1)) {
            try decode(state([node(1, [0x40], s), node(1, [0x80], s)]), limit: 1)
        }
        #expect(throws: PPRFError.tooManyInnerNodes(limit: 12)) { try decode(state([deepLeft, deepRight]), limit: 2) }
        #expect(throws: PPRFError.tooManyNodes(limit: 1)) { try decode(state([deepLeft, deepRight]), limit: 1) }
        #expect(throws: PPRFError.wrongSecretLength(index: 1, expected: 32, actual: 31)) {
            try decode(state([deepLeft, node(8, [0xFF], Array(s.dropLast()))]), limit: 2)
        }
        #expect(try decode(state([deepLeft, deepRight]), limit: 4).storedNodeCount == 2)
    }

    @Test("nodes in order: the first bad node wins; within a node, depth, byte count, padding, secret, then order")
    func nodeOrder() throws {
        let short = Array(s.dropLast())
        let left = node(1, [0x00], s)
        let right = node(1, [0x80], s)
        #expect(throws: PPRFError.wrongSecretLength(index: 0, expected: 32, actual: 31)) {
            try decode(state([node(1, [0x00], short), left]))
        }
        #expect(throws: PPRFError.wrongSecretLength(index: 1, expected: 32, actual: 31)) {
            try decode(state([right, node(1, [0x00], short)]))
        }
        #expect(throws: PPRFError.prefixLongerThanChallenge(index: 0, length: 9, challengeBits: 8)) {
            try decode(state([node(9, [], s)]))
        }
        #expect(throws: PPRFError.wrongPrefixByteCount(index: 0, expected: 1, actual: 2)) {
            try decode(state([node(1, [0x40, 0xFF], s)]))
        }
        #expect(throws: PPRFError.prefixPaddingBitsSet(index: 0)) { try decode(state([node(1, [0x40], short)])) }
        // A prefix after its own extension and a duplicate are overlaps, not disorder.
        #expect(throws: PPRFError.overlappingNodes(index: 1)) { try decode(state([node(2, [0x00], s), left])) }
        #expect(throws: PPRFError.overlappingNodes(index: 1)) { try decode(state([left, left])) }
        // The first bad node wins even when a later one breaks an earlier rule.
        #expect(throws: PPRFError.unsortedNodes(index: 1)) {
            try decode(state([right, left, node(9, [0x00, 0x00], s)]))
        }
    }
}
