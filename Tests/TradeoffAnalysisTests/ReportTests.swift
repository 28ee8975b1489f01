import ChallengeMath
import Foundation
import MLSCore
import MLSCrypto
import PuncturablePRF
import Testing

@testable import TradeoffAnalysis

#if canImport(FoundationXML)
    import FoundationXML
#endif

let analysisDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Analysis")

@Suite("trade-off report")
struct ReportTests {
    @Test("the committed deterministic tables and plots are current")
    func committedFilesAreCurrent() throws {
        for (name, content) in DeterministicTables.files() {
            let url = analysisDirectory.appendingPathComponent(name)
            let committed = try String(contentsOf: url, encoding: .utf8)
            #expect(committed == content, "Analysis/\(name) is stale: regenerate with `make report`")
        }
    }

    @Test("the plots are well-formed SVG documents")
    func svgIsValid() throws {
        for (name, content) in DeterministicTables.files() where name.hasSuffix(".svg") {
            let document = try XMLDocument(xmlString: content)
            #expect(document.rootElement()?.name == "svg", "\(name)")
            #expect(content.contains("<polyline"))
        }
    }

    @Test("state size: the closed form agrees with the real engine within 2% at sampled points")
    func stateSizeAgainstEngine() throws {
        for (b, k) in [(64, 300), (128, 500), (256, 800)] {
            let pprf = try puncturedEngine(depth: b, punctures: k)
            let expectedNodes = StateSize.expectedStoredNodes(challengeBits: b, punctures: Double(k))
            #expect(abs(Double(pprf.storedNodeCount) - expectedNodes) / expectedNodes < 0.02)
            let expectedBytes = StateSize.expectedEncodedBytes(challengeBits: b, punctures: Double(k), secretSize: 32)
            #expect(abs(Double(pprf.encodedByteCount) - expectedBytes) / expectedBytes < 0.02)
        }
    }

    @Test("atomic writes: a failed write leaves the old file intact and no temporary file behind")
    func atomicWrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("report.csv")
        try AtomicFile.write("old contents\n", to: target)
        // Interrupt a write: the rename target is a non-empty directory, so the rename fails after the
        // temporary file was written.
        let blocked = folder.appendingPathComponent("blocked")
        try FileManager.default.createDirectory(
            at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("new", to: blocked) }
        #expect(try String(contentsOf: target, encoding: .utf8) == "old contents\n")
        try AtomicFile.write("new contents\n", to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new contents\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("the recommendation quotes numbers the mathematics gives")
    func recommendation() {
        let text = Report.recommendation()
        #expect(text.contains("b = 128"))
        #expect(text.contains("b = \(AnswerFigures.perEpochBits)"))
        #expect(text.contains("2^-64"))
    }

    @Test("the CPU plot and table render from measured rows")
    func measuredRendering() throws {
        var m = Measurements()
        m.rows = [
            try #require(
                Measurements.Row(
                    operation: "unprotect", suite: 1, profile: "mls", bits: 64, nanoseconds: 90_000,
                    floorNanoseconds: 60_000)),
            try #require(
                Measurements.Row(
                    operation: "unprotect", suite: 1, profile: "mls", bits: 256, nanoseconds: 500_000,
                    floorNanoseconds: 60_000)),
            try #require(
                Measurements.Row(
                    operation: "unprotect", suite: 1, profile: "rfc9420", bits: 0, nanoseconds: 60_000,
                    floorNanoseconds: nil)),
        ]
        let svg = Report.cpuPlot(m, machine: "test machine").render()
        _ = try XMLDocument(xmlString: svg)
        #expect(svg.contains("suite 1, RFC 9420"))
        let table = Report.cpuTable(m, machine: "test machine")
        #expect(table.rows.count == 3)
        #expect(table.rows[0][8] == "1.50 (1.50-1.50), n=1")
        #expect(table.rows[0][10] == "test machine")
        #expect(Report.cpuTable(m).header.count == 10)
    }
}
