import Foundation
import Testing
import WorkingGroupDesign

/// The working group's vector files are recognised and dispatched through JSONSupport's strict reader.
@Suite("working-group vector files are read strictly")
struct StrictReadingTests {
    @Test("a repeated key is refused with the reader's sentence, and the file is not recognised")
    func repeatedKey() {
        let data = Data(#"[{"reuse_guards": [], "reuse_guards": []}]"#.utf8)
        #expect(!WorkingGroupVectorFiles.recognises(data))
        #expect(
            throws: WorkingGroupError.malformedVector(
                field: "file (invalid JSON at byte 22: the key \"reuse_guards\" appears twice)")
        ) { try WorkingGroupVectorFiles.verify(data: data) }
    }

    @Test("an array holding a non-object is not a vector file")
    func notObjects() {
        let data = Data(#"[{"tweak": "", "length": 1}, 7]"#.utf8)
        #expect(!WorkingGroupVectorFiles.recognises(data))
        #expect(throws: WorkingGroupError.malformedVector(field: "file (not a non-empty array of objects)")) {
            try WorkingGroupVectorFiles.verify(data: data)
        }
    }
}
