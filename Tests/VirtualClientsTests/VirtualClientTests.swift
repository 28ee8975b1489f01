import ChallengeMath
import MLSCore
import MLSCrypto
import PPRFProtection
import Testing
import VirtualClients

@Suite("virtual clients: key material from the emulation group")
struct KeyMaterialTests {
    /// An emulation group's epoch secrets after `commitSecrets` commits.
    static func exporter(_ suite: CipherSuite, commits: [UInt8]) throws -> SecretBytes {
        var initSecret = SecretBytes(copying: [UInt8](repeating: 0, count: suite.nh))
        var exporter = initSecret
        for (epoch, commit) in commits.enumerated() {
            let context = GroupContext(
                cipherSuite: suite.id, groupID: Array("emulation".utf8), epoch: UInt64(epoch), treeHash: [],
                confirmedTranscriptHash: [])
            let secrets = try KeySchedule.epochSecrets(
                suite: suite, initSecret: initSecret,
                commitSecret: SecretBytes(copying: [UInt8](repeating: commit, count: suite.nh)),
                pskSecret: SecretBytes(copying: [UInt8](repeating: 0, count: suite.nh)), groupContext: context)
            initSecret = secrets.initSecret
            exporter = secrets.exporterSecret
        }
        return exporter
    }

    @Test(
        "every emulator derives byte-identical material; a provisioned newcomer derives the same",
        arguments: [1, 2, 3, 5, 7] as [UInt16])
    func identical(_ suiteID: UInt16) throws {
        let suite = try CipherSuite(id: suiteID)
        let exporter = try Self.exporter(suite, commits: [1, 2])
        let emulators = try (0..<3).map { _ in
            try VirtualClientKeys(
                suite: suite, emulationExporterSecret: exporter, higherLevelGroupID: [9, 9], operationCounter: 4)
        }
        for e in emulators.dropFirst() {
            #expect(e.virtualClientSecret == emulators[0].virtualClientSecret)
            #expect(e.leafKey.publicKey == emulators[0].leafKey.publicKey)
            #expect(e.leafKey.privateKey == emulators[0].leafKey.privateKey)
            #expect(e.initKey.publicKey == emulators[0].initKey.publicKey)
            #expect(e.signatureSeed == emulators[0].signatureSeed)
            #expect(e.updateSecret == emulators[0].updateSecret)
        }
        let newcomer = try VirtualClientKeys(suite: suite, virtualClientSecret: emulators[0].virtualClientSecret)
        #expect(newcomer.leafKey.publicKey == emulators[0].leafKey.publicKey)
        #expect(newcomer.signatureSeed == emulators[0].signatureSeed)
        // The derived key pairs are consistent: the public key belongs to the private key.
        #expect(try suite.kem.publicKey(privateScalar: newcomer.initKey.privateKey) == newcomer.initKey.publicKey)
        #expect(emulators[0].leafKey.publicKey != emulators[0].initKey.publicKey)
    }

    @Test("another epoch, group or counter gives independent material; removed emulators cannot follow")
    func independence() throws {
        let suite = try CipherSuite(id: 1)
        let exporter = try Self.exporter(suite, commits: [1, 2])
        let base = try VirtualClientKeys(
            suite: suite, emulationExporterSecret: exporter, higherLevelGroupID: [1], operationCounter: 0)
        let variants = [
            try VirtualClientKeys(
                suite: suite, emulationExporterSecret: try Self.exporter(suite, commits: [1, 2, 3]),
                higherLevelGroupID: [1], operationCounter: 0),
            try VirtualClientKeys(
                suite: suite, emulationExporterSecret: exporter, higherLevelGroupID: [2], operationCounter: 0),
            try VirtualClientKeys(
                suite: suite, emulationExporterSecret: exporter, higherLevelGroupID: [1], operationCounter: 1),
        ]
        for v in variants {
            #expect(v.virtualClientSecret != base.virtualClientSecret)
            #expect(v.leafKey.publicKey != base.leafKey.publicKey)
            #expect(v.signatureSeed != base.signatureSeed)
        }
        // A removed emulator knows epoch 1's secrets but not the commit secret of the removing commit: its
        // view of epoch 2 differs, so the material derived there is out of its reach.
        let honest = try Self.exporter(suite, commits: [1, 2, 7])
        let removedGuess = try Self.exporter(suite, commits: [1, 2, 6])
        let later = try VirtualClientKeys(
            suite: suite, emulationExporterSecret: honest, higherLevelGroupID: [1], operationCounter: 0)
        let guessed = try VirtualClientKeys(
            suite: suite, emulationExporterSecret: removedGuess, higherLevelGroupID: [1], operationCounter: 0)
        #expect(later.virtualClientSecret != guessed.virtualClientSecret)
    }

    @Test("the emulation epoch signal round-trips at the front of authenticated_data")
    func signal() throws {
        let signal = EmulationEpochSignal(emulationEpoch: 7, operationCounter: 3)
        let (parsed, rest) = try EmulationEpochSignal.split(signal.tlsEncoded + [0xAA])
        #expect(parsed == signal)
        #expect(rest == [0xAA])
        #expect(signal.tlsEncoded.count == 16)
        #expect(throws: CodecError.truncated(needed: 8, available: 3)) {
            try EmulationEpochSignal.split([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3])
        }
    }
}

@Suite("strategies for uncoordinated senders")
struct StrategyTests {
    @Test("only rfc9420 reuses keys and fails; allotment and sub-ratchets deliver but leak the emulator")
    func qualitative() throws {
        let config = SimulationConfig(emulators: 3, members: 2, messages: 30, challengeBits: 128)
        var results: [SendingStrategy: SimulationResult] = [:]
        for strategy in SendingStrategy.allCases {
            results[strategy] = try StrategySimulator.run(config, strategy: strategy)
        }
        let rfc = try #require(results[.rfc9420])
        #expect(rfc.keyReuses == 20)  // each generation is used by all three emulators
        #expect(rfc.failedDecryptions == 2 * 20)  // every receiver rejects the later two of each triple
        for strategy in [SendingStrategy.allotment, .subRatchets, .pprf, .cbst] {
            let r = try #require(results[strategy])
            #expect(r.keyReuses == 0, "\(strategy)")
            #expect(r.failedDecryptions == 0, "\(strategy)")
        }
        #expect(SendingStrategy.allotment.senderLeak.contains("emulator index"))
        #expect(SendingStrategy.subRatchets.senderLeak.contains("emulator index"))
        #expect(!SendingStrategy.pprf.senderLeak.contains("emulator index"))
        // PPRF mode costs wire bytes: 16 challenge bytes minus the 8 bytes of generation and reuse guard.
        #expect(abs(try #require(results[.pprf]).wireBytesPerMessage - rfc.wireBytesPerMessage - 8) < 0.01)
        // Allotment makes receivers retain skipped keys under reordering; PPRF receivers hold the punctured tree.
        var inOrder = config
        inOrder.reorder = false
        let allotmentInOrder = try StrategySimulator.run(inOrder, strategy: .allotment)
        #expect(try #require(results[.allotment]).receiverStateBytes > allotmentInOrder.receiverStateBytes)
        #expect(try #require(results[.pprf]).receiverStateBytes > 30 * 32)
    }

    @Test("pprf and cbst fail only on challenge collisions, at the calculator's predicted rate")
    func collisionRate() throws {
        // One message per emulator, so that the calculator's model (independent uniform challenges) applies:
        // b = 8, K = 12: P = 0.2306.
        let b = 8
        let k = 12
        let predicted = CollisionProbability(challengeBits: b, messages: Double(k)).probability
        for strategy in [SendingStrategy.pprf, .cbst] {
            let trials = 200
            var withCollision = 0
            for _ in 0..<trials {
                let r = try StrategySimulator.run(
                    SimulationConfig(emulators: k, members: 1, messages: k, challengeBits: b, reorder: false),
                    strategy: strategy)
                #expect(r.failedDecryptions == r.keyReuses)  // every failure is a reused challenge, nothing else
                if r.keyReuses > 0 { withCollision += 1 }
            }
            let observed = Double(withCollision) / Double(trials)
            let sigma = (predicted * (1 - predicted) / Double(trials)).squareRoot()
            #expect(abs(observed - predicted) <= 4 * sigma, "\(strategy): observed \(observed), predicted \(predicted)")
        }
    }

    @Test("invalid configurations are refused")
    func invalid() {
        #expect(throws: StrategySimulator.SimulationError.self) {
            try StrategySimulator.run(SimulationConfig(emulators: 0, members: 1, messages: 1), strategy: .pprf)
        }
    }
}
