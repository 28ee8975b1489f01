import MLSCore
import MLSCrypto
import Testing

@testable import PuncturablePRF

@Suite("PPRF properties")
struct PPRFPropertyTests {
    static let profiles: [(UInt16, PRGProfile)] = [(1, .mls), (3, .blake2b), (7, .mls), (1, .cbst)]

    @Test("exhaustive: every subset size for b <= 10, every x outside S unchanged, every x in S punctured")
    func exhaustiveSmallDepths() throws {
        var rng = SeededRandom(seed: 1)
        for (suiteID, profile) in Self.profiles {
            let suite = try CipherSuite(id: suiteID)
            for b in [1, 2, 3, 5, 8, 10] {
                let fresh = try PPRF(
                    secret: rootSecret(suite), suite: suite,
                    parameters: PPRFParameters(challengeBits: b, profile: profile))
                let n = UInt64(1) << UInt64(b)
                let values = try (0..<n).map { try fresh.evaluate(at: challenge($0, bits: b)) }
                #expect(Set(values.map { $0.exportedForTestVectors() }).count == Int(n))  // distinct leaves
                let pprf = fresh.copy()
                var punctured = Set<UInt64>()
                for x in (0..<n).shuffled(using: &rng) {
                    #expect(try pprf.evaluateAndPuncture(at: challenge(x, bits: b)) == values[Int(x)])
                    punctured.insert(x)
                    #expect(throws: PPRFError.punctured) { try pprf.evaluate(at: challenge(x, bits: b)) }
                    #expect(throws: PPRFError.punctured) { try pprf.puncture(at: challenge(x, bits: b)) }
                    // At eight checkpoints: every point outside S keeps its value, every point in S is punctured,
                    // and no stored prefix covers S.
                    if punctured.count % max(1, Int(n) / 8) == 0 {
                        for y in 0..<n {
                            if punctured.contains(y) {
                                #expect(try pprf.isPunctured(challenge(y, bits: b)))
                            } else {
                                #expect(try pprf.evaluate(at: challenge(y, bits: b)) == values[Int(y)])
                            }
                        }
                        try checkNoStoredPrefix(pprf, covers: punctured, bits: b)
                    }
                }
                #expect(pprf.storedNodeCount == 0)
                #expect(pprf.innerNodeCount == 0 && pprf.rootLink == 0)  // every inner node was freed
                #expect(try fresh.evaluate(at: challenge(0, bits: b)) == values[0])  // the copy was independent
            }
        }
    }

    @Test("adversarial sets at b = 64, 128, 256: siblings, neighbours, long shared prefixes, nested splits")
    func adversarialSets() throws {
        let suite = try CipherSuite(id: 1)
        for b in [64, 128, 256] {
            for profile in [PRGProfile.mls, .blake2b] {
                let pprf = try PPRF(
                    secret: rootSecret(suite), suite: suite,
                    parameters: PPRFParameters(challengeBits: b, profile: profile))
                let reference = pprf.copy()
                let bytes = (b + 7) / 8
                let zero = [UInt8](repeating: 0, count: bytes)
                let ones = [UInt8](repeating: 0xFF, count: bytes)
                var lastBit = zero
                lastBit[bytes - 1] = 1
                var secondLast = zero
                secondLast[bytes - 1] = 2
                var high = zero
                high[0] = 0x80
                let set = try [zero, lastBit, secondLast, ones, high].map { try Challenge(bytes: $0, challengeBits: b) }
                for x in set { try pprf.puncture(at: x) }
                // x sharing a (b-1)-bit prefix with punctured points, and points far away, still evaluate.
                var probes = [zero, ones, high, lastBit].map { bytes -> [UInt8] in
                    var p = bytes
                    p[bytes.count - 1] ^= 0x04
                    return p
                }
                var middle = zero
                middle[0] = 0x40
                probes.append(middle)
                for p in probes {
                    let x = try Challenge(bytes: p, challengeBits: b)
                    #expect(try pprf.evaluate(at: x) == reference.evaluate(at: x))
                }
                for x in set { #expect(throws: PPRFError.punctured) { try pprf.evaluate(at: x) } }
                // zero and lastBit are siblings: their parent's subtree is empty, so the trie holds no inner node
                // for it (the link at depth b-1 on zero's path is empty, under an inner node at depth b-2 that
                // still leads to secondLast's sibling), and no inner node anywhere is left without a stored
                // node below it.
                #expect(trieLink(pprf, along: set[0], depth: b - 1) == 0)
                #expect(trieLink(pprf, along: set[0], depth: b - 2).map { $0 != 0 && $0 & 1 == 0 } == true)
                #expect(pprf.innerNodeCount == minimalInnerNodeCount(pprf))
                #expect(pprf.storedNodeCount == pprf.storedNodes().count)
            }
        }
    }

    @Test("random punctures: values outside S unchanged, S punctured, no stored prefix covers S")
    func randomSets() throws {
        var rng = SeededRandom(seed: 7)
        for (suiteID, profile) in Self.profiles {
            let suite = try CipherSuite(id: suiteID)
            for b in [13, 32, 256] {
                let pprf = try PPRF(
                    secret: rootSecret(suite), suite: suite,
                    parameters: PPRFParameters(challengeBits: b, profile: profile))
                let reference = pprf.copy()
                let set = try (0..<40).map { _ in try randomChallenge(bits: b, using: &rng) }
                for x in Set(set) { try pprf.puncture(at: x) }
                for _ in 0..<40 {
                    let y = try randomChallenge(bits: b, using: &rng)
                    if Set(set).contains(y) { continue }
                    #expect(try pprf.evaluate(at: y) == reference.evaluate(at: y))
                }
                for x in set { #expect(throws: PPRFError.punctured) { try pprf.evaluate(at: x) } }
                checkNoStoredPrefix(pprf, covers: set)
            }
        }
    }

    @Test("order independence: the same set in any order gives byte-identical encodings")
    func orderIndependence() throws {
        var rng = SeededRandom(seed: 11)
        let suite = try CipherSuite(id: 2)
        for b in [8, 64, 256] {
            let set = try (0..<30).map { _ in try randomChallenge(bits: b, using: &rng) }
            var encodings: [SecretBytes] = []
            for _ in 0..<4 {
                let pprf = try PPRF(
                    secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: b, profile: .mls)
                )
                for x in Set(set).shuffled(using: &rng) { try pprf.puncture(at: x) }
                encodings.append(try pprf.encoded())
            }
            #expect(encodings.allSatisfy { $0 == encodings[0] })
        }
    }

    @Test("counts: one puncture leaves exactly b nodes; the mean matches the closed form")
    func counts() throws {
        let suite = try CipherSuite(id: 3)
        var rng = SeededRandom(seed: 5)
        for b in [1, 7, 64, 256] {
            let pprf = try PPRF(
                secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: b, profile: .blake2b)
            )
            try pprf.puncture(at: randomChallenge(bits: b, using: &rng))
            #expect(pprf.storedNodeCount == b)
            #expect(pprf.secretBytesHeld == b * 32)
        }
        // Mean over trials against E, within 4 standard errors.
        for (b, k, trials) in [(16, 200, 40), (64, 100, 20), (256, 50, 10)] {
            var samples: [Double] = []
            for _ in 0..<trials {
                let pprf = try PPRF(
                    secret: rootSecret(suite), suite: suite,
                    parameters: PPRFParameters(challengeBits: b, profile: .blake2b))
                var done = 0
                while done < k {
                    let x = try randomChallenge(bits: b, using: &rng)
                    // E counts k draws with replacement; repeats are rare at these sizes (under 1 in 300 states).
                    if try pprf.isPunctured(x) { continue }
                    try pprf.puncture(at: x)
                    done += 1
                }
                samples.append(Double(pprf.storedNodeCount))
            }
            let mean = samples.reduce(0, +) / Double(trials)
            let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(trials - 1)
            let expected = pprf(b).expectedStoredNodes(afterPunctures: Double(k))
            let standardError = max((variance / Double(trials)).squareRoot(), 0.5)
            #expect(abs(mean - expected) <= 4 * standardError, "b=\(b) k=\(k): mean \(mean), E \(expected)")
        }
    }

    @Test("the closed form matches the reference values")
    func closedForm() throws {
        let suite = try CipherSuite(id: 1)
        let e = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 256, profile: .mls))
        #expect(e.expectedStoredNodes(afterPunctures: 1) == 256)
        #expect(abs(e.expectedStoredNodes(afterPunctures: 100) - 24_847) < 1)
        #expect(abs(e.expectedStoredNodes(afterPunctures: 1_000) - 245_145) < 1)
        #expect(abs(e.expectedStoredNodes(afterPunctures: 10_000) - 2_418_223) < 1)
        let e128 = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 128, profile: .mls))
        #expect(abs(e128.expectedStoredNodes(afterPunctures: 1_000) - 117_145) < 1)
    }

    func pprf(_ b: Int) -> PPRF {
        // Only for the closed form; the secret does not matter.
        try! PPRF(
            secret: SecretBytes(copying: [UInt8](repeating: 1, count: 32)), suite: CipherSuite(id: 1),
            parameters: PPRFParameters(challengeBits: b, profile: .mls))
    }

    func checkNoStoredPrefix(_ pprf: PPRF, covers punctured: Set<UInt64>, bits b: Int) throws {
        checkNoStoredPrefix(pprf, covers: try punctured.map { try challenge($0, bits: b) })
    }

    /// No stored node's prefix is a prefix of a punctured point.
    func checkNoStoredPrefix(_ pprf: PPRF, covers punctured: [Challenge]) {
        var coveredPrefixes = Set<[Int]>()
        for x in punctured {
            let bits = bitsOf(x.bytes, x.challengeBits)
            for length in 0...x.challengeBits { coveredPrefixes.insert(Array(bits[0..<length])) }
        }
        for node in pprf.storedNodes() {
            #expect(!coveredPrefixes.contains(bitsOf(node.prefix, node.prefixLength)))
        }
    }
}
