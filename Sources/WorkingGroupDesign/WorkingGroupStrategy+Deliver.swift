import Foundation
import MLSCore
import MLSCrypto

extension WorkingGroupRun {
    /// The order in which one receiver sees the delivered messages: the DS's order, shuffled over the epoch
    /// (strongly consistent) or within each round with resends after the originals (eventually consistent,
    /// where a resend exists only because its sender saw the round).
    func deliveryOrder() -> [Int] {
        guard config.reorder else { return Array(delivered.indices) }
        if config.consistency == .strong { return Array(delivered.indices).shuffled() }
        var order: [Int] = []
        var start = 0
        while start < delivered.count {
            var end = start
            while end < delivered.count, delivered[end].round == delivered[start].round { end += 1 }
            let round = delivered.indices[start..<end]
            order +=
                round.filter { !delivered[$0].resend }.shuffled() + round.filter { delivered[$0].resend }.shuffled()
            start = end
        }
        return order
    }

    /// Delivers to the M receivers and to one sibling emulator (which attributes each message), then reports.
    func deliver() throws(WorkingGroupError) -> WorkingGroupSimulationResult {
        var failures = 0
        var duplicates = 0
        var undelivered = 0
        var receiveNanos: UInt64 = 0
        var largestState = 0
        let key = publicKey
        for _ in 0..<config.members {
            var receiver = template
            var have = Set<Int>()
            for index in deliveryOrder() {
                let start = DispatchTime.now().uptimeNanoseconds
                do {
                    _ = try receiver.unprotect(delivered[index].message) { _ in key }
                    if !have.insert(delivered[index].messageID).inserted { duplicates += 1 }
                } catch {
                    failures += 1
                }
                receiveNanos += DispatchTime.now().uptimeNanoseconds - start
                largestState = max(largestState, receiver.secretTree.secretBytesHeld)
            }
            undelivered += config.messages - have.count
        }
        var seenGenerations = Set<UInt32>()
        let keyReuses = delivered.filter { !seenGenerations.insert($0.generation).inserted }.count
        let (misattributed, attributionNanos) = try attribute()
        let k = Double(config.messages)
        return WorkingGroupSimulationResult(
            consistency: config.consistency, failedDecryptions: failures, keyReuses: keyReuses,
            keyNonceReuses: keyNonceReuses, rejectedByDS: rejected, resentMessages: resent,
            duplicateDeliveries: duplicates, undeliveredMessages: undelivered, misattributedSenders: misattributed,
            receiverStateBytes: largestState, emulatorRetainedBytes: retainedBytes,
            microsecondsPerMessage: (Double(sendNanos) / k + Double(receiveNanos) / (k * Double(config.members)))
                / 1000,
            attributionMicrosecondsPerMessage: Double(attributionNanos) / k / 1000,
            wireBytesPerMessage: Double(wireBytes) / k, generationIDBytesPerMessage: Double(generationIDBytes) / k)
    }

    /// A sibling emulator reads each delivered message's sender data, re-derives the key-schedule nonce of its
    /// generation (it retains nonces, as retain-and-resend requires), and recovers the sending emulator's leaf.
    func attribute() throws(WorkingGroupError) -> (misattributed: Int, nanoseconds: UInt64) {
        var tree = template.secretTree
        var nonces: [UInt32: SecretBytes] = [:]
        var misattributed = 0
        var nanoseconds: UInt64 = 0
        let leaf = vcLeaf
        for sent in delivered {
            let generation = sent.generation
            if nonces[generation] == nil {
                nonces[generation] = try mls { () throws(MLSError) in
                    try tree.consumeKey(leaf: leaf, type: .application, generation: generation).nonce
                }
            }
            let start = DispatchTime.now().uptimeNanoseconds
            let senderBytes = try mls { () throws(MLSError) in try epoch.openSenderData(sent.message) }
            let senderData: SenderData
            do { senderData = try SenderData(tlsDecoding: senderBytes) } catch {
                throw WorkingGroupError.mls(.codec(error))
            }
            let recovered = try reuseGuards.senderLeafIndex(
                keyScheduleNonce: nonces[generation] ?? SecretBytes(copying: []), reuseGuard: senderData.reuseGuard)
            nanoseconds += DispatchTime.now().uptimeNanoseconds - start
            if recovered != UInt32(sent.emulator) { misattributed += 1 }
        }
        return (misattributed, nanoseconds)
    }
}
