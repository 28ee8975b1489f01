import Foundation
import InteropVectors
import Testing

/// Issue 13, item 8: a file in which no entry was checked must not pass.
@Suite("vectors verify: a file in which nothing was checked fails")
struct VerifyNothingCheckedTests {
    /// The committed pprf-tree.json with every entry's cipher suite set to 6 (X448/Ed448: unsupported).
    static func allSuite6() throws -> Data {
        let data = try Data(contentsOf: vectorsDirectory.appendingPathComponent("pprf-tree.json"))
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return try JSONSerialization.data(withJSONObject: entries.map { e in e.merging(["cipher_suite": 6]) { $1 } })
    }

    @Test("every entry unsupported: the report does not succeed and says no entry was checked")
    func allUnsupported() throws {
        let report = try VectorFile.verify(data: try Self.allSuite6())
        #expect(report.kind == .pprfTree)
        #expect(report.passed == 0)
        #expect(report.failed == 0)
        #expect(report.unsupported == 78)
        #expect(!report.succeeded)
        #expect(report.summary.contains("no entry was checked"))
    }

    @Test("an empty array is an error whose sentence says nothing was checked")
    func emptyArray() throws {
        #expect(throws: VectorFileError.empty) { try VectorFile.verify(data: Data("[]".utf8)) }
        #expect(VectorFileError.empty.description == "The file is an empty array: no entry was checked.")
        #expect(
            VectorFileError.notAnArrayOfObjects.description
                == "The file is not a JSON array of objects, as every vector file is.")
        #expect(throws: VectorFileError.unknownKind) { try VectorFile.verify(data: Data("[{\"x\": 1}]".utf8)) }
    }

    @Test("a checked file succeeds; one unsupported entry among checked ones does not fail it")
    func mixed() throws {
        let data = try Data(contentsOf: vectorsDirectory.appendingPathComponent("pprf-tree.json"))
        var entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(try VectorFile.verify(data: data).succeeded)
        entries[0]["cipher_suite"] = 6
        let report = try VectorFile.verify(data: try JSONSerialization.data(withJSONObject: entries))
        #expect(report.unsupported == 1)
        #expect(report.passed == 77)
        #expect(report.succeeded)
        #expect(!report.summary.contains("no entry was checked"))
    }

    @Test("cipher_suite beyond uint16 is a failure, not suite 1 by truncation")
    func suiteTruncation() throws {
        let data = try Data(contentsOf: vectorsDirectory.appendingPathComponent("pprf-tree.json"))
        var entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let first = try #require(entries.first { ($0["cipher_suite"] as? Int) == 1 })
        entries = [first.merging(["cipher_suite": 65537]) { $1 }]
        let report = try VectorFile.verify(data: try JSONSerialization.data(withJSONObject: entries))
        #expect(report.failed == 1)
        #expect(report.firstFailure == "entry 0: cipher_suite")
    }
}
