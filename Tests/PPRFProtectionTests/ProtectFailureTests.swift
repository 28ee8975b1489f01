import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF
import Testing

/// A protect that fails changes nothing (`MessageProtector`): the padding length is range-checked before
/// anything is allocated, and a signing or sealing failure leaves the PPRF state and the secret tree as they
/// were.
@Suite("protect failures leave the state unchanged")
struct ProtectFailureTests {
    static let badPadding = [-1, Int.min, PrivateMessageContent.maxPaddingLength + 1, Int.max]

    @Test("PPRF mode: a padding length out of range is refused before the state is punctured", arguments: badPadding)
    func pprfPadding(length: Int) throws {
        let f = try GroupFixture(suiteID: 1)
        let sender = try f.pprfMember()
        let before = try sender.state.encoded()
        let challenge = try Challenge(bytes: [UInt8](repeating: 0xA5, count: 8), challengeBits: 64)
        #expect(
            throws: PPRFMessageError.mls(
                .invalidPaddingLength(length, limit: PrivateMessageContent.maxPaddingLength))
        ) {
            try sender.protect(
                body: .application([1]), senderLeaf: 1, signaturePrivateKey: f.signatureKeys[1],
                paddingLength: length, challenge: challenge)
        }
        #expect(try sender.state.encoded() == before)
        #expect(try !sender.state.isPunctured(challenge))
    }

    @Test("PPRF mode: a malformed signature key fails after the walk and leaves the state unpunctured")
    func pprfSigningFailure() throws {
        let f = try GroupFixture(suiteID: 1)
        let sender = try f.pprfMember()
        let before = try sender.state.encoded()
        let challenge = try Challenge(bytes: [UInt8](repeating: 0x5A, count: 8), challengeBits: 64)
        #expect(throws: PPRFMessageError.self) {
            try sender.protect(
                body: .application([1]), senderLeaf: 1, signaturePrivateKey: SecretBytes(copying: [1, 2, 3]),
                challenge: challenge)
        }
        #expect(try sender.state.encoded() == before)
        // The same challenge still protects, and the receiver opens it: nothing was burnt.
        let message = try sender.protect(
            body: .application([7]), senderLeaf: 1, signaturePrivateKey: f.signatureKeys[1], challenge: challenge)
        let opened = try f.pprfMember().unprotect(message, signaturePublicKey: f.keys)
        #expect(opened.content.body == .application([7]))
        #expect(opened.keySelection == .challenge(bytes: challenge.bytes, challengeBits: 64))
    }

    @Test(
        "RFC 9420 mode: a padding length out of range is refused and the generation is not consumed",
        arguments: badPadding)
    func rfcPadding(length: Int) throws {
        let f = try GroupFixture(suiteID: 1)
        var sender = try f.rfcMember()
        #expect(throws: MLSError.invalidPaddingLength(length, limit: PrivateMessageContent.maxPaddingLength)) {
            try sender.protect(
                body: .application([1]), senderLeaf: 1, signaturePrivateKey: f.signatureKeys[1], paddingLength: length)
        }
        let message = try sender.protect(
            body: .application([2]), senderLeaf: 1, signaturePrivateKey: f.signatureKeys[1])
        var receiver = try f.rfcMember()
        let opened = try receiver.unprotect(message, signaturePublicKey: f.keys)
        #expect(opened.keySelection == .generation(0))
    }

    @Test("the largest padding length is accepted and round-trips")
    func maximumPadding() throws {
        let f = try GroupFixture(suiteID: 1)
        let sender = try f.pprfMember()
        let message = try sender.protect(
            body: .application([3]), senderLeaf: 1, signaturePrivateKey: f.signatureKeys[1],
            paddingLength: PrivateMessageContent.maxPaddingLength)
        #expect(message.ciphertext.count > PrivateMessageContent.maxPaddingLength)
        let opened = try f.pprfMember().unprotect(message, signaturePublicKey: f.keys)
        #expect(opened.content.body == .application([3]))
    }

    @Test("the padding error says what was wrong")
    func description() {
        let text = MLSError.invalidPaddingLength(-1, limit: 65536).description
        #expect(text == "A padding length of -1 bytes is outside 0...65536; ask for at most 65536 zero bytes.")
    }
}
