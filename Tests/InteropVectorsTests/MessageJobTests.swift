import Foundation
import InteropVectors
import MLSCore
import MLSCrypto
import PPRFProtection
import Testing

@Suite("pprf message protect/unprotect jobs")
struct MessageJobTests {
    static func job(mode: String, extra: [String: Any]) throws -> Data {
        let suite = try CipherSuite(id: 1)
        let context = GroupContext(
            cipherSuite: 1, groupID: [1, 2, 3], epoch: 9, treeHash: [UInt8](repeating: 4, count: 32),
            confirmedTranscriptHash: [5])
        let seed = SecretBytes(copying: [UInt8](repeating: 7, count: 32))
        var object: [String: Any] = [
            "cipher_suite": 1, "mode": mode, "group_context": Hex.encode(context.tlsEncoded),
            "encryption_secret": String(repeating: "11", count: 32),
            "sender_data_secret": String(repeating: "22", count: 32),
            "sender_leaf": 1, "n_leaves": 4, "challenge_bits": 64, "profile": "blake2b",
            "signature_private_key": Hex.encode(seed.exportedForTestVectors()),
            "signature_public_keys": ["00", Hex.encode(try suite.signature.publicKey(for: seed))],
            "authenticated_data": "abcd", "padding": 4,
        ]
        for (k, v) in extra { object[k] = v }
        return try JSONSerialization.data(withJSONObject: object)
    }

    @Test("round trip in both modes; messages unprotect in any order", arguments: ["rfc9420", "pprf"])
    func roundTrip(_ mode: String) throws {
        let plaintexts = ["68656c6c6f", "776f726c64", "", "00ff"]
        let messages = try MessageJob(json: Self.job(mode: mode, extra: ["plaintexts": plaintexts])).protect()
        #expect(messages.count == 4)
        let order = [2, 0, 3, 1]
        let opened = try MessageJob(json: Self.job(mode: mode, extra: ["messages": order.map { messages[$0] }]))
            .unprotect()
        #expect(opened == order.map { plaintexts[$0] })
    }

    @Test("a replayed message stops the job with the error's description")
    func replay() throws {
        let messages = try MessageJob(json: Self.job(mode: "pprf", extra: ["plaintexts": ["01"]])).protect()
        let reused = PPRFMessageError.challengeReused.description
        #expect(throws: MessageJob.JobError.messageFailed(index: 1, error: reused)) {
            try MessageJob(json: Self.job(mode: "pprf", extra: ["messages": [messages[0], messages[0]]])).unprotect()
        }
        let rfc = try MessageJob(json: Self.job(mode: "rfc9420", extra: ["plaintexts": ["01"]])).protect()
        #expect(throws: MessageJob.JobError.self) {
            try MessageJob(json: Self.job(mode: "rfc9420", extra: ["messages": [rfc[0], rfc[0]]])).unprotect()
        }
    }

    @Test("malformed jobs name the field")
    func badJobs() throws {
        #expect(throws: MessageJob.JobError.notAnObject) { try MessageJob(json: Data("[1]".utf8)) }
        #expect(throws: MessageJob.JobError.unknownMode("tree")) {
            try MessageJob(json: Self.job(mode: "tree", extra: [:]))
        }
        #expect(throws: MessageJob.JobError.badField("group_context")) {
            try MessageJob(json: Self.job(mode: "pprf", extra: ["group_context": "00"]))
        }
        #expect(throws: MessageJob.JobError.badField("profile")) {
            try MessageJob(json: Self.job(mode: "pprf", extra: ["profile": "sha3"]))
        }
        #expect(throws: MessageJob.JobError.badField("plaintexts")) {
            try MessageJob(json: Self.job(mode: "pprf", extra: [:])).protect()
        }
        #expect(throws: MessageJob.JobError.badField("cipher_suite")) {
            try MessageJob(json: Self.job(mode: "pprf", extra: ["cipher_suite": 4]))
        }
    }
}
