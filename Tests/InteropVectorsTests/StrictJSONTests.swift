import Foundation
import InteropVectors
import Testing

@Suite("StrictJSON: RFC 8259 without coercion")
struct StrictJSONTests {
    static func parse(_ text: String) throws -> StrictJSON { try StrictJSON.parse(Array(text.utf8)) }

    @Test("values keep their kind: booleans are not numbers, numbers keep their literal")
    func kinds() throws {
        #expect(
            try Self.parse(" {\"a\": [true, false, null, 0, -1.5e+3, \"x\"]} ")
                == .object([
                    "a": .array([.bool(true), .bool(false), .null, .number("0"), .number("-1.5e+3"), .string("x")])
                ]))
        #expect(try Self.parse("9223372036854775808") == .number("9223372036854775808"))
        #expect(try Self.parse("[]") == .array([]))
        #expect(try Self.parse("{}") == .object([:]))
    }

    @Test("escapes, including surrogate pairs, decode to the right scalars")
    func escapes() throws {
        #expect(try Self.parse(#""\"\\\/\b\f\n\r\t\u0041\u00e9\ud83d\ude00""#) == .string("\"\\/\u{8}\u{C}\n\r\tAé😀"))
        #expect(try Self.parse("\"é\"") == .string("é"))
    }

    @Test(
        "malformed documents fail with the offset and a reason",
        arguments: [
            ("", 0, "expected a value"), ("01", 1, "leading zero"), ("1.", 2, "digit after '.'"),
            ("1e", 2, "exponent"), ("-", 1, "expected a digit"), ("[1,]", 3, "expected a value"),
            ("{\"a\":1,}", 7, "string key"), ("{\"a\" 1}", 5, "':'"), ("[1 2]", 3, "',' or ']'"),
            ("{\"a\":1 \"b\":2}", 7, "',' or '}'"), ("\"abc", 4, "unterminated"),
            ("\"a\u{1}\"", 2, "control character"),
            ("\"\\x\"", 3, "unknown escape"), ("\"\\u12\"", 3, "four hex digits"),
            ("\"\\udc00\"", 7, "lone low surrogate"),
            ("\"\\ud800x\"", 7, "followed by a low surrogate"), ("\"\\ud800\\u0041\"", 13, "expected a low surrogate"),
            ("tru", 0, "expected true"), ("nul", 0, "expected null"), ("1 2", 2, "after the JSON value"),
            ("{\"a\":1,\"a\":2}", 7, "appears twice"), ("+1", 0, "expected a value"), (".5", 0, "expected a value"),
            ("NaN", 0, "expected a value"), ("Infinity", 0, "expected a value"),
        ] as [(String, Int, String)])
    func malformed(_ text: String, _ offset: Int, _ phrase: String) throws {
        let error = #expect(throws: StrictJSONError.self) { try Self.parse(text) }
        #expect(error?.offset == offset, "\(text): \(String(describing: error))")
        #expect(error?.reason.contains(phrase) == true, "\(text): \(String(describing: error))")
    }

    @Test("invalid UTF-8 and nesting beyond the limit are refused")
    func limits() throws {
        #expect(throws: StrictJSONError(offset: 0, reason: "the input is not valid UTF-8")) {
            try StrictJSON.parse([0x22, 0xC3, 0x28, 0x22])
        }
        let deep =
            String(repeating: "[", count: StrictJSON.maxDepth) + String(repeating: "]", count: StrictJSON.maxDepth)
        #expect(try Self.parse(deep) != .null)
        let tooDeep = "[" + deep + "]"
        let error = #expect(throws: StrictJSONError.self) { try Self.parse(tooDeep) }
        #expect(error?.reason == "nesting deeper than 64")
        #expect(StrictJSONError(offset: 3, reason: "x").description == "invalid JSON at byte 3: x")
    }

    @Test("kind descriptions never quote strings and cut long numbers")
    func kindDescriptions() {
        #expect(StrictJSON.string("secret").kindDescription == "a string")
        #expect(StrictJSON.number("1.5").kindDescription == "the number 1.5")
        #expect(StrictJSON.number(String(repeating: "9", count: 50)).kindDescription == "a number of 50 characters")
        #expect(StrictJSON.bool(true).kindDescription == "true")
    }
}
