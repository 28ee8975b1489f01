import JSONSupport
import MessageJobs
import Testing

/// MessageJob.JobError describes itself in sentences that name fields and message indices, never values.
@Suite("message job error descriptions")
struct JobErrorDescriptionTests {
    static let cases: [MessageJob.JobError] = [
        .tooLarge(bytes: 2_000_000, limit: 1_048_576), .notAnObject, .missingField("group_context"),
        .unknownField("tree"), .invalidField("padding", reason: "must be an integer in 0...65536"),
        .malformedJSON(StrictJSONError(offset: 3, reason: "x")),
        .messageFailed(index: 1, error: "The signature does not verify."),
    ]

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
    }

    @Test("every case is a sentence, interpolation prints it, and no case prints a type dump")
    func noDumps() {
        for error in Self.cases {
            let text = "\(error)"
            #expect(text == error.description)
            #expect(text.first?.isUppercase == true && text.hasSuffix("."), "\(text)")
            #expect(!text.contains("MessageJobs.") && !text.contains("Error(") && !text.contains("JobError"))
        }
    }
}
