import MLSCore
import MLSCrypto
import PuncturablePRF
import Testing

/// The errors of the compact encoding and profile mls32 (SPEC sections 3.1 and 3.2) describe themselves in a
/// sentence with indices and sizes, and carry distinct vector names.
@Suite("PPRF variant error descriptions")
struct VariantErrorDescriptionTests {
    static let newCases: [PPRFError] = [
        .profileNeedsLongerHash(profile: "mls32", hashSize: 32), .compactPuncturedLength(bytes: 3, challengeBytes: 2),
        .compactPaddingBitsSet(index: 4), .compactPuncturedNotIncreasing(index: 5),
        .compactSecretsLength(expected: 416, actual: 384), .compactUnrepresentable(depth: 7),
    ]

    @Test("each new case is a sentence naming its numbers, without a type dump")
    func sentences() {
        for error in Self.newCases {
            let text = "\(error)"
            #expect(text == error.description)
            #expect(text.first?.isUppercase == true && text.hasSuffix("."), "\(text)")
            #expect(!text.contains("PPRFError") && !text.contains("Error("))
        }
        #expect(
            PPRFError.compactSecretsLength(expected: 416, actual: 384).description
                == "Compact PPRF state: node_secrets has 384 bytes, and the punctured challenges derive 416 (one node "
                + "secret per derived node).")
        #expect(
            PPRFError.profileNeedsLongerHash(profile: "mls32", hashSize: 32).description
                == "Profile mls32 needs a cipher suite with KDF.Nh > 32 (suites 5 and 7), and this suite's is 32; with "
                + "KDF.Nh = 32 use profile mls, which it would equal (SPEC.md section 3.1).")
        #expect(PPRFError.unknownProfile(9).description.contains("4 (mls32)"))
    }

    @Test("vector names are distinct from each other and from the canonical decoder's")
    func vectorNames() {
        let names = Self.newCases.map(\.vectorName)
        #expect(Set(names).count == names.count)
        #expect(
            names == [
                "profile_needs_longer_hash", "punctured_length", "punctured_padding_bits_set",
                "punctured_not_increasing", "node_secrets_length", "unrepresentable",
            ])
        let canonical: [PPRFError] = [
            .unsortedNodes(index: 0), .overlappingNodes(index: 0), .prefixPaddingBitsSet(index: 0),
        ]
        #expect(Set(names).isDisjoint(with: canonical.map(\.vectorName)))
    }
}
