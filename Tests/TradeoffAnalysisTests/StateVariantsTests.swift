import ChallengeMath
import Foundation
import JSONSupport
import MLSCore
import MLSCrypto
import PuncturablePRF
import TestSupport
import Testing
import TradeoffAnalysis

/// The variants that cut the receiver state (SPEC.md Appendix B): derivations against simulation and real
/// states, and the strict JSON of `pprf variants`.
@Suite("state variants")
struct StateVariantsTests {
    /// 1 - prod_{i<k} (1 - i/n), computed directly (small n only).
    static func birthday(values n: Double, messages k: Int) -> Double {
        var complement = 1.0
        for i in 0..<k { complement *= 1 - Double(i) / n }
        return 1 - complement
    }

    @Test(
        "variant 1: Monte Carlo at b = 8, G = 2^4 agrees with P(b, k) and P(b + 4, k) within 4 sigma",
        arguments: [12, 20, 40])
    func reuseGuardMonteCarlo(messages k: Int) {
        let trials = 20_000
        let result = StateVariants.monteCarlo(challengeBits: 8, guardBits: 4, messages: k, trials: trials, seed: 99)
        #expect(result.trials == trials)
        let delivery = CollisionProbability(challengeBits: 8, messages: Double(k)).probability
        let keyNonce = CollisionProbability(challengeBits: 12, messages: Double(k)).probability
        // The calculator's P(b + g, k) is the direct birthday product over N G values.
        #expect(abs(keyNonce - Self.birthday(values: 4096, messages: k)) < 1e-12)
        #expect(abs(delivery - Self.birthday(values: 256, messages: k)) < 1e-12)
        for (observed, p) in [(result.challengeCollisions, delivery), (result.keyNonceCollisions, keyNonce)] {
            let sigma = (p * (1 - p) / Double(trials)).squareRoot()
            #expect(
                abs(Double(observed) / Double(trials) - p) < 4 * sigma, "observed \(observed) of \(trials), p = \(p)")
        }
        // Key-and-nonce reuse needs a challenge repeat first.
        #expect(result.keyNonceCollisions <= result.challengeCollisions)
    }

    @Test("variant 1: at k = 2^20 the guard turns b = 103 into 71 (D 2^-32, C 2^-64) and b is minimal")
    func reuseGuardBits() {
        let k = 0x1p20
        #expect(
            StateVariants.requiredBits(messages: k, log2Delivery: -32, log2Confidentiality: -64, guarded: false) == 103)
        #expect(
            StateVariants.requiredBits(messages: k, log2Delivery: -32, log2Confidentiality: -64, guarded: true) == 71)
        // When delivery is the tighter target, the guard buys nothing beyond it.
        let b = StateVariants.requiredBits(messages: k, log2Delivery: -60, log2Confidentiality: -64, guarded: true)
        #expect(b == 99)
        #expect(CollisionProbability(challengeBits: b, messages: k).log2Probability <= -60)
        #expect(CollisionProbability(challengeBits: b - 1, messages: k).log2Probability > -60)
        #expect(CollisionProbability(challengeBits: b + 32, messages: k).log2Probability <= -64)
    }

    @Test("variant 1: every report row meets both targets with the guard and needs 4 guard bytes")
    func reuseGuardRows() {
        let rows = StateVariants.reuseGuardRows()
        #expect(rows.count == StateVariants.targets.count * StateVariants.messageCounts.count)
        for r in rows {
            let p = CollisionProbability(challengeBits: r.bitsWithGuard, messages: r.messages)
            let reuse = CollisionProbability(challengeBits: r.bitsWithGuard + 32, messages: r.messages)
            #expect(p.log2Probability <= r.log2Delivery && reuse.log2Probability <= r.log2Confidentiality)
            #expect(r.wireWithGuard == (r.bitsWithGuard + 7) / 8 + 4)
            #expect(r.bitsWithoutGuard - r.bitsWithGuard == 32)
            #expect(r.nodesWithGuard < r.nodesWithoutGuard)
        }
    }

    /// A seeded state and its sorted punctured challenges.
    static func state(bits: Int, punctures: Int, seed: UInt64) throws -> (PPRF, [[UInt8]]) {
        let pprf = try StateVariants.freshState(bits: bits)
        var points: [[UInt8]] = []
        var rng = SplitMix64(seed: seed)
        try StateVariants.puncture(pprf, until: punctures, points: &points, rng: &rng)
        return (pprf, points.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test(
        "variant 2: prefixes derived from the sorted punctured set are the engine's stored nodes",
        arguments: [(8, 0), (8, 1), (8, 200), (13, 500), (64, 300), (256, 40)])
    func derivedPrefixes(bits: Int, punctures: Int) throws {
        let (pprf, points) = try Self.state(bits: bits, punctures: punctures, seed: UInt64(bits * 1000 + punctures))
        let derived = StateVariants.derivedStoredPrefixes(sortedPunctured: points, bits: bits)
        let engine = pprf.storedNodes()
        #expect(derived.count == engine.count)
        #expect(derived.map(\.0) == engine.map(\.prefixLength))
        #expect(derived.map(\.1) == engine.map(\.prefix))
        #expect(try StateVariants.checkedDerivedCount(pprf, sortedPunctured: points) == pprf.storedNodeCount)
    }

    @Test("variant 2: the compact size formula is the length of the encoding of a real state")
    func compactSizeOfRealStates() throws {
        for (b, k) in [(8, 0), (64, 50), (128, 400), (256, 300)] {
            let (pprf, points) = try Self.state(bits: b, punctures: k, seed: UInt64(7 * b + k))
            var writer = TLSWriter()
            writer.writeOpaque(points.flatMap { $0 })
            var secrets: [UInt8] = []
            for node in pprf.storedNodes() { node.secret.withUnsafeBytes { secrets.append(contentsOf: $0) } }
            writer.writeOpaque(secrets)
            let formula = StateVariants.compactBytes(
                punctures: Double(k), storedNodes: Double(pprf.storedNodeCount), bits: b, secretSize: 32)
            #expect(Double(writer.bytes.count) == formula, "b = \(b), k = \(k)")
            // The engine's encoder (SPEC section 3.2) writes exactly these bytes: the analysis's model and the
            // implementation agree byte for byte.
            #expect(try pprf.compactEncoded().withUnsafeBytes { Array($0) } == writer.bytes, "b = \(b), k = \(k)")
            #expect(try pprf.compactEncodedByteCount() == writer.bytes.count)
        }
        #expect(StateVariants.compactBytes(punctures: 0, storedNodes: 1, bits: 256, secretSize: 32) == 34)
    }

    @Test("variant 2: measured sizes agree with the closed forms within 2%, and b = 256 saves 35-45%")
    func compactAgainstClosedForm() throws {
        for (b, k) in [(64, 1_000), (256, 1_000)] {
            let (pprf, points) = try Self.state(bits: b, punctures: k, seed: UInt64(b))
            let compact = StateVariants.compactBytes(
                punctures: Double(k), storedNodes: Double(pprf.storedNodeCount), bits: b, secretSize: 32)
            let expected = StateVariants.expectedCompactBytes(bits: b, punctures: Double(k), secretSize: 32)
            #expect(abs(compact / expected - 1) < 0.02)
            #expect(points.count == k)
            let saving = 1 - compact / Double(pprf.encodedByteCount)
            if b == 256 { #expect(saving > 0.35 && saving < 0.45, "saving \(saving)") }
        }
    }

    @Test("variant 2: a wrong punctured set is reported as a derived-state mismatch")
    func derivedMismatch() throws {
        let (pprf, points) = try Self.state(bits: 64, punctures: 20, seed: 5)
        let engine = pprf.storedNodeCount
        let derived = StateVariants.derivedStoredCount(sortedPunctured: Array(points.dropLast()), bits: 64)
        #expect(derived != engine)
        #expect(
            throws: StateVariantsError.derivedStateMismatch(bits: 64, punctures: 19, derived: derived, engine: engine)
        ) {
            try StateVariants.checkedDerivedCount(pprf, sortedPunctured: Array(points.dropLast()))
        }
    }

    @Test("variant 3: the 32-byte tree is domain separated, and halves suite 5's secrets, cuts suite 7's by a third")
    func shortNodes() throws {
        #expect(try StateVariants.shortNodesAreDomainSeparated(suiteID: 5))
        #expect(try StateVariants.shortNodesAreDomainSeparated(suiteID: 7))
        for r in StateVariants.nodeSizeRows() {
            #expect(abs(r.rawBytes32 / r.rawBytes - (r.suite == 5 ? 0.5 : 32.0 / 48.0)) < 1e-12)
            #expect(r.canonicalBytes32 < r.canonicalBytes)
        }
        #expect(throws: StateVariantsError.mls(.unsupportedCipherSuite(4))) {
            try StateVariants.shortNodesAreDomainSeparated(suiteID: 4)
        }
    }

    @Test("variant 4: bytes held lie between today's layout floor and the floor plus 25% link growth and one chunk")
    func memoryLayout() throws {
        let (pprf, points) = try Self.state(bits: 256, punctures: 200, seed: 3)
        let row = StateVariants.MemoryRow(
            targetNodes: 0, measured: true, punctures: Double(points.count), storedNodes: Double(pprf.storedNodeCount),
            bytesHeld: pprf.bytesHeld)
        let links = 8 * (row.storedNodes + row.punctures)
        #expect(Double(pprf.bytesHeld) >= row.layoutFloor)
        #expect(Double(pprf.bytesHeld) <= row.layoutFloor + 0.25 * links + 64 * 4 + 8)
        #expect(row.layoutFloor / row.rawBytes > 1.25)
        let k: Double = StateVariants.puncturesReaching(nodes: 1e7, bits: 256)
        let nodes: Double = StateSize.expectedStoredNodes(challengeBits: 256, punctures: k)
        #expect(abs(nodes / 1e7 - 1) < 1e-3)
    }

    @Test("variant 4: a state reserved for its k holds no more than the growing one and no less than the floor")
    func reservedLayout() throws {
        let (grown, points) = try Self.state(bits: 256, punctures: 300, seed: 11)
        let reserved = try StateVariants.freshState(bits: 256)
        reserved.reserveCapacity(forPunctures: points.count)
        for bytes in points { try reserved.puncture(at: try Challenge(bytes: bytes, challengeBits: 256)) }
        let row = StateVariants.MemoryRow(
            targetNodes: 0, measured: true, punctures: Double(points.count), storedNodes: Double(grown.storedNodeCount),
            bytesHeld: grown.bytesHeld, bytesHeldReserved: reserved.bytesHeld)
        #expect(reserved.storedNodeCount == grown.storedNodeCount)
        #expect(try reserved.encoded() == grown.encoded())
        #expect(try #require(row.bytesHeldReserved) <= grown.bytesHeld)
        #expect(Double(reserved.bytesHeld) >= row.layoutFloor)
    }

    @Test("recommend's state models: compact shrinks the encoding, short-nodes the secrets of suites 5 and 7 only")
    func stateModels() {
        let k = 1e4
        let canonical = RecommendationStateModel.canonical.expectedEncodedBytes(
            challengeBits: 256, punctures: k, suiteHashSize: 32)
        let compact = RecommendationStateModel.compact.expectedEncodedBytes(
            challengeBits: 256, punctures: k, suiteHashSize: 32)
        #expect(canonical == StateSize.expectedEncodedBytes(challengeBits: 256, punctures: k, secretSize: 32))
        #expect(compact == StateVariants.expectedCompactBytes(bits: 256, punctures: k, secretSize: 32))
        #expect(1 - compact / canonical > 0.35)
        #expect(RecommendationStateModel.shortNodes.secretSize(suiteHashSize: 64) == 32)
        #expect(RecommendationStateModel.compact.secretSize(suiteHashSize: 64) == 64)
        #expect(!RecommendationStateModel.shortNodes.isDefined(suiteHashSize: 32))
        #expect(RecommendationStateModel.shortNodes.isDefined(suiteHashSize: 48))
        #expect(RecommendationStateModel.shortNodes.profile(otherwise: .mls) == .mls32)
        #expect(RecommendationStateModel.compact.profile(otherwise: .blake2b) == .blake2b)
        let short = RecommendationStateModel.shortNodes.expectedEncodedBytes(
            challengeBits: 128, punctures: k, suiteHashSize: 64)
        #expect(short == StateSize.expectedEncodedBytes(challengeBits: 128, punctures: k, secretSize: 32))
    }

    @Test("recommend refuses profile mls32 for a suite with KDF.Nh = 32 and accepts it for suites 5 and 7")
    func recommendProfileMls32() throws {
        #expect(
            throws: RecommendationError.invalidInput(
                option: "--profile", reason: "mls32 needs a suite with KDF.Nh > 32 (5 or 7)")
        ) {
            try Workload(messagesPerEpoch: 1000, target: .perEpoch(log2: -32), suiteID: 1, profile: .mls32)
        }
        for suite: UInt16 in [5, 7] {
            let workload = try Workload(
                messagesPerEpoch: 1000, target: .perEpoch(log2: -32), suiteID: suite, profile: .mls32)
            #expect(workload.profile == .mls32)
        }
    }

    @Test("the engine's and the suite's errors surface as typed errors")
    func typedErrors() {
        #expect(throws: StateVariantsError.engine(.invalidChallengeBits(0))) { try StateVariants.freshState(bits: 0) }
        #expect(throws: StateVariantsError.mls(.unsupportedCipherSuite(6))) {
            try StateVariants.freshState(bits: 64, suiteID: 6)
        }
        #expect(throws: StateVariantsError.nonFiniteNumber(field: "$.x[1]")) {
            try StateVariantsReport.strictJSON(.object([("x", .array([.double(1), .double(.infinity)]))]))
        }
        #expect(throws: StateVariantsError.nonFiniteNumber(field: "$")) {
            try StateVariantsReport.strictJSON(.double(.nan))
        }
    }

    @Test("writing into a path that is a file fails with a typed write error")
    func writeError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("variants-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { unlink(file.path) }
        let report = try StateVariantsReport.run(quick: true) { _ in }
        #expect {
            _ = try report.write(to: file)
        } throws: { error in
            if case .write = error as? StateVariantsError { return true }
            return false
        }
    }

    @Test("pprf variants --quick --format json prints one strict JSON object with every section")
    func toolJSON() throws {
        let run = try ToolProcess.run(["variants", "--quick", "--format", "json"])
        let data = Data(run.stdout.utf8)
        #expect(run.status == 0, "\(run)")
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["reuse_guard", "reuse_guard_monte_carlo", "compact_encoding", "node_size", "memory"] {
            #expect(object[key] != nil, "\(key)")
        }
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(!text.contains("inf") && !text.contains("nan"))
        let rows = try #require(object["reuse_guard"] as? [[String: Any]])
        #expect(rows.count == 16)
        #expect(rows.first?["bits_with_guard"] as? Int == StateVariants.reuseGuardRows().first?.bitsWithGuard)
    }

    @Test("the command rejects a bad format and an empty output folder with exit 64")
    func toolRejectsBadOptions() throws {
        for arguments in [
            ["variants", "--format", "yaml"], ["variants", "--output-dir", " "], ["variants", "--quick=2"],
        ] {
            let run = try ToolProcess.run(arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(!run.stderr.isEmpty)
        }
    }
}

extension StateVariantsTests {
    @Test("an output folder that is a file gives exit 1 and a sentence naming the path")
    func toolRejectsFileAsFolder() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("variants-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { unlink(file.path) }
        let run = try ToolProcess.run(["variants", "--quick", "--output-dir", file.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot write \(file.path)"), "\(run.stderr)")
    }
}

extension StateVariantsTests {
    @Test("the committed computed tables (reuse guard, node size) are current")
    func committedComputedTablesAreCurrent() throws {
        let report = try StateVariantsReport.run(quick: true) { _ in }
        for (name, table) in [
            ("variants-reuse-guard.csv", report.reuseGuardTable), ("variants-node-size.csv", report.nodeSizeTable),
        ] {
            let committed = try String(contentsOf: analysisDirectory.appendingPathComponent(name), encoding: .utf8)
            #expect(committed == table.csv, "Analysis/\(name) is stale: swift run pprf variants --output-dir Analysis")
        }
        #expect(report.reuseGuardPlot.render().contains("<polyline"))
    }
}
