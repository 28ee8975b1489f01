import Foundation
import Testing

/// Runs the built `pprf` binary (reusable by every command's tests): exit status, standard output and
/// standard error, and a strict JSON check.
enum Tool {
    /// The result of one run.
    struct Run: CustomStringConvertible {
        let status: Int32
        let stdout: String
        let stderr: String
        var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
    }

    /// The `pprf` executable beside the test bundle (SwiftPM puts products and test bundles in one folder).
    static let executable: URL? = {
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
    static func run(_ arguments: [String], stdin: Data? = nil) throws -> Run {
        let binary = try #require(executable, "the pprf binary was not found beside the tests")
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
        // Jobs are small (well under a pipe's buffer), so writing before reading cannot deadlock.
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

    /// Parses `text` as strict JSON (RFC 8259): Foundation's parser without JSON5, and a scan that rejects
    /// the bare words `NaN`, `Infinity`, `inf` and `nan` outside strings, which some parsers accept.
    static func strictJSON(_ text: String) throws -> Any {
        if containsNonFiniteLiteral(text) { throw NotStrictJSON(reason: "a non-finite number literal", text: text) }
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        if !allFinite(value) {
            throw NotStrictJSON(reason: "a number that overflows a double (such as 1e999)", text: text)
        }
        return value
    }

    /// Why a document is not strict JSON (thrown, not recorded, so that tests can expect it).
    struct NotStrictJSON: Error, CustomStringConvertible {
        let reason: String
        let text: String
        var description: String { "\(reason) in: \(text)" }
    }

    /// Whether every number in a parsed document is finite.
    static func allFinite(_ value: Any) -> Bool {
        if let array = value as? [Any] { return array.allSatisfy(allFinite) }
        if let object = value as? [String: Any] { return object.values.allSatisfy(allFinite) }
        if let number = value as? NSNumber, !(value is Bool) { return number.doubleValue.isFinite }
        return true
    }

    /// Whether a bare `nan`/`inf`/`infinity` (any case, optionally signed) appears outside a string.
    static func containsNonFiniteLiteral(_ text: String) -> Bool {
        var inString = false
        var escaped = false
        var word = ""
        func flush() -> Bool {
            defer { word = "" }
            return ["nan", "inf", "infinity", "-nan", "-inf", "-infinity", "+inf"].contains(word.lowercased())
        }
        for c in text {
            if inString {
                if escaped {
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    inString = false
                }
                continue
            }
            if c == "\"" {
                if flush() { return true }
                inString = true
            } else if c.isLetter || c == "-" || c == "+" {
                word.append(c)
            } else {
                if flush() { return true }
            }
        }
        return flush()
    }
}
