import MLSCore
import PPRFProtection
import Testing

/// The Safe AAD errors of PPRFMessageError (SPEC.md section 5.1) describe themselves in a sentence.
@Suite("Safe AAD error descriptions")
struct SafeAADErrorDescriptionTests {
    static let cases: [PPRFMessageError] = [
        .invalidAppDataDictionary, .challengeComponentNotRequired, .safeAADMalformed(.reservedLengthPrefix),
        .safeAADTrailingBytes(count: 3), .safeAADUnsorted(index: 2), .safeAADDuplicateComponent(componentID: 0x1A),
        .missingChallengeItem, .challengeItemLength(length: 7, expected: 8), .rawAADInSafeAADGroup(length: 4),
        .safeAADNotNegotiated, .challengeComponentInApplicationItems,
    ]

    @Test("every Safe AAD case is a sentence without a type dump")
    func sentences() {
        for error in Self.cases {
            let text = "\(error)"
            #expect(text == error.description)
            #expect(text.first?.isUppercase == true || text.first?.isNumber == true, "\(text)")
            #expect(text.hasSuffix("."), "\(text)")
            #expect(!text.contains("MLSCore.") && !text.contains("Error(") && !text.contains("PPRFMessageError"))
        }
    }

    @Test("the payloads appear in the sentences")
    func payloads() {
        #expect(PPRFMessageError.safeAADDuplicateComponent(componentID: 0x1A).description.contains("0x001A"))
        #expect(
            PPRFMessageError.challengeItemLength(length: 7, expected: 8).description
                == "The challenge item has 7 bytes; a challenge of this group has 8.")
        #expect(PPRFMessageError.safeAADTrailingBytes(count: 3).description.hasPrefix("3 bytes follow the SafeAAD"))
        #expect(
            PPRFMessageError.safeAADMalformed(.reservedLengthPrefix).description.hasSuffix(
                CodecError.reservedLengthPrefix.description))
        #expect(PPRFMessageError.safeAADUnsorted(index: 2).description.hasPrefix("SafeAAD item 2 has"))
        #expect(PPRFMessageError.rawAADInSafeAADGroup(length: 4).description.hasPrefix("4 bytes of raw"))
    }
}
