import Foundation
import MLSCore

/// A JSON value to write (RFC 8259), the one writer of the package: vector files, `pprf bench`, `pprf variants`
/// and every `--format json` of the tool. Object keys keep their order and numbers their formatting, so that a
/// document is identical byte for byte on every platform (Foundation's serializer orders keys and formats
/// doubles differently across versions); strings are escaped by ``quoted(_:)``; a number that is not finite
/// is written as `null` (RFC 8259 has no inf or NaN), and ``nonFinitePath(_:)`` finds it for writers that must
/// refuse instead.
public indirect enum JSONValue: Sendable, Equatable {
    /// A string.
    case string(String)
    /// An integer.
    case int(Int64)
    /// An unsigned integer (for values up to 2^64 - 1).
    case uint(UInt64)
    /// A number already formatted: an exact integer of any length, or a double with a chosen precision.
    case number(String)
    /// A double, written with 17 significant digits (`%.17g`, which round-trips); `null` when not finite.
    case double(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// An array.
    case array([JSONValue])
    /// An object whose keys keep their order.
    case object([(String, JSONValue)])

    /// How a document is laid out.
    public enum Style: Sendable {
        /// Two-space indentation, one element a line (vector files, `pprf bench`).
        case pretty
        /// One line, `", "` and `": "` between elements (a row of a `--format json` table).
        case line
        /// One line, no spaces (`pprf variants --format json`).
        case compact
    }

    /// Lowercase hex of bytes.
    public static func hex(_ bytes: [UInt8]) -> JSONValue { .string(Hex.encode(bytes)) }

    /// `v` formatted with `format` (a `printf` format such as `%.10g`), or `null` when `v` is not finite.
    public static func formatted(_ v: Double, format: String) -> JSONValue {
        v.isFinite ? .number(String(format: format, v)) : .null
    }

    /// The document in the pretty style with a final newline (the form of every file we write).
    public func rendered() -> String { text(.pretty) + "\n" }

    /// The value in `style`, without a final newline.
    public func text(_ style: Style) -> String {
        var out = ""
        render(into: &out, indent: 0, style: style)
        return out
    }

    /// The path of the first number that is not finite (`$`, `$.key`, `$.key[2]`), or nil: for writers that
    /// refuse such a document rather than write `null`.
    public func nonFinitePath(_ path: String = "$") -> String? {
        switch self {
        case .double(let v): return v.isFinite ? nil : path
        case .array(let items):
            for (i, item) in items.enumerated() {
                if let found = item.nonFinitePath("\(path)[\(i)]") { return found }
            }
            return nil
        case .object(let fields):
            for (key, value) in fields {
                if let found = value.nonFinitePath("\(path).\(key)") { return found }
            }
            return nil
        case .string, .int, .uint, .number, .bool, .null: return nil
        }
    }

    private func render(into out: inout String, indent: Int, style: Style) {
        switch self {
        case .string(let s): out += Self.quoted(s)
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .number(let n): out += n
        case .double(let v): out += v.isFinite ? String(format: "%.17g", v) : "null"
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            renderContainer(into: &out, "[", "]", items.count, indent: indent, style: style) { out, i in
                items[i].render(into: &out, indent: indent + 1, style: style)
            }
        case .object(let fields):
            renderContainer(into: &out, "{", "}", fields.count, indent: indent, style: style) { out, i in
                out += Self.quoted(fields[i].0) + (style == .compact ? ":" : ": ")
                fields[i].1.render(into: &out, indent: indent + 1, style: style)
            }
        }
    }

    /// Brackets around `count` elements laid out in `style`; empty containers are `[]` and `{}` in every style.
    private func renderContainer(
        into out: inout String, _ open: String, _ close: String, _ count: Int, indent: Int, style: Style,
        element: (inout String, Int) -> Void
    ) {
        out += open
        guard count > 0 else {
            out += close
            return
        }
        let pad = String(repeating: "  ", count: indent + 1)
        for i in 0..<count {
            switch style {
            case .pretty: out += (i == 0 ? "\n" : ",\n") + pad
            case .line: out += i == 0 ? "" : ", "
            case .compact: out += i == 0 ? "" : ","
            }
            element(&out, i)
        }
        if style == .pretty { out += "\n" + String(repeating: "  ", count: indent) }
        out += close
    }

    /// A JSON string literal (RFC 8259 section 7): quotes, backslashes and control characters escaped
    /// (`\n`, `\r`, `\t` by name, the others as `\u00XX`); everything else as is.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Two values are equal when they render identically.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.text(.compact) == rhs.text(.compact) }
}
