import MLSCore
import PPRFProtection
import PuncturablePRF
import WorkingGroupDesign

/// The answers to uncoordinated sending by the emulators of one virtual client, run side by side: the draft's
/// (draft-kohbrok-mls-virtual-clients, "Sending application messages", and "PPRF-based Challenges") and the
/// working group's later design (draft-ietf-mls-virtual-clients-01 section 5.6; SPEC.md appendix A).
public enum SendingStrategy: String, Sendable, CaseIterable {
    /// The plain RFC 9420 secret tree: every emulator sends at its own next generation.
    case rfc9420
    /// "Key generation allotments": emulator e uses generations e, e + E, e + 2E, ...
    case allotment
    /// "Separate secret tree": one ratchet per emulator under the virtual client's leaf (its sender data
    /// names the emulator).
    case subRatchets = "sub-ratchets"
    /// This package's PPRF construction (SPEC.md).
    case pprf
    /// The published drafts' challenge-based secret tree (profile `cbst`).
    case cbst
    /// draft-ietf-mls-virtual-clients-01 with a strongly consistent DS (section 5.6.3): computed reuse guards,
    /// generation IDs, and a DS that rejects a duplicate generation, after which the emulator retries at the
    /// next one.
    case wg01Strong = "wg01-strong"
    /// draft-ietf-mls-virtual-clients-01 with an eventually consistent DS (section 5.6.3): computed reuse
    /// guards, no generation IDs; emulators retain what they sent and re-send it under a fresh generation after
    /// seeing a sibling's message on the same one.
    case wg01Eventual = "wg01-eventual"

    /// What another member of the higher-level group learns about which emulator sent.
    public var senderLeak: String {
        switch self {
        case .rfc9420: "nothing beyond the virtual client (but keys are reused)"
        case .allotment: "the emulator index (generation mod E)"
        case .subRatchets: "the emulator index (sender data)"
        case .pprf, .cbst: "nothing beyond the virtual client"
        case .wg01Strong, .wg01Eventual:
            "nothing beyond the virtual client (sibling emulators: the sender's emulation leaf, reuse_guard mod N_e)"
        }
    }

    /// What the delivery service learns beyond the RFC 9420 traffic of the group (draft-ietf-mls-virtual-clients-01
    /// section 5.6.3 concedes that generation IDs identify virtual-client traffic to the DS).
    public var deliveryServiceLeak: String {
        switch self {
        case .rfc9420, .allotment, .subRatchets: "nothing (sender data and generation are encrypted)"
        case .pprf, .cbst: "nothing (the challenge in authenticated_data is uniformly random)"
        case .wg01Strong: DeliveryServiceConsistency.strong.revealsToDS
        case .wg01Eventual: DeliveryServiceConsistency.eventual.revealsToDS
        }
    }

    /// The DS setting of the working group's strategies; `nil` for the others.
    public var workingGroupConsistency: DeliveryServiceConsistency? {
        switch self {
        case .wg01Strong: .strong
        case .wg01Eventual: .eventual
        default: nil
        }
    }

    /// Whether receivers hold a PPRF state (and the memory budget applies).
    var usesPPRF: Bool { self == .pprf || self == .cbst }
}

/// One epoch of a higher-level group in which a virtual client (the last leaf) is emulated by E emulators
/// that send K application messages in total without coordination, delivered to M other members.
public struct SimulationConfig: Sendable {
    /// Emulators E.
    public var emulators: Int
    /// Other members M (the receivers).
    public var members: Int
    /// Messages K in total, sent round-robin by the emulators.
    public var messages: Int
    /// Challenge bits for `pprf` and `cbst`.
    public var challengeBits: Int
    /// PRG profile for `pprf`.
    public var profile: PRGProfile
    /// Deliver in a random order (otherwise in sending order).
    public var reorder: Bool
    /// Cipher suite.
    public var suiteID: UInt16
    /// Memory budget of each PPRF state in bytes (receivers and emulators): the engine's node limit follows
    /// from it (`PPRF.maxStoredNodes(forMemoryBudget:suite:challengeBits:)`), and a run whose receivers would need
    /// more is refused up front with ``StrategySimulator/SimulationError/exceedsMemoryBudget(messages:maximum:budget:challengeBits:)``.
    public var memoryBudget: Int

    /// A configuration.
    public init(
        emulators: Int, members: Int, messages: Int, challengeBits: Int = 64, profile: PRGProfile = .mls,
        reorder: Bool = true,
        suiteID: UInt16 = 1, memoryBudget: Int = PPRF.defaultMemoryBudget
    ) {
        self.emulators = emulators
        self.members = members
        self.messages = messages
        self.challengeBits = challengeBits
        self.profile = profile
        self.reorder = reorder
        self.suiteID = suiteID
        self.memoryBudget = memoryBudget
    }
}

/// What one strategy did in one simulated epoch.
public struct SimulationResult: Sendable {
    /// The strategy.
    public let strategy: SendingStrategy
    /// Deliveries that failed to decrypt, summed over the receivers.
    public let failedDecryptions: Int
    /// (message, receiver) pairs the receiver never decrypted: equal to ``failedDecryptions`` except where a
    /// failed message arrives again (the working group's resends).
    public let undeliveredMessages: Int
    /// Messages delivered to the members whose AEAD key another delivered message had already used.
    public let keyReuses: Int
    /// Messages sent (rejected attempts and resends included) whose AEAD key *and* nonce repeat another's:
    /// the reuse that leaks the XOR of two plaintexts. RFC 9420's random reuse guard makes it unlikely
    /// (2^-32 per pair of same-key messages); the working group's computed one makes it impossible.
    public let keyNonceReuses: Int
    /// Attempts the DS rejected as duplicate generations (`wg01-strong`; 0 for the others).
    public let rejectedByDS: Int
    /// Messages re-encrypted and re-sent after a collision (`wg01-eventual`; 0 for the others).
    public let resentMessages: Int
    /// Decryptions of a message the receiver already had (`wg01-eventual`: the application deduplicates).
    public let duplicateDeliveries: Int
    /// The largest receiver state during the epoch, in secret bytes (tree nodes, ratchets, retained keys, PPRF nodes).
    public let receiverStateBytes: Int
    /// Microseconds per message: its sends (attempts and resends included) plus one receive.
    public let microsecondsPerMessage: Double
    /// Bytes handed to the DS per application message: every MLSMessage sent (attempts and resends
    /// included) plus the working group's generation IDs.
    public let wireBytesPerMessage: Double
    /// pprf and cbst: the largest receiver allocation measured at the end of the epoch (`PPRF.bytesHeld`);
    /// `nil` for the secret-tree strategies.
    public let receiverBytesHeld: Int?
    /// The working group's strategies: everything `WorkingGroupStrategy` measured (emulator retention,
    /// sender attribution by siblings, generation-ID bytes); `nil` for the others.
    public let workingGroup: WorkingGroupSimulationResult?
}

/// Runs the strategies.
public enum StrategySimulator {
    /// Errors of the simulator's own making.
    public enum SimulationError: Error, Equatable, Sendable {
        /// E, M and K must be at least 1, K at most 1,000,000, b in 1...256 and the budget at least 1 byte;
        /// the working group's strategies need E and M at most 1024 and K at most 100,000.
        case invalidConfiguration(String)
        /// pprf and cbst: `messages` received in one epoch would need more receiver state at b =
        /// `challengeBits` than `budget` bytes hold; a receiver holds at most `maximum` messages per epoch.
        case exceedsMemoryBudget(messages: Int, maximum: Int, budget: Int, challengeBits: Int)
    }

    /// The most messages a PPRF receiver of `config` holds in one epoch within its memory budget.
    public static func maximumMessages(_ config: SimulationConfig) throws -> Int {
        let suite = try CipherSuite(id: config.suiteID)
        let k = PPRF.maxPunctures(
            forMemoryBudget: config.memoryBudget, suite: suite, profile: config.profile,
            challengeBits: config.challengeBits)
        return Int(min(k, 1e15))
    }

    /// Runs `strategy` once: checks the configuration, then runs the working group's design
    /// (`WorkingGroupStrategy`) or one epoch of the secret-tree and PPRF strategies (the steps of `SimulationRun`).
    public static func run(_ config: SimulationConfig, strategy: SendingStrategy) throws -> SimulationResult {
        let suite = try validate(config, strategy: strategy)
        if let consistency = strategy.workingGroupConsistency {
            return try runWorkingGroup(config, strategy: strategy, consistency: consistency)
        }
        var run = try SimulationRun(config, strategy: strategy, suite: suite)
        try run.send()
        return try run.result(run.deliver())
    }

    /// Refuses what the strategy cannot run: counts out of range, an unknown suite, and (pprf, cbst) more
    /// messages than the receivers' memory budget holds.
    static func validate(_ config: SimulationConfig, strategy: SendingStrategy) throws -> CipherSuite {
        guard config.emulators >= 1, config.members >= 1, config.messages >= 1, config.messages <= 1_000_000,
            (1...256).contains(config.challengeBits), config.memoryBudget >= 1
        else {
            throw SimulationError.invalidConfiguration("E, M >= 1, 1 <= K <= 1000000, 1 <= b <= 256, budget >= 1 byte")
        }
        if strategy.workingGroupConsistency != nil {
            guard config.emulators <= 1024, config.members <= 1024, config.messages <= 100_000 else {
                throw SimulationError.invalidConfiguration("E, M <= 1024 and K <= 100000 for \(strategy.rawValue)")
            }
        }
        let suite = try CipherSuite(id: config.suiteID)
        if strategy.usesPPRF {
            let maximum = try maximumMessages(config)
            guard config.messages <= maximum else {
                throw SimulationError.exceedsMemoryBudget(
                    messages: config.messages, maximum: maximum, budget: config.memoryBudget,
                    challengeBits: config.challengeBits)
            }
        }
        return suite
    }

    /// The working group's design in one DS setting, its figures in the comparison's terms.
    static func runWorkingGroup(
        _ config: SimulationConfig, strategy: SendingStrategy, consistency: DeliveryServiceConsistency
    ) throws -> SimulationResult {
        let r = try WorkingGroupStrategy.run(
            WorkingGroupSimulationConfig(
                emulators: config.emulators, members: config.members, messages: config.messages,
                reorder: config.reorder, suiteID: config.suiteID, consistency: consistency))
        return SimulationResult(
            strategy: strategy, failedDecryptions: r.failedDecryptions, undeliveredMessages: r.undeliveredMessages,
            keyReuses: r.keyReuses, keyNonceReuses: r.keyNonceReuses, rejectedByDS: r.rejectedByDS,
            resentMessages: r.resentMessages, duplicateDeliveries: r.duplicateDeliveries,
            receiverStateBytes: r.receiverStateBytes, microsecondsPerMessage: r.microsecondsPerMessage,
            wireBytesPerMessage: r.wireBytesPerMessage + r.generationIDBytesPerMessage, receiverBytesHeld: nil,
            workingGroup: r)
    }
}
