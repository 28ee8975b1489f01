// README.md, "Using the library", example 1 (ReadmeDriftTests checks that the README shows this file's code).
import MLSCore
import MLSCrypto
import PuncturablePRF

/// One epoch's PPRF (SPEC.md section 3): rooted at the epoch's encryption_secret, evaluated and punctured at a
/// random 128-bit challenge, then encoded as a canonical PPRFState and decoded again.
func pprfFromEncryptionSecret() throws -> (challenge: Challenge, value: SecretBytes, restored: PPRF) {
    let suite = try CipherSuite(id: 1)  // MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519
    let context = GroupContext(
        cipherSuite: suite.id, groupID: Array("example group".utf8), epoch: 1,
        treeHash: [UInt8](repeating: 0, count: suite.nh), confirmedTranscriptHash: [])
    // The epoch's secrets from RFC 9420's key schedule (section 8); a real group has its own inputs.
    let zero = SecretBytes(copying: [UInt8](repeating: 0, count: suite.nh))
    let secrets = try KeySchedule.epochSecrets(
        suite: suite, initSecret: zero, commitSecret: zero, pskSecret: zero, groupContext: context)

    // b = 128 with profile blake2b: the one value that makes, decodes and describes the PPRF.
    let parameters = try PPRFParameters(challengeBits: 128, profile: .blake2b)
    let pprf = try PPRF(secret: secrets.encryptionSecret, suite: suite, parameters: parameters)
    let x = try Challenge.random(challengeBits: 128)
    let value = try pprf.evaluateAndPuncture(at: x)  // PPRF(x), 32 bytes; evaluate(at: x) now throws .punctured
    let encoded = try pprf.encoded()  // the canonical PPRFState: the 128 co-path nodes of x, sorted
    let restored = try PPRF(encoded: encoded, suite: suite, parameters: parameters)
    return (x, value, restored)
}
