import Foundation
import MLSCore
import MLSCrypto
import Testing

@testable import PuncturablePRF

/// Profile `mls` is the RFC 9420 secret tree's derivation: with root `encryption_secret`, the PPRF at depth
/// log2(n) gives the secret tree's leaf secrets, checked through the official secret-tree.json keys.
@Suite("profile mls equals the RFC 9420 secret tree")
struct SecretTreeEquivalenceTests {
    struct Vector: Decodable {
        struct Leaf: Decodable {
            let generation: UInt32
            let handshakeKey, handshakeNonce, applicationKey, applicationNonce: String
        }
        let cipherSuite: UInt16
        let encryptionSecret: String
        let leaves: [[Leaf]]
    }

    @Test("leaf secrets at depth log2(n) for n = 8 and 32, every supported suite")
    func equivalence() throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let data = try Data(contentsOf: officialDirectory.appendingPathComponent("secret-tree.json"))
        var checked = 0
        for v in try decoder.decode([Vector].self, from: data) where v.leaves.count > 1 {
            guard let suite = try? CipherSuite(id: v.cipherSuite) else { continue }
            let depth = v.leaves.count.trailingZeroBitCount
            let pprf = try PPRF(
                secret: SecretBytes(copying: try Hex.decode(v.encryptionSecret)), suite: suite,
                parameters: PPRFParameters(challengeBits: depth, profile: .mls))
            for (leaf, generations) in v.leaves.enumerated() {
                let g0 = try #require(generations.first { $0.generation == 0 })
                let leafSecret = try pprf.evaluate(at: challenge(UInt64(leaf), bits: depth))
                let ratchet = try suite.expandWithLabel(leafSecret, label: "application", context: [], length: suite.nh)
                let key = try suite.deriveTreeSecret(ratchet, label: "key", generation: 0, length: suite.nk)
                let nonce = try suite.deriveTreeSecret(ratchet, label: "nonce", generation: 0, length: suite.nn)
                #expect(Hex.encode(key.exportedForTestVectors()) == g0.applicationKey)
                #expect(Hex.encode(nonce.exportedForTestVectors()) == g0.applicationNonce)
                let hs = try suite.expandWithLabel(leafSecret, label: "handshake", context: [], length: suite.nh)
                let hsKey = try suite.deriveTreeSecret(hs, label: "key", generation: 0, length: suite.nk)
                #expect(Hex.encode(hsKey.exportedForTestVectors()) == g0.handshakeKey)
                checked += 1
            }
        }
        #expect(checked == 5 * (8 + 32))
    }
}
