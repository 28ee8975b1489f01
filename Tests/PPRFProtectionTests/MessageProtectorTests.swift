import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF
import Testing

/// Protects an application message from leaf 0 and opens it at another member, through nothing but
/// `MessageProtector`: the same code for both modes.
func roundTrip<P: MessageProtector>(
    sender: inout P, receiver: inout P, plaintext: [UInt8], aad: [UInt8], key: SecretBytes,
    keys: (UInt32) -> [UInt8]?
) throws(P.Failure) -> OpenedMessage {
    let message = try sender.protect(
        body: .application(plaintext), authenticatedData: aad, senderLeaf: 0, signaturePrivateKey: key,
        confirmationTag: nil, paddingLength: 3)
    return try receiver.unprotect(message, signaturePublicKey: keys)
}

/// One protector protocol over RFC 9420 and PPRF mode (issue 18), and the one place a PPRF state meets the
/// GroupContext.
@Suite("MessageProtector")
struct MessageProtectorTests {
    @Test("the same generic round trip opens an RFC 9420 and a PPRF message", arguments: [1, 3, 7] as [UInt16])
    func genericRoundTrip(suiteID: UInt16) throws {
        let f = try GroupFixture(suiteID: suiteID, challengeBits: 64)
        var rfcSender = try f.rfcMember()
        var rfcReceiver = try f.rfcMember()
        let rfc = try roundTrip(
            sender: &rfcSender, receiver: &rfcReceiver, plaintext: [1, 2], aad: [0xAA], key: f.signatureKeys[0],
            keys: f.keys)
        #expect(rfc.content.body == .application([1, 2]))
        #expect(rfc.content.sender == .member(0))
        #expect(rfc.applicationAuthenticatedData == [0xAA])
        #expect(rfc.content.authenticatedData == [0xAA])
        #expect(rfc.keySelection == .generation(0))
        #expect(rfc.challenge == nil)

        var pprfSender = try f.pprfMember()
        var pprfReceiver = try f.pprfMember()
        let pprf = try roundTrip(
            sender: &pprfSender, receiver: &pprfReceiver, plaintext: [1, 2], aad: [0xAA], key: f.signatureKeys[0],
            keys: f.keys)
        #expect(pprf.content.body == .application([1, 2]))
        #expect(pprf.applicationAuthenticatedData == [0xAA])
        guard case .challenge(let bytes, let bits) = pprf.keySelection else {
            Issue.record("a PPRF message must be keyed by its challenge")
            return
        }
        #expect(bits == 64 && bytes.count == 8)
        #expect(pprf.content.authenticatedData == bytes + [0xAA])
        let challenge = try #require(pprf.challenge)
        #expect(try pprfReceiver.state.isPunctured(challenge))
        #expect(pprfReceiver.applicationSafeAADItems(of: pprf).isEmpty)
        // A second message through the protocol takes the next generation, or a fresh challenge.
        let second = try roundTrip(
            sender: &rfcSender, receiver: &rfcReceiver, plaintext: [3], aad: [], key: f.signatureKeys[0], keys: f.keys)
        #expect(second.keySelection == .generation(1))
    }

    @Test("a failure through the protocol keeps its mode's typed error")
    func typedFailures() throws {
        let f = try GroupFixture(suiteID: 1)
        var rfc = try f.rfcMember()
        var rfcReceiver = try f.rfcMember()
        #expect(throws: MLSError.unknownSender(leaf: 0)) {
            try roundTrip(
                sender: &rfc, receiver: &rfcReceiver, plaintext: [1], aad: [], key: f.signatureKeys[0],
                keys: { _ in nil })
        }
        var pprf = try f.pprfMember()
        var receiver = try f.pprfMember()
        #expect(throws: PPRFMessageError.mls(.unknownSender(leaf: 0))) {
            try roundTrip(
                sender: &pprf, receiver: &receiver, plaintext: [1], aad: [], key: f.signatureKeys[0],
                keys: { _ in nil })
        }
    }

    @Test("a kept state restores the receiver: decoded, it opens the next message and refuses a replay")
    func restoredState() throws {
        let f = try GroupFixture(suiteID: 1, challengeBits: 64, profile: .blake2b)
        let sender = try f.pprfMember()
        let receiver = try f.pprfMember()
        let first = try sender.protect(body: .application([1]), senderLeaf: 0, signaturePrivateKey: f.signatureKeys[0])
        _ = try receiver.unprotect(first, signaturePublicKey: f.keys)
        let kept = try PPRF(encoded: receiver.state.encoded(), suite: f.suite, parameters: receiver.parameters)
        let restored = try PPRFMessageProtector(epoch: f.epoch, state: kept)
        #expect(throws: PPRFMessageError.challengeReused) { try restored.unprotect(first, signaturePublicKey: f.keys) }
        let second = try sender.protect(body: .application([2]), senderLeaf: 0, signaturePrivateKey: f.signatureKeys[0])
        #expect(try restored.unprotect(second, signaturePublicKey: f.keys).content.body == .application([2]))
    }

    @Test("a state of another suite, b or profile than the GroupContext's is refused with a typed error")
    func mismatchedState() throws {
        let f = try GroupFixture(suiteID: 1, challengeBits: 64, profile: .mls)
        let secret48 = SecretBytes(copying: [UInt8](repeating: 5, count: 48))
        let otherSuite = try PPRF(
            secret: secret48, suite: CipherSuite(id: 7), parameters: PPRFParameters(challengeBits: 64, profile: .mls))
        #expect(throws: PPRFMessageError.stateSuiteMismatch(state: 7, groupContext: 1)) {
            try PPRFMessageProtector(epoch: f.epoch, state: otherSuite)
        }
        let otherBits = try PPRF(
            secret: f.encryptionSecret, suite: f.suite, parameters: PPRFParameters(challengeBits: 128, profile: .mls))
        #expect(
            throws: PPRFMessageError.stateParametersMismatch(
                stateBits: 128, stateProfile: "mls", groupBits: 64, groupProfile: "mls")
        ) { try PPRFMessageProtector(epoch: f.epoch, state: otherBits) }
        let otherProfile = try PPRF(
            secret: f.encryptionSecret, suite: f.suite,
            parameters: PPRFParameters(challengeBits: 64, profile: .blake2b))
        #expect(
            throws: PPRFMessageError.stateParametersMismatch(
                stateBits: 64, stateProfile: "blake2b", groupBits: 64, groupProfile: "mls")
        ) { try PPRFMessageProtector(epoch: f.epoch, state: otherProfile) }
        // The epoch itself already refuses a suite other than its GroupContext's.
        #expect(throws: MLSError.cipherSuiteMismatch(suite: 7, groupContext: 1)) {
            try EpochContext(
                suite: CipherSuite(id: 7), groupContext: f.epoch.groupContext, senderDataSecret: secret48,
                membershipKey: nil)
        }
    }

    @Test("the state errors describe themselves in a sentence naming both sides")
    func descriptions() {
        #expect(
            PPRFMessageError.stateSuiteMismatch(state: 7, groupContext: 1).description
                == "The PPRF state belongs to cipher suite 7, but the epoch's GroupContext names suite 1.")
        #expect(
            PPRFMessageError.stateParametersMismatch(
                stateBits: 128, stateProfile: "mls", groupBits: 64, groupProfile: "blake2b"
            ).description
                == "The PPRF state was made for b = 128 with profile mls, but the GroupContext's PPRFParameters "
                + "say b = 64 with profile blake2b.")
    }
}
