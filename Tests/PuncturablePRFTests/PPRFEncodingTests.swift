import MLSCore
import MLSCrypto
import Testing

@testable import PuncturablePRF

@Suite("PPRF state encoding and errors")
struct PPRFEncodingTests {
    let suite = try! CipherSuite(id: 1)

    func node(_ length: Int, _ prefix: [UInt8], secret: [UInt8]? = nil, nh: Int = 32) -> [UInt8] {
        var w = TLSWriter()
        w.write(UInt16(length))
        w.writeOpaque(prefix)
        w.writeOpaque(secret ?? [UInt8](repeating: 0x11, count: nh))
        return w.bytes
    }

    func state(_ nodes: [[UInt8]]) -> SecretBytes {
        var w = TLSWriter()
        w.writeOpaque(nodes.flatMap { $0 })
        return SecretBytes(copying: w.bytes)
    }

    func decode(_ encoded: SecretBytes, depth: Int = 8) throws(PPRFError) -> PPRF {
        try PPRF(encoded: encoded, suite: suite, parameters: PPRFParameters(challengeBits: depth, profile: .mls))
    }

    @Test("a fresh PPRF is one node with prefix length 0; encodings round-trip after punctures")
    func roundTrip() throws {
        let fresh = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 8, profile: .mls))
        let expected = state([node(0, [], secret: [UInt8](repeating: 0x42, count: 32))])
        #expect(try fresh.encoded() == expected)
        #expect(fresh.encodedByteCount == expected.count)
        var rng = SeededRandom(seed: 3)
        for b in [8, 13, 256] {
            let pprf = try PPRF(
                secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: b, profile: .mls))
            var done = 0
            while done < 20 {
                let x = try randomChallenge(bits: b, using: &rng)
                if try pprf.isPunctured(x) { continue }  // b = 8: a repeat is likely; puncture 20 distinct points
                try pprf.puncture(at: x)
                done += 1
            }
            let decoded = try PPRF(
                encoded: pprf.encoded(), suite: suite, parameters: PPRFParameters(challengeBits: b, profile: .mls))
            #expect(try decoded.encoded() == pprf.encoded())
            #expect(decoded.storedNodeCount == pprf.storedNodeCount)
            #expect(decoded.innerNodeCount == pprf.innerNodeCount)
            #expect(try pprf.encodedByteCount == pprf.encoded().count)
            let probe = try randomChallenge(bits: b, using: &rng)
            #expect(try decoded.evaluate(at: probe) == pprf.evaluate(at: probe))
        }
    }

    @Test("a valid non-canonical cover (two sibling nodes) decodes and evaluates like the root")
    func siblingsCover() throws {
        let fresh = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 8, profile: .mls))
        // The root's two children, computed by a depth-1 tree over the same root.
        let depthOne = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 1, profile: .mls))
        let left = try depthOne.evaluate(at: challenge(0, bits: 1)).exportedForTestVectors()
        let right = try depthOne.evaluate(at: challenge(1, bits: 1)).exportedForTestVectors()
        let cover = try decode(state([node(1, [0x00], secret: left), node(1, [0x80], secret: right)]))
        #expect(cover.storedNodeCount == 2)
        #expect(cover.innerNodeCount == 1)
        #expect(cover.storedNodes().map(\.prefix) == [[0x00], [0x80]])
        for x in 0..<UInt64(256) {
            #expect(try cover.evaluate(at: challenge(x, bits: 8)) == fresh.evaluate(at: challenge(x, bits: 8)))
        }
        // It punctures like the root, too: the same point gives the same canonical state.
        try cover.puncture(at: challenge(0x5A, bits: 8))
        try fresh.puncture(at: challenge(0x5A, bits: 8))
        #expect(try cover.encoded() == fresh.encoded())
    }

    @Test("every decoding error is named and provoked")
    func decodingErrors() throws {
        #expect(throws: PPRFError.unsortedNodes(index: 1)) { try decode(state([node(1, [0x80]), node(1, [0x00])])) }
        #expect(throws: PPRFError.overlappingNodes(index: 1)) { try decode(state([node(1, [0x00]), node(2, [0x00])])) }
        #expect(throws: PPRFError.overlappingNodes(index: 1)) { try decode(state([node(1, [0x00]), node(1, [0x00])])) }
        #expect(throws: PPRFError.prefixPaddingBitsSet(index: 0)) { try decode(state([node(1, [0x40])])) }
        #expect(throws: PPRFError.wrongPrefixByteCount(index: 0, expected: 1, actual: 2)) {
            try decode(state([node(3, [0x00, 0x00])]))
        }
        #expect(throws: PPRFError.wrongPrefixByteCount(index: 0, expected: 0, actual: 1)) {
            try decode(state([node(0, [0x00])]))
        }
        #expect(throws: PPRFError.prefixLongerThanChallenge(index: 0, length: 9, challengeBits: 8)) {
            try decode(state([node(9, [0x00, 0x00])]))
        }
        #expect(throws: PPRFError.wrongSecretLength(index: 0, expected: 32, actual: 31)) {
            try decode(state([node(0, [], nh: 31)]))
        }
        let good = state([node(1, [0x00]), node(1, [0x80])]).exportedForTestVectors()
        #expect(throws: PPRFError.codec(.lengthExceedsInput(length: good.count - 2, available: good.count - 3))) {
            try decode(SecretBytes(copying: good.dropLast()))
        }
        #expect(throws: PPRFError.codec(.trailingBytes(count: 1))) { try decode(SecretBytes(copying: good + [0])) }
        #expect(throws: PPRFError.tooManyNodes(limit: 1)) {
            try PPRF(
                encoded: SecretBytes(copying: good), suite: suite,
                parameters: PPRFParameters(challengeBits: 8, profile: .mls), maxStoredNodes: 1)
        }
        #expect(try decode(SecretBytes(copying: good)).storedNodeCount == 2)
        #expect(try decode(state([])).storedNodeCount == 0)  // everything punctured is a valid state
    }

    @Test("challenge, depth, profile and root errors")
    func inputErrors() throws {
        #expect(throws: PPRFError.invalidChallengeBits(0)) {
            try PPRF(
                secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 0, profile: .mls))
        }
        #expect(throws: PPRFError.invalidChallengeBits(257)) { try Challenge.random(challengeBits: 257) }
        #expect(throws: PPRFError.challengeLength(expected: 2, actual: 1)) {
            try Challenge(bytes: [0], challengeBits: 13)
        }
        #expect(throws: PPRFError.challengePaddingBitsSet) { try Challenge(bytes: [0, 0x01], challengeBits: 13) }
        #expect(try Challenge(bytes: [0xFF, 0xF8], challengeBits: 13).bit(12) == 1)
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 16, profile: .mls))
        #expect(throws: PPRFError.challengeLength(expected: 2, actual: 1)) {
            try pprf.evaluate(at: Challenge(bytes: [1], challengeBits: 8))
        }
        #expect(throws: PPRFError.wrongRootSecretLength(expected: 32, actual: 3)) {
            try PPRF(
                secret: SecretBytes(copying: [1, 2, 3]), suite: suite,
                parameters: PPRFParameters(challengeBits: 8, profile: .mls))
        }
        let suite5 = try CipherSuite(id: 5)
        #expect(throws: PPRFError.profileUnsupportedForSuite(profile: "blake2b", hashSize: 64)) {
            try PPRF(
                secret: rootSecret(suite5), suite: suite5,
                parameters: PPRFParameters(challengeBits: 8, profile: .blake2b))
        }
        #expect(throws: PPRFError.unknownProfile(9)) { try PRGProfile(value: 9) }
        #expect(try PRGProfile(value: 2) == .blake2b)
        let random = try Challenge.random(challengeBits: 13)
        #expect(random.bytes.count == 2 && random.bytes[1] & 0x07 == 0)
    }

    @Test("a puncture beyond the node limit fails before changing anything")
    func nodeLimit() throws {
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 64, profile: .mls),
            maxStoredNodes: 100)
        try pprf.puncture(at: challenge(1, bits: 64))
        let before = try pprf.encoded()
        #expect(throws: PPRFError.tooManyNodes(limit: 100)) { try pprf.puncture(at: challenge(1 << 63, bits: 64)) }
        #expect(try pprf.encoded() == before)
        pprf.maxStoredNodes = Int.max
        #expect(pprf.maxStoredNodes == PPRF.storedNodeLimit)
    }

    @Test("prepared punctures change nothing until committed; stale ones are recomputed")
    func preparedPunctures() throws {
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 16, profile: .mls))
        let reference = pprf.copy()
        let before = try pprf.encoded()
        let a = try pprf.preparePuncture(at: challenge(3, bits: 16))
        let b = try pprf.preparePuncture(at: challenge(4, bits: 16))
        let again = try pprf.preparePuncture(at: challenge(3, bits: 16))
        #expect(try pprf.encoded() == before)
        #expect(a.value == (try reference.evaluate(at: challenge(3, bits: 16))))
        try pprf.commit(a)
        try pprf.commit(b)  // stale: recomputed against the new state
        #expect(throws: PPRFError.punctured) { try pprf.commit(again) }
        try reference.puncture(at: challenge(4, bits: 16))
        try reference.puncture(at: challenge(3, bits: 16))
        #expect(try pprf.encoded() == reference.encoded())
    }

    @Test("failed operations leave the state byte-identical")
    func failuresLeaveState() throws {
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 8, profile: .mls))
        try pprf.puncture(at: challenge(5, bits: 8))
        let before = try pprf.encoded()
        #expect(throws: PPRFError.punctured) { try pprf.puncture(at: challenge(5, bits: 8)) }
        #expect(throws: PPRFError.challengeLength(expected: 1, actual: 2)) {
            try pprf.puncture(at: challenge(5, bits: 16))
        }
        #expect(try pprf.encoded() == before)
    }

    @Test("memory: bytes held stay within 1.5x the raw secret size at 1,000 punctures (b = 256)")
    func memory() throws {
        var rng = SeededRandom(seed: 9)
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 256, profile: .blake2b))
        for _ in 0..<1_000 { try pprf.puncture(at: randomChallenge(bits: 256, using: &rng)) }
        let ratio = Double(pprf.bytesHeld) / Double(pprf.secretBytesHeld)
        #expect(ratio <= 1.5, "bytes held / secret bytes = \(ratio)")
        let expected = pprf.expectedStoredNodes(afterPunctures: 1_000)
        #expect(abs(Double(pprf.storedNodeCount) - expected) / expected < 0.02)
    }
}
