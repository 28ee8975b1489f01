import MLSCore
import MLSCrypto
import Testing

/// CodecError and MLSError describe themselves in sentences; wrapped errors give the inner sentence.
@Suite("RFC 9420 layer error descriptions")
struct ErrorDescriptionTests {
    static let codecCases: [CodecError] = [
        .truncated(needed: 4, available: 1), .trailingBytes(count: 3), .nonMinimalLength(length: 5),
        .reservedLengthPrefix, .lengthExceedsInput(length: 100, available: 7),
        .invalidValue(field: "wire_format", value: 9), .wrongSize(field: "reuse_guard", expected: 4, actual: 3),
        .unsupported("proposal type 99"), .invalidHex, .nonZeroPadding,
    ]
    static let mlsCases: [MLSError] = [
        .unsupportedCipherSuite(4), .crypto(.authenticationFailure), .codec(.invalidHex),
        .labelTooLong(length: 65536), .leafOutOfRange(leaf: 9, leafCount: 4),
        .keyAlreadyConsumed(leaf: 1, generation: 0), .generationTooFarAhead(leaf: 1, generation: 2000, limit: 1000),
        .generationExhausted(leaf: 2), .invalidSignature, .invalidMembershipTag, .wrongGroup,
        .wrongEpoch(expected: 7, actual: 8), .unknownSender(leaf: 3), .contentTypeNotAllowed(1),
        .senderTypeNotAllowed(2),
    ]

    @Test("CodecError: sizes, counts and field names appear in the sentence")
    func codecTexts() {
        #expect(
            CodecError.truncated(needed: 4, available: 1).description
                == "The input ends inside a field: it needs 4 bytes and 1 byte are left.")
        #expect(
            CodecError.trailingBytes(count: 3).description
                == "The input has 3 bytes after a complete value; it must end there.")
        #expect(
            CodecError.wrongSize(field: "reuse_guard", expected: 4, actual: 3).description
                == "The field reuse_guard has 3 bytes; it must have 4 bytes.")
    }

    @Test("MLSError: suites, leaves and epochs appear; wrapped errors give their own sentence")
    func mlsTexts() throws {
        #expect(
            MLSError.unsupportedCipherSuite(4).description
                == "Cipher suite 4 is not supported; use one of 1, 2, 3, 5, 7 (suites 4 and 6 need X448 and Ed448, "
                + "which no library used here provides).")
        #expect(
            MLSError.wrongEpoch(expected: 7, actual: 8).description
                == "The message is for epoch 8, but this state is for epoch 7.")
        #expect(MLSError.crypto(.authenticationFailure).description == CryptoError.authenticationFailure.description)
        #expect(MLSError.codec(.invalidHex).description == CodecError.invalidHex.description)
        // What the library really throws for suite 6, described.
        let error = try #require(#expect(throws: MLSError.self) { try CipherSuite(id: 6) })
        #expect("\(error)".hasPrefix("Cipher suite 6 is not supported"))
    }

    @Test("every case is a sentence, interpolation prints it, and no case prints a type dump")
    func noDumps() {
        let pairs = Self.codecCases.map { ("\($0)", $0.description) } + Self.mlsCases.map { ("\($0)", $0.description) }
        for (text, description) in pairs {
            #expect(text == description)
            #expect(text.first?.isUppercase == true && text.hasSuffix("."), "\(text)")
            #expect(!text.contains("MLSCore.") && !text.contains("Error(") && !text.contains("MLSError"))
        }
        #expect(Set(Self.codecCases.map(\.description)).count == Self.codecCases.count)
        #expect(Set(Self.mlsCases.map(\.description)).count == Self.mlsCases.count)
    }
}
