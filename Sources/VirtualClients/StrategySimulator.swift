import Foundation
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// The draft's answers to uncoordinated sending by the emulators of one virtual client, run side by side
/// (draft-kohbrok-mls-virtual-clients, "Sending application messages", and "PPRF-based Challenges").
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

    /// What another member learns about which emulator sent.
    public var senderLeak: String {
        switch self {
        case .rfc9420: "nothing beyond the virtual client (but keys are reused)"
        case .allotment: "the emulator index (generation mod E)"
        case .subRatchets: "the emulator index (sender data)"
        case .pprf, .cbst: "nothing beyond the virtual client"
        }
    }
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
    /// from it (`PPRF.maxStoredNodes(forMemoryBudget:suite:depth:)`), and a run whose receivers would need
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
    /// Messages whose AEAD key had already been used by another message.
    public let keyReuses: Int
    /// The largest receiver state during the epoch, in secret bytes (tree nodes, ratchets, retained keys, PPRF nodes).
    public let receiverStateBytes: Int
    /// Microseconds per message: one send plus one receive.
    public let microsecondsPerMessage: Double
    /// Mean MLSMessage size in bytes.
    public let wireBytesPerMessage: Double
    /// pprf and cbst: the largest receiver allocation measured at the end of the epoch (`PPRF.bytesHeld`);
    /// `nil` for the secret-tree strategies.
    public let receiverBytesHeld: Int?
}

/// Runs the strategies.
public enum StrategySimulator {
    /// Errors of the simulator's own making.
    public enum SimulationError: Error, Equatable, Sendable {
        /// E, M and K must be at least 1, K at most 1,000,000, b in 1...256 and the budget at least 1 byte.
        case invalidConfiguration(String)
        /// pprf and cbst: `messages` received in one epoch would need more receiver state at b =
        /// `challengeBits` than `budget` bytes hold; a receiver holds at most `maximum` messages per epoch.
        case exceedsMemoryBudget(messages: Int, maximum: Int, budget: Int, challengeBits: Int)
    }

    /// The most messages a PPRF receiver of `config` holds in one epoch within its memory budget.
    public static func maximumMessages(_ config: SimulationConfig) throws -> Int {
        let suite = try CipherSuite(id: config.suiteID)
        let k = PPRF.maxPunctures(
            forMemoryBudget: config.memoryBudget, secretSize: suite.nh, depth: config.challengeBits)
        return Int(min(k, 1e15))
    }

    /// Runs `strategy` once.
    public static func run(_ config: SimulationConfig, strategy: SendingStrategy) throws -> SimulationResult {
        guard config.emulators >= 1, config.members >= 1, config.messages >= 1, config.messages <= 1_000_000,
            (1...256).contains(config.challengeBits), config.memoryBudget >= 1
        else {
            throw SimulationError.invalidConfiguration("E, M >= 1, 1 <= K <= 1000000, 1 <= b <= 256, budget >= 1 byte")
        }
        let suite = try CipherSuite(id: config.suiteID)
        if strategy == .pprf || strategy == .cbst {
            let maximum = try maximumMessages(config)
            guard config.messages <= maximum else {
                throw SimulationError.exceedsMemoryBudget(
                    messages: config.messages, maximum: maximum, budget: config.memoryBudget,
                    challengeBits: config.challengeBits)
            }
        }
        let leafCount = UInt32(config.members + 1)
        let vcLeaf = UInt32(config.members)
        var parameters = PPRFParameters(challengeBits: config.challengeBits, profile: config.profile)
        if strategy == .cbst { parameters.profile = .cbst }
        let context = GroupContext(
            cipherSuite: suite.id, groupID: Array("higher-level group".utf8), epoch: 1,
            treeHash: [UInt8](repeating: 1, count: suite.nh),
            confirmedTranscriptHash: [UInt8](repeating: 2, count: suite.nh),
            extensions: [parameters.groupContextExtension])
        let epoch = try EpochContext(
            suite: suite, groupContext: context, senderDataSecret: try SecretBytes.random(count: suite.nh),
            membershipKey: nil)
        let encryptionSecret = try SecretBytes.random(count: suite.nh)
        let signing = try suite.signature.generatePrivateKey()
        let publicKey = try suite.signature.publicKey(for: signing)
        let keys: (UInt32) -> [UInt8]? = { _ in publicKey }

        // Sub-ratchets: a secret tree with one leaf per emulator under the virtual client's leaf secret; its
        // "leaf index" in the sender data is the emulator's.
        var rfcTemplate = try RFC9420MessageProtector(
            epoch: epoch, encryptionSecret: encryptionSecret, leafCount: leafCount)
        if strategy == .subRatchets {
            // A stand-in for the virtual client's leaf secret: the model needs only some root for the sub-tree.
            let root = try suite.expandWithLabel(encryptionSecret, label: "sub-ratchets", context: [], length: suite.nh)
            rfcTemplate = try RFC9420MessageProtector(
                epoch: epoch, encryptionSecret: root, leafCount: UInt32(config.emulators))
        }
        let pprfTemplate =
            strategy == .pprf || strategy == .cbst
            ? try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryptionSecret) : nil
        // Every PPRF state (the emulators' and the receivers' copies) gets the node limit of the budget.
        pprfTemplate?.state.maxStoredNodes = PPRF.maxStoredNodes(
            forMemoryBudget: config.memoryBudget, suite: suite, depth: config.challengeBits)

        var sent: [(message: PrivateMessage, keyID: [UInt8])] = []
        var sendNanos: UInt64 = 0
        var rfcEmulators = Array(repeating: rfcTemplate, count: config.emulators)
        let pprfEmulators = (0..<config.emulators).map { _ in pprfTemplate?.copy() }
        var perEmulator = Array(repeating: 0, count: config.emulators)
        for i in 0..<config.messages {
            let e = i % config.emulators
            let body = ContentBody.application(Array("message \(i)".utf8))
            let start = DispatchTime.now().uptimeNanoseconds
            let message: PrivateMessage
            switch strategy {
            case .rfc9420:
                message = try rfcEmulators[e].protect(body: body, senderLeaf: vcLeaf, signaturePrivateKey: signing)
            case .allotment:
                let generation = UInt32(e + perEmulator[e] * config.emulators)
                message = try rfcEmulators[e].protect(
                    body: body, senderLeaf: vcLeaf, signaturePrivateKey: signing, generation: generation)
            case .subRatchets:
                message = try rfcEmulators[e].protect(body: body, senderLeaf: UInt32(e), signaturePrivateKey: signing)
            case .pprf, .cbst:
                message = try pprfEmulators[e]!.protect(body: body, senderLeaf: vcLeaf, signaturePrivateKey: signing)
            }
            sendNanos += DispatchTime.now().uptimeNanoseconds - start
            perEmulator[e] += 1
            // Which key the message used: the challenge (PPRF) or (leaf, generation) from the sender data.
            let keyID: [UInt8]
            if strategy == .pprf || strategy == .cbst {
                keyID = Array(message.authenticatedData.prefix(parameters.challengeBytes))
            } else {
                let data = try SenderData(tlsDecoding: try epoch.openSenderData(message))
                keyID =
                    SenderData(leafIndex: data.leafIndex, generation: data.generation, reuseGuard: [0, 0, 0, 0])
                    .tlsEncoded
            }
            sent.append((message, keyID))
        }

        var seen = Set<[UInt8]>()
        let keyReuses = sent.filter { !seen.insert($0.keyID).inserted }.count
        var failures = 0
        var receiveNanos: UInt64 = 0
        var largestState = 0
        var largestAllocation: Int?
        for _ in 0..<config.members {
            var rfcReceiver = rfcTemplate
            let pprfReceiver = pprfTemplate?.copy()
            var order = Array(sent.indices)
            if config.reorder { order.shuffle() }
            for (received, index) in order.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                do {
                    if let pprfReceiver {
                        _ = try pprfReceiver.unprotect(sent[index].message, signaturePublicKey: keys)
                    } else {
                        _ = try rfcReceiver.unprotect(sent[index].message, signaturePublicKey: keys)
                    }
                } catch PPRFMessageError.pprf(.tooManyNodes(_)) {
                    // The state's random variation went past the budget's headroom: say so, never count it
                    // as a failed decryption.
                    throw SimulationError.exceedsMemoryBudget(
                        messages: config.messages, maximum: received, budget: config.memoryBudget,
                        challengeBits: config.challengeBits)
                } catch {
                    failures += 1
                }
                receiveNanos += DispatchTime.now().uptimeNanoseconds - start
                if pprfReceiver == nil { largestState = max(largestState, rfcReceiver.secretTree.secretBytesHeld) }
            }
            // A PPRF state only grows within an epoch: its end is its peak.
            if let pprfReceiver {
                largestState = max(largestState, pprfReceiver.state.secretBytesHeld)
                largestAllocation = max(largestAllocation ?? 0, pprfReceiver.state.bytesHeld)
            }
        }
        let wire = sent.reduce(0) { $0 + MLSMessage.privateMessage($1.message).tlsEncoded.count }
        let k = Double(config.messages)
        return SimulationResult(
            strategy: strategy, failedDecryptions: failures, keyReuses: keyReuses, receiverStateBytes: largestState,
            microsecondsPerMessage: (Double(sendNanos) / k + Double(receiveNanos) / (k * Double(config.members)))
                / 1000,
            wireBytesPerMessage: Double(wire) / k, receiverBytesHeld: largestAllocation)
    }
}
