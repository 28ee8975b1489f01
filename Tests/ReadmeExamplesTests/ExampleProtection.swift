// README.md, "Using the library", example 2 (ReadmeDriftTests checks that the README shows this file's code).
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// Protects an application message in PPRF mode (SPEC.md sections 5 to 7) and unprotects it at another
/// member; the replay fails with `challengeReused`.
func protectAndUnprotectInPPRFMode() throws -> (plaintext: [UInt8], replayRejected: Bool) {
    let suite = try CipherSuite(id: 1)
    // b = 128 with profile mls, bound into the GroupContext as the PPRFParameters extension (SPEC.md section 1).
    let parameters = try PPRFParameters(challengeBits: 128, profile: .mls)
    let context = GroupContext(
        cipherSuite: suite.id, groupID: Array("example group".utf8), epoch: 1,
        treeHash: [UInt8](repeating: 0, count: suite.nh), confirmedTranscriptHash: [],
        extensions: [parameters.groupContextExtension])
    let zero = SecretBytes(copying: [UInt8](repeating: 0, count: suite.nh))
    let secrets = try KeySchedule.epochSecrets(
        suite: suite, initSecret: zero, commitSecret: zero, pskSecret: zero, groupContext: context)
    let epoch = try EpochContext(
        suite: suite, groupContext: context, senderDataSecret: secrets.senderDataSecret,
        membershipKey: secrets.membershipKey)

    // Every member (and every emulator client) holds its own PPRF state for the epoch.
    let sender = try PPRFMessageProtector(epoch: epoch, encryptionSecret: secrets.encryptionSecret)
    let receiver = try PPRFMessageProtector(epoch: epoch, encryptionSecret: secrets.encryptionSecret)
    let signatureKey = try suite.signature.generatePrivateKey()
    let publicKeys: [UInt32: [UInt8]] = [0: try suite.signature.publicKey(for: signatureKey)]  // by leaf

    let message = try sender.protect(
        body: .application(Array("hello".utf8)), senderLeaf: 0, signaturePrivateKey: signatureKey)
    let opened = try receiver.unprotect(message) { leaf in publicKeys[leaf] }
    guard case .application(let plaintext) = opened.content.body else { return ([], false) }
    var replayRejected = false
    do {
        _ = try receiver.unprotect(message) { leaf in publicKeys[leaf] }
    } catch .challengeReused {
        replayRejected = true  // the receiver punctured at the challenge: its key is gone
    }
    return (plaintext, replayRejected)
}
