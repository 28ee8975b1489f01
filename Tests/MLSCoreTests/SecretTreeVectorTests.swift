import MLSCore
import MLSCrypto
import Testing

struct SecretTreeVector: Decodable {
    struct Leaf: Decodable {
        let generation: UInt32
        let handshakeKey, handshakeNonce, applicationKey, applicationNonce: String
    }
    let cipherSuite: UInt16
    let senderData: SenderDataVector
    let encryptionSecret: String
    let leaves: [[Leaf]]

    struct SenderDataVector: Decodable {
        let senderDataSecret, ciphertext, key, nonce: String
    }
}

extension SecretTreeVector: CustomTestStringConvertible {
    var testDescription: String { "suite \(cipherSuite), \(leaves.count) leaves" }
}

@Suite("RFC 9420 secret-tree.json")
struct SecretTreeVectorTests {
    static let vectors = (try? loadVectors("secret-tree", as: [SecretTreeVector].self)) ?? []

    @Test("vector file loads with 21 entries")
    func fileLoads() throws {
        #expect(try loadVectors("secret-tree", as: [SecretTreeVector].self).count == 21)
    }

    @Test("secret-tree entry", arguments: vectors)
    func entry(_ v: SecretTreeVector) throws {
        guard let suite = try supportedSuite(v.cipherSuite) else { return }
        let sd = v.senderData
        let epoch = try EpochContext(
            suite: suite,
            groupContext: GroupContext(
                cipherSuite: suite.id, groupID: [], epoch: 0, treeHash: [], confirmedTranscriptHash: []),
            senderDataSecret: try secret(sd.senderDataSecret), membershipKey: nil)
        let (key, nonce) = try epoch.senderDataKeyNonce(ciphertext: hex(sd.ciphertext))
        #expect(hexOf(key) == sd.key)
        #expect(hexOf(nonce) == sd.nonce)

        var tree = try SecretTree(
            suite: suite, encryptionSecret: try secret(v.encryptionSecret), leafCount: UInt32(v.leaves.count))
        for (leaf, generations) in v.leaves.enumerated() {
            for g in generations {
                let hs = try tree.consumeKey(leaf: UInt32(leaf), type: .handshake, generation: g.generation)
                let app = try tree.consumeKey(leaf: UInt32(leaf), type: .application, generation: g.generation)
                #expect(hexOf(hs.key) == g.handshakeKey)
                #expect(hexOf(hs.nonce) == g.handshakeNonce)
                #expect(hexOf(app.key) == g.applicationKey)
                #expect(hexOf(app.nonce) == g.applicationNonce)
                // Deletion schedule: a consumed key is gone.
                #expect(throws: MLSError.keyAlreadyConsumed(leaf: UInt32(leaf), generation: g.generation)) {
                    try tree.consumeKey(leaf: UInt32(leaf), type: .application, generation: g.generation)
                }
            }
        }
    }
}
