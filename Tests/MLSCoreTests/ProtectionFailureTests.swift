import MLSCrypto
import RFC9420Vectors
import Testing

@testable import MLSCore

/// Every protect/unprotect failure gives a typed error and leaves the receiver's state unchanged: after
/// each failure the genuine message still decrypts, which proves no key was consumed.
@Suite("protection failures")
struct ProtectionFailureTests {
    static func fixture(_ suiteID: UInt16) throws -> ProtectionFixture {
        let vectors = try officialEntries("message-protection", as: MessageProtectionVector.self)
        let v = try #require(vectors.first { $0.cipherSuite == suiteID })
        return try ProtectionFixture(v, suite: try CipherSuite(id: suiteID))
    }

    @Test("tampered private messages fail with a typed error and consume nothing", arguments: [1, 2, 3] as [UInt16])
    func privateTampering(_ suiteID: UInt16) throws {
        let f = try Self.fixture(suiteID)
        var sender = try f.receiver()
        let genuine = try sender.protect(
            body: .application(Array(repeating: 0x61, count: 100)), senderLeaf: 1,
            signaturePrivateKey: f.signaturePrivate)
        var receiver = try f.receiver()

        func expectFailure(
            _ message: PrivateMessage, _ expected: MLSError, keys: @escaping (UInt32) -> [UInt8]? = { _ in nil }
        ) {
            let lookup: (UInt32) -> [UInt8]? = { keys($0) ?? f.keys($0) }
            #expect(throws: expected) { try receiver.unprotect(message, signaturePublicKey: lookup) }
        }

        var m = genuine
        m.ciphertext[m.ciphertext.count - 1] ^= 1  // beyond the sample: sender data still opens, content fails
        expectFailure(m, .crypto(.authenticationFailure))
        m = genuine
        m.ciphertext[0] ^= 1  // inside the sample: the sender-data key changes
        expectFailure(m, .crypto(.authenticationFailure))
        m = genuine
        m.encryptedSenderData[0] ^= 1
        expectFailure(m, .crypto(.authenticationFailure))
        m = genuine
        m.authenticatedData = [1]
        expectFailure(m, .crypto(.authenticationFailure))
        m = genuine
        m.contentType = .proposal
        expectFailure(m, .crypto(.authenticationFailure))
        m = genuine
        m.epoch += 1
        expectFailure(m, .wrongEpoch(expected: genuine.epoch, actual: genuine.epoch + 1))
        m = genuine
        m.groupID = [0]
        expectFailure(m, .wrongGroup)

        // Wrong key: a receiver whose encryption_secret differs.
        var stranger = try RFC9420MessageProtector(
            epoch: f.epoch,
            encryptionSecret: SecretBytes(copying: [UInt8](repeating: 1, count: suiteID == 5 ? 64 : 32)),
            leafCount: 2)
        #expect(throws: MLSError.crypto(.authenticationFailure)) {
            try stranger.unprotect(genuine, signaturePublicKey: f.keys)
        }

        // A signature by another key, and a sender without a known key.
        let otherKey = try suite(suiteID).signature.generatePrivateKey()
        let otherPublic = try suite(suiteID).signature.publicKey(for: otherKey)
        expectFailure(genuine, .invalidSignature, keys: { _ in otherPublic })
        #expect(throws: MLSError.unknownSender(leaf: 1)) {
            try receiver.unprotect(genuine, signaturePublicKey: { _ in nil })
        }

        // Nothing was consumed: the genuine message decrypts now, and once only.
        let opened = try receiver.unprotect(genuine, signaturePublicKey: f.keys)
        #expect(opened.content.body == .application(Array(repeating: 0x61, count: 100)))
        #expect(throws: MLSError.keyAlreadyConsumed(leaf: 1, generation: 0)) {
            try receiver.unprotect(genuine, signaturePublicKey: f.keys)
        }
    }

    @Test("a reuse guard that is not 4 bytes is refused before anything is consumed")
    func reuseGuardSize() throws {
        let f = try Self.fixture(1)
        var sender = try f.receiver()
        #expect(throws: MLSError.codec(.wrongSize(field: "reuse_guard", expected: 4, actual: 3))) {
            try sender.protect(
                body: .application([1]), senderLeaf: 1, signaturePrivateKey: f.signaturePrivate, reuseGuard: [1, 2, 3])
        }
        let message = try sender.protect(
            body: .application([1]), senderLeaf: 1, signaturePrivateKey: f.signaturePrivate)
        var receiver = try f.receiver()
        let senderData = try SenderData(tlsDecoding: f.epoch.openSenderData(message))
        #expect(senderData.generation == 0)  // the refused call consumed no generation
        #expect(try receiver.unprotect(message, signaturePublicKey: f.keys).content.body == .application([1]))
    }

    @Test("tampered public messages: membership tag, signature, sender type, content type")
    func publicTampering() throws {
        let f = try Self.fixture(1)
        let genuine = try f.epoch.protectPublic(
            body: .proposal(.remove(leaf: 0)), authenticatedData: [], senderLeaf: 1,
            signaturePrivateKey: f.signaturePrivate)
        var m = genuine
        m.membershipTag![0] ^= 1
        #expect(throws: MLSError.invalidMembershipTag) { try f.epoch.verifyPublic(m, signaturePublicKey: f.keys) }
        m = genuine
        m.auth.signature[0] ^= 1
        m.membershipTag = try f.epoch.membershipTag(m.content, auth: m.auth)
        #expect(throws: MLSError.invalidSignature) { try f.epoch.verifyPublic(m, signaturePublicKey: f.keys) }
        m = genuine
        m.content.sender = .external(0)
        #expect(throws: MLSError.senderTypeNotAllowed(2)) { try f.epoch.verifyPublic(m, signaturePublicKey: f.keys) }
        m = genuine
        m.content.body = .application([1])
        #expect(throws: MLSError.contentTypeNotAllowed(1)) { try f.epoch.verifyPublic(m, signaturePublicKey: f.keys) }
        m = genuine
        m.content.epoch = 0
        #expect(throws: MLSError.wrongEpoch(expected: genuine.content.epoch, actual: 0)) {
            try f.epoch.verifyPublic(m, signaturePublicKey: f.keys)
        }
        #expect(throws: MLSError.unknownSender(leaf: 1)) {
            try f.epoch.verifyPublic(genuine, signaturePublicKey: { _ in nil })
        }
        let noMembershipKey = try EpochContext(
            suite: f.suite, groupContext: f.epoch.groupContext, senderDataSecret: f.epoch.senderDataSecret,
            membershipKey: nil)
        #expect(throws: MLSError.invalidMembershipTag) {
            try noMembershipKey.verifyPublic(genuine, signaturePublicKey: f.keys)
        }
        #expect(try f.epoch.verifyPublic(genuine, signaturePublicKey: f.keys).body == .proposal(.remove(leaf: 0)))
    }

    @Test("secret tree limits: leaf range, forward distance, exhausted ratchet, label length")
    func secretTreeLimits() throws {
        let suite = try CipherSuite(id: 1)
        let root = SecretBytes(copying: [UInt8](repeating: 9, count: 32))
        var tree = try SecretTree(suite: suite, encryptionSecret: root, leafCount: 4, maxForwardDistance: 10)
        #expect(throws: MLSError.leafOutOfRange(leaf: 4, leafCount: 4)) {
            try tree.consumeKey(leaf: 4, type: .application, generation: 0)
        }
        #expect(throws: MLSError.generationTooFarAhead(leaf: 0, generation: 11, limit: 10)) {
            try tree.consumeKey(leaf: 0, type: .application, generation: 11)
        }
        // Skipped generations are retained once; the tree deleted the nodes it no longer needs.
        let g10 = try tree.consumeKey(leaf: 0, type: .application, generation: 10)
        let g3 = try tree.consumeKey(leaf: 0, type: .application, generation: 3)
        #expect(g10.generation == 10 && g3.generation == 3)
        #expect(g10.key != g3.key)
        #expect(tree.storedNodeCount == 2)  // leaf 1 and the right subtree's root; the root and leaf 0 are gone
        var ratchet = HashRatchet(secret: root, nextGeneration: UInt32.max)
        #expect(throws: MLSError.generationExhausted(leaf: 0)) {
            try ratchet.consume(suite, leaf: 0, generation: UInt32.max, maxForward: 1)
        }
        #expect(throws: MLSError.labelTooLong(length: 70_000)) {
            try suite.expandWithLabel(root, label: "x", context: [], length: 70_000)
        }
    }

    func suite(_ id: UInt16) throws -> CipherSuite { try CipherSuite(id: id) }
}
