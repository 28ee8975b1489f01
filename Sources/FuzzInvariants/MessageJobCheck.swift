import Foundation
import MLSCore
import MessageJobs
import PPRFProtection
import PuncturablePRF

extension Invariant {
    /// The message-job decoder (`pprf message protect|unprotect`) on arbitrary bytes, for both operations:
    /// either a typed field or JSON error with a sentence (never a message failure: nothing runs while
    /// decoding), or a job within every documented limit. A decoded unprotect job with at most four messages
    /// is also run: it returns one plaintext per message or fails with a message error, never a field error.
    public static func messageJob(_ bytes: [UInt8]) -> FuzzOutcome {
        var accepted = false
        for operation in [MessageJob.Operation.protect, .unprotect] {
            let job: MessageJob
            do {
                job = try MessageJob(json: Data(bytes), operation: operation)
            } catch {
                if case .messageFailed = error { return .violation("decoding a job ran a message: \(error)") }
                if error.description.isEmpty { return .violation("a job error has no sentence") }
                if let field = error.field, field.isEmpty { return .violation("a job error names an empty field") }
                continue
            }
            if let violation = limitsViolation(job) { return .violation(violation) }
            if operation == .unprotect, job.inputs.count <= 4 {
                do {
                    let lines = try job.run()
                    guard lines.count == job.inputs.count else {
                        return .violation(
                            "an unprotect job returned \(lines.count) lines for \(job.inputs.count) messages")
                    }
                } catch {
                    guard case .messageFailed = error else {
                        return .violation("a decoded job failed with a decoding error when run: \(error)")
                    }
                }
            }
            accepted = true
        }
        return accepted ? .accepted : .rejected
    }

    /// The first documented limit a decoded job breaks, or nil.
    static func limitsViolation(_ job: MessageJob) -> String? {
        guard job.groupContext.cipherSuite == job.suite.id else {
            return "the job's suite differs from its GroupContext's"
        }
        guard (0...MessageJob.maxPadding).contains(job.padding) else { return "padding \(job.padding) is out of range" }
        if job.pprfMode {
            guard let parameters = job.parameters else { return "a pprf job has no parameters" }
            guard (1...256).contains(parameters.challengeBits) else { return "challenge_bits is out of range" }
            let extensions = job.groupContext.extensions.filter { $0.type == PPRFParameters.extensionType }
            guard extensions.count == 1, extensions[0].data == parameters.tlsEncoded else {
                return "a pprf job's GroupContext does not carry exactly its parameters"
            }
            guard (try? PPRFParameters(groupContext: job.groupContext)) == parameters else {
                return "a pprf job's GroupContext reads back other parameters"
            }
        } else {
            guard (1...SecretTree.maxLeafCount).contains(job.leafCount) else { return "n_leaves is out of range" }
            if job.operation == .protect, job.senderLeaf >= job.leafCount { return "sender_leaf is not below n_leaves" }
        }
        return nil
    }
}
