import MLSCore
import MLSCrypto
import PuncturablePRF
import TestSupport
import Testing

/// PPRFError describes itself in a sentence with indices and sizes, never secrets or a dump.
@Suite("PPRF error descriptions")
struct PPRFErrorDescriptionTests {
    static let everyCase: [PPRFError] = [
        .invalidChallengeBits(0), .challengeLength(expected: 16, actual: 15), .challengePaddingBitsSet, .punctured,
        .profileUnsupportedForSuite(profile: "blake2b", hashSize: 64), .unknownProfile(9),
        .wrongRootSecretLength(expected: 32, actual: 31), .tooManyNodes(limit: 1000), .unsortedNodes(index: 3),
        .overlappingNodes(index: 4), .prefixPaddingBitsSet(index: 5),
        .wrongPrefixByteCount(index: 6, expected: 2, actual: 3),
        .prefixLongerThanChallenge(index: 7, length: 130, challengeBits: 128),
        .wrongSecretLength(index: 8, expected: 32, actual: 33), .codec(.trailingBytes(count: 2)),
        .crypto(.primitiveFailure("blake2b")),
    ]

    @Test("indices, sizes and limits appear in the sentence")
    func texts() {
        #expect(PPRFError.invalidChallengeBits(300).description == "The challenge length b = 300 is outside 1...256.")
        #expect(
            PPRFError.wrongPrefixByteCount(index: 6, expected: 2, actual: 3).description
                == "PPRF state: node 6 has 3 prefix bytes, and its prefix length needs 2.")
        #expect(
            PPRFError.tooManyNodes(limit: 1000).description
                == "The state would hold more than 1000 stored nodes (maxStoredNodes, set from the memory budget), so "
                + "nothing was changed; raise the budget (the hard ceiling is 2^30 - 256 nodes) or start a new epoch.")
        #expect(
            PPRFError.codec(.trailingBytes(count: 2)).description
                == "Malformed PPRF state encoding. The input has 2 bytes after a complete value; it must end there.")
    }

    @Test("what decoding a bad state really throws is described with its node index")
    func thrownError() throws {
        let suite = try CipherSuite(id: 1)
        var writer = TLSWriter()
        writer.writeVector { w in
            w.write(UInt16(200))
            w.writeOpaque([UInt8](repeating: 0, count: 25))
            w.writeOpaque([UInt8](repeating: 1, count: 32))
        }
        let error = try #require(
            #expect(throws: PPRFError.self) {
                try PPRF(
                    encoded: SecretBytes(copying: writer.bytes), suite: suite,
                    parameters: PPRFParameters(challengeBits: 128, profile: .mls))
            })
        #expect("\(error)" == "PPRF state: node 0 has a 200-bit prefix, longer than the tree's depth 128.")
    }

    @Test("every case is a sentence, interpolation prints it, and no case prints a type dump")
    func noDumps() {
        #expect(ErrorDescriptionCheck.problems(Self.everyCase, forbidden: ["MLSCore.", "PPRFError"]) == [])
    }

    @Test("the shared description check names each kind of problem it finds")
    func checkNamesProblems() {
        struct Fake: Error, CustomStringConvertible { let description: String }
        let cases = ["lower case.", "A dump PPRFError(x).", "No full stop", "Same.", "Same."].map(Fake.init)
        #expect(
            ErrorDescriptionCheck.problems(cases, forbidden: ["PPRFError"]) == [
                "not a sentence: lower case.", "contains PPRFError: A dump PPRFError(x).",
                "contains Error(: A dump PPRFError(x).", "not a sentence: No full stop", "two cases print: Same.",
            ])
    }
}
