import Foundation
import InteropVectors
import Testing

/// VectorFileError describes itself in sentences (the message-job errors are tested with the tool, PPRFToolTests).
@Suite("vector file error descriptions")
struct ErrorDescriptionTests {
    static let fileCases: [VectorFileError] = [.notAnArrayOfObjects, .unknownKind, .empty]

    @Test("the empty-file sentence says nothing was checked")
    func texts() {
        #expect(VectorFileError.empty.description == "The file is an empty array: no entry was checked.")
    }

    @Test("what verifying a bad file really throws is described")
    func thrownError() throws {
        let error = try #require(#expect(throws: VectorFileError.self) { try VectorFile.verify(data: Data("{}".utf8)) })
        #expect("\(error)" == "The file is not a JSON array of objects, as every vector file is.")
    }

    @Test("every case is a sentence, interpolation prints it, and no case prints a type dump")
    func noDumps() {
        for (text, description) in Self.fileCases.map({ ("\($0)", $0.description) }) {
            #expect(text == description)
            #expect(text.first?.isUppercase == true && text.hasSuffix("."), "\(text)")
            #expect(!text.contains("InteropVectors.") && !text.contains("Error("))
        }
    }
}
