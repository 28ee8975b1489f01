/// A JSON document (RFC 8259) parsed strictly, for inputs a user hands the tool (message jobs) and vector files.
///
/// Why not Foundation's `JSONSerialization`: it returns `NSNumber` for booleans and numbers alike, and an
/// `NSNumber` answers `as? Int` for `true`, `1.5` and `1e0` (and wraps or saturates out-of-range values), so a
/// decoder built on it cannot tell `"padding": true` from `"padding": 1`. Checking `CFGetTypeID` and
/// `objCType` would work on Darwin but differs on Linux's swift-corelibs-foundation. This parser keeps what
/// the text says: booleans are ``bool(_:)``, numbers keep their literal (``number(_:)``), so an integer field
/// accepts only an integer literal, range-checked before any conversion. Objects with a repeated key, invalid
/// UTF-8, control characters in strings, lone surrogates, leading zeros, trailing commas, trailing bytes and
/// nesting deeper than ``maxDepth`` are errors.
public indirect enum StrictJSON: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, as its literal (validated against RFC 8259's grammar).
    case number(String)
    /// A string, unescaped.
    case string(String)
    /// An array.
    case array([StrictJSON])
    /// An object; its keys are distinct.
    case object([String: StrictJSON])

    /// The deepest nesting of arrays and objects accepted (RFC 8259 section 9 lets parsers limit it).
    public static let maxDepth = 64

    /// Parses `bytes` as one JSON value with optional surrounding whitespace.
    public static func parse(_ bytes: [UInt8]) throws(StrictJSONError) -> StrictJSON {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw StrictJSONError(offset: 0, reason: "the input is not valid UTF-8")
        }
        var parser = StrictJSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.offset == bytes.count else { throw parser.error("unexpected bytes after the JSON value") }
        return value
    }

    /// A short phrase naming what this value is, for error messages: never more than 40 characters of the
    /// value itself (strings are not quoted at all: they may be secrets).
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n.count <= 40 ? "the number \(n)" : "a number of \(n.count) characters"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A JSON syntax error: the byte offset where parsing stopped and a sentence saying why.
public struct StrictJSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The byte offset of the error in the input.
    public let offset: Int
    /// What is wrong there.
    public let reason: String

    /// An error at byte `offset` for `reason`.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// `invalid JSON at byte N: reason`.
    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

/// A recursive-descent parser over the input's bytes (RFC 8259 grammar).
struct StrictJSONParser {
    let bytes: [UInt8]
    var offset = 0

    func error(_ reason: String) -> StrictJSONError { StrictJSONError(offset: offset, reason: reason) }

    var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    mutating func skipWhitespace() {
        while let c = current, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { offset += 1 }
    }

    mutating func expect(_ c: UInt8, _ what: String) throws(StrictJSONError) {
        guard current == c else { throw error("expected \(what)") }
        offset += 1
    }

    mutating func value(depth: Int) throws(StrictJSONError) -> StrictJSON {
        guard let c = current else { throw error("expected a value, found the end of the input") }
        switch c {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("expected a value")
        }
    }

    mutating func literal(_ word: String, _ result: StrictJSON) throws(StrictJSONError) -> StrictJSON {
        let w = Array(word.utf8)
        guard offset + w.count <= bytes.count, Array(bytes[offset..<(offset + w.count)]) == w else {
            throw error("expected \(word)")
        }
        offset += w.count
        return result
    }

    mutating func object(depth: Int) throws(StrictJSONError) -> StrictJSON {
        guard depth <= StrictJSON.maxDepth else { throw error("nesting deeper than \(StrictJSON.maxDepth)") }
        offset += 1
        var fields: [String: StrictJSON] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            offset += 1
            return .object(fields)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let keyOffset = offset
            let key = try string()
            guard fields[key] == nil else {
                throw StrictJSONError(offset: keyOffset, reason: "the key \"\(key.prefix(40))\" appears twice")
            }
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after a key")
            skipWhitespace()
            fields[key] = try value(depth: depth)
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                offset += 1
                continue
            }
            try expect(UInt8(ascii: "}"), "',' or '}' in an object")
            return .object(fields)
        }
    }

    mutating func array(depth: Int) throws(StrictJSONError) -> StrictJSON {
        guard depth <= StrictJSON.maxDepth else { throw error("nesting deeper than \(StrictJSON.maxDepth)") }
        offset += 1
        var items: [StrictJSON] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            offset += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try value(depth: depth))
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                offset += 1
                continue
            }
            try expect(UInt8(ascii: "]"), "',' or ']' in an array")
            return .array(items)
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, returned as written.
    mutating func number() throws(StrictJSONError) -> String {
        let start = offset
        if current == UInt8(ascii: "-") { offset += 1 }
        guard let first = current, isDigit(first) else { throw error("expected a digit") }
        offset += 1
        if first == UInt8(ascii: "0"), let next = current, isDigit(next) {
            throw error("a number must not have a leading zero")
        }
        skipDigits()
        if current == UInt8(ascii: ".") {
            offset += 1
            guard let d = current, isDigit(d) else { throw error("expected a digit after '.'") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            guard let d = current, isDigit(d) else { throw error("expected a digit in the exponent") }
            skipDigits()
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    mutating func skipDigits() {
        while let c = current, isDigit(c) { offset += 1 }
    }

    mutating func string() throws(StrictJSONError) -> String {
        offset += 1
        var out: [UInt8] = []
        while true {
            guard let c = current else { throw error("unterminated string") }
            switch c {
            case UInt8(ascii: "\""):
                offset += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                offset += 1
                try escape(into: &out)
            case 0..<0x20:
                throw error("a control character must be escaped in a string")
            default:
                out.append(c)
                offset += 1
            }
        }
    }

    mutating func escape(into out: inout [UInt8]) throws(StrictJSONError) {
        guard let c = current else { throw error("unterminated escape") }
        offset += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
            UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let byte = simple[c] {
            out.append(byte)
            return
        }
        guard c == UInt8(ascii: "u") else { throw error("unknown escape") }
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
            guard current == UInt8(ascii: "\\"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u")
            else { throw error("a high surrogate must be followed by a low surrogate") }
            offset += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw error("expected a low surrogate") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw error("a lone low surrogate")
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw error("not a Unicode scalar") }
        UTF8.encode(unicode) { out.append($0) }
    }

    mutating func hex4() throws(StrictJSONError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw error("expected four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[offset]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("expected four hex digits")
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }
}
