import MLSCore
import Testing
import VirtualClients
import WorkingGroupDesign

/// draft-ietf-mls-virtual-clients-01 as two of the simulator's strategies (issue 17): delivery and leakage
/// as section 5.6 states them, next to RFC 9420 and PPRF on the same configuration.
@Suite("simulator: the working group's design (wg01-strong, wg01-eventual)")
struct WorkingGroupStrategyTests {
    /// E = 3 emulators, M = 2 receivers, K = 30 messages: ten rounds of three simultaneous sends.
    static let config = SimulationConfig(emulators: 3, members: 2, messages: 30, challengeBits: 128)

    @Test("strongly consistent DS: duplicates rejected, every message delivered once, no key reused")
    func strong() throws {
        let r = try StrategySimulator.run(Self.config, strategy: .wg01Strong)
        #expect(r.failedDecryptions == 0)
        #expect(r.undeliveredMessages == 0)
        #expect(r.keyReuses == 0)
        #expect(r.keyNonceReuses == 0)
        // The k-th arrival of a round needs k attempts: 0 + 1 + 2 rejections in each of ten rounds.
        #expect(r.rejectedByDS == 30)
        #expect(r.resentMessages == 0)
        #expect(r.duplicateDeliveries == 0)
        let detail = try #require(r.workingGroup)
        #expect(detail.consistency == .strong)
        // Sixty attempts of KDF.Nh = 32-byte generation IDs for 30 messages, counted in what the DS receives.
        #expect(detail.generationIDBytesPerMessage == 64)
        #expect(r.wireBytesPerMessage == detail.wireBytesPerMessage + 64)
        #expect(r.receiverBytesHeld == nil)
        #expect(r.receiverStateBytes > 0)
    }

    @Test("eventually consistent DS: sibling originals fail, resends deliver everything, no key-nonce reuse")
    func eventual() throws {
        let r = try StrategySimulator.run(Self.config, strategy: .wg01Eventual)
        // Per round and receiver one original decrypts and two fail; all three are re-sent.
        #expect(r.failedDecryptions == 2 * 10 * 2)
        #expect(r.undeliveredMessages == 0)
        #expect(r.resentMessages == 30)
        #expect(r.duplicateDeliveries == 2 * 10)
        #expect(r.rejectedByDS == 0)
        // Siblings share a generation (its key) but never a nonce: the computed reuse guards differ.
        #expect(r.keyReuses == 20)
        #expect(r.keyNonceReuses == 0)
        let detail = try #require(r.workingGroup)
        #expect(detail.generationIDBytesPerMessage == 0)
        #expect(r.wireBytesPerMessage == detail.wireBytesPerMessage)
        // Suite 1: AES-128-GCM, Nk + Nn = 28 bytes retained by each of three senders.
        #expect(detail.emulatorRetainedBytes == 3 * 28)
    }

    @Test("against RFC 9420 and PPRF on the same epoch: who fails, who reuses, who leaks what to whom")
    func comparison() throws {
        let rfc = try StrategySimulator.run(Self.config, strategy: .rfc9420)
        let pprf = try StrategySimulator.run(Self.config, strategy: .pprf)
        let strong = try StrategySimulator.run(Self.config, strategy: .wg01Strong)
        // RFC 9420 loses two thirds of the deliveries for good; its random reuse guard keeps nonces apart
        // (a 2^-32 event per pair of same-key messages).
        #expect(rfc.failedDecryptions == 40)
        #expect(rfc.undeliveredMessages == 40)
        #expect(rfc.keyReuses == 20)
        #expect(rfc.keyNonceReuses == 0)
        #expect(pprf.undeliveredMessages == 0)
        // The -01 receivers hold a secret tree, far below the PPRF's punctured tree.
        #expect(strong.receiverStateBytes < pprf.receiverStateBytes / 10)
        // Siblings recover the sending emulator from the reuse guard; members and outsiders do not.
        #expect(try #require(strong.workingGroup).misattributedSenders == 0)
        for s in [SendingStrategy.wg01Strong, .wg01Eventual] {
            #expect(s.senderLeak.hasPrefix("nothing beyond the virtual client"))
            #expect(s.senderLeak.contains("sibling emulators"))
        }
        #expect(SendingStrategy.wg01Strong.deliveryServiceLeak.contains("generation IDs mark virtual-client traffic"))
        #expect(SendingStrategy.wg01Eventual.deliveryServiceLeak.contains("resends"))
        for s in [SendingStrategy.rfc9420, .allotment, .subRatchets, .pprf, .cbst] {
            #expect(s.deliveryServiceLeak.hasPrefix("nothing"), "\(s)")
            #expect(s.workingGroupConsistency == nil)
        }
        #expect(SendingStrategy(rawValue: "wg01-strong")?.workingGroupConsistency == .strong)
        #expect(SendingStrategy(rawValue: "wg01-eventual")?.workingGroupConsistency == .eventual)
    }

    @Test("the working group's simulator bounds (E, M <= 1024, K <= 100000) are the simulator's typed error")
    func bounds() throws {
        for (e, m, k) in [(1025, 1, 1), (1, 1025, 1), (1, 1, 100_001)] {
            let config = SimulationConfig(emulators: e, members: m, messages: k)
            let error = try #require(
                #expect(throws: StrategySimulator.SimulationError.self) {
                    try StrategySimulator.run(config, strategy: .wg01Eventual)
                })
            #expect(error == .invalidConfiguration("E, M <= 1024 and K <= 100000 for wg01-eventual"))
            #expect(
                error.description
                    == "The simulation's configuration is invalid: it needs E, M <= 1024 and K <= 100000 for wg01-eventual."
            )
        }
        // The suite is checked before the working group's run: MLSCore's error, as for every strategy.
        #expect(throws: MLSError.unsupportedCipherSuite(4)) {
            try StrategySimulator.run(
                SimulationConfig(emulators: 2, members: 1, messages: 2, suiteID: 4), strategy: .wg01Strong)
        }
    }
}
