import MLSCore
import MLSCrypto
import Testing

@testable import PuncturablePRF

/// The compact state encoding (SPEC section 3.2): round trips against the canonical encoding, every malformed
/// case refused with its error and nothing built, the refusal of states puncturing never makes.
@Suite("PPRF compact state encoding")
struct CompactEncodingTests {
    /// `punctured<V> || node_secrets<V>` from raw parts.
    static func compact(_ points: [[UInt8]], _ secrets: [UInt8]) -> SecretBytes {
        var w = TLSWriter()
        w.writeOpaque(points.flatMap { $0 })
        w.writeOpaque(secrets)
        return SecretBytes(copying: w.bytes)
    }

    static func decodeError(
        _ encoded: SecretBytes, depth: Int, suite: CipherSuite, maxStoredNodes: Int = PPRF.storedNodeLimit
    ) -> PPRFError? {
        do {
            _ = try PPRF(
                compactEncoded: encoded, suite: suite, parameters: PPRFParameters(challengeBits: depth, profile: .mls),
                maxStoredNodes: maxStoredNodes)
            return nil
        } catch { return error }
    }

    @Test(
        "random punctures: compact decodes to the state's canonical encoding and re-encodes to itself",
        arguments: [(1, 8, 40), (1, 13, 30), (3, 64, 25), (5, 128, 12), (7, 256, 9)])
    func roundTrip(suiteID: UInt16, depth: Int, punctures: Int) throws {
        let suite = try CipherSuite(id: suiteID)
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: depth, profile: .mls))
        var rng = SeededRandom(seed: UInt64(depth) * 31 + UInt64(suiteID))
        for step in 0...punctures {
            let compact = try pprf.compactEncoded()
            #expect(compact.count == (try pprf.compactEncodedByteCount()))
            let decoded = try PPRF(
                compactEncoded: compact, suite: suite, parameters: PPRFParameters(challengeBits: depth, profile: .mls))
            #expect(try decoded.encoded() == pprf.encoded(), "step \(step)")
            #expect(try decoded.compactEncoded() == compact)
            #expect(decoded.storedNodeCount == pprf.storedNodeCount)
            #expect(decoded.innerNodeCount == pprf.innerNodeCount, "the trie is as small as the punctured one")
            let fromCanonical = try PPRF(
                encoded: try pprf.encoded(), suite: suite,
                parameters: PPRFParameters(challengeBits: depth, profile: .mls))
            #expect(try fromCanonical.compactEncoded() == compact)
            let x = try randomChallenge(bits: depth, using: &rng)
            if try !pprf.isPunctured(x) { try pprf.puncture(at: x) }
        }
    }

    @Test("the byte layout: the sorted punctured challenges, then the secrets in canonical order")
    func layout() throws {
        let suite = try CipherSuite(id: 1)
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 8, profile: .mls))
        let fresh = try pprf.compactEncoded().withUnsafeBytes { Array($0) }
        #expect(fresh == [0] + [32] + [UInt8](repeating: 0x42, count: 32), "a fresh state lists the root alone")
        try pprf.puncture(at: try challenge(0xF0, bits: 8))
        try pprf.puncture(at: try challenge(0x0F, bits: 8))
        let bytes = try pprf.compactEncoded().withUnsafeBytes { Array($0) }
        #expect(Array(bytes[0..<3]) == [2, 0x0F, 0xF0], "sorted, whatever the puncture order")
        let secrets = pprf.storedNodes().flatMap { node in node.secret.withUnsafeBytes { Array($0) } }
        #expect(pprf.storedNodes().count == 14)
        #expect(Array(bytes[3..<5]) == [0x41, 0xC0], "a two-byte varint for 14 x 32 = 448 bytes")
        #expect(Array(bytes[5...]) == secrets)
    }

    @Test("the whole domain punctured: every challenge listed, nothing stored; a punctured half lists its leaves")
    func emptyRegions() throws {
        let suite = try CipherSuite(id: 1)
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 4, profile: .mls))
        for v in 0..<8 { try pprf.puncture(at: try challenge(UInt64(v), bits: 4)) }
        let half = try pprf.compactEncoded().withUnsafeBytes { Array($0) }
        #expect(Array(half[0..<9]) == [8] + (0..<8).map { UInt8($0 << 4) })
        #expect(pprf.storedNodeCount == 1)
        for v in 8..<16 { try pprf.puncture(at: try challenge(UInt64(v), bits: 4)) }
        let all = try pprf.compactEncoded()
        #expect(all.withUnsafeBytes { Array($0) } == [16] + (0..<16).map { UInt8($0 << 4) } + [0])
        let decoded = try PPRF(
            compactEncoded: all, suite: suite, parameters: PPRFParameters(challengeBits: 4, profile: .mls))
        #expect(decoded.storedNodeCount == 0)
        #expect(try decoded.isPunctured(try challenge(9, bits: 4)))
    }

    @Test("a decoded compact state evaluates exactly as the punctured original")
    func evaluatesAsOriginal() throws {
        let suite = try CipherSuite(id: 3)
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 16, profile: .blake2b))
        var rng = SeededRandom(seed: 7)
        var punctured: [Challenge] = []
        for _ in 0..<20 {
            let x = try randomChallenge(bits: 16, using: &rng)
            if try !pprf.isPunctured(x) { punctured.append(x) }
            try? pprf.puncture(at: x)
        }
        let decoded = try PPRF(
            compactEncoded: try pprf.compactEncoded(), suite: suite,
            parameters: PPRFParameters(challengeBits: 16, profile: .blake2b))
        for x in punctured { #expect(try decoded.isPunctured(x)) }
        for _ in 0..<50 {
            let x = try randomChallenge(bits: 16, using: &rng)
            guard try !pprf.isPunctured(x) else { continue }
            #expect(try decoded.evaluate(at: x) == pprf.evaluate(at: x))
        }
    }

    @Test("every malformed case is refused with its named error")
    func malformed() throws {
        let suite = try CipherSuite(id: 1)
        let s = [UInt8](repeating: 7, count: 32)
        let one = { (point: [UInt8], nodes: Int) in
            Self.compact([point], Array(repeating: s, count: nodes).flatMap { $0 })
        }
        // b = 13: two bytes, three unused bits.
        #expect(
            Self.decodeError(Self.compact([[0x40, 0x00, 0x00]], s), depth: 13, suite: suite)
                == .compactPuncturedLength(bytes: 3, challengeBytes: 2))
        #expect(Self.decodeError(one([0x40, 0x01], 13), depth: 13, suite: suite) == .compactPaddingBitsSet(index: 0))
        #expect(
            Self.decodeError(Self.compact([[0x40, 0x00], [0x40, 0x00]], s), depth: 13, suite: suite)
                == .compactPuncturedNotIncreasing(index: 1))
        #expect(
            Self.decodeError(Self.compact([[0x40, 0x00], [0x80, 0x00], [0x20, 0x00]], s), depth: 13, suite: suite)
                == .compactPuncturedNotIncreasing(index: 2))
        #expect(
            Self.decodeError(one([0x40, 0x00], 12), depth: 13, suite: suite)
                == .compactSecretsLength(expected: 13 * 32, actual: 12 * 32))
        #expect(
            Self.decodeError(Self.compact([], s + s), depth: 13, suite: suite)
                == .compactSecretsLength(expected: 32, actual: 64))
        let valid = one([0x40, 0x00], 13).withUnsafeBytes { Array($0) }
        #expect(
            Self.decodeError(SecretBytes(copying: valid + [0]), depth: 13, suite: suite)
                == .codec(.trailingBytes(count: 1)))
        #expect(
            Self.decodeError(SecretBytes(copying: Array(valid.dropLast())), depth: 13, suite: suite)
                == .codec(.lengthExceedsInput(length: 13 * 32, available: 13 * 32 - 1)))
        #expect(
            Self.decodeError(SecretBytes(copying: []), depth: 13, suite: suite)
                == .codec(.truncated(needed: 1, available: 0)))
        #expect(Self.decodeError(one([0x40, 0x00], 13), depth: 13, suite: suite) == nil, "the base case is valid")
    }

    @Test("limits are checked before anything is built: stored and inner nodes")
    func limits() throws {
        let suite = try CipherSuite(id: 1)
        let s = [UInt8](repeating: 7, count: 32)
        let one = Self.compact([[0x40, 0x00]], Array(repeating: s, count: 13).flatMap { $0 })
        #expect(Self.decodeError(one, depth: 13, suite: suite, maxStoredNodes: 12) == .tooManyNodes(limit: 12))
        #expect(Self.decodeError(one, depth: 13, suite: suite, maxStoredNodes: 13) == nil)
        // A hostile list: 2^16 points claim E = 0 secrets (the whole domain of b = 16) yet build no trie; a
        // list whose derived state is over the limit is refused after counting, whatever its secrets say.
        let all = Self.compact((0..<65536).map { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, [])
        let whole = try PPRF(
            compactEncoded: all, suite: suite, parameters: PPRFParameters(challengeBits: 16, profile: .mls),
            maxStoredNodes: 0)
        #expect(whole.storedNodeCount == 0 && whole.innerNodeCount == 0)
        let spread = Self.compact((0..<64).map { [UInt8($0 << 2), 0] }, [])
        #expect(Self.decodeError(spread, depth: 16, suite: suite, maxStoredNodes: 100) == .tooManyNodes(limit: 100))
        // Few stored nodes with long private paths: every challenge but 0x0000 and 0xFFFF punctured leaves two
        // stored leaves and 1 + 15 + 15 = 31 inner nodes, over 2 x 2 + 16 = 20.
        let twoLeaves = Self.compact((1..<65535).map { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, s + s)
        #expect(
            Self.decodeError(twoLeaves, depth: 16, suite: suite, maxStoredNodes: 2) == .tooManyInnerNodes(limit: 20))
        let relaxed = try PPRF(
            compactEncoded: twoLeaves, suite: suite, parameters: PPRFParameters(challengeBits: 16, profile: .mls),
            maxStoredNodes: 8)
        #expect(relaxed.storedNodeCount == 2 && relaxed.innerNodeCount == 31)
    }

    @Test("a state puncturing never produces (two stored siblings) is refused by the compact encoder")
    func unrepresentable() throws {
        let suite = try CipherSuite(id: 1)
        var w = TLSWriter()
        w.writeVector { w in
            for prefix: UInt8 in [0x00, 0x80] {
                w.write(UInt16(1))
                w.writeOpaque([prefix])
                w.writeOpaque([UInt8](repeating: 9, count: 32))
            }
        }
        let pprf = try PPRF(
            encoded: SecretBytes(copying: w.bytes), suite: suite,
            parameters: PPRFParameters(challengeBits: 8, profile: .mls))
        #expect(throws: PPRFError.compactUnrepresentable(depth: 0)) { try pprf.compactEncoded() }
        #expect(throws: PPRFError.compactUnrepresentable(depth: 0)) { try pprf.compactEncodedByteCount() }
        // A puncture inside each half gives the root a punctured point on both sides: representable again.
        try pprf.puncture(at: try challenge(0x01, bits: 8))
        try pprf.puncture(at: try challenge(0x81, bits: 8))
        let decoded = try PPRF(
            compactEncoded: try pprf.compactEncoded(), suite: suite,
            parameters: PPRFParameters(challengeBits: 8, profile: .mls))
        #expect(try decoded.encoded() == pprf.encoded())
    }

    @Test("a state whose punctured region spans more than 2^30 bytes of challenges is too large to encode")
    func tooLarge() throws {
        let suite = try CipherSuite(id: 1)
        // A canonical state of one node at prefix 0 (b = 64): the right half, 2^63 challenges, is punctured.
        var w = TLSWriter()
        w.writeVector { w in
            w.write(UInt16(1))
            w.writeOpaque([0x00])
            w.writeOpaque([UInt8](repeating: 9, count: 32))
        }
        let pprf = try PPRF(
            encoded: SecretBytes(copying: w.bytes), suite: suite,
            parameters: PPRFParameters(challengeBits: 64, profile: .mls))
        #expect(throws: PPRFError.encodingTooLarge(bytes: (1 << 50) * 8, limit: PPRF.maxEncodedBodyBytes)) {
            try pprf.compactEncoded()
        }
    }
}
