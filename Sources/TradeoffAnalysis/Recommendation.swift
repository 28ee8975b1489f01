import ChallengeMath
import Foundation
import MLSCore
import PPRFProtection
import PuncturablePRF

/// What a deployment asks of PPRF challenges (`pprf recommend`, issue 11): its messages, its groups and
/// epochs, a collision target and a receiver memory budget.
public struct Workload: Sendable, Equatable {
    /// The collision target: per epoch, or over every epoch of every group (independent epochs).
    public enum Target: Sendable, Equatable {
        /// log2 of the largest acceptable probability that a challenge repeats within one epoch.
        case perEpoch(log2: Double)
        /// log2 of the largest acceptable probability that a challenge repeats in any epoch of any group.
        case total(log2: Double)
    }

    /// Messages per epoch (as the deployment would run without a memory limit).
    public let messagesPerEpoch: Double
    /// Groups.
    public let groups: Double
    /// Epochs per group over the deployment's life.
    public let epochs: Double
    /// The target.
    public let target: Target
    /// Memory budget per receiver per group, in bytes.
    public let memoryBudget: Int
    /// The cipher suite.
    public let suite: CipherSuite
    /// The PRG profile: the one given, or `mls32` with the `short-nodes` variant.
    public let profile: PRGProfile
    /// Length of the application's own authenticated data (changes the wire overhead).
    public let applicationAADLength: Int
    /// The epoch length in seconds, when known (gives the rotation interval in seconds).
    public let epochSeconds: Double?
    /// The variants of SPEC.md Appendix B assumed (``RecommendationVariant``).
    public let variants: Set<RecommendationVariant>
    /// log2 of the delivery-failure target (a challenge repeats, so a receiver refuses a message), of the same
    /// kind as ``target`` (per epoch or total); `nil` means the same value as ``target``. Without the reuse
    /// guard both events coincide, so b meets the smaller of the two.
    public let deliveryTarget: Double?

    /// A validated workload: counts in 1...2^53, targets below 1, a budget of at least one byte, a profile
    /// the suite supports, an AAD length that fits an MLS `<V>` vector, and variants the suite and profile
    /// support (`short-nodes` needs KDF.Nh > 32 and profile `mls` or `mls32`, and makes the profile `mls32`).
    public init(
        messagesPerEpoch: Double, groups: Double = 1, epochs: Double = 1, target: Target,
        memoryBudget: Int = PPRF.defaultMemoryBudget, suiteID: UInt16 = 1, profile: PRGProfile = .mls,
        applicationAADLength: Int = 0, epochSeconds: Double? = nil, variants: Set<RecommendationVariant> = [],
        deliveryTarget: Double? = nil
    ) throws(RecommendationError) {
        if let d = deliveryTarget, !(d.isFinite && d < 0 && d >= -100_000) {
            throw .invalidInput(
                option: "--delivery-target", reason: "log2 of the target must be in -100000..<0, got \(d)")
        }
        for (name, value) in [("--messages", messagesPerEpoch), ("--groups", groups), ("--epochs", epochs)] {
            guard value.isFinite, value >= 1, value <= RecommendationInput.maximumCount, value == value.rounded() else {
                throw .invalidInput(option: name, reason: "must be a whole number in 1...2^53, got \(value)")
            }
        }
        switch target {
        case .perEpoch(let t), .total(let t):
            guard t.isFinite, t < 0, t >= -100_000 else {
                throw .invalidInput(option: "--target", reason: "log2 of the target must be in -100000..<0, got \(t)")
            }
        }
        guard memoryBudget >= 1 else {
            throw .invalidInput(option: "--memory-budget", reason: "must be at least 1 byte, got \(memoryBudget)")
        }
        guard let suite = try? CipherSuite(id: suiteID) else {
            throw .invalidInput(option: "--suite", reason: "must be 1, 2, 3, 5 or 7, got \(suiteID)")
        }
        guard profile != .blake2b || suite.nh == 32 else {
            throw .invalidInput(option: "--profile", reason: "blake2b needs a suite with KDF.Nh = 32 (1, 2 or 3)")
        }
        guard profile != .mls32 || suite.nh > 32 else {
            throw .invalidInput(option: "--profile", reason: "mls32 needs a suite with KDF.Nh > 32 (5 or 7)")
        }
        if variants.contains(.shortNodes) {
            guard suite.nh > 32 else {
                throw .invalidInput(
                    option: "--variant",
                    reason:
                        "short-nodes needs a suite with KDF.Nh > 32 (5 or 7); suite \(suiteID) has KDF.Nh = \(suite.nh)"
                )
            }
            guard profile == .mls || profile == .mls32 else {
                throw .invalidInput(
                    option: "--variant",
                    reason: "short-nodes is profile mls32 and cannot be combined with --profile \(profile)")
            }
        }
        guard (0...((1 << 30) - 1 - 32)).contains(applicationAADLength) else {
            throw .invalidInput(option: "--aad-length", reason: "must be in 0...\((1 << 30) - 33) bytes")
        }
        if let epochSeconds, !(epochSeconds.isFinite && epochSeconds > 0) {
            throw .invalidInput(option: "--epoch-seconds", reason: "must be positive and finite")
        }
        self.messagesPerEpoch = messagesPerEpoch
        self.groups = groups
        self.epochs = epochs
        self.target = target
        self.memoryBudget = memoryBudget
        self.suite = suite
        self.profile = variants.contains(.shortNodes) ? .mls32 : profile
        self.applicationAADLength = applicationAADLength
        self.epochSeconds = epochSeconds
        self.variants = variants
        self.deliveryTarget = deliveryTarget
    }

    /// The receiver-state model the variants and the profile give (node size and encoding).
    public var stateModel: RecommendationStateModel { RecommendationStateModel(variants: variants, profile: profile) }

    /// The bytes of one stored node secret: the profile's node size (KDF.Nh, or 32 for `mls32`; SPEC 3.1).
    public var nodeSecretBytes: Int { profile.nodeSize(for: suite) }

    /// The same workload without any variant (profile `mls` where `short-nodes` made it `mls32`), for the
    /// comparison a recommendation with variants shows; `nil` without variants.
    public var withoutVariants: Workload? {
        guard !variants.isEmpty else { return nil }
        // Every field was validated by this initialiser and removing variants only drops constraints.
        return try? Workload(
            messagesPerEpoch: messagesPerEpoch, groups: groups, epochs: epochs, target: target,
            memoryBudget: memoryBudget, suiteID: suite.id, profile: variants.contains(.shortNodes) ? .mls : profile,
            applicationAADLength: applicationAADLength, epochSeconds: epochSeconds, variants: [],
            deliveryTarget: deliveryTarget)
    }

    /// log2 of the delivery-failure target as used: ``deliveryTarget``, or the target's value.
    public var log2DeliveryTarget: Double {
        if let deliveryTarget { return deliveryTarget }
        switch target {
        case .perEpoch(let t), .total(let t): return t
        }
    }
}

/// The answer for a ``Workload``: the challenge length, the epoch length the memory budget allows, and what
/// it costs (issue 11; SPEC.md section 9).
public struct Recommendation: Sendable {
    /// The workload answered.
    public let workload: Workload
    /// The smallest b meeting the target when epochs carry at most ``messagesPerEpochMax`` messages.
    public let challengeBits: Int
    /// The largest k whose expected receiver state at b (plus headroom for its random variation) fits the
    /// budget: the group must rotate its epoch at least every this many messages (infinity, `null` in JSON,
    /// when the budget holds the tree's state over its whole life).
    public let messagesPerEpochMax: Double
    /// Messages in each epoch as run: min(workload messages, ``messagesPerEpochMax``).
    public let messagesPerRunEpoch: Double
    /// Epochs that each workload epoch becomes: ceil(messages / ``messagesPerEpochMax``).
    public let epochsPerWorkloadEpoch: Double
    /// log2 of the probability that a challenge repeats within one epoch as run.
    public let log2ProbabilityPerEpoch: Double
    /// log2 of the probability of a repeat in any epoch of any group, `1 - (1 - P)^(G E n)`.
    public let log2ProbabilityTotal: Double
    /// log2 of the probability that some pair of messages repeats key and nonce within one epoch as run:
    /// ``log2ProbabilityPerEpoch`` without the reuse guard, P(b + 32, k) with it (SPEC.md Appendix B.1).
    public let log2KeyNonceReusePerEpoch: Double
    /// The same over every epoch of every group.
    public let log2KeyNonceReuseTotal: Double
    /// Expected stored nodes after ``messagesPerEpochMax`` messages (after the workload's messages when that
    /// is infinite; likewise for the two sizes below).
    public let receiverStoredNodes: Double
    /// Expected bytes held in memory after ``messagesPerEpochMax`` messages (the engine's allocation model,
    /// `PPRF.memoryBound(storedNodes:punctures:challengeBits:secretSize:)`).
    public let receiverStateBytes: Double
    /// Expected length of the state's encoding after ``messagesPerEpochMax`` messages: the canonical
    /// PPRFState, or PPRFCompactState with the `compact` variant (``Workload/stateModel``).
    public let receiverStateEncodedBytes: Double
    /// The engine's node limit for this budget (`PPRF.maxStoredNodes(forMemoryBudget:suite:challengeBits:)`).
    public let nodeLimit: Int
    /// Bytes per message over RFC 9420 (SPEC.md section 8).
    public let wireOverheadBytes: Int
    /// CPU per message from ``CPUModel`` (`nil` for uncalibrated suites).
    public let cpu: CPUModel.Estimate?
    /// Whether the workload as given fits: some b meets the target and its epochs fit the budget.
    public let feasible: Bool
    /// Why (a sentence, also when feasible).
    public let reason: String
    /// What would make it feasible (`nil` when feasible).
    public let suggestion: String?
    /// The budget that would hold an unrotated workload epoch at ``unrotatedBits`` (`nil` when not needed or
    /// beyond the engine's hard node limit).
    public let requiredMemoryBudget: Double?
    /// The smallest b meeting the target without rotation (`nil` when none up to 256 does).
    public let unrotatedBits: Int?
    /// What bounds the epoch: `"memory_budget"`, `"node_limit"` (the engine's hard `PPRF.storedNodeLimit`,
    /// reached before the budget) or `"none"` (the budget holds the tree's whole life).
    public let boundBy: String
    /// The same workload's answer without the variants (`nil` without variants): what they change.
    public let withoutVariants: Baseline?

    /// The figures of the answer without variants that a recommendation with variants is compared to.
    public struct Baseline: Sendable, Equatable {
        /// b without the variants.
        public let challengeBits: Int
        /// The rotation bound without the variants.
        public let messagesPerEpochMax: Double
        /// Bytes held at the rotation bound without the variants.
        public let receiverStateBytes: Double
        /// The canonical encoding's length there, with KDF.Nh-byte nodes unless the profile is `mls32`.
        public let receiverStateEncodedBytes: Double
        /// Wire overhead without the variants.
        public let wireOverheadBytes: Int
    }

    /// One challenge length evaluated for a workload.
    struct Candidate {
        let bits: Int
        let kMax: Double
        let kRun: Double
        let splits: Double
        let log2PerEpoch: Double
        let log2Total: Double
        let log2ReusePerEpoch: Double
        let log2ReuseTotal: Double
        let meets: Bool
    }

    /// log2 of `1 - (1 - P)^T` from P's log-domain representation (exact for independent epochs).
    static func log2Total(_ p: CollisionProbability, epochs t: Double) -> Double {
        if p.regime == .certain { return 0 }
        let lnY = Foundation.log(t) + p.lnNegLnComplement  // ln(-ln(1 - P_total))
        if lnY == -.infinity { return -.infinity }
        let y = Foundation.exp(lnY)
        if y > 0.5 { return Foundation.log2(-expm1(-y)) }
        let g = y < 1e-300 ? 1 : -expm1(-y) / y
        return (lnY + Foundation.log(g)) / M_LN2
    }

    static func candidate(_ w: Workload, bits b: Int, budget: Bool = true) -> Candidate {
        let kMax =
            budget
            ? PPRF.maxPunctures(forMemoryBudget: w.memoryBudget, secretSize: w.nodeSecretBytes, challengeBits: b)
            : .infinity
        let kRun = min(w.messagesPerEpoch, kMax)
        let splits = kMax == 0 ? .infinity : w.messagesPerEpoch <= kMax ? 1 : (w.messagesPerEpoch / kMax).rounded(.up)
        let p = CollisionProbability(challengeBits: b, messages: kRun)
        let perEpoch = kMax == 0 ? 0 : p.log2Probability
        let total = kMax == 0 ? 0 : log2Total(p, epochs: w.groups * w.epochs * splits)
        // Key and nonce repeat when challenge and guard do: the birthday bound over 2^(b + guard bits) values.
        let guardBits = RecommendationVariant.guardBits(w.variants)
        let reuse = guardBits == 0 ? p : CollisionProbability(challengeBits: b + guardBits, messages: kRun)
        let reusePerEpoch = kMax == 0 ? 0 : reuse.log2Probability
        let reuseTotal = kMax == 0 ? 0 : log2Total(reuse, epochs: w.groups * w.epochs * splits)
        let meets: Bool
        switch w.target {
        case .perEpoch(let t): meets = kMax >= 1 && reusePerEpoch <= t && perEpoch <= w.log2DeliveryTarget
        case .total(let t): meets = kMax >= 1 && reuseTotal <= t && total <= w.log2DeliveryTarget
        }
        return Candidate(
            bits: b, kMax: kMax, kRun: kRun, splits: splits, log2PerEpoch: perEpoch, log2Total: total,
            log2ReusePerEpoch: reusePerEpoch, log2ReuseTotal: reuseTotal, meets: meets)
    }

    /// Computes the recommendation: an exhaustive scan of b = 1...256 (each with an exact integer search
    /// for its epoch bound), so the smallest qualifying b is found even where qualification is not monotone.
    public static func compute(_ w: Workload) -> Recommendation {
        let chosen = (1...256).lazy.map { candidate(w, bits: $0) }.first(where: \.meets)
        let unrotated = (1...256).lazy.map { candidate(w, bits: $0, budget: false) }.first(where: \.meets)
        let c = chosen ?? candidate(w, bits: 256)
        let baseline = w.withoutVariants.map { plain in
            let r = compute(plain)
            return Baseline(
                challengeBits: r.challengeBits, messagesPerEpochMax: r.messagesPerEpochMax,
                receiverStateBytes: r.receiverStateBytes, receiverStateEncodedBytes: r.receiverStateEncodedBytes,
                wireOverheadBytes: r.wireOverheadBytes)
        }
        return Recommendation(
            workload: w, candidate: c, found: chosen != nil, unrotated: unrotated, baseline: baseline)
    }

    init(workload w: Workload, candidate c: Candidate, found: Bool, unrotated: Candidate?, baseline: Baseline?) {
        let nh = w.nodeSecretBytes
        withoutVariants = baseline
        let b = c.bits
        workload = w
        challengeBits = b
        messagesPerEpochMax = c.kMax
        messagesPerRunEpoch = c.kRun
        epochsPerWorkloadEpoch = c.splits
        log2ProbabilityPerEpoch = c.log2PerEpoch
        log2ProbabilityTotal = c.log2Total
        log2KeyNonceReusePerEpoch = c.log2ReusePerEpoch
        log2KeyNonceReuseTotal = c.log2ReuseTotal
        // The state at the rotation bound; where the budget never binds, at the workload's own epoch.
        let stateK = c.kMax.isFinite ? c.kMax : c.kRun
        receiverStoredNodes = stateK < 1 ? 1 : StateSize.expectedStoredNodes(challengeBits: b, punctures: stateK)
        receiverStateBytes = PPRF.memoryBound(
            storedNodes: receiverStoredNodes, punctures: stateK, challengeBits: b, secretSize: nh)
        receiverStateEncodedBytes = w.stateModel.expectedEncodedBytes(
            challengeBits: b, punctures: stateK, suiteHashSize: w.suite.nh)
        nodeLimit = PPRF.maxStoredNodes(
            forMemoryBudget: w.memoryBudget, suite: w.suite, profile: w.profile, challengeBits: b)
        wireOverheadBytes = PPRFWireOverhead.bytes(
            challengeBits: b, applicationAADLength: w.applicationAADLength,
            reuseGuard: w.variants.contains(.reuseGuard))
        cpu = CPUModel.estimate(suiteID: w.suite.id, profile: w.profile, challengeBits: b)
        unrotatedBits = unrotated?.bits
        if !c.kMax.isFinite {
            boundBy = "none"
        } else {
            // The hard limit binds when the next message would still fit the budget's bytes.
            let next = c.kMax + 1
            let nodes =
                StateSize.expectedStoredNodes(challengeBits: b, punctures: next) + PPRF.stateHeadroom(punctures: next)
            let bytes = PPRF.memoryBound(
                storedNodes: nodes, punctures: next + PPRF.stateHeadroom(punctures: next), challengeBits: b,
                secretSize: nh)
            boundBy = c.kMax >= 1 && bytes <= Double(w.memoryBudget) ? "node_limit" : "memory_budget"
        }
        var required: Double?
        if let u = unrotated {
            let k = w.messagesPerEpoch
            let nodes =
                StateSize.expectedStoredNodes(challengeBits: u.bits, punctures: k) + PPRF.stateHeadroom(punctures: k)
            if nodes <= Double(PPRF.storedNodeLimit) {
                required = PPRF.memoryBound(
                    storedNodes: nodes, punctures: k + PPRF.stateHeadroom(punctures: k), challengeBits: u.bits,
                    secretSize: nh
                ).rounded(.up)
            }
        }
        let m = Format.count(w.messagesPerEpoch)
        let budget = Format.bytes(Double(w.memoryBudget))
        if !found {
            feasible = false
            requiredMemoryBudget = required
            if c.kMax < 1 {
                let oneMessage = PPRF.memoryBound(
                    storedNodes: Double(b) + PPRF.stateHeadroom(punctures: 1),
                    punctures: 1 + PPRF.stateHeadroom(punctures: 1),
                    challengeBits: b, secretSize: nh)
                reason = "the memory budget (\(budget)) is below the state of a single received message"
                suggestion =
                    "raise --memory-budget to at least \(Format.bytes(oneMessage.rounded(.up)))"
                    + (required.map { " (\(Format.bytes($0)) holds \(m) messages per epoch unrotated)" } ?? "")
            } else {
                reason =
                    "no challenge length up to 256 bits meets the target: at b = 256 with epochs of at most "
                    + "\(Format.count(c.kRun)) messages the probability is 2^\(Format.fixed(Self.targetValue(c, w.target), 1))"
                suggestion =
                    "relax the target to at least 2^\(Format.fixed(Self.targetValue(c, w.target), 1)), or run fewer epochs or groups"
            }
        } else if w.messagesPerEpoch <= c.kMax {
            feasible = true
            requiredMemoryBudget = nil
            reason =
                "\(m) messages per epoch at b = \(b) need about "
                + "\(Format.bytes(PPRF.memoryBound(storedNodes: StateSize.expectedStoredNodes(challengeBits: b, punctures: w.messagesPerEpoch), punctures: w.messagesPerEpoch, challengeBits: b, secretSize: nh))) "
                + "of receiver state, within the budget of \(budget)"
            suggestion = nil
        } else {
            feasible = false
            requiredMemoryBudget = required
            reason =
                "\(m) messages per epoch exceed what the \(budget) budget holds at b = \(b)"
                + (boundBy == "node_limit"
                    ? " under the engine's hard limit of \(PPRF.storedNodeLimit) stored nodes: " : ": ")
                + "\(Format.count(c.kMax)) messages (\(Format.bytes(receiverStateBytes)) of receiver state)"
            var s =
                "rotate the epoch (commit) at least every \(Format.count(c.kMax)) messages"
                + (w.epochSeconds.map { " (every \(Format.duration($0 * c.kMax / w.messagesPerEpoch)))" } ?? "")
                + ": \(Format.count(c.splits)) epochs per workload epoch, for which b = \(b) meets the target"
            if let required, let u = unrotatedBits {
                s += "; or raise --memory-budget to \(Format.bytes(required)) (then b = \(u), no rotation)"
            } else {
                s +=
                    "; the engine's hard limit of \(Format.count(Double(PPRF.storedNodeLimit))) stored nodes cannot hold \(m) "
                s += "messages per epoch at any b meeting the target, so rotation is the only way"
            }
            suggestion = s
        }
    }

    /// The quantity the target constrains, for a candidate.
    private static func targetValue(_ c: Candidate, _ target: Workload.Target) -> Double {
        switch target {
        case .perEpoch: c.log2PerEpoch
        case .total: c.log2Total
        }
    }
}
