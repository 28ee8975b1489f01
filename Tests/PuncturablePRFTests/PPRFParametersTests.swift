import MLSCore
import MLSCrypto
import PuncturablePRF
import Testing

/// PPRFParameters is the one value that makes, decodes and describes a PPRF (SPEC.md sections 1 to 3): it
/// holds a valid b by construction, and every initialiser and the summary carry it.
@Suite("PPRFParameters")
struct PPRFParametersTests {
    @Test(
        "b outside 1...256 is refused with invalidChallengeBits, before any encoding",
        arguments: [
            0, -1, 257, 65_535, 65_536, 70_000, Int.max, Int.min,
        ])
    func outOfRange(bits: Int) {
        #expect(throws: PPRFError.invalidChallengeBits(bits)) { try PPRFParameters(challengeBits: bits, profile: .mls) }
        #expect(throws: PPRFError.invalidChallengeBits(bits)) { try Challenge.random(challengeBits: bits) }
    }

    @Test("the ends of the range encode as before: 00 01 00 01 and 01 00 01 02 (reuse guard set)")
    func ends() throws {
        #expect(try PPRFParameters(challengeBits: 1, profile: .mls).tlsEncoded == [0x00, 0x01, 0x00, 0x01])
        let guarded = try PPRFParameters(challengeBits: 256, profile: .blake2b, reuseGuard: true)
        #expect(guarded.tlsEncoded == [0x01, 0x00, 0x01, 0x02])
        #expect(try PPRFParameters(tlsDecoding: guarded.tlsEncoded) == guarded)
        #expect(guarded.challengeBytes == 32)
        #expect(try PPRFParameters(challengeBits: 13, profile: .cbst).challengeBytes == 2)
        #expect(PPRFParameters.challengeBitsRange == 1...256)
    }

    @Test("the profile is checked against the suite: blake2b needs KDF.Nh = 32, mls32 more than 32")
    func profileSuitePairing() throws {
        let suite1 = try CipherSuite(id: 1)
        let suite5 = try CipherSuite(id: 5)
        let blake = try PPRFParameters(challengeBits: 64, profile: .blake2b)
        let short = try PPRFParameters(challengeBits: 64, profile: .mls32)
        try blake.check(for: suite1)
        try short.check(for: suite5)
        #expect(throws: PPRFError.profileUnsupportedForSuite(profile: "blake2b", hashSize: 64)) {
            try blake.check(for: suite5)
        }
        #expect(throws: PPRFError.profileNeedsLongerHash(profile: "mls32", hashSize: 32)) {
            try short.check(for: suite1)
        }
        #expect(throws: PPRFError.profileUnsupportedForSuite(profile: "blake2b", hashSize: 64)) {
            try PPRF(secret: SecretBytes(copying: [UInt8](repeating: 1, count: 64)), suite: suite5, parameters: blake)
        }
    }

    @Test("the PPRF, both decoders and the summary carry the parameters they were given")
    func carried() throws {
        let suite = try CipherSuite(id: 1)
        let parameters = try PPRFParameters(challengeBits: 13, profile: .blake2b, reuseGuard: true)
        let pprf = try PPRF(
            secret: SecretBytes(copying: [UInt8](repeating: 7, count: 32)), suite: suite, parameters: parameters)
        try pprf.puncture(at: Challenge(bytes: [0xA5, 0x08], challengeBits: 13))
        #expect(pprf.parameters == parameters)
        #expect(pprf.challengeBits == 13 && pprf.profile == .blake2b)
        #expect(pprf.summary().parameters == parameters)
        #expect(pprf.summary().challengeBits == 13)
        let canonical = try PPRF(encoded: pprf.encoded(), suite: suite, parameters: parameters)
        let compact = try PPRF(compactEncoded: pprf.compactEncoded(), suite: suite, parameters: parameters)
        #expect(canonical.parameters == parameters && compact.parameters == parameters)
        #expect(try canonical.encoded() == pprf.encoded())
        #expect(try compact.encoded() == pprf.encoded())
        #expect(pprf.copy().parameters == parameters)
        // A state of b = 13 read as b = 8: its 13-bit prefix is longer than the tree. x = 1010 0101 0000 1 has
        // 1-bits at 1, 3, 6, 8 and 13; the siblings there (0 where x has 1) sort first, so the 13-bit one is node 4.
        let eight = try PPRFParameters(challengeBits: 8, profile: .blake2b)
        #expect(throws: PPRFError.prefixLongerThanChallenge(index: 4, length: 13, challengeBits: 8)) {
            try PPRF(encoded: pprf.encoded(), suite: suite, parameters: eight)
        }
    }

    @Test("rootNode: the whole encryption_secret, or its first 32 bytes for mls32; a wrong length is refused")
    func rootNode() throws {
        let suite1 = try CipherSuite(id: 1)
        let suite5 = try CipherSuite(id: 5)
        let long = SecretBytes(copying: (0..<64).map { UInt8($0) })
        let truncated = try PRGProfile.mls32.rootNode(from: long, suite: suite5)
        #expect(truncated == SecretBytes(copying: (0..<32).map { UInt8($0) }))
        #expect(try PRGProfile.mls.rootNode(from: long, suite: suite5) == long)
        let short = SecretBytes(copying: [UInt8](repeating: 9, count: 32))
        #expect(try PRGProfile.blake2b.rootNode(from: short, suite: suite1) == short)
        #expect(throws: PPRFError.wrongRootSecretLength(expected: 64, actual: 32)) {
            try PRGProfile.mls32.rootNode(from: short, suite: suite5)
        }
        #expect(throws: PPRFError.profileNeedsLongerHash(profile: "mls32", hashSize: 32)) {
            try PRGProfile.mls32.rootNode(from: short, suite: suite1)
        }
        // The PPRF's root is exactly that node: at b = 1 the two leaves are its children.
        let pprf = try PPRF(
            secret: long, suite: suite5, parameters: PPRFParameters(challengeBits: 1, profile: .mls32))
        let children = try GGMExpander(suite: suite5, profile: .mls32).children(of: truncated)
        #expect(try pprf.evaluate(at: Challenge(bytes: [0x00], challengeBits: 1)) == children.left)
        #expect(try pprf.evaluate(at: Challenge(bytes: [0x80], challengeBits: 1)) == children.right)
    }
}
