import Foundation
import InteropVectors
import Testing

/// MessageJob.JobError and VectorFileError describe themselves in sentences that name fields, never values.
@Suite("vector and job error descriptions")
struct ErrorDescriptionTests {
    static let jobCases: [MessageJob.JobError] = [
        .tooLarge(bytes: 2_000_000, limit: 1_048_576), .notAnObject, .missingField("group_context"),
        .unknownField("tree"), .invalidField("padding", reason: "must be an integer in 0...65536"),
        .malformedJSON(StrictJSONError(offset: 3, reason: "x")),
        .messageFailed(index: 1, error: "The signature does not verify."),
    ]
    static let fileCases: [VectorFileError] = [.notAnArrayOfObjects, .unknownKind, .empty]

    @Test("fields, modes and message indices appear in the sentence")
    func texts() {
        #expect(
            MessageJob.JobError.missingField("group_context").description
                == "Field group_context is required but missing.")
        #expect(
            MessageJob.JobError.invalidField("padding", reason: "must be an integer in 0...65536").description
                == "Field padding must be an integer in 0...65536.")
        #expect(
            MessageJob.JobError.messageFailed(index: 1, error: "The signature does not verify.").description
                == "Message 1 (counting from 0) failed. The signature does not verify.")
        #expect(VectorFileError.empty.description == "The file is an empty array: no entry was checked.")
    }

    @Test("what verifying a bad file really throws is described")
    func thrownError() throws {
        let error = try #require(#expect(throws: VectorFileError.self) { try VectorFile.verify(data: Data("{}".utf8)) })
        #expect("\(error)" == "The file is not a JSON array of objects, as every vector file is.")
    }

    @Test("every case is a sentence, interpolation prints it, and no case prints a type dump")
    func noDumps() {
        let pairs = Self.jobCases.map { ("\($0)", $0.description) } + Self.fileCases.map { ("\($0)", $0.description) }
        for (text, description) in pairs {
            #expect(text == description)
            #expect(text.first?.isUppercase == true && text.hasSuffix("."), "\(text)")
            #expect(!text.contains("InteropVectors.") && !text.contains("Error(") && !text.contains("JobError"))
        }
    }
}
