import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// A group epoch with `leafCount` members, each with its own signature key, in RFC 9420 or PPRF mode.
struct GroupFixture {
    let suite: CipherSuite
    let epoch: EpochContext
    let encryptionSecret: SecretBytes
    let signatureKeys: [SecretBytes]
    let publicKeys: [[UInt8]]

    init(suiteID: UInt16, challengeBits: Int = 64, profile: PRGProfile = .mls, leafCount: Int = 3) throws {
        suite = try CipherSuite(id: suiteID)
        let parameters = try PPRFParameters(challengeBits: challengeBits, profile: profile)
        let context = GroupContext(
            cipherSuite: suite.id, groupID: Array("virtual clients".utf8), epoch: 7,
            treeHash: [UInt8](repeating: 1, count: suite.nh),
            confirmedTranscriptHash: [UInt8](repeating: 2, count: suite.nh),
            extensions: [parameters.groupContextExtension])
        epoch = try EpochContext(
            suite: suite, groupContext: context,
            senderDataSecret: SecretBytes(copying: [UInt8](repeating: 3, count: suite.nh)),
            membershipKey: SecretBytes(copying: [UInt8](repeating: 4, count: suite.nh)))
        encryptionSecret = SecretBytes(copying: [UInt8](repeating: 5, count: suite.nh))
        let scheme = suite.signature
        let privateKeys = try (0..<leafCount).map { _ in try scheme.generatePrivateKey() }
        signatureKeys = privateKeys
        publicKeys = try privateKeys.map { try scheme.publicKey(for: $0) }
    }

    var keys: (UInt32) -> [UInt8]? {
        { [publicKeys] leaf in Int(leaf) < publicKeys.count ? publicKeys[Int(leaf)] : nil }
    }

    func pprfMember() throws -> PPRFMessageProtector {
        try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryptionSecret)
    }

    func rfcMember() throws -> RFC9420MessageProtector {
        try RFC9420MessageProtector(
            epoch: epoch, encryptionSecret: encryptionSecret, leafCount: UInt32(signatureKeys.count))
    }
}
