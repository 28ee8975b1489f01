import Foundation
import Testing
import TradeoffAnalysis

/// AtomicFile's error names the path and the system's reason in one sentence.
@Suite("file write error description")
struct WriteErrorDescriptionTests {
    @Test("the path and the reason appear, without Foundation's vague lead-in, ending in one full stop")
    func texts() {
        #expect(
            AtomicFile.WriteError.writeFailed(path: "/x/y", reason: "Permission denied").description
                == "Could not write /x/y: Permission denied.")
        #expect(
            AtomicFile.WriteError.writeFailed(
                path: "/x/y", reason: "The operation could not be completed. The file doesn’t exist."
            ).description == "Could not write /x/y: The file doesn’t exist.")
    }

    @Test("writing under a regular file fails with a sentence, not a Foundation dump")
    func thrownError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("write-error-\(getpid())")
        try Data("x".utf8).write(to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = try #require(
            #expect(throws: AtomicFile.WriteError.self) {
                try AtomicFile.write("text", to: folder.appendingPathComponent("inside.txt"))
            })
        let text = "\(error)"
        #expect(text.hasPrefix("Could not write \(folder.path)/inside.txt: "))
        #expect(text.hasSuffix(".") && !text.contains("NSCocoaErrorDomain") && !text.contains("UserInfo"))
        #expect(!text.contains("TradeoffAnalysis.") && !text.contains("Error(") && !text.contains("WriteError"))
    }
}
