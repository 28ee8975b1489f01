import ChallengeMath
import Foundation
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// "How far PPRF challenges scale": a receiver's state measured on the real engine as it grows to a memory
/// budget and beyond (issue 11), next to the closed form E(b, k) and the engine's allocation model.
///
/// For each b a receiver `PPRFMessageProtector` (suite 1, profile `blake2b`, whose walk is the cheapest; the
/// state's layout and lookups do not depend on the profile) receives random punctures. On the way the run
/// records bytes held, the encoded length, lookup and unprotect times, and the k at which the allocation
/// passes each budget.
public struct ScaleMeasurement: Sendable {
    /// Memory sampled while the state grows.
    public struct Sample: Sendable {
        /// Challenge bits b.
        public let bits: Int
        /// Punctures k so far (messages received).
        public let punctures: Int
        /// Stored nodes measured.
        public let storedNodes: Int
        /// The closed form E(b, k).
        public let expectedNodes: Double
        /// `PPRF.bytesHeld` measured.
        public let bytesHeld: Int
        /// `PPRF.memoryBound(storedNodes:punctures:challengeBits:secretSize:)` at E(b, k).
        public let modelBytes: Double
        /// `PPRF.encodedByteCount` measured.
        public let encodedBytes: Int
        /// `StateSize/expectedEncodedBytes(challengeBits:punctures:secretSize:)`.
        public let expectedEncodedBytes: Double
    }

    /// Times taken at a checkpoint.
    public struct Timing: Sendable {
        /// The state when timed.
        public let sample: Sample
        /// Median nanoseconds of one lookup (`isPunctured` at a random challenge: the trie walk alone).
        public let lookupNanoseconds: Double
        /// Median microseconds of one unprotect of a 100-byte message (look up, decrypt, verify, puncture).
        public let unprotectMicroseconds: Double
    }

    /// Where the allocation passed a budget, next to the model's bound.
    public struct Crossing: Sendable {
        /// Challenge bits b.
        public let bits: Int
        /// The budget in bytes.
        public let budget: Int
        /// `PPRF.maxPunctures(forMemoryBudget:secretSize:challengeBits:)`: the rotation bound `pprf recommend` gives.
        public let modelPunctures: Double
        /// Bytes held measured after exactly ``modelPunctures`` punctures (`nil` when the run stopped before).
        public let bytesHeldAtModel: Int?
        /// The first k at which the measured allocation exceeded the budget (`nil` when never reached).
        public let measuredPunctures: Int?
    }

    /// Memory samples, every half power of two of stored nodes.
    public var samples: [Sample] = []
    /// Timed checkpoints.
    public var timings: [Timing] = []
    /// Budget crossings.
    public var crossings: [Crossing] = []
    /// The challenge lengths measured.
    public var bits: [Int] = []
    /// The budgets tracked.
    public var budgets: [Int] = []
    /// The most stored nodes a run went to (10^7, or the engine's hard limit when lower).
    public var nodeCeiling = 0
    /// Whether this was a `--quick` run (smaller budgets and state).
    public var quick = false

    /// The budgets of the full run: 16, 64 and 256 MiB.
    public static let fullBudgets = [16 << 20, 64 << 20, 256 << 20]

    /// Runs the measurement: b in {64, 96, 128, 256} up to the largest budget (16 MiB when `quick`), and
    /// the first b further to 10^7 stored nodes (10^6 when `quick`; `nodeCeiling` when given) for cache
    /// effects. Progress goes to `progress`.
    public static func run(
        quick: Bool, bits: [Int] = [64, 96, 128, 256], budgets: [Int]? = nil, nodeCeiling: Int? = nil,
        progress: (String) -> Void
    ) throws -> ScaleMeasurement {
        var m = ScaleMeasurement()
        m.quick = quick
        m.bits = bits
        m.budgets = budgets ?? (quick ? [16 << 20] : fullBudgets)
        // Below the hard limit by room for the timed unprotects (each adds at most b nodes).
        m.nodeCeiling = min(nodeCeiling ?? (quick ? 1_000_000 : 10_000_000), PPRF.storedNodeLimit - 64 * 256)
        for b in bits {
            let deepest = b == bits.first ? m.nodeCeiling : 0
            try m.fill(bits: b, extraNodes: deepest, progress: progress)
        }
        return m
    }

    /// Sender, receiver and keys for one b.
    private struct Fixture {
        let sender: PPRFMessageProtector
        let receiver: PPRFMessageProtector
        let signing: SecretBytes
        let keys: @Sendable (UInt32) -> [UInt8]?

        init(bits b: Int) throws {
            let suite = try CipherSuite(id: 1)
            let context = GroupContext(
                cipherSuite: 1, groupID: Array("scale".utf8), epoch: 1, treeHash: [], confirmedTranscriptHash: [],
                extensions: [try PPRFParameters(challengeBits: b, profile: .blake2b).groupContextExtension])
            let epoch = try EpochContext(
                suite: suite, groupContext: context,
                senderDataSecret: SecretBytes(copying: [UInt8](repeating: 2, count: 32)), membershipKey: nil)
            let secret = try SecretBytes.random(count: 32)
            sender = try PPRFMessageProtector(epoch: epoch, encryptionSecret: secret)
            receiver = try PPRFMessageProtector(epoch: epoch, encryptionSecret: secret)
            receiver.state.maxStoredNodes = PPRF.storedNodeLimit
            signing = try suite.signature.generatePrivateKey()
            let publicKey = try suite.signature.publicKey(for: signing)
            keys = { _ in publicKey }
        }
    }

    /// Punctures one receiver at b until its allocation passes every budget and it holds `extraNodes` nodes.
    private mutating func fill(bits b: Int, extraNodes: Int, progress: (String) -> Void) throws {
        let f = try Fixture(bits: b)
        let state = f.receiver.state
        let tracked = budgets
        let models = tracked.map { PPRF.maxPunctures(forMemoryBudget: $0, secretSize: 32, challengeBits: b) }
        var atModel = [Int?](repeating: nil, count: tracked.count)
        var crossed = [Int?](repeating: nil, count: tracked.count)
        var found: [Sample] = []
        var k = 0
        var nextSample = 1024.0
        var checkpoints = [10_000, 100_000, 1_000_000, 10_000_000] + (quick ? [] : [30_000, 300_000, 3_000_000])
        checkpoints = checkpoints.filter { $0 <= max(extraNodes, 1_000) }.sorted()
        if extraNodes == 0 {
            checkpoints = [10_000, 100_000, 1_000_000, 3_000_000].filter { quick ? $0 <= 100_000 : true }
        }
        var timed: [Timing] = []
        let largest = tracked.max() ?? 0
        progress(
            "scale: b = \(b), up to \(Format.bytes(Double(largest)))"
                + (extraNodes > 0 ? " and \(extraNodes) nodes" : ""))
        func observe() {
            let held = state.bytesHeld
            for i in tracked.indices {
                if crossed[i] == nil && held > tracked[i] { crossed[i] = k }
                if Double(k) == models[i] { atModel[i] = held }
            }
            if Double(state.storedNodeCount) >= nextSample {
                found.append(Self.sampleNow(state, bits: b, punctures: k))
                nextSample *= 2.0.squareRoot()
            }
        }
        // Times lookups and unprotects at the current state; each timed unprotect punctures once more.
        func timeHere() throws {
            progress(
                "  b = \(b): \(state.storedNodeCount) nodes, \(Format.bytes(Double(state.bytesHeld))) held: timing")
            timed.append(
                try Self.time(f, bits: b, quick: quick, punctures: k) {
                    k += 1
                    observe()
                })
        }
        while crossed.contains(where: { $0 == nil }) || state.storedNodeCount < extraNodes {
            if let next = checkpoints.first, state.storedNodeCount >= next {
                checkpoints.removeFirst()
                try timeHere()
                continue
            }
            let x = try Challenge.random(challengeBits: b)
            if try state.isPunctured(x) { continue }
            guard try Self.puncture(state, at: x) else {
                progress("  b = \(b): the engine's hard limit of \(PPRF.storedNodeLimit) nodes stops the run")
                break
            }
            k += 1
            observe()
        }
        if extraNodes > 0 { try timeHere() }
        found.append(Self.sampleNow(state, bits: b, punctures: k))
        samples += found
        timings += timed
        for i in tracked.indices {
            crossings.append(
                Crossing(
                    bits: b, budget: tracked[i], modelPunctures: models[i], bytesHeldAtModel: atModel[i],
                    measuredPunctures: crossed[i]))
        }
    }

    /// Lookup and unprotect times at the current state (after `k` punctures); each unprotect punctures once
    /// more and calls `received`.
    private static func time(
        _ f: Fixture, bits b: Int, quick: Bool, punctures k: Int, received: () -> Void
    ) throws -> Timing {
        let state = f.receiver.state
        let before = sampleNow(state, bits: b, punctures: k)
        let challenges = try (0..<2_000).map { _ in try Challenge.random(challengeBits: b) }
        var batches: [Double] = []
        for _ in 0..<(quick ? 3 : 7) {
            let start = DispatchTime.now().uptimeNanoseconds
            for x in challenges { _ = try state.isPunctured(x) }
            batches.append(Double(DispatchTime.now().uptimeNanoseconds - start) / Double(challenges.count))
        }
        let body = ContentBody.application([UInt8](repeating: 0x61, count: 100))
        var samples: [Double] = []
        for _ in 0..<(quick ? 15 : 41) {
            let message = try f.sender.protect(body: body, senderLeaf: 1, signaturePrivateKey: f.signing)
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                _ = try f.receiver.unprotect(message, signaturePublicKey: f.keys)
            } catch {
                if error == .challengeReused { continue }  // the random fill punctured the receiver there
                if error == .pprf(.tooManyNodes(limit: state.maxStoredNodes)) { break }  // at the hard limit
                throw error
            }
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
            received()
        }
        func median(_ v: [Double]) -> Double { v.isEmpty ? .nan : v.sorted()[v.count / 2] }
        return Timing(sample: before, lookupNanoseconds: median(batches), unprotectMicroseconds: median(samples))
    }

    /// Punctures at `x`; false when the engine refuses with its node limit.
    private static func puncture(_ state: PPRF, at x: Challenge) throws -> Bool {
        do {
            try state.puncture(at: x)
            return true
        } catch {
            if error == PPRFError.tooManyNodes(limit: state.maxStoredNodes) { return false }
            throw error
        }
    }

    private static func sampleNow(_ state: PPRF, bits b: Int, punctures k: Int) -> Sample {
        let e = StateSize.expectedStoredNodes(challengeBits: b, punctures: Double(k))
        return Sample(
            bits: b, punctures: k, storedNodes: state.storedNodeCount, expectedNodes: e, bytesHeld: state.bytesHeld,
            modelBytes: PPRF.memoryBound(storedNodes: e, punctures: Double(k), challengeBits: b, secretSize: 32),
            encodedBytes: state.encodedByteCount,
            expectedEncodedBytes: StateSize.expectedEncodedBytes(challengeBits: b, punctures: Double(k), secretSize: 32)
        )
    }
}
