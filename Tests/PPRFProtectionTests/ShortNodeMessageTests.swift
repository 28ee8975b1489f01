import Foundation
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF
import Testing

/// Profile `mls32` end to end (SPEC.md section 3.1, issue 16): PrivateMessages at suites 5 and 7 with 32-byte
/// nodes, keyed exactly as `Vectors/pprf-tree-short-nodes.json` says, across a state encode/decode round trip.
@Suite("profile mls32 end to end: protect, encode and decode the state, unprotect, keys from the tree vectors")
struct ShortNodeMessageTests {
    /// One evaluation of the short-node tree vectors: the challenge and what its leaf must key.
    struct Evaluation {
        let challenge: [UInt8]
        let leafSecret: [UInt8]
        let applicationKey: [UInt8]
        let applicationNonce: [UInt8]
        let handshakeKey: [UInt8]
        let handshakeNonce: [UInt8]
        let storedNodesAfter: Int
    }

    /// The vector entry of `suite` at b (profile mls32): its root secret and its evaluations in order.
    static func vector(suite: UInt16, bits b: Int) throws -> (root: [UInt8], evaluations: [Evaluation]) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Vectors/pprf-tree-short-nodes.json")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
        let entry = try #require(
            entries.first { $0["cipher_suite"] as? Int == Int(suite) && $0["challenge_bits"] as? Int == b })
        #expect(entry["profile"] as? String == "mls32")
        func hex(_ object: [String: Any], _ key: String) throws -> [UInt8] {
            try Hex.decode(try #require(object[key] as? String, "\(key)"))
        }
        let evaluations = try #require(entry["evaluations"] as? [[String: Any]]).map { e in
            Evaluation(
                challenge: try hex(e, "challenge"), leafSecret: try hex(e, "leaf_secret"),
                applicationKey: try hex(e, "application_key"), applicationNonce: try hex(e, "application_nonce"),
                handshakeKey: try hex(e, "handshake_key"), handshakeNonce: try hex(e, "handshake_nonce"),
                storedNodesAfter: try #require(e["stored_nodes_after"] as? Int))
        }
        return (try hex(entry, "root_secret"), evaluations)
    }

    @Test(
        "suite 5 and 7, b = 128 and 256: every vector challenge as a message; keys, nonces and states match",
        arguments: [(UInt16(5), 128), (5, 256), (7, 128), (7, 256)])
    func endToEnd(suiteID: UInt16, bits b: Int) throws {
        let (root, evaluations) = try Self.vector(suite: suiteID, bits: b)
        #expect(evaluations.count == 6)
        let f = try GroupFixture(suiteID: suiteID, challengeBits: b, profile: .mls32)
        #expect(root.count == f.suite.nh)  // the root is the whole encryption_secret; the tree uses 32 bytes
        let rootSecret = SecretBytes(copying: root)
        let sender = try PPRFMessageProtector(epoch: f.epoch, encryptionSecret: rootSecret)
        let receiver = try PPRFMessageProtector(epoch: f.epoch, encryptionSecret: rootSecret)
        #expect(receiver.parameters.profile == .mls32)
        // The state decoded from the receiver's encoding after the previous message: it must key this one.
        var decoded: PPRF?
        for (i, e) in evaluations.enumerated() {
            let application = i % 2 == 0
            let body: ContentBody =
                application ? .application(Array("message \(i) at suite \(suiteID)".utf8)) : .proposal(.remove(leaf: 2))
            let challenge = try Challenge(bytes: e.challenge, challengeBits: b)
            let message = try sender.protect(
                body: body, authenticatedData: [0x51], senderLeaf: 1, signaturePrivateKey: f.signatureKeys[1],
                paddingLength: 2, challenge: challenge)
            // The message opens with the vector's key and nonce, for the ratchet its content type selects.
            let key = SecretBytes(copying: application ? e.applicationKey : e.handshakeKey)
            let nonce = SecretBytes(copying: application ? e.applicationNonce : e.handshakeNonce)
            let (content, _) = try f.epoch.openPrivateContent(
                message, leaf: 1, key: key, nonce: nonce, signaturePublicKey: f.keys)
            #expect(content.body == body)
            // The decoded state (or, for the first message, a fresh one) derives the vector's leaf, key and
            // nonce, and opens the message with them.
            let state =
                try decoded
                ?? PPRF(
                    secret: rootSecret, suite: f.suite, parameters: PPRFParameters(challengeBits: b, profile: .mls32))
            let prepared = try state.preparePuncture(at: challenge)
            #expect(prepared.value == SecretBytes(copying: e.leafSecret), "evaluation \(i)")
            #expect(prepared.value.count == 32)
            let keys = try ChallengeKeys.derive(
                suite: f.suite, leafSecret: prepared.value, type: application ? .application : .handshake,
                profile: .mls32)
            #expect(keys.key == key && keys.nonce == nonce, "evaluation \(i)")
            let (fromDecoded, _) = try f.epoch.openPrivateContent(
                message, leaf: 1, key: keys.key, nonce: keys.nonce, signaturePublicKey: f.keys)
            #expect(fromDecoded.body == body)
            try state.commit(prepared)
            // The receiver unprotects it through the protector and ends in the same state.
            let opened = try receiver.unprotect(message, signaturePublicKey: f.keys)
            #expect(opened.content.body == body)
            #expect(opened.applicationAuthenticatedData == [0x51])
            #expect(receiver.state.storedNodeCount == e.storedNodesAfter, "evaluation \(i)")
            #expect(throws: PPRFMessageError.challengeReused) {
                try receiver.unprotect(message, signaturePublicKey: f.keys)
            }
            let encoded = try receiver.state.encoded()
            #expect(try state.encoded() == encoded)
            #expect(try sender.state.encoded() == encoded)  // both punctured at the same challenges
            // Round trip through the canonical encoding: the same state, 32-byte secrets, for the next message.
            let next = try PPRF(
                encoded: encoded, suite: f.suite, parameters: PPRFParameters(challengeBits: b, profile: .mls32))
            #expect(try next.encoded() == encoded)
            #expect(next.storedNodeCount == e.storedNodesAfter)
            #expect(next.secretBytesHeld == 32 * e.storedNodesAfter)
            #expect(try next.isPunctured(challenge))
            decoded = next
        }
    }

    @Test("profile mls32 at suite 1 is refused when the protector is built: KDF.Nh = 32 has no shorter node")
    func refusedAtSuite1() throws {
        let f = try GroupFixture(suiteID: 1, challengeBits: 64, profile: .mls32)
        #expect(throws: PPRFMessageError.pprf(.profileNeedsLongerHash(profile: "mls32", hashSize: 32))) {
            try PPRFMessageProtector(epoch: f.epoch, encryptionSecret: f.encryptionSecret)
        }
    }
}
