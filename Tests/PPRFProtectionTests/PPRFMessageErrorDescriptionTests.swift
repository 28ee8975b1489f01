import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF
import TestSupport
import Testing

/// PPRFMessageError describes itself in a sentence; wrapped RFC 9420 and PPRF errors give their own.
@Suite("PPRF message error descriptions")
struct PPRFMessageErrorDescriptionTests {
    static let everyCase: [PPRFMessageError] = [
        .challengeReused, .missingChallenge(length: 3, required: 16), .missingParameters, .invalidParameters,
        .mls(.invalidSignature), .pprf(.challengePaddingBitsSet), .noFreshChallenge,
    ]

    @Test("the replay, the missing challenge and the missing extension are explained")
    func texts() {
        #expect(
            PPRFMessageError.challengeReused.description
                == "The challenge was already used in this epoch and its key is gone: the message is a replay, or "
                + "two senders drew the same challenge (SPEC.md section 7).")
        #expect(
            PPRFMessageError.missingChallenge(length: 3, required: 16).description
                == "The authenticated_data has 3 bytes, fewer than the 16-byte challenge it must start with.")
        #expect(PPRFMessageError.missingParameters.description.contains("(type 0xF0A0)"))
        #expect(PPRFMessageError.mls(.wrongGroup).description == MLSError.wrongGroup.description)
    }

    @Test("a real replay is described as one")
    func thrownReplay() throws {
        let group = try GroupFixture(suiteID: 1)
        let sender = try group.pprfMember()
        let receiver = try group.pprfMember()
        let message = try sender.protect(
            body: .application([1]), senderLeaf: 0, signaturePrivateKey: group.signatureKeys[0])
        _ = try receiver.unprotect(message, signaturePublicKey: group.keys)
        let error = try #require(
            #expect(throws: PPRFMessageError.self) {
                try receiver.unprotect(message, signaturePublicKey: group.keys)
            })
        #expect("\(error)".hasPrefix("The challenge was already used in this epoch"))
    }

    @Test("every case is a sentence, interpolation prints it, and no case prints a type dump")
    func noDumps() {
        #expect(ErrorDescriptionCheck.problems(Self.everyCase, forbidden: ["MLSCore.", "PPRFMessageError"]) == [])
    }
}
