import ArgumentParser
import Foundation

/// The sentence `pprf` prints for an error: every library error's own `description` (a human sentence), and
/// Foundation's localized text for Foundation errors (a file that cannot be read, say), never their debug dump
/// (`Error Domain=NSCocoaErrorDomain Code=260 ... UserInfo={...}`).
enum ErrorText {
    /// The human sentence for `error`.
    static func sentence(_ error: any Error) -> String {
        guard error is CustomNSError || type(of: error) is NSError.Type else { return String(describing: error) }
        // Foundation prefixes every reason with a sentence that says nothing ("The file doesn't exist." is it).
        let text = error.localizedDescription
        let vague = "The operation could not be completed. "
        return text.hasPrefix(vague) && text.count > vague.count ? String(text.dropFirst(vague.count)) : text
    }

    /// A Foundation error carried to ArgumentParser's exit path as its sentence (ArgumentParser prints a
    /// `LocalizedError`'s `errorDescription` on standard error and exits with 1).
    struct FoundationFailure: LocalizedError {
        let errorDescription: String?
    }
}

extension RootCommand {
    /// ArgumentParser's own entry point, except that a Foundation error escaping a command is printed as its
    /// localized sentence; every other error (validation errors with exit 64, library errors with exit 1 and
    /// their `description`, `ExitCode`) reaches ArgumentParser unchanged.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if error is CustomNSError || type(of: error) is NSError.Type {
                exit(withError: ErrorText.FoundationFailure(errorDescription: ErrorText.sentence(error)))
            }
            exit(withError: error)
        }
    }
}
