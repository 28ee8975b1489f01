import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF
import Testing

/// One virtual client (leaf 1) emulated by several emulator clients that share its leaf and signature key,
/// each with its own copy of the epoch state, sending without coordination to a group with other members
/// (leaves 0 and 2); delivery is shuffled.
@Suite("emulation: uncoordinated emulators of one virtual client")
struct EmulationScenarioTests {
    static let emulators = 3
    static let messagesPerEmulator = 4

    @Test("RFC 9420 secret tree: emulators reuse generations, so key and ratchet nonce repeat and receivers fail")
    func rfc9420Collides() throws {
        let f = try GroupFixture(suiteID: 1)
        var emulators = try (0..<Self.emulators).map { _ in try f.rfcMember() }
        var sent: [PrivateMessage] = []
        for e in 0..<Self.emulators {
            for i in 0..<Self.messagesPerEmulator {
                sent.append(
                    try emulators[e].protect(
                        body: .application([UInt8(e), UInt8(i)]), senderLeaf: 1, signaturePrivateKey: f.signatureKeys[1]
                    ))
            }
        }
        // The sender data shows the reuse: same leaf and generation, so the same AEAD key and ratchet nonce;
        // only the random 4-byte reuse guards keep the final nonces apart.
        let senderData = try sent.map { try SenderData(tlsDecoding: f.epoch.openSenderData($0)) }
        #expect(senderData[0].generation == senderData[Self.messagesPerEmulator].generation)
        #expect(senderData[0].leafIndex == senderData[Self.messagesPerEmulator].leafIndex)
        #expect(senderData[0].reuseGuard != senderData[Self.messagesPerEmulator].reuseGuard)
        var tree = try SecretTree(suite: f.suite, encryptionSecret: f.encryptionSecret, leafCount: 3)
        var otherTree = tree
        #expect(
            try tree.consumeKey(leaf: 1, type: .application, generation: 0)
                == otherTree.consumeKey(leaf: 1, type: .application, generation: 0))

        // A receiver decrypts whichever of a pair arrives first and fails on the second: its key is gone.
        var rng = SystemRandomNumberGenerator()
        var receiver = try f.rfcMember()
        var failures = 0
        for message in sent.shuffled(using: &rng) {
            do {
                _ = try receiver.unprotect(message, signaturePublicKey: f.keys)
            } catch {
                guard case .keyAlreadyConsumed(leaf: 1, generation: _) = error else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
                failures += 1
            }
        }
        #expect(failures == (Self.emulators - 1) * Self.messagesPerEmulator)
    }

    @Test("PPRF mode: every message decrypts at every other member and every sibling emulator; replays fail")
    func pprfDelivers() throws {
        for (suiteID, profile) in [(1, PRGProfile.mls), (3, .blake2b), (7, .mls)] as [(UInt16, PRGProfile)] {
            let f = try GroupFixture(suiteID: suiteID, challengeBits: 128, profile: profile)
            let base = try f.pprfMember()
            let emulators = (0..<Self.emulators).map { _ in base.copy() }
            let members = [try f.pprfMember(), try f.pprfMember()]  // leaves 0 and 2
            var sent: [(emulator: Int, message: PrivateMessage, plaintext: [UInt8])] = []
            for e in 0..<Self.emulators {
                for i in 0..<Self.messagesPerEmulator {
                    let plaintext = Array("emulator \(e) message \(i)".utf8)
                    let m = try emulators[e].protect(
                        body: .application(plaintext), senderLeaf: 1, signaturePrivateKey: f.signatureKeys[1])
                    sent.append((e, m, plaintext))
                }
            }
            var rng = SystemRandomNumberGenerator()
            for receiver in members {
                for (_, message, plaintext) in sent.shuffled(using: &rng) {
                    let opened = try receiver.unprotect(message, signaturePublicKey: f.keys)
                    #expect(opened.content.body == .application(plaintext))
                    #expect(opened.content.sender == .member(1))
                }
                for (_, message, _) in sent {
                    #expect(throws: PPRFMessageError.challengeReused) {
                        try receiver.unprotect(message, signaturePublicKey: f.keys)
                    }
                }
            }
            for (e, emulator) in emulators.enumerated() {
                for (sender, message, plaintext) in sent.shuffled(using: &rng) where sender != e {
                    #expect(
                        try emulator.unprotect(message, signaturePublicKey: f.keys).content.body
                            == .application(plaintext))
                }
            }
            // Everyone has now punctured the same set: the states agree byte for byte.
            let reference = try members[0].state.encoded()
            #expect(try members[1].state.encoded() == reference)
            #expect(try emulators.allSatisfy { try $0.state.encoded() == reference })
        }
    }

    @Test("tiny b: colliding challenges are reported as challengeReused, never as garbage plaintext")
    func tinyChallenges() throws {
        // b = 8 and 40 messages from 4 emulators: P(some collision) is about 0.95 per round, so a round with
        // a collision comes within 20 rounds except with probability about 1e-26.
        var sawCollision = false
        for _ in 0..<20 where !sawCollision {
            let f = try GroupFixture(suiteID: 3, challengeBits: 8)
            let base = try f.pprfMember()
            let emulators = (0..<4).map { _ in base.copy() }
            var sent: [(PrivateMessage, [UInt8])] = []
            for i in 0..<40 {
                let plaintext = [UInt8(i)] + Array("payload".utf8)
                sent.append(
                    (
                        try emulators[i % 4].protect(
                            body: .application(plaintext), senderLeaf: 1, signaturePrivateKey: f.signatureKeys[1]),
                        plaintext
                    ))
            }
            var uses: [[UInt8]: Int] = [:]
            for (m, _) in sent { uses[Array(m.authenticatedData.prefix(1)), default: 0] += 1 }
            let expectedFailures = uses.values.reduce(0) { $0 + $1 - 1 }
            let receiver = try f.pprfMember()
            var failures = 0
            for (m, plaintext) in sent {
                do {
                    #expect(
                        try receiver.unprotect(m, signaturePublicKey: f.keys).content.body == .application(plaintext))
                } catch {
                    #expect(error == .challengeReused)
                    failures += 1
                }
            }
            #expect(failures == expectedFailures)
            sawCollision = failures > 0
        }
        #expect(sawCollision)
    }
}
