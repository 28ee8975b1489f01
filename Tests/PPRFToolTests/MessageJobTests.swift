import Foundation
import MLSCore
import MLSCrypto
import MessageJobs
import PPRFProtection
import Testing

@Suite("pprf message protect/unprotect jobs")
struct MessageJobTests {
    static func run(_ mode: String, _ operation: MessageJob.Operation, _ changes: [String: String?]) throws -> [String]
    {
        try MessageJob(json: try JobFixture.job(mode: mode, changes), operation: operation).run()
    }

    @Test("round trip in both modes; messages unprotect in any order", arguments: ["rfc9420", "pprf"])
    func roundTrip(_ mode: String) throws {
        let plaintexts = ["68656c6c6f", "776f726c64", "", "00ff"]
        let messages = try Self.run(mode, .protect, ["plaintexts": JobFixture.list(plaintexts)])
        #expect(messages.count == 4)
        let order = [2, 0, 3, 1]
        let opened = try Self.run(mode, .unprotect, ["messages": JobFixture.list(order.map { messages[$0] })])
        #expect(opened == order.map { plaintexts[$0] })
    }

    @Test("a replayed message stops the job with the exact error's description: challengeReused, or keyAlreadyConsumed")
    func replay() throws {
        let messages = try Self.run("pprf", .protect, ["plaintexts": JobFixture.list(["01"])])
        let reused = PPRFMessageError.challengeReused.description
        #expect(throws: MessageJob.JobError.messageFailed(index: 1, error: reused)) {
            try Self.run("pprf", .unprotect, ["messages": JobFixture.list([messages[0], messages[0]])])
        }
        let rfc = try Self.run("rfc9420", .protect, ["plaintexts": JobFixture.list(["01"])])
        #expect(
            throws: MessageJob.JobError.messageFailed(
                index: 1, error: MLSError.keyAlreadyConsumed(leaf: 1, generation: 0).description)
        ) {
            try Self.run("rfc9420", .unprotect, ["messages": JobFixture.list([rfc[0], rfc[0]])])
        }
    }

    @Test("every malformed job fails while decoding, with an error naming the field", arguments: HostileJob.all)
    func hostileJob(_ job: HostileJob) throws {
        let error = #expect(throws: MessageJob.JobError.self) {
            try MessageJob(json: try job.json(), operation: job.operation)
        }
        guard let error else { return }
        #expect(job.matches(error), "got \(error)")
        #expect(error.description.contains(job.field), "\(error.description)")
    }

    @Test("input that is not a JSON object is refused with a sentence saying why")
    func notJobs() throws {
        for (input, phrase) in HostileJob.notJobs {
            let error = #expect(throws: MessageJob.JobError.self) {
                try MessageJob(json: Data(input.utf8), operation: .protect)
            }
            #expect(error?.description.contains(phrase) == true, "\(input): \(String(describing: error))")
        }
        let huge = Data(count: MessageJob.maxInputBytes + 1)
        #expect(
            throws: MessageJob.JobError.tooLarge(bytes: MessageJob.maxInputBytes + 1, limit: MessageJob.maxInputBytes)
        ) {
            try MessageJob(json: huge, operation: .unprotect)
        }
    }

    @Test("limits: the largest padding, n_leaves and sender_leaf are accepted, one more is refused")
    func limits() throws {
        let padded = try MessageJob(
            json: try JobFixture.job(
                mode: "pprf", ["padding": "\(MessageJob.maxPadding)", "plaintexts": JobFixture.list(["01"])]),
            operation: .protect)
        #expect(padded.padding == 65536)
        let message = try padded.run()
        #expect(message.count == 1)
        #expect(message[0].count / 2 > MessageJob.maxPadding)
        let wide = try MessageJob(
            json: try JobFixture.job(
                mode: "rfc9420",
                ["n_leaves": "2147483648", "sender_leaf": "2147483647", "plaintexts": JobFixture.list(["01"])]),
            operation: .protect)
        #expect(wide.leafCount == 1 << 31)
        #expect(wide.senderLeaf == (1 << 31) - 1)
        let pprf = try MessageJob(
            json: try JobFixture.job(
                mode: "pprf", ["sender_leaf": "4294967295", "plaintexts": JobFixture.list(["01"])]),
            operation: .protect)
        #expect(pprf.senderLeaf == UInt32.max)
        #expect(pprf.parameters?.challengeBits == 64)
        #expect(pprf.groupContext.extensions.count == 1)
    }

    @Test("unprotect jobs do not need protect's fields; unknown senders fail the message, not the job's decoding")
    func unprotectFields() throws {
        let messages = try Self.run("rfc9420", .protect, ["plaintexts": JobFixture.list(["01"])])
        let opened = try Self.run(
            "rfc9420", .unprotect,
            ["messages": JobFixture.list(messages), "sender_leaf": nil, "signature_private_key": nil, "padding": nil])
        #expect(opened == ["01"])
        #expect(
            throws: MessageJob.JobError.messageFailed(index: 0, error: MLSError.unknownSender(leaf: 1).description)
        ) {
            try Self.run("rfc9420", .unprotect, ["messages": JobFixture.list(messages), "signature_public_keys": "[]"])
        }
    }
}
