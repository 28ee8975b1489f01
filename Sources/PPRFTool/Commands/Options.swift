import ArgumentParser
import BigInt
import ChallengeMath
import Foundation
import JSONSupport

/// A number given as `1e6`, `2^32`, `2^-64`, `0.001` or `1000000`, kept as its log2 so that 2^-200 survives.
///
/// Lenient and rounded: prefer the strict options below (``CLIParse``), which reject NaN, infinities,
/// fractions where a count is expected and out-of-range values with a sentence naming the option.
struct FlexibleNumber: ExpressibleByArgument, Sendable {
    let log2Value: Double

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("2^"), let exponent = Double(text.dropFirst(2)), exponent.isFinite {
            log2Value = exponent
        } else if let value = Double(text), value > 0, value.isFinite {
            log2Value = Foundation.log2(value)
        } else {
            return nil
        }
    }

    var value: Double { Foundation.exp2(log2Value) }
}

/// `--format text|json|csv|markdown`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, csv, markdown
}

/// Strict option parsers for `@Option(transform:)` (issue 12): exact values through ChallengeMath's
/// ``ExactNumber`` grammar, every failure a usage error (exit 64) whose message names the option and says why.
///
/// Other commands should switch to these: `@Option(help: ..., transform: CLIParse.count("--emulators"))`.
enum CLIParse {
    /// A usage error's sentence.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// An exact message count, 1 ... 2^64 (`123`, `1e6`, `2^20`, `2^20-1`).
    static func messages(_ option: String) -> @Sendable (String) throws -> MessageCount {
        { text in
            do { return try MessageCount(parsing: text) } catch {
                throw Failure(description: "\(error)")
            }
        }
    }

    /// A target probability strictly between 0 and 1 (`2^-64`, `1e-9`, `0.5`).
    static func target(_ option: String) -> @Sendable (String) throws -> ProbabilityTarget {
        { text in
            do { return try ProbabilityTarget(parsing: text) } catch {
                throw Failure(description: "\(error)")
            }
        }
    }

    /// A whole number of things, 1 ... 2^64 (`1000`, `1e6`, `2^10`).
    static func count(_ option: String) -> @Sendable (String) throws -> BigUInt {
        { text in
            do { return try PositiveCount.parse(text, what: option) } catch {
                throw Failure(description: "\(error)")
            }
        }
    }

    /// A positive, finite real within `range` (for example seconds), rounded to a double.
    static func positive(_ option: String, range: ClosedRange<Double>) -> @Sendable (String) throws -> Double {
        { text in
            let number: ExactNumber
            do { number = try ExactNumber(parsing: text) } catch {
                throw Failure(description: "\(error)")
            }
            let value = number.doubleValue
            guard !number.isNegative, !number.isZero, value.isFinite, range.contains(value) else {
                throw Failure(
                    description: "\(option) must be a number from \(Self.plain(range.lowerBound)) to "
                        + "\(Self.plain(range.upperBound)) (got \(text))")
            }
            return value
        }
    }

    static func plain(_ v: Double) -> String { String(format: "%g", v) }
}

/// One value of a command's output: rendered as text, CSV and Markdown cells, and as strict JSON (RFC 8259).
///
/// JSON never contains NaN or infinities: a non-finite ``number(_:)`` is written as `null` (and text as
/// `-infinity`, `infinity` or `nan`); each command documents which fields can be `null` and the flag that
/// says why.
enum OutputValue {
    /// A string.
    case string(String)
    /// An exact integer, written with all its digits (JSON allows integers of any length).
    case integer(BigInt)
    /// A rounded number: `%.17g` unless `format` gives fewer digits for text.
    case number(Double, format: String = "%.17g")
    /// true or false.
    case bool(Bool)
    /// JSON `null`, text `-`.
    case null

    /// The text form.
    var text: String {
        switch self {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .number(let v, let format):
            if v.isNaN { return "nan" }
            if v.isInfinite { return v < 0 ? "-infinity" : "infinity" }
            return String(format: format, v)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "-"
        }
    }

    /// The JSON form (`JSONValue` writes it: strings escaped, no NaN or infinity).
    var json: JSONValue {
        switch self {
        case .string(let s): .string(s)
        case .integer(let i): .number(String(i))
        case .number(let v, _): .double(v)
        case .bool(let b): .bool(b)
        case .null: .null
        }
    }
}

/// Renders name/value records (one or several rows) in every output format.
enum OutputTable {
    /// One record: `name: value` lines, a one-row table, or a JSON object.
    static func record(_ fields: [(String, OutputValue)], format: OutputFormat) -> String {
        switch format {
        case .text: return fields.map { "\($0.0): \($0.1.text)" }.joined(separator: "\n")
        case .json:
            return JSONValue.object(fields.map { ($0.0, $0.1.json) }).text(.pretty)
        case .csv, .markdown: return rows([fields], format: format)
        }
    }

    /// Several records with the same keys: a table, or a JSON array of objects.
    static func rows(_ records: [[(String, OutputValue)]], format: OutputFormat) -> String {
        let header = records.first?.map(\.0) ?? []
        switch format {
        case .json:
            let objects = records.map { record in
                "  " + JSONValue.object(record.map { ($0.0, $0.1.json) }).text(.line)
            }
            return "[\n" + objects.joined(separator: ",\n") + "\n]"
        case .csv:
            func cell(_ s: String) -> String {
                s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
            }
            return ([header] + records.map { $0.map(\.1.text) }).map { $0.map(cell).joined(separator: ",") }
                .joined(separator: "\n")
        case .text, .markdown:
            var out = "| " + header.joined(separator: " | ") + " |\n"
            out += "|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
            for record in records { out += "| " + record.map(\.1.text).joined(separator: " | ") + " |\n" }
            return String(out.dropLast())
        }
    }
}
