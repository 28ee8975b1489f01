import MLSCrypto
import TestSupport
import Testing

/// CryptoError describes itself in a sentence: what was wrong, with sizes and names, never a dump.
@Suite("primitive error descriptions")
struct CryptoErrorDescriptionTests {
    static let everyCase: [CryptoError] = [
        .libraryInitializationFailed, .invalidLength(what: "AEAD key", expected: 32, actual: 16),
        .outputTooLong(requested: 8161, maximum: 8160), .authenticationFailure,
        .ciphertextTooShort(length: 15, minimum: 16), .invalidPrivateKey, .invalidPublicKey, .malformedSignature,
        .outsideOneBlockRange(what: "HMAC message", range: 0...55, actual: 56), .primitiveFailure("AEAD seal"),
    ]

    @Test("sizes and names appear in the sentence")
    func texts() {
        #expect(
            CryptoError.invalidLength(what: "AEAD key", expected: 32, actual: 16).description
                == "The AEAD key has 16 bytes, but the algorithm needs 32 bytes.")
        #expect(
            CryptoError.ciphertextTooShort(length: 1, minimum: 16).description
                == "The ciphertext has 1 byte, fewer than the 16 bytes of the AEAD tag it must contain.")
        #expect(
            CryptoError.authenticationFailure.description
                == "AEAD decryption failed: the key or nonce is wrong, or the ciphertext or its associated data was "
                + "changed.")
        #expect(
            CryptoError.outsideOneBlockRange(what: "HMAC key", range: 0...64, actual: 65).description
                == "The HMAC key has 65 bytes, but the one-block HMAC path (HMACPairDeriver) takes 0 to 64 bytes (one "
                + "hash block with its padding).")
    }

    @Test("every case is a sentence, interpolation prints it, and no case prints a type dump")
    func noDumps() {
        #expect(ErrorDescriptionCheck.problems(Self.everyCase, forbidden: ["MLSCrypto.", "CryptoError"]) == [])
    }
}
