import BigInt
import Foundation
import JSONSupport

/// The output formats of every tabular output: the report's tables and every `--format text|json|csv|markdown`
/// of the `pprf` tool (issue 18 item 2: one renderer).
public enum TableFormat: String, Sendable, CaseIterable {
    /// Text: a record as `name: value` lines, a table as Markdown.
    case text
    /// One JSON document (RFC 8259, strict: strings escaped, no inf or nan).
    case json
    /// RFC 4180 CSV.
    case csv
    /// GitHub-flavoured Markdown.
    case markdown
}

/// One cell of a ``Table``: text, CSV and Markdown show its ``text``; JSON writes its ``json``.
///
/// JSON never contains NaN or infinities: a non-finite ``number(_:format:)`` is written as `null` (and text as
/// `-infinity`, `infinity` or `nan`); each command documents which fields can be `null` and the flag that says
/// why.
public enum TableValue: Sendable, Equatable {
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

    /// The text form (before a format escapes it).
    public var text: String {
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
    public var json: JSONValue {
        switch self {
        case .string(let s): .string(s)
        case .integer(let i): .number(String(i))
        case .number(let v, _): .double(v)
        case .bool(let b): .bool(b)
        case .null: .null
        }
    }
}

/// A table: a header and rows of cells, rendered in every ``TableFormat``, each output ending in one newline.
///
/// Strings are escaped for their format, so that no value can break a row or a line: CSV quotes a cell that
/// holds a comma, a quote, a line break or another control character and doubles its quotes (RFC 4180);
/// Markdown writes `\|` for a pipe and `\\` for a backslash; Markdown and text write control characters
/// as `\n`, `\r`, `\t` or `\u{XX}`; JSON goes through `JSONValue`.
public struct Table: Sendable {
    /// Column headers.
    public let header: [String]
    /// Rows of cells.
    public let values: [[TableValue]]

    /// Rows of cells as text (``TableValue/text``), unescaped.
    public var rows: [[String]] { values.map { $0.map(\.text) } }

    /// A table of string cells.
    public init(header: [String], rows: [[String]]) {
        self.init(header: header, values: rows.map { $0.map(TableValue.string) })
    }

    /// A table of typed cells.
    public init(header: [String], values: [[TableValue]]) {
        self.header = header
        self.values = values
    }

    /// A table of records that have the same keys: the first record's keys are the header.
    public init(records: [[(String, TableValue)]]) {
        self.init(header: records.first?.map(\.0) ?? [], values: records.map { $0.map(\.1) })
    }

    /// The table in `format` (text is Markdown).
    public func rendered(as format: TableFormat) -> String {
        switch format {
        case .text, .markdown: markdown
        case .csv: csv
        case .json: json
        }
    }

    /// GitHub-flavoured Markdown.
    public var markdown: String {
        var out = Self.markdownRow(header)
        out += "|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in values { out += Self.markdownRow(row.map(\.text)) }
        return out
    }

    /// CSV (RFC 4180), the header first.
    public var csv: String {
        ([header] + rows).map { $0.map(Self.csvCell).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A JSON array with one object per row, each on its own line, keyed by the column headers.
    public var json: String {
        let objects = values.map { row in
            "  " + JSONValue.object(zip(header, row).map { ($0, $1.json) }).text(.line)
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// One record in `format`: `name: value` lines (text), a one-row table (CSV, Markdown), or a JSON object.
    public static func record(_ fields: [(String, TableValue)], as format: TableFormat) -> String {
        switch format {
        case .text: fields.map { "\($0.0): \(escapingControls($0.1.text))\n" }.joined()
        case .json: JSONValue.object(fields.map { ($0.0, $0.1.json) }).rendered()
        case .csv, .markdown: Table(records: [fields]).rendered(as: format)
        }
    }

    static func markdownRow(_ cells: [String]) -> String {
        "| " + cells.map(markdownCell).joined(separator: " | ") + " |\n"
    }

    /// A Markdown cell: backslashes and pipes escaped, control characters as in ``escapingControls(_:)``.
    static func markdownCell(_ s: String) -> String {
        escapingControls(s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|"))
    }

    /// A CSV cell (RFC 4180 section 2): quoted, with its quotes doubled, when it holds a comma, a quote, a line
    /// break or another control character; as is otherwise.
    static func csvCell(_ s: String) -> String {
        let needsQuotes = s.unicodeScalars.contains { $0 == "," || $0 == "\"" || isControl($0) }
        return needsQuotes ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// `s` with each control character (Unicode category Cc, and the line and paragraph separators) written as
    /// `\n`, `\r`, `\t` or `\u{XX}`, so that a value stays on its line and cannot drive a terminal.
    static func escapingControls(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where isControl(c): out += "\\u{" + String(c.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isControl(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
