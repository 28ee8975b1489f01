import Foundation
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// One simulated epoch of a secret-tree or PPRF strategy, in the steps `StrategySimulator.run(_:strategy:)`
/// calls: set up the higher-level group's epoch (`init`), let the emulators send (`send()`), deliver to
/// every member (`deliver()`), and summarise (`result(_:)`).
struct SimulationRun {
    /// A message as sent, with the identities of the key and of the (key, nonce) pair it used.
    struct Sent {
        let message: PrivateMessage
        /// The challenge (PPRF) or (leaf, generation) from the sender data.
        let keyID: [UInt8]
        /// `keyID` plus the reuse guard (secret tree); the challenge alone (PPRF: it fixes both).
        let keyNonceID: [UInt8]
    }

    /// What the receivers saw.
    struct Delivery {
        var failures = 0
        var receiveNanos: UInt64 = 0
        var largestState = 0
        var largestAllocation: Int?
    }

    let config: SimulationConfig
    let strategy: SendingStrategy
    let epoch: EpochContext
    let parameters: PPRFParameters
    let vcLeaf: UInt32
    let signing: SecretBytes
    let publicKey: [UInt8]
    /// Every receiver and emulator starts from a copy of this secret tree (secret-tree strategies).
    let rfcTemplate: RFC9420MessageProtector
    /// ... or of this PPRF protector (pprf, cbst).
    let pprfTemplate: PPRFMessageProtector?
    var sent: [Sent] = []
    var sendNanos: UInt64 = 0

    /// The higher-level group's epoch: M members and the virtual client (the last leaf), fresh secrets, and
    /// the templates each strategy's emulators and receivers copy.
    init(_ config: SimulationConfig, strategy: SendingStrategy, suite: CipherSuite) throws {
        self.config = config
        self.strategy = strategy
        vcLeaf = UInt32(config.members)
        let profile = strategy == .cbst ? .cbst : config.profile
        let parameters = try PPRFParameters(challengeBits: config.challengeBits, profile: profile)
        self.parameters = parameters
        let context = GroupContext(
            cipherSuite: suite.id, groupID: Array("higher-level group".utf8), epoch: 1,
            treeHash: [UInt8](repeating: 1, count: suite.nh),
            confirmedTranscriptHash: [UInt8](repeating: 2, count: suite.nh),
            extensions: [parameters.groupContextExtension])
        epoch = try EpochContext(
            suite: suite, groupContext: context, senderDataSecret: try SecretBytes.random(count: suite.nh),
            membershipKey: nil)
        let encryptionSecret = try SecretBytes.random(count: suite.nh)
        signing = try suite.signature.generatePrivateKey()
        publicKey = try suite.signature.publicKey(for: signing)
        if strategy == .subRatchets {
            // Sub-ratchets: a secret tree with one leaf per emulator under a stand-in for the virtual client's
            // leaf secret (the model needs only some root for the sub-tree); its "leaf index" in the sender
            // data is the emulator's.
            let root = try suite.expandWithLabel(encryptionSecret, label: "sub-ratchets", context: [], length: suite.nh)
            rfcTemplate = try RFC9420MessageProtector(
                epoch: epoch, encryptionSecret: root, leafCount: UInt32(config.emulators))
        } else {
            rfcTemplate = try RFC9420MessageProtector(
                epoch: epoch, encryptionSecret: encryptionSecret, leafCount: UInt32(config.members + 1))
        }
        pprfTemplate =
            strategy.usesPPRF ? try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryptionSecret) : nil
        // Every PPRF state (the emulators' and the receivers' copies) gets the node limit of the budget.
        pprfTemplate?.state.maxStoredNodes = PPRF.maxStoredNodes(
            forMemoryBudget: config.memoryBudget, suite: suite, profile: config.profile,
            challengeBits: config.challengeBits)
    }

    /// The emulators send K messages round-robin, each from its own copy of the epoch's state and without
    /// knowing what its siblings sent.
    mutating func send() throws {
        var rfcEmulators = Array(repeating: rfcTemplate, count: config.emulators)
        let pprfEmulators = pprfTemplate.map { template in (0..<config.emulators).map { _ in template.copy() } } ?? []
        var perEmulator = Array(repeating: 0, count: config.emulators)
        for i in 0..<config.messages {
            let e = i % config.emulators
            let body = ContentBody.application(Array("message \(i)".utf8))
            let start = DispatchTime.now().uptimeNanoseconds
            let message: PrivateMessage
            switch strategy {
            case _ where !pprfEmulators.isEmpty:  // pprf, cbst
                message = try pprfEmulators[e].protect(body: body, senderLeaf: vcLeaf, signaturePrivateKey: signing)
            case .allotment:
                let generation = UInt32(e + perEmulator[e] * config.emulators)
                message = try rfcEmulators[e].protect(
                    body: body, senderLeaf: vcLeaf, signaturePrivateKey: signing, generation: generation)
            case .subRatchets:
                message = try rfcEmulators[e].protect(body: body, senderLeaf: UInt32(e), signaturePrivateKey: signing)
            default:  // rfc9420 (the working group's strategies run in `WorkingGroupStrategy`)
                message = try rfcEmulators[e].protect(body: body, senderLeaf: vcLeaf, signaturePrivateKey: signing)
            }
            sendNanos += DispatchTime.now().uptimeNanoseconds - start
            perEmulator[e] += 1
            sent.append(try identify(message))
        }
    }

    /// Which key and nonce `message` used: the challenge (PPRF), or (leaf, generation) and the reuse guard
    /// from the sender data.
    func identify(_ message: PrivateMessage) throws -> Sent {
        if strategy.usesPPRF {
            let challenge = Array(message.authenticatedData.prefix(parameters.challengeBytes))
            return Sent(message: message, keyID: challenge, keyNonceID: challenge)
        }
        let data = try SenderData(tlsDecoding: try epoch.openSenderData(message))
        let keyID = SenderData(leafIndex: data.leafIndex, generation: data.generation, reuseGuard: [0, 0, 0, 0])
            .tlsEncoded
        return Sent(message: message, keyID: keyID, keyNonceID: keyID + data.reuseGuard)
    }

    /// Every member receives every message (shuffled when `reorder`), from its own copy of the epoch's state.
    func deliver() throws -> Delivery {
        var delivery = Delivery()
        let key = publicKey
        let keys: (UInt32) -> [UInt8]? = { _ in key }
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
                    throw StrategySimulator.SimulationError.exceedsMemoryBudget(
                        messages: config.messages, maximum: received, budget: config.memoryBudget,
                        challengeBits: config.challengeBits)
                } catch {
                    delivery.failures += 1
                }
                delivery.receiveNanos += DispatchTime.now().uptimeNanoseconds - start
                if pprfReceiver == nil {
                    delivery.largestState = max(delivery.largestState, rfcReceiver.secretTree.secretBytesHeld)
                }
            }
            // A PPRF state only grows within an epoch: its end is its peak.
            if let pprfReceiver {
                delivery.largestState = max(delivery.largestState, pprfReceiver.state.secretBytesHeld)
                delivery.largestAllocation = max(delivery.largestAllocation ?? 0, pprfReceiver.state.bytesHeld)
            }
        }
        return delivery
    }

    /// The epoch's figures: reuses counted over what was sent, failures and state over what was received.
    func result(_ delivery: Delivery) -> SimulationResult {
        var keys = Set<[UInt8]>()
        let keyReuses = sent.filter { !keys.insert($0.keyID).inserted }.count
        var pairs = Set<[UInt8]>()
        let keyNonceReuses = sent.filter { !pairs.insert($0.keyNonceID).inserted }.count
        let wire = sent.reduce(0) { $0 + MLSMessage.privateMessage($1.message).tlsEncoded.count }
        let k = Double(config.messages)
        let receiveNanosPerMessage = Double(delivery.receiveNanos) / (k * Double(config.members))
        return SimulationResult(
            strategy: strategy, failedDecryptions: delivery.failures, undeliveredMessages: delivery.failures,
            keyReuses: keyReuses, keyNonceReuses: keyNonceReuses, rejectedByDS: 0, resentMessages: 0,
            duplicateDeliveries: 0, receiverStateBytes: delivery.largestState,
            microsecondsPerMessage: (Double(sendNanos) / k + receiveNanosPerMessage) / 1000,
            wireBytesPerMessage: Double(wire) / k, receiverBytesHeld: delivery.largestAllocation, workingGroup: nil)
    }
}
