import Foundation
import InteropVectors
import TestVectorResources
import Testing

/// `pprf vectors verify` reads every file with JSONSupport's strict reader and each official entry into its
/// `RFC9420Vectors` model: what a lenient reader would guess at fails, named, and nothing traps.
@Suite("pprf vectors verify reads strictly")
struct OfficialStrictReadingTests {
    /// The report for `text`.
    func verify(_ text: String) throws -> VectorReport { try VectorFile.verify(data: Data(text.utf8)) }

    /// The official deserialization file with an entry put first whose `key` is the JSON text `value`.
    func deserialization(_ key: String, _ value: String) throws -> String {
        let entry =
            key == "length"
            ? #"{"vlbytes_header": "00", "length": \#(value)}"# : #"{"vlbytes_header": \#(value), "length": 0}"#
        let text = String(decoding: try OfficialVectors.data("deserialization"), as: UTF8.self)
        #expect(text.hasPrefix("["))
        return "[" + entry + "," + text.dropFirst()
    }

    @Test("a repeated key or a lone surrogate anywhere refuses the whole file")
    func notStrictJSON() {
        #expect(throws: VectorFileError.notAnArrayOfObjects) {
            try verify(#"[{"vlbytes_header": "00", "length": 0, "length": 0}]"#)
        }
        #expect(throws: VectorFileError.notAnArrayOfObjects) {
            try verify(#"[{"vlbytes_header": "\ud800", "length": 0}]"#)
        }
        #expect(throws: VectorFileError.notAnArrayOfObjects) { try verify(#"[{"n_leaves": 1}, 2]"#) }
    }

    @Test(
        "a malformed official field fails its entry, named: odd or non-hex digits, a fraction, a boolean, a negative",
        arguments: [
            ("vlbytes_header", #""abc""#), ("vlbytes_header", #""0g""#), ("length", "1.5"), ("length", "true"),
            ("length", "-1"), ("length", "4294967296"),
        ])
    func malformedField(_ key: String, _ value: String) throws {
        let report = try verify(try deserialization(key, value))
        #expect(report.kind == .deserialization)
        #expect(report.failed == 1)
        #expect(report.passed == 14)  // the file's own 14 entries
        #expect(report.firstFailure == "entry 0: \(key)")
    }

    @Test("a tree of more than 2^31 leaves fails n_leaves instead of overflowing the width")
    func hugeTree() throws {
        let entry =
            #"[{"n_leaves": 4294967295, "n_nodes": 1, "root": 0, "left": [], "right": [], "parent": [], "sibling": []}]"#
        let report = try verify(entry)
        #expect(report.kind == .treeMath)
        #expect(report.firstFailure == "entry 0: n_leaves")
    }

    @Test("a nested official field is named by its path in the entry")
    func nestedField() throws {
        let text = String(decoding: try OfficialVectors.data("secret-tree"), as: UTF8.self)
        let key = try #require(text.range(of: #""handshake_key": ""#))
        let report = try verify(text.replacingCharacters(in: key, with: #""handshake_key": "x"#))
        #expect(report.failed == 1)
        #expect(report.firstFailure == "entry 0: leaves[0][0].handshake_key")
    }
}
