import Foundation
import TestSupport
import Testing

/// Runs the built `pprf` binary (reusable by every command's tests): exit status, standard output and
/// standard error, and a strict JSON check.
enum Tool {
    /// The result of one run.
    typealias Run = ToolProcess.Run

    /// The `pprf` executable beside the test bundle.
    static var executable: URL? { ToolProcess.executable }

    /// Runs `pprf` with `arguments` (TestSupport's ``ToolProcess/run(_:stdin:)``, the one harness).
    static func run(_ arguments: [String], stdin: Data? = nil) throws -> Run {
        try ToolProcess.run(arguments, stdin: stdin)
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
