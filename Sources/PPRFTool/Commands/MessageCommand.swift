import ArgumentParser
import Foundation
import InteropVectors

/// `pprf message protect|unprotect`: JSON jobs on standard input (README, "Message jobs").
struct MessageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message", abstract: "Protect or unprotect application messages from a JSON job on stdin.",
        subcommands: [Protect.self, Unprotect.self])

    /// `pprf message protect`.
    struct Protect: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one hex MLSMessage per plaintext.")
        func run() throws {
            try MessageCommand.execute { try $0.protect() }
        }
    }

    /// `pprf message unprotect`.
    struct Unprotect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one hex plaintext per message; exit non-zero on the first failure with the error's name.")
        func run() throws {
            try MessageCommand.execute { try $0.unprotect() }
        }
    }

    static func execute(_ body: (MessageJob) throws -> [String]) throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        do {
            for line in try body(try MessageJob(json: input)) { print(line) }
        } catch {
            FileHandle.standardError.write(Data("pprf message: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
