import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// A PPRF-mode group whose GroupContext also carries the `safe_aad` component (SPEC.md section 5.1).
struct SafeAADGroup {
    let suite: CipherSuite
    let epoch: EpochContext
    let encryptionSecret: SecretBytes
    let signatureKey: SecretBytes
    let publicKey: [UInt8]

    /// Suite `suiteID`, challenges of `challengeBits`, and `extensions` after the PPRFParameters one (by default
    /// the app_data_dictionary requiring the challenge component).
    init(
        suiteID: UInt16 = 1, challengeBits: Int = 64,
        extensions: [Extension] = [ChallengeFraming.appDataDictionaryExtension()]
    ) throws {
        suite = try CipherSuite(id: suiteID)
        let context = GroupContext(
            cipherSuite: suite.id, groupID: Array("safe aad group".utf8), epoch: 3,
            treeHash: [UInt8](repeating: 1, count: suite.nh),
            confirmedTranscriptHash: [UInt8](repeating: 2, count: suite.nh),
            extensions: [try PPRFParameters(challengeBits: challengeBits, profile: .mls).groupContextExtension]
                + extensions)
        epoch = try EpochContext(
            suite: suite, groupContext: context,
            senderDataSecret: SecretBytes(copying: [UInt8](repeating: 3, count: suite.nh)), membershipKey: nil)
        encryptionSecret = SecretBytes(copying: [UInt8](repeating: 5, count: suite.nh))
        signatureKey = SecretBytes(copying: [UInt8](repeating: 6, count: suite.signature.privateKeySize))
        publicKey = try suite.signature.publicKey(for: signatureKey)
    }

    /// Leaf 0 has the group's one signature key.
    var keys: (UInt32) -> [UInt8]? { { [publicKey] leaf in leaf == 0 ? publicKey : nil } }

    func member() throws -> PPRFMessageProtector {
        try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryptionSecret)
    }
}

/// `SafeAAD` bytes for `items` in the given order, without the order check (to build malformed inputs).
func rawSafeAAD(_ items: [(UInt16, [UInt8])]) -> [UInt8] {
    var writer = TLSWriter()
    writer.writeVector { w in
        for (id, data) in items {
            w.write(id)
            w.writeOpaque(data)
        }
    }
    return writer.bytes
}
