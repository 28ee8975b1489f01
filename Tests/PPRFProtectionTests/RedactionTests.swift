import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF
import Testing

/// No public type that holds secrets shows them: description, debugDescription and dump of each are free of
/// the secret's bytes (0xA5 fills every secret here: "a5" in hex, "165" in decimal).
@Suite("redaction of secrets in public types")
struct RedactionTests {
    @Test("PPRF, PPRFMessageProtector, EpochContext, EpochSecrets, KeyAndNonce, SecretTree, StoredNode")
    func noSecretInOutput() throws {
        let suite = try CipherSuite(id: 1)
        let secret = SecretBytes(copying: [UInt8](repeating: 0xA5, count: 32))
        let context = GroupContext(
            cipherSuite: 1, groupID: [1], epoch: 1, treeHash: [], confirmedTranscriptHash: [],
            extensions: [try PPRFParameters(challengeBits: 8, profile: .mls).groupContextExtension])
        let epoch = try EpochContext(
            suite: suite, groupContext: context, senderDataSecret: secret, membershipKey: secret)
        let protection = try PPRFMessageProtector(epoch: epoch, encryptionSecret: secret)
        let pprf = try PPRF(secret: secret, suite: suite, parameters: PPRFParameters(challengeBits: 8, profile: .mls))
        let secrets = try KeySchedule.epochSecrets(
            suite: suite, initSecret: secret, commitSecret: secret, pskSecret: secret, groupContext: context)
        let values: [Any] = [
            secret, pprf, protection, epoch, secrets, KeyAndNonce(generation: 0, key: secret, nonce: secret),
            try SecretTree(suite: suite, encryptionSecret: secret, leafCount: 2), pprf.storedNodes(),
            try pprf.preparePuncture(at: Challenge(bytes: [0], challengeBits: 8)),
        ]
        for value in values {
            var dumped = ""
            dump(value, to: &dumped)
            for text in [String(describing: value), String(reflecting: value), dumped] {
                #expect(!text.lowercased().contains("a5a5"), "\(type(of: value))")
                #expect(!text.contains("165, 165"), "\(type(of: value))")
            }
        }
    }
}
