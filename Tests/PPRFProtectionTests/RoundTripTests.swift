import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF
import Testing

@Suite("PPRF-keyed PrivateMessages: round trips, tampering, overhead")
struct RoundTripTests {
    static let configurations: [(UInt16, PRGProfile)] = [
        (1, .mls), (2, .mls), (3, .mls), (5, .mls), (7, .mls), (1, .blake2b), (2, .blake2b), (3, .blake2b), (1, .cbst),
        (7, .cbst),
    ]

    @Test("application, proposal and commit round-trip for every suite/profile and b in {8, 64, 128, 256}")
    func roundTrips() throws {
        for (suiteID, profile) in Self.configurations {
            for b in [8, 64, 128, 256] {
                let f = try GroupFixture(suiteID: suiteID, challengeBits: b, profile: profile)
                let sender = try f.pprfMember()
                let receiver = try f.pprfMember()
                let bodies: [ContentBody] = [
                    .application(Array("hello from a virtual client".utf8)), .proposal(.remove(leaf: 2)),
                    .commit(Commit(proposals: [.remove(leaf: 2)])),
                ]
                for body in bodies {
                    let tag: [UInt8]? = body.contentType == .commit ? [UInt8](repeating: 9, count: f.suite.nh) : nil
                    let message = try sender.protect(
                        body: body, authenticatedData: [0xAA, 0xBB], senderLeaf: 1,
                        signaturePrivateKey: f.signatureKeys[1],
                        confirmationTag: tag, paddingLength: 3)
                    let wire = MLSMessage.privateMessage(message).tlsEncoded
                    guard case .privateMessage(let parsed) = try MLSMessage(tlsDecoding: wire) else {
                        Issue.record("not a PrivateMessage")
                        continue
                    }
                    let opened = try receiver.unprotect(parsed, signaturePublicKey: f.keys)
                    #expect(opened.content.body == body, "suite \(suiteID) \(profile) b=\(b)")
                    #expect(opened.content.sender == .member(1))
                    #expect(opened.applicationAuthenticatedData == [0xAA, 0xBB])
                    #expect(opened.challenge?.challengeBits == b)
                    #expect(throws: PPRFMessageError.challengeReused) {
                        try receiver.unprotect(parsed, signaturePublicKey: f.keys)
                    }
                }
                #expect(try sender.state.encoded() == receiver.state.encoded())  // both punctured at the same 3 points
            }
        }
    }

    @Test(
        "every tampered field fails with a typed error and leaves the state byte-identical",
        arguments: [1, 2, 3] as [UInt16])
    func tampering(_ suiteID: UInt16) throws {
        let f = try GroupFixture(suiteID: suiteID, challengeBits: 64)
        let sender = try f.pprfMember()
        let receiver = try f.pprfMember()
        let genuine = try sender.protect(
            body: .application([1, 2, 3]), authenticatedData: [7], senderLeaf: 1,
            signaturePrivateKey: f.signatureKeys[1],
            paddingLength: 4)
        let before = try receiver.state.encoded()
        let aeadFailure = PPRFMessageError.mls(.crypto(.authenticationFailure))

        func expectFailure(
            _ expected: PPRFMessageError, _ mutate: (inout PrivateMessage) -> Void, keys: ((UInt32) -> [UInt8]?)? = nil
        ) throws {
            var m = genuine
            mutate(&m)
            #expect(throws: expected) { try receiver.unprotect(m, signaturePublicKey: keys ?? f.keys) }
            #expect(try receiver.state.encoded() == before)
        }

        try expectFailure(aeadFailure) { $0.authenticatedData[0] ^= 0x80 }  // challenge: another key
        try expectFailure(aeadFailure) { $0.authenticatedData[8] ^= 1 }  // the application's authenticated data
        try expectFailure(aeadFailure) { $0.ciphertext[$0.ciphertext.count - 1] ^= 1 }  // ciphertext
        try expectFailure(aeadFailure) { $0.encryptedSenderData[0] ^= 1 }  // sender data
        try expectFailure(aeadFailure) { $0.contentType = .proposal }  // content type
        try expectFailure(.mls(.wrongEpoch(expected: 7, actual: 8))) { $0.epoch = 8 }
        try expectFailure(.mls(.wrongGroup)) { $0.groupID = [1] }
        try expectFailure(.missingChallenge(length: 3, required: 8)) { $0.authenticatedData = [1, 2, 3] }
        let otherKey = try f.suite.signature.publicKey(for: try f.suite.signature.generatePrivateKey())
        try expectFailure(.mls(.invalidSignature), { _ in }, keys: { _ in otherKey })
        try expectFailure(.mls(.unknownSender(leaf: 1)), { _ in }, keys: { _ in nil })

        // Padding: a non-zero padding byte, sealed under the genuine key, is refused after decryption.
        let badPadding = try sealWithBadPadding(f, genuine)
        try expectFailure(.mls(.codec(.nonZeroPadding))) { $0 = badPadding }

        // Challenge padding bits for a b that is not a multiple of 8.
        let f13 = try GroupFixture(suiteID: suiteID, challengeBits: 13)
        let r13 = try f13.pprfMember()
        var m13 = try f13.pprfMember().protect(
            body: .application([1]), senderLeaf: 0, signaturePrivateKey: f13.signatureKeys[0])
        m13.authenticatedData[1] |= 1
        #expect(throws: PPRFMessageError.pprf(.challengePaddingBitsSet)) {
            try r13.unprotect(m13, signaturePublicKey: f13.keys)
        }

        // After all that, the genuine message opens.
        #expect(try receiver.unprotect(genuine, signaturePublicKey: f.keys).content.body == .application([1, 2, 3]))
    }

    /// Re-seals the genuine message's content with a non-zero padding byte under the same challenge key.
    func sealWithBadPadding(_ f: GroupFixture, _ genuine: PrivateMessage) throws -> PrivateMessage {
        let x = try Challenge(bytes: Array(genuine.authenticatedData[0..<8]), challengeBits: 64)
        let fresh = try f.pprfMember()
        let keys = try ChallengeKeys.derive(suite: f.suite, leafSecret: fresh.state.evaluate(at: x), type: .application)
        let content = FramedContent(
            groupID: genuine.groupID, epoch: genuine.epoch, sender: .member(1),
            authenticatedData: genuine.authenticatedData,
            body: .application([1, 2, 3]))
        let auth = try f.epoch.sign(
            content, wireFormat: .privateMessage, privateKey: f.signatureKeys[1], confirmationTag: nil)
        var plaintext = PrivateMessageContent(body: content.body, auth: auth, paddingLength: 2).encoded
        plaintext[plaintext.count - 1] = 1
        var message = genuine
        message.ciphertext = try f.suite.aead.seal(
            key: keys.key, nonce: keys.nonce, aad: message.contentAAD, plaintext: plaintext)
        let (sdKey, sdNonce) = try f.epoch.senderDataKeyNonce(ciphertext: message.ciphertext)
        message.encryptedSenderData = try f.suite.aead.seal(
            key: sdKey, nonce: sdNonce, aad: message.senderDataAAD, plaintext: PPRFSenderData(leafIndex: 1).tlsEncoded)
        return message
    }

    @Test("wire overhead against RFC 9420 equals the closed form, for application AAD lengths 0, 60 and 100")
    func wireOverhead() throws {
        for b in [8, 64, 128, 256] {
            for aadLength in [0, 60, 100] {
                let f = try GroupFixture(suiteID: 1, challengeBits: b)  // Ed25519: signatures have a fixed size
                var rfc = try f.rfcMember()
                let aad = [UInt8](repeating: 0x61, count: aadLength)
                let body = ContentBody.application([UInt8](repeating: 0x62, count: 100))
                let rfcMessage = try rfc.protect(
                    body: body, authenticatedData: aad, senderLeaf: 1, signaturePrivateKey: f.signatureKeys[1])
                let pprfMessage = try f.pprfMember().protect(
                    body: body, authenticatedData: aad, senderLeaf: 1, signaturePrivateKey: f.signatureKeys[1])
                let measured =
                    MLSMessage.privateMessage(pprfMessage).tlsEncoded.count
                    - MLSMessage.privateMessage(rfcMessage).tlsEncoded.count
                #expect(
                    measured == PPRFWireOverhead.bytes(challengeBits: b, applicationAADLength: aadLength),
                    "b=\(b) aad=\(aadLength)")
            }
        }
        #expect(PPRFWireOverhead.bytes(challengeBits: 256) == 24)
        #expect(PPRFWireOverhead.draftAccounting(challengeBits: 256) == 28)
    }

    @Test("profile cbst derives key and nonce with the published drafts' labels, at AEAD lengths")
    func cbstKeys() throws {
        let suite = try CipherSuite(id: 7)
        let leaf = SecretBytes(copying: [UInt8](repeating: 8, count: suite.nh))
        let cbst = try ChallengeKeys.derive(suite: suite, leafSecret: leaf, type: .application, profile: .cbst)
        #expect(cbst.key == (try suite.expandWithLabel(leaf, label: "CBST", context: Array("key".utf8), length: 32)))
        #expect(
            cbst.nonce == (try suite.expandWithLabel(leaf, label: "CBST", context: Array("nonce".utf8), length: 12)))
        let mls = try ChallengeKeys.derive(suite: suite, leafSecret: leaf, type: .application)
        #expect(mls.key != cbst.key)
        #expect(try ChallengeKeys.derive(suite: suite, leafSecret: leaf, type: .handshake).key != mls.key)
    }

    @Test("parameters: missing extension, malformed extension, encoding")
    func parameters() throws {
        let f = try GroupFixture(suiteID: 1)
        var context = f.epoch.groupContext
        context.extensions = []
        let bare = try EpochContext(
            suite: f.suite, groupContext: context, senderDataSecret: f.epoch.senderDataSecret, membershipKey: nil)
        #expect(throws: PPRFMessageError.missingParameters) {
            try PPRFMessageProtector(epoch: bare, encryptionSecret: f.encryptionSecret)
        }
        context.extensions = [Extension(type: PPRFParameters.extensionType, data: [0x01, 0x01, 0, 1])]  // b = 257
        let bad = try EpochContext(
            suite: f.suite, groupContext: context, senderDataSecret: f.epoch.senderDataSecret, membershipKey: nil)
        #expect(throws: PPRFMessageError.invalidParameters) {
            try PPRFMessageProtector(epoch: bad, encryptionSecret: f.encryptionSecret)
        }
        #expect(throws: CodecError.invalidValue(field: "profile", value: 9)) {
            try PPRFParameters(tlsDecoding: [0, 64, 0, 9])
        }
        #expect(try PPRFParameters(challengeBits: 256, profile: .blake2b).tlsEncoded == [0x01, 0x00, 0x00, 0x02])
        context.extensions = [try PPRFParameters(challengeBits: 64, profile: .blake2b).groupContextExtension]
        let suite5 = try CipherSuite(id: 5)
        context.cipherSuite = 5
        let mismatched = try EpochContext(
            suite: suite5, groupContext: context,
            senderDataSecret: SecretBytes(copying: [UInt8](repeating: 1, count: 64)), membershipKey: nil)
        #expect(throws: PPRFMessageError.pprf(.profileUnsupportedForSuite(profile: "blake2b", hashSize: 64))) {
            try PPRFMessageProtector(
                epoch: mismatched, encryptionSecret: SecretBytes(copying: [UInt8](repeating: 1, count: 64)))
        }
        let member = try f.pprfMember()
        #expect(throws: PPRFMessageError.pprf(.challengeLength(expected: 8, actual: 1))) {
            try member.protect(
                body: .application([]), senderLeaf: 0, signaturePrivateKey: f.signatureKeys[0],
                challenge: Challenge(bytes: [0], challengeBits: 8))
        }
    }

    @Test("a sender whose state is exhausted reports it instead of reusing a challenge")
    func exhaustedSender() throws {
        let f = try GroupFixture(suiteID: 3, challengeBits: 1)
        let sender = try f.pprfMember()
        for _ in 0..<2 {
            _ = try sender.protect(body: .application([1]), senderLeaf: 0, signaturePrivateKey: f.signatureKeys[0])
        }
        #expect(throws: PPRFMessageError.noFreshChallenge) {
            try sender.protect(body: .application([1]), senderLeaf: 0, signaturePrivateKey: f.signatureKeys[0])
        }
        let x = try Challenge(bytes: [0], challengeBits: 1)
        #expect(throws: PPRFMessageError.challengeReused) {
            try sender.protect(
                body: .application([1]), senderLeaf: 0, signaturePrivateKey: f.signatureKeys[0], challenge: x)
        }
    }
}
