import Foundation
import HostileInputChecks
import Testing

let corpusDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus")

@Suite("hostile inputs: the committed fuzz corpus, replayed")
struct CorpusReplayTests {
    static let targets = ["FuzzCodec", "FuzzPPRFState", "FuzzUnprotectRFC", "FuzzUnprotectPPRF"]

    @Test("every corpus input (seeds, finds and former crashes) keeps its target's invariants", arguments: targets)
    func replay(_ target: String) throws {
        let check = try #require(HostileInputChecks.check(target: target))
        let folder = corpusDirectory.appendingPathComponent(target)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.count >= 10)
        for file in files {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(file)))
            #expect(check(bytes) == nil, "\(target)/\(file)")
            // Every truncation of a seed is hostile input too.
            for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 16)) {
                #expect(check(Array(bytes[0..<cut])) == nil, "\(target)/\(file) cut at \(cut)")
            }
        }
    }

    @Test("an unknown target has no check")
    func unknown() {
        #expect(HostileInputChecks.check(target: "FuzzNothing") == nil)
    }
}
