import MLSCore
import MLSCrypto
import RFC9420Vectors
import Testing

extension SecretTreeVector: CustomTestStringConvertible {
    /// The test-case name: the suite (and tree size) of the entry.
    public var testDescription: String { "suite \(cipherSuite), \(leaves.count) leaves" }
}

@Suite("RFC 9420 secret-tree.json")
struct SecretTreeVectorTests {
    @Test("vector file loads with 21 entries")
    func fileLoads() throws {
        #expect(try officialEntries("secret-tree", as: SecretTreeVector.self).count == 21)
    }

    @Test("secret-tree entry", arguments: try officialEntries("secret-tree", as: SecretTreeVector.self))
    func entry(_ v: SecretTreeVector) throws {
        guard let suite = try supportedSuite(v.cipherSuite) else { return }
        let sd = v.senderData
        let epoch = try EpochContext(
            suite: suite,
            groupContext: GroupContext(
                cipherSuite: suite.id, groupID: [], epoch: 0, treeHash: [], confirmedTranscriptHash: []),
            senderDataSecret: sd.senderDataSecret.secret, membershipKey: nil)
        let (key, nonce) = try epoch.senderDataKeyNonce(ciphertext: sd.ciphertext.bytes)
        #expect(HexBytes(exportedFromSecret: key) == sd.key)
        #expect(HexBytes(exportedFromSecret: nonce) == sd.nonce)

        let leafCount = try #require(UInt32(exactly: v.leaves.count))
        var tree = try SecretTree(suite: suite, encryptionSecret: v.encryptionSecret.secret, leafCount: leafCount)
        for (leaf, generations) in zip(0..<leafCount, v.leaves) {
            for g in generations {
                let hs = try tree.consumeKey(leaf: leaf, type: .handshake, generation: g.generation)
                let app = try tree.consumeKey(leaf: leaf, type: .application, generation: g.generation)
                #expect(HexBytes(exportedFromSecret: hs.key) == g.handshakeKey)
                #expect(HexBytes(exportedFromSecret: hs.nonce) == g.handshakeNonce)
                #expect(HexBytes(exportedFromSecret: app.key) == g.applicationKey)
                #expect(HexBytes(exportedFromSecret: app.nonce) == g.applicationNonce)
                // Deletion schedule: a consumed key is gone.
                #expect(throws: MLSError.keyAlreadyConsumed(leaf: leaf, generation: g.generation)) {
                    try tree.consumeKey(leaf: leaf, type: .application, generation: g.generation)
                }
            }
        }
    }
}
