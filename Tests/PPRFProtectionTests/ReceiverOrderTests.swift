import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF
import Testing

/// SPEC.md section 7: the checks that cost no PPRF work run before the tree walk, and every failure leaves
/// the state byte-identical.
@Suite("PPRF receivers check group, epoch, lengths and sender data before walking the tree")
struct ReceiverOrderTests {
    @Test(
        "junk with a wrong group, epoch, challenge, length or sender data never walks the tree",
        arguments: [1, 3] as [UInt16])
    func junkNeverWalks(_ suiteID: UInt16) throws {
        let f = try GroupFixture(suiteID: suiteID, challengeBits: 64)
        let genuine = try f.pprfMember().protect(
            body: .application([1, 2, 3]), authenticatedData: [7], senderLeaf: 1,
            signaturePrivateKey: f.signatureKeys[1])
        let receiver = try f.pprfMember()
        let before = try receiver.state.encoded()
        let aeadFailure = PPRFMessageError.mls(.crypto(.authenticationFailure))
        let tag = f.suite.aead.tagSize

        func expectNoWalk(
            _ expected: PPRFMessageError, _ mutate: (inout PrivateMessage) throws -> Void,
            keys: ((UInt32) -> [UInt8]?)? = nil, sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            var m = genuine
            try mutate(&m)
            #expect(
                throws: expected, sourceLocation: sourceLocation,
                performing: { try receiver.unprotect(m, signaturePublicKey: keys ?? f.keys) })
            #expect(receiver.treeWalks == 0, "the receiver walked the tree", sourceLocation: sourceLocation)
            #expect(try receiver.state.encoded() == before, sourceLocation: sourceLocation)
        }

        try expectNoWalk(.mls(.wrongGroup)) { $0.groupID = [9, 9] }
        try expectNoWalk(.mls(.wrongEpoch(expected: 7, actual: 6))) { $0.epoch = 6 }
        try expectNoWalk(.missingChallenge(length: 7, required: 8)) {
            $0.authenticatedData = Array($0.authenticatedData[0..<7])
        }
        try expectNoWalk(.senderDataLength(length: 4 + tag - 1, expected: 4 + tag)) {
            $0.encryptedSenderData.removeLast()
        }
        try expectNoWalk(.senderDataLength(length: 4 + tag + 1, expected: 4 + tag)) { $0.encryptedSenderData.append(0) }
        try expectNoWalk(.mls(.crypto(.ciphertextTooShort(length: tag - 1, minimum: tag)))) {
            $0.ciphertext = Array($0.ciphertext[0..<(tag - 1)])
        }
        try expectNoWalk(aeadFailure) { $0.encryptedSenderData[0] ^= 1 }  // the sender-data AEAD fails
        try expectNoWalk(aeadFailure) { $0.ciphertext[0] ^= 1 }  // inside the sample: another sender-data key
        try expectNoWalk(aeadFailure) { $0.contentType = .proposal }  // SenderDataAAD binds the content type
        try expectNoWalk(.mls(.unknownSender(leaf: 1)), { _ in }, keys: { _ in nil })
        // A forged sender data: sealed under the real sender-data key for a leaf with no signature key.
        try expectNoWalk(.mls(.unknownSender(leaf: 7))) { m in
            let (key, nonce) = try f.epoch.senderDataKeyNonce(ciphertext: m.ciphertext)
            m.encryptedSenderData = try f.suite.aead.seal(
                key: key, nonce: nonce, aad: m.senderDataAAD, plaintext: PPRFSenderData(leafIndex: 7).tlsEncoded)
        }

        // A failure after the walk (the content AEAD) is counted, and changes nothing either.
        var late = genuine
        late.ciphertext[late.ciphertext.count - 1] ^= 1
        #expect(throws: aeadFailure) { try receiver.unprotect(late, signaturePublicKey: f.keys) }
        #expect(receiver.treeWalks == 1)
        #expect(try receiver.state.encoded() == before)

        // The genuine message walks once and commits; its replay is refused without a walk.
        _ = try receiver.unprotect(genuine, signaturePublicKey: f.keys)
        #expect(receiver.treeWalks == 2)
        #expect(try receiver.state.encoded() != before)
        let after = try receiver.state.encoded()
        #expect(throws: PPRFMessageError.challengeReused) {
            try receiver.unprotect(genuine, signaturePublicKey: f.keys)
        }
        #expect(receiver.treeWalks == 2)
        #expect(try receiver.state.encoded() == after)
    }

    @Test("a sender walks once per message")
    func senderWalks() throws {
        let f = try GroupFixture(suiteID: 3, challengeBits: 32, profile: .blake2b)
        let sender = try f.pprfMember()
        for i in 1...3 {
            _ = try sender.protect(
                body: .application([UInt8(i)]), senderLeaf: 0, signaturePrivateKey: f.signatureKeys[0])
            #expect(sender.treeWalks == i)
        }
    }

    @Test("a GroupContext with two PPRFParameters extensions is refused, even when they agree")
    func duplicateParameters() throws {
        let f = try GroupFixture(suiteID: 1)
        var context = f.epoch.groupContext
        let ext = try PPRFParameters(challengeBits: 64, profile: .mls).groupContextExtension
        context.extensions = [ext, ext]
        #expect(throws: PPRFMessageError.duplicateParameters(count: 2)) { try PPRFParameters(groupContext: context) }
        context.extensions = [
            ext, Extension(type: 0x0002, data: []),
            try PPRFParameters(challengeBits: 8, profile: .cbst).groupContextExtension,
        ]
        #expect(throws: PPRFMessageError.duplicateParameters(count: 2)) { try PPRFParameters(groupContext: context) }
        let epoch = try EpochContext(
            suite: f.suite, groupContext: context, senderDataSecret: f.epoch.senderDataSecret, membershipKey: nil)
        #expect(throws: PPRFMessageError.duplicateParameters(count: 2)) {
            try PPRFMessageProtector(epoch: epoch, encryptionSecret: f.encryptionSecret)
        }
        context.extensions = [Extension(type: 0x0002, data: []), ext]
        #expect(try PPRFParameters(groupContext: context) == PPRFParameters(challengeBits: 64, profile: .mls))
    }

    @Test("an encryption_secret of the wrong length is refused")
    func encryptionSecretLength() throws {
        let f = try GroupFixture(suiteID: 7)
        #expect(throws: PPRFMessageError.pprf(.wrongRootSecretLength(expected: 48, actual: 32))) {
            try PPRFMessageProtector(
                epoch: f.epoch, encryptionSecret: SecretBytes(copying: [UInt8](repeating: 1, count: 32)))
        }
    }
}
