import JSONSupport
import RFC9420Vectors
import TestVectorResources
import Testing

/// The models read every official file and write it back losslessly; malformed fields give typed errors naming
/// the field.
@Suite("RFC 9420 vector models: reading and writing")
struct VectorCodingTests {
    /// Decodes `T` from `text`.
    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws(RFC9420VectorError) -> T {
        try VectorJSON.decode(type, from: Array(text.utf8))
    }

    /// Decodes the official file `name`, writes it with JSONSupport's writer, reads that again and compares.
    func roundTrip<T: Codable & Equatable>(_ name: String, _ type: T.Type, count: Int) throws {
        let entries = try VectorJSON.decode([T].self, from: OfficialVectors.data(name))
        #expect(entries.count == count, "\(name)")
        let written = try VectorJSON.encode(entries).rendered()
        #expect(try VectorJSON.decode([T].self, from: Array(written.utf8)) == entries, "\(name)")
    }

    @Test("every official file reads into its model and writes back to the same model")
    func officialFilesRoundTrip() throws {
        try roundTrip("crypto-basics", CryptoBasicsVector.self, count: 7)
        try roundTrip("secret-tree", SecretTreeVector.self, count: 21)
        try roundTrip("key-schedule", KeyScheduleVector.self, count: 7)
        try roundTrip("psk_secret", PSKSecretVector.self, count: 77)
        try roundTrip("message-protection", MessageProtectionVector.self, count: 7)
        try roundTrip("transcript-hashes", TranscriptHashesVector.self, count: 7)
        try roundTrip("tree-math", TreeMathVector.self, count: 10)
        try roundTrip("deserialization", DeserializationVector.self, count: 14)
    }

    @Test("a model is written with snake_case keys in declaration order, lowercase hex and null for none")
    func writtenForm() throws {
        let v = try decode(
            [TreeMathVector].self,
            #"[{"sibling": [null], "parent": [null], "right": [null], "left": [null], "root": 0, "n_nodes": 1, "n_leaves": 1}]"#
        )
        #expect(
            try VectorJSON.encode(v).text(.compact)
                == #"[{"n_leaves":1,"n_nodes":1,"root":0,"left":[null],"right":[null],"parent":[null],"sibling":[null]}]"#
        )
        let header = try decode(DeserializationVector.self, #"{"vlbytes_header": "ABcd", "length": 7}"#)
        #expect(header.vlbytesHeader == [0xAB, 0xCD])
        #expect(try VectorJSON.encode(header).text(.compact) == #"{"vlbytes_header":"abcd","length":7}"#)
    }

    @Test("a hex field with an odd number of digits is refused, naming the field")
    func oddHex() {
        #expect(throws: RFC9420VectorError.oddLengthHex(field: "[0].vlbytes_header")) {
            try decode([DeserializationVector].self, #"[{"vlbytes_header": "abc", "length": 1}]"#)
        }
    }

    @Test("a hex field with a character that is not a hex digit is refused, naming the field")
    func nonHex() {
        #expect(throws: RFC9420VectorError.invalidHex(field: "vlbytes_header")) {
            try decode(DeserializationVector.self, #"{"vlbytes_header": "0g", "length": 0}"#)
        }
    }

    @Test("a field inside nested arrays is named by its indices")
    func nestedPath() {
        let text =
            #"[{"n_leaves": 1, "n_nodes": 1, "root": 0, "left": [null, "x"], "right": [], "parent": [], "sibling": []}]"#
        #expect(throws: RFC9420VectorError.wrongType(field: "[0].left[1]", expected: "an integer")) {
            try decode([TreeMathVector].self, text)
        }
    }

    @Test(
        "integer fields take only integer literals: not 1.5, 1e0, true or a string",
        arguments: ["1.5", "1e0", "true", "\"7\""])
    func notAnInteger(_ literal: String) {
        #expect(throws: RFC9420VectorError.wrongType(field: "length", expected: "an integer")) {
            try decode(DeserializationVector.self, #"{"vlbytes_header": "00", "length": \#(literal)}"#)
        }
    }

    @Test(
        "an integer beyond its field's type is refused before any conversion",
        arguments: ["4294967296", "-1", "1" + String(repeating: "0", count: 40)])
    func outOfRange(_ literal: String) {
        #expect(throws: RFC9420VectorError.integerOutOfRange(field: "length", range: "0...4294967295")) {
            try decode(DeserializationVector.self, #"{"vlbytes_header": "00", "length": \#(literal)}"#)
        }
    }

    @Test("a missing field, a wrong container and a short array are named")
    func missingAndWrongType() {
        #expect(throws: RFC9420VectorError.missingField(field: "length")) {
            try decode(DeserializationVector.self, #"{"vlbytes_header": "00"}"#)
        }
        #expect(throws: RFC9420VectorError.wrongType(field: "$", expected: "an array")) {
            try decode([DeserializationVector].self, #"{"vlbytes_header": "00", "length": 0}"#)
        }
        #expect(throws: RFC9420VectorError.wrongType(field: "[1]", expected: "an object")) {
            try decode([DeserializationVector].self, #"[{"vlbytes_header": "00", "length": 0}, 3]"#)
        }
        #expect(throws: RFC9420VectorError.wrongType(field: "vlbytes_header", expected: "a string")) {
            try decode(DeserializationVector.self, #"{"vlbytes_header": null, "length": 0}"#)
        }
    }

    @Test("text that is not strict JSON is refused: a repeated key, a lone surrogate, a trailing comma")
    func invalidJSON() {
        for text in [
            #"{"length": 1, "length": 2, "vlbytes_header": "00"}"#, #"{"vlbytes_header": "\udc00", "length": 0}"#,
            #"{"vlbytes_header": "00", "length": 0,}"#,
        ] {
            #expect(throws: RFC9420VectorError.self) { try decode(DeserializationVector.self, text) }
            do {
                _ = try decode(DeserializationVector.self, text)
            } catch {
                guard case .invalidJSON(let reason) = error else {
                    Issue.record("expected invalidJSON, got \(error)")
                    continue
                }
                #expect(reason.hasPrefix("invalid JSON at byte "))
            }
        }
    }

    enum Shade: String, Codable { case dark }
    struct Painted: Codable { var shade: Shade }
    struct Measured: Codable { var widthInches: Double }

    @Test("a value the model's own decoding refuses is named")
    func invalidValue() {
        #expect(throws: RFC9420VectorError.invalidValue(field: "shade")) {
            try decode(Painted.self, #"{"shade": "light"}"#)
        }
    }

    @Test(
        "an infinite or NaN number is refused when writing, never written as null", arguments: [Double.nan, .infinity])
    func nonFinite(_ value: Double) throws {
        #expect(throws: RFC9420VectorError.nonFiniteNumber(field: "width_inches")) {
            try VectorJSON.encode(Measured(widthInches: value))
        }
        #expect(try VectorJSON.encode(Measured(widthInches: 0.5)).text(.compact) == #"{"width_inches":0.5}"#)
    }

    @Test("every error is a sentence that names its field")
    func descriptions() {
        let cases: [(RFC9420VectorError, String)] = [
            (
                .invalidJSON("invalid JSON at byte 3: expected a value"),
                "The vector file is not valid JSON: invalid JSON at byte 3: expected a value."
            ),
            (.missingField(field: "epochs[1].tree_hash"), "The vector field epochs[1].tree_hash is missing."),
            (.wrongType(field: "length", expected: "an integer"), "The vector field length must be an integer."),
            (
                .integerOutOfRange(field: "generation", range: "0...4294967295"),
                "The vector field generation is an integer outside 0...4294967295."
            ),
            (
                .oddLengthHex(field: "out"),
                "The vector field out has an odd number of hex digits; every byte needs two."
            ),
            (
                .invalidHex(field: "out"),
                "The vector field out holds a character that is not a hex digit (0-9, a-f)."
            ),
            (.invalidValue(field: "shade"), "The vector field shade holds a value its model does not accept."),
            (.nonFiniteNumber(field: "x"), "The vector field x is infinite or NaN, which JSON cannot represent."),
        ]
        for (error, sentence) in cases {
            #expect(error.description == sentence)
        }
        #expect(RFC9420VectorError.missingField(field: "epochs[1].tree_hash").field == "epochs[1].tree_hash")
        #expect(RFC9420VectorError.invalidJSON("x").field == "$")
    }
}
