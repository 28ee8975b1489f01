import ChallengeMath
import Foundation

/// Variants that cut the receiver state (SPEC.md Appendix B; ours, not the draft's): the computations behind
/// `pprf variants` and Analysis/cutting-the-state.md.
///
/// Variant 1 (``ReuseGuardRow``) keeps RFC 9420's 4-byte reuse guard, variant 2 (``CompactRow``) is a compact
/// state encoding, variant 3 (``NodeSizeRow``) uses 32-byte inner nodes for suites with KDF.Nh > 32, variant 4
/// (``MemoryRow``) looks at the in-memory representation. Every number is either computed (closed forms
/// and the exact birthday probability of `CollisionProbability`) or measured on real `PuncturablePRF`
/// states built from a seeded generator, so the report is reproducible byte for byte.
public enum StateVariants {
    /// The guard size of variant 1 in bits (RFC 9420 section 6.3.2: `opaque reuse_guard[4]`).
    public static let guardBits = 32
    /// The messages per epoch at which the report evaluates state (SPEC.md Appendix B.1).
    public static let messageCounts: [Double] = [1e3, 1e4, 1e5, 1e6]
    /// The (delivery, confidentiality) targets, as log2 of a probability per epoch (SPEC.md Appendix B.1).
    public static let targets: [(delivery: Double, confidentiality: Double)] = [
        (-20, -64), (-20, -128), (-32, -64), (-32, -128),
    ]
    /// Bytes of one raw node secret for suites with KDF.Nh = 32 (suites 1, 2, 3).
    public static let nodeSecretBytes = 32
    /// The CPU model's cost of one GGM level (both children) in microseconds: suite 1, profile `mls`, the
    /// per-level figure of ``CPUModel`` (its calibration run's median fresh evaluate-and-puncture at b = 256
    /// divided by 256, Analysis/cpu-measured.csv). A model, not a measurement of this run: CPU per message is
    /// proportional to b.
    public static let microsecondsPerLevel = (CPUModel.perLevelNanoseconds(suiteID: 1, profile: .mls) ?? 0) / 1000

    /// One row of variant 1: for k messages and a pair of targets, the b each scheme needs and what it costs.
    public struct ReuseGuardRow: Sendable, Equatable {
        /// log2 of the delivery-failure target (any challenge repeats in the epoch).
        public let log2Delivery: Double
        /// log2 of the confidentiality target (some pair repeats key and nonce).
        public let log2Confidentiality: Double
        /// Messages per epoch.
        public let messages: Double
        /// b without a guard (SPEC.md section 4): a repeated challenge repeats key and nonce, so b must meet
        /// both targets.
        public let bitsWithoutGuard: Int
        /// b with the guard: P(b, k) <= delivery and P(b + 32, k) <= confidentiality.
        public let bitsWithGuard: Int
        /// Expected stored nodes E(b, k) without and with the guard (closed form).
        public let nodesWithoutGuard: Double
        /// Expected stored nodes with the guard.
        public let nodesWithGuard: Double
        /// Wire bytes per message for challenge (and guard): ceil(b/8), and ceil(b/8) + 4.
        public var wireWithoutGuard: Int { (bitsWithoutGuard + 7) / 8 }
        /// Challenge bytes plus the 4 guard bytes of sender data (4 more bytes of AEAD output).
        public var wireWithGuard: Int { (bitsWithGuard + 7) / 8 + 4 }
        /// The relative state saving, 1 - E_guard / E_none.
        public var stateSaving: Double { 1 - nodesWithGuard / nodesWithoutGuard }
    }

    /// The smallest b in 1...256 meeting both targets, with or without the guard (SPEC.md Appendix B.1):
    /// without, `max(b_min(k, d), b_min(k, c))`; with, `max(b_min(k, d), b_min(k, c) - 32, 1)`, because the
    /// key-and-nonce-reuse probability with a uniform guard is exactly P(b + 32, k).
    public static func requiredBits(
        messages k: Double, log2Delivery: Double, log2Confidentiality: Double, guarded: Bool
    )
        -> Int
    {
        let delivery = ChallengeLength.minimumBits(messages: k, log2Target: log2Delivery)
        let confidentiality = ChallengeLength.minimumBits(messages: k, log2Target: log2Confidentiality)
        return guarded ? max(delivery, confidentiality - guardBits, 1) : max(delivery, confidentiality)
    }

    /// Variant 1 for every target pair and message count of the report.
    public static func reuseGuardRows() -> [ReuseGuardRow] {
        var rows: [ReuseGuardRow] = []
        for target in targets {
            for k in messageCounts {
                let plain = requiredBits(
                    messages: k, log2Delivery: target.delivery, log2Confidentiality: target.confidentiality,
                    guarded: false)
                let guarded = requiredBits(
                    messages: k, log2Delivery: target.delivery, log2Confidentiality: target.confidentiality,
                    guarded: true)
                rows.append(
                    ReuseGuardRow(
                        log2Delivery: target.delivery, log2Confidentiality: target.confidentiality, messages: k,
                        bitsWithoutGuard: plain, bitsWithGuard: guarded,
                        nodesWithoutGuard: StateSize.expectedStoredNodes(challengeBits: plain, punctures: k),
                        nodesWithGuard: StateSize.expectedStoredNodes(challengeBits: guarded, punctures: k)))
            }
        }
        return rows
    }

    /// The outcome of a Monte Carlo run of variant 1 with small parameters.
    public struct MonteCarloResult: Sendable, Equatable {
        /// Trials run.
        public let trials: Int
        /// Trials in which some pair shared the challenge (a delivery failure).
        public let challengeCollisions: Int
        /// Trials in which some pair shared both challenge and guard (key and nonce reused).
        public let keyNonceCollisions: Int
    }

    /// Draws, `trials` times, k independent uniform (challenge, guard) pairs from 2^`challengeBits` x
    /// 2^`guardBits` values with a seeded generator, and counts the trials with a repeated challenge and with
    /// a repeated (challenge, guard) pair. Parameters are small (both at most 20 bits, k at most 4096).
    public static func monteCarlo(challengeBits: Int, guardBits g: Int, messages k: Int, trials: Int, seed: UInt64)
        -> MonteCarloResult
    {
        var rng = SplitMix64(seed: seed)
        var challengeCollisions = 0
        var pairCollisions = 0
        let challengeMask = (UInt64(1) << UInt64(challengeBits)) - 1
        let guardMask = (UInt64(1) << UInt64(g)) - 1
        var seenChallenges = Set<UInt64>()
        var seenPairs = Set<UInt64>()
        for _ in 0..<trials {
            seenChallenges.removeAll(keepingCapacity: true)
            seenPairs.removeAll(keepingCapacity: true)
            var challengeRepeated = false
            var pairRepeated = false
            for _ in 0..<k {
                let x = rng.next() & challengeMask
                let guardValue = rng.next() & guardMask
                if !seenChallenges.insert(x).inserted { challengeRepeated = true }
                if !seenPairs.insert(x << UInt64(g) | guardValue).inserted { pairRepeated = true }
            }
            if challengeRepeated { challengeCollisions += 1 }
            if pairRepeated { pairCollisions += 1 }
        }
        return MonteCarloResult(
            trials: trials, challengeCollisions: challengeCollisions, keyNonceCollisions: pairCollisions)
    }
}
