import Foundation
import InteropVectors
import Testing

/// MessageJob.JobError and VectorFileError describe themselves in sentences that name fields, never values.
@Suite("vector and job error descriptions")
struct ErrorDescriptionTests {
    static let jobCases: [MessageJob.JobError] = [
        .notAnObject, .badField("group_context"), .unknownMode("tree"),
        .messageFailed(index: 1, error: "The signature does not verify."),
    ]
    static let fileCases: [VectorFileError] = [.notAnArrayOfObjects, .unknownKind, .empty]

    @Test("fields, modes and message indices appear in the sentence")
    func texts() {
        #expect(
            MessageJob.JobError.badField("group_context").description
                == "The job's field group_context is missing or has the wrong type or encoding.")
        #expect(
            MessageJob.JobError.unknownMode("tree").description
                == "The mode \"tree\" is unknown; use \"rfc9420\" or \"pprf\".")
        #expect(
            MessageJob.JobError.messageFailed(index: 1, error: "The signature does not verify.").description
                == "Message 1 (counting from 0) failed. The signature does not verify.")
        #expect(VectorFileError.empty.description == "The file holds no entries.")
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
