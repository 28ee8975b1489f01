import Testing

@testable import WorkingGroupDesign

@Suite("the -01 design as a sending strategy: both DS settings")
struct StrategyTests {
    @Test("strongly consistent DS: every message delivered once, no failure, (E-1)/2 rejections per message")
    func stronglyConsistent() throws {
        let result = try WorkingGroupStrategy.run(
            WorkingGroupSimulationConfig(emulators: 3, members: 2, messages: 30, consistency: .strong))
        #expect(result.failedDecryptions == 0)
        #expect(result.undeliveredMessages == 0)
        #expect(result.duplicateDeliveries == 0)
        #expect(result.keyReuses == 0)
        #expect(result.keyNonceReuses == 0)
        // Ten rounds of three simultaneous sends: the k-th arrival needs k attempts, so 0 + 1 + 2 rejections.
        #expect(result.rejectedByDS == 30)
        #expect(result.resentMessages == 0)
        #expect(result.misattributedSenders == 0)
        #expect(result.emulatorRetainedBytes == 0)
        // Generation IDs: KDF.Nh = 32 bytes per attempt, 60 attempts for 30 messages.
        #expect(result.generationIDBytesPerMessage == 64)
        #expect(result.revealsToDS.contains("generation IDs"))
        #expect(result.receiverStateBytes > 0)
        #expect(result.microsecondsPerMessage > 0)
        #expect(result.attributionMicrosecondsPerMessage > 0)
    }

    @Test("eventually consistent DS: each receiver fails E-1 originals per round, resends deliver everything")
    func eventuallyConsistent() throws {
        let result = try WorkingGroupStrategy.run(
            WorkingGroupSimulationConfig(emulators: 3, members: 2, messages: 30, consistency: .eventual))
        // Ten rounds; per round and receiver one original decrypts and two fail.
        #expect(result.failedDecryptions == 2 * 10 * 2)
        #expect(result.keyReuses == 20)
        #expect(result.keyNonceReuses == 0)
        #expect(result.resentMessages == 30)
        // Each receiver got one original per round twice: once first-hand, once as its resend.
        #expect(result.duplicateDeliveries == 2 * 10)
        #expect(result.undeliveredMessages == 0)
        #expect(result.rejectedByDS == 0)
        #expect(result.generationIDBytesPerMessage == 0)
        #expect(result.misattributedSenders == 0)
        // Suite 1: AES-128-GCM, Nk + Nn = 28 bytes for each of three senders.
        #expect(result.emulatorRetainedBytes == 3 * 28)
        #expect(result.revealsToDS.contains("resends"))
    }

    @Test("one emulator: the -01 design is plain RFC 9420 (no rejection, no resend, no failure)")
    func singleEmulator() throws {
        for consistency in DeliveryServiceConsistency.allCases {
            let result = try WorkingGroupStrategy.run(
                WorkingGroupSimulationConfig(emulators: 1, members: 3, messages: 12, consistency: consistency))
            #expect(result.failedDecryptions == 0)
            #expect(result.rejectedByDS == 0)
            #expect(result.resentMessages == 0)
            #expect(result.keyReuses == 0)
            #expect(result.undeliveredMessages == 0)
        }
    }

    @Test("a partial last round and in-order delivery, suite 3 (ChaCha20-Poly1305)")
    func partialRound() throws {
        let result = try WorkingGroupStrategy.run(
            WorkingGroupSimulationConfig(
                emulators: 4, members: 1, messages: 10, reorder: false, suiteID: 3, consistency: .eventual))
        // Rounds of 4, 4 and 2 senders: 3 + 3 + 1 failures, 10 resends, 3 duplicates.
        #expect(result.failedDecryptions == 7)
        #expect(result.resentMessages == 10)
        #expect(result.duplicateDeliveries == 3)
        #expect(result.undeliveredMessages == 0)
        #expect(result.emulatorRetainedBytes == 4 * (32 + 12))
    }

    @Test("configurations out of range are typed errors; an unsupported suite is the MLS layer's error")
    func invalid() {
        #expect(throws: WorkingGroupError.mls(.unsupportedCipherSuite(4))) {
            try WorkingGroupStrategy.run(
                WorkingGroupSimulationConfig(emulators: 2, members: 1, messages: 2, suiteID: 4, consistency: .strong))
        }
        for (e, m, k) in [(0, 1, 1), (1, 0, 1), (1, 1, 0), (1025, 1, 1), (1, 1025, 1), (1, 1, 100_001), (-1, 1, 1)] {
            #expect(throws: WorkingGroupError.invalidSimulation("E and M must lie in 1...1024 and K in 1...100000")) {
                try WorkingGroupStrategy.run(
                    WorkingGroupSimulationConfig(emulators: e, members: m, messages: k, consistency: .strong))
            }
        }
    }
}
