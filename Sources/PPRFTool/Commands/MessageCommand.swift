import ArgumentParser
import Foundation
import MessageJobs

/// `pprf message protect|unprotect`: JSON jobs on standard input (README, "Message jobs"; the fields' rules are
/// ``MessageJob``'s). A malformed job or a failing message exits 1 with a sentence naming the field or error.
struct MessageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message", abstract: "Protect or unprotect application messages from a JSON job on stdin.",
        subcommands: [Protect.self, Unprotect.self])

    /// `pprf message protect`.
    struct Protect: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one hex MLSMessage per plaintext.")
        func run() throws {
            try MessageCommand.execute(.protect)
        }
    }

    /// `pprf message unprotect`.
    struct Unprotect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one hex plaintext per message; exit non-zero on the first failure with the error's name.")
        func run() throws {
            try MessageCommand.execute(.unprotect)
        }
    }

    static func execute(_ operation: MessageJob.Operation) throws {
        // Stop reading once past the limit, so that a huge input is refused without being held whole.
        var input = Data()
        while input.count <= MessageJob.maxInputBytes {
            let chunk = FileHandle.standardInput.readData(ofLength: 1 << 16)
            if chunk.isEmpty { break }
            input.append(chunk)
        }
        do throws(MessageJob.JobError) {
            for line in try MessageJob(json: input, operation: operation).run() { print(line) }
        } catch {
            FileHandle.standardError.write(Data("pprf message \(operation.rawValue): \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
