import Foundation

/// The one way tests run the built `pprf` binary (PPRFToolTests' `Tool` and the TradeoffAnalysis tests of
/// `pprf variants`): exit status, standard output and standard error.
public enum ToolProcess {
    /// The result of one run.
    public struct Run: CustomStringConvertible, Sendable {
        /// The exit status.
        public let status: Int32
        /// Standard output, decoded as UTF-8.
        public let stdout: String
        /// Standard error, decoded as UTF-8.
        public let stderr: String
        /// A result from its parts (for harnesses that drive the process themselves, such as pipelines).
        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
        /// All three, for a failed expectation's message.
        public var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
    }

    /// Thrown when no `pprf` executable lies beside the test bundle.
    public struct NotFound: Error, CustomStringConvertible {
        /// What to do.
        public var description: String { "the pprf binary was not found beside the tests: build it (swift build)" }
    }

    /// The `pprf` executable beside the test bundle (SwiftPM puts products and test bundles in one folder).
    public static let executable: URL? = {
        var candidates: [URL] = []
        for path in [CommandLine.arguments.first, Bundle.main.executablePath].compactMap({ $0 }) {
            var url = URL(fileURLWithPath: path).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(url.appendingPathComponent("pprf"))
                url = url.deletingLastPathComponent()
            }
        }
        candidates += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent().appendingPathComponent("pprf") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `pprf` with `arguments`, writing `stdin` to its standard input (closed at once when nil), and waits
    /// (the commands under test finish in well under a minute).
    public static func run(_ arguments: [String], stdin: Data? = nil) throws -> Run {
        guard let binary = executable else { throw NotFound() }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        // Inputs are small (well under a pipe's buffer), so writing before reading cannot deadlock.
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so that a full pipe cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
