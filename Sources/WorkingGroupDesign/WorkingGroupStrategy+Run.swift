import Foundation
import MLSCore
import MLSCrypto

/// The state of one simulated epoch of ``WorkingGroupStrategy``.
struct WorkingGroupRun {
    struct Sent {
        let message: PrivateMessage
        let messageID: Int
        let generation: UInt32
        let emulator: Int
        let round: Int
        let resend: Bool
    }

    let config: WorkingGroupSimulationConfig
    let suite: CipherSuite
    let epoch: EpochContext
    let template: RFC9420MessageProtector
    let vcLeaf: UInt32
    let signing: SecretBytes
    let publicKey: [UInt8]
    let reuseGuards: ReuseGuardContext
    let generationIDSecret: SecretBytes
    var emulators: [RFC9420MessageProtector]
    var delivered: [Sent] = []
    var produced = Set<[UInt8]>()
    var keyNonceReuses = 0
    var rejected = 0
    var resent = 0
    var sendNanos: UInt64 = 0
    var wireBytes = 0
    var generationIDBytes = 0
    var retainedBytes = 0

    init(_ config: WorkingGroupSimulationConfig) throws(WorkingGroupError) {
        self.config = config
        let suite = try mls { () throws(MLSError) in try CipherSuite(id: config.suiteID) }
        self.suite = suite
        vcLeaf = UInt32(config.members)
        let context = GroupContext(
            cipherSuite: suite.id, groupID: Array("higher-level group".utf8), epoch: 1,
            treeHash: [UInt8](repeating: 1, count: suite.nh),
            confirmedTranscriptHash: [UInt8](repeating: 2, count: suite.nh))
        let random = { (count: Int) throws(WorkingGroupError) -> SecretBytes in
            try primitive { () throws(CryptoError) in try SecretBytes.random(count: count) }
        }
        let senderDataSecret = try random(suite.nh)
        let encryptionSecret = try random(suite.nh)
        let epoch = try mls { () throws(MLSError) in
            try EpochContext(
                suite: suite, groupContext: context, senderDataSecret: senderDataSecret, membershipKey: nil)
        }
        self.epoch = epoch
        template = try mls { () throws(MLSError) in
            try RFC9420MessageProtector(
                epoch: epoch, encryptionSecret: encryptionSecret, leafCount: UInt32(config.members + 1))
        }
        signing = try primitive { () throws(CryptoError) in try suite.signature.generatePrivateKey() }
        let signingKey = signing
        publicKey = try primitive { () throws(CryptoError) in try suite.signature.publicKey(for: signingKey) }
        // The emulation group: E emulators at leaves 0..<E of a tree with the next power of two of leaves.
        let secrets = try EmulationEpochSecrets(suite: suite, emulatorEpochSecret: try random(suite.nh))
        var leafCount: UInt64 = 1
        while leafCount < UInt64(config.emulators) { leafCount <<= 1 }
        reuseGuards = try ReuseGuardContext(
            suite: suite, reuseGuardSecret: secrets.reuseGuardSecret, leafCount: leafCount)
        generationIDSecret = secrets.generationIDSecret
        emulators = Array(repeating: template, count: config.emulators)
    }

    /// Emulator `emulator` encrypts message `id` at `generation` with its computed reuse guard (section 5.6.2).
    mutating func protect(emulator: Int, generation: UInt32, id: Int, round: Int, resend: Bool)
        throws(WorkingGroupError) -> Sent
    {
        // The key-schedule nonce the sender's own protect will use (read from a copy; not timed, since a real
        // sender takes it from the same derivation).
        var probe = emulators[emulator].secretTree
        let leaf = vcLeaf
        let nonce = try mls { () throws(MLSError) in
            try probe.consumeKey(leaf: leaf, type: .application, generation: generation).nonce
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let reuseGuard = try reuseGuards.reuseGuard(keyScheduleNonce: nonce, leafIndex: UInt32(emulator))
        let signingKey = signing
        let message = try mls { () throws(MLSError) in
            try emulators[emulator].protect(
                body: .application(Array("message \(id)".utf8)), senderLeaf: leaf, signaturePrivateKey: signingKey,
                reuseGuard: reuseGuard, generation: generation)
        }
        sendNanos += DispatchTime.now().uptimeNanoseconds - start
        wireBytes += MLSMessage.privateMessage(message).tlsEncoded.count
        // Same generation means same key and same key-schedule nonce; the AEAD nonce repeats iff the guard does.
        var writer = TLSWriter()
        writer.write(generation)
        if !produced.insert(writer.bytes + reuseGuard).inserted { keyNonceReuses += 1 }
        return Sent(
            message: message, messageID: id, generation: generation, emulator: emulator, round: round, resend: resend)
    }

    /// All rounds of sending.
    mutating func send() throws(WorkingGroupError) {
        var next: UInt32 = 0
        var id = 0
        var round = 0
        var acceptedIDs = Set<[UInt8]>()
        while id < config.messages {
            let senders = min(config.emulators, config.messages - id)
            var arrival = Array(0..<senders)
            if config.reorder { arrival.shuffle() }
            switch config.consistency {
            case .strong:
                var highest = next
                for emulator in arrival {
                    var generation = next
                    while true {
                        let sent = try protect(
                            emulator: emulator, generation: generation, id: id + emulator, round: round, resend: false)
                        let start = DispatchTime.now().uptimeNanoseconds
                        let generationID = try GenerationID.derive(
                            suite: suite, generationIDSecret: generationIDSecret,
                            groupID: epoch.groupContext.groupID, epoch: epoch.groupContext.epoch,
                            generation: generation, ratchetType: .application)
                        sendNanos += DispatchTime.now().uptimeNanoseconds - start
                        generationIDBytes += generationID.count
                        if acceptedIDs.insert(generationID).inserted {
                            delivered.append(sent)
                            break
                        }
                        rejected += 1
                        generation += 1
                    }
                    highest = max(highest, generation + 1)
                }
                next = highest
            case .eventual:
                for emulator in arrival {
                    delivered.append(
                        try protect(
                            emulator: emulator, generation: next, id: id + emulator, round: round, resend: false))
                }
                if senders > 1 {
                    // Every sender retains its key and nonce until it has seen the round, then all colliders
                    // re-send on generations assigned in emulation-leaf order.
                    retainedBytes = max(retainedBytes, senders * (suite.nk + suite.nn))
                    for emulator in 0..<senders {
                        delivered.append(
                            try protect(
                                emulator: emulator, generation: next + 1 + UInt32(emulator), id: id + emulator,
                                round: round, resend: true))
                        resent += 1
                    }
                    next += 1 + UInt32(senders)
                } else {
                    next += 1
                }
            }
            id += senders
            round += 1
        }
    }
}
