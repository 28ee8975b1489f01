import Foundation
import InteropVectors
import TestVectorResources
import Testing

/// The official RFC 9420 files: the one shared copy (TestVectorResources).
let officialDirectory = OfficialVectors.directory

@Suite("pprf vectors verify on the official RFC 9420 files")
struct OfficialFileTests {
    static let expected: [(String, Int, Int)] = [  // file, entries passed, entries unsupported (suites 4, 6)
        ("crypto-basics", 5, 2), ("secret-tree", 15, 6), ("key-schedule", 5, 2), ("psk_secret", 55, 22),
        ("message-protection", 5, 2), ("tree-math", 10, 0), ("transcript-hashes", 5, 2), ("deserialization", 14, 0),
    ]

    @Test("every official file passes; suites 4 and 6 are unsupported, never passed")
    func allPass() throws {
        for (name, passed, unsupported) in Self.expected {
            let data = try Data(contentsOf: officialDirectory.appendingPathComponent("\(name).json"))
            let report = try VectorFile.verify(data: data)
            #expect(report.kind.rawValue == name)
            #expect(report.passed == passed, "\(name)")
            #expect(report.unsupported == unsupported, "\(name)")
            #expect(report.failed == 0, "\(name): \(report.summary)")
        }
    }

    @Test("flipping one hex digit of a field makes the entry fail and names the field")
    func tampered() throws {
        let data = try Data(contentsOf: officialDirectory.appendingPathComponent("key-schedule.json"))
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        var epochs = try #require(json[0]["epochs"] as? [[String: Any]])
        let original = try #require(epochs[2]["membership_key"] as? String)
        epochs[2]["membership_key"] = (original.first == "0" ? "1" : "0") + original.dropFirst()
        json[0]["epochs"] = epochs
        let report = try VectorFile.verify(data: try JSONSerialization.data(withJSONObject: json))
        #expect(report.failed == 1)
        #expect(report.firstFailure == "entry 0: epochs[2].membership_key")
    }

    @Test("files that are not vectors are rejected with a named error")
    func badFiles() {
        #expect(throws: VectorFileError.notAnArrayOfObjects) { try VectorFile.verify(data: Data("{}".utf8)) }
        #expect(throws: VectorFileError.empty) { try VectorFile.verify(data: Data("[]".utf8)) }
        #expect(throws: VectorFileError.unknownKind) { try VectorFile.verify(data: Data("[{\"x\": 1}]".utf8)) }
    }
}
