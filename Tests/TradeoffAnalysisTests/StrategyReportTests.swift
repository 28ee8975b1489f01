import Foundation
import Testing
import VirtualClients

@testable import TradeoffAnalysis

/// The strategies comparison (issue 17 item 3, issue 18: library logic, one renderer): its table, its four
/// formats, the report section and its in-place update, and the committed section.
@Suite("strategies report")
struct StrategyReportTests {
    static let config = SimulationConfig(emulators: 3, members: 2, messages: 30, challengeBits: 96)

    @Test("one table for every strategy: a row each, the budget column only when asked for")
    func table() throws {
        let results = try SendingStrategy.allCases.map { try StrategySimulator.run(Self.config, strategy: $0) }
        let plain = StrategyReport.table(results)
        #expect(plain.rows.map(\.first) == SendingStrategy.allCases.map(\.rawValue))
        #expect(plain.rows.allSatisfy { $0.count == plain.header.count })
        #expect(plain.header.count == 13)
        #expect(plain.header.contains("what the DS learns") && plain.header.contains("key-nonce reuses"))
        #expect(!plain.header.contains { $0.hasPrefix("receiver bytes held") })
        let measured = StrategyReport.table(results, budget: 1 << 20)
        let column = try #require(measured.header.firstIndex(of: "receiver bytes held (measured, budget 1048576)"))
        let rows = Dictionary(uniqueKeysWithValues: measured.rows.map { ($0[0], $0) })
        #expect(try #require(rows["rfc9420"])[column] == "-")
        let pprfRow = try #require(rows["pprf"])
        let pprfHeld = try #require(Int(pprfRow[column]))
        #expect(pprfHeld > 0)
        // The working group's rows: 30 rejections (strong), 30 resends and 20 duplicates (eventual).
        let header = measured.header
        func cell(_ strategy: String, _ name: String) throws -> String {
            let row = try #require(rows[strategy])
            return row[try #require(header.firstIndex(of: name))]
        }
        #expect(try cell("wg01-strong", "DS rejections") == "30")
        #expect(try cell("wg01-strong", "undelivered") == "0")
        #expect(try cell("wg01-eventual", "resends") == "30")
        #expect(try cell("wg01-eventual", "duplicates") == "20")
        #expect(try cell("wg01-eventual", "failed decryptions") == "40")
        #expect(try cell("rfc9420", "undelivered") == "40")
    }

    @Test("the four formats: Markdown (text), CSV, and strict escaped JSON that round-trips every cell")
    func formats() throws {
        let table = Table(header: ["a \"quoted\" name", "b"], rows: [["back\\slash, comma", "line\nbreak\u{1}"]])
        #expect(table.rendered(as: .text) == table.markdown)
        #expect(table.rendered(as: .markdown) == table.markdown)
        #expect(table.rendered(as: .csv) == table.csv)
        let json = table.rendered(as: .json)
        #expect(json.hasSuffix("]\n"))
        #expect(json.contains("\\u0001"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]])
        #expect(parsed == [["a \"quoted\" name": "back\\slash, comma", "b": "line\nbreak\u{1}"]])
    }

    @Test("the section replaces only itself in a report, and says so when a report has none")
    func replacing() throws {
        let section = StrategySection(
            table: Table(header: ["strategy"], rows: [["x"]]),
            plot: SVGPlot(
                title: "t", x: .init(label: "x", min: 0, max: 1, ticks: []),
                y: .init(label: "y", min: 0, max: 1, ticks: []), series: []),
            setting: "A setting.", findings: "The findings.")
        let before = "# Report\n\n## First\n\nkeep me\n"
        let after = "## Last\n\nkeep me too\n"
        let report = before + "\n## Strategies for uncoordinated emulators (simulated)\n\nold text\n\n" + after
        let updated = try #require(section.replacingSection(in: report))
        #expect(updated.hasPrefix(before + "\n## Strategies for uncoordinated emulators (simulated)\n\nA setting."))
        #expect(updated.hasSuffix("The findings.\n\n" + after))
        #expect(!updated.contains("old text"))
        #expect(section.replacingSection(in: updated) == updated)
        // At the end of a report the section runs to the end.
        let last = try #require(section.replacingSection(in: before + "\n" + StrategySection.heading + "\n\nold\n"))
        #expect(last == before + section.markdown)
        #expect(section.replacingSection(in: before) == nil)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strategy-report-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: AtomicFile.WriteError.self) { try section.update(reportIn: folder) }
        try Data(before.utf8).write(to: folder.appendingPathComponent("REPORT.md"))
        let error = try #require(#expect(throws: AtomicFile.WriteError.self) { try section.update(reportIn: folder) })
        #expect(error.description.contains("has no \"## Strategies for uncoordinated emulators (simulated)\" section"))
        #expect(try String(contentsOf: folder.appendingPathComponent("REPORT.md"), encoding: .utf8) == before)
        try Data(report.utf8).write(to: folder.appendingPathComponent("REPORT.md"))
        try section.update(reportIn: folder)
        #expect(try String(contentsOf: folder.appendingPathComponent("REPORT.md"), encoding: .utf8) == updated)
        #expect(
            try String(contentsOf: folder.appendingPathComponent("strategies.csv"), encoding: .utf8) == "strategy\nx\n")
    }

    @Test("the quick section runs every strategy and states the -01 comparison from its own figures")
    func quickSection() throws {
        let section = try StrategyReport.section(quick: true)
        #expect(section.table.rows.map(\.first) == SendingStrategy.allCases.map(\.rawValue))
        #expect(section.plot.series.map(\.name) == SendingStrategy.allCases.map(\.rawValue))
        #expect(section.setting.contains("120 messages") && section.setting.contains("240 deliveries"))
        #expect(section.findings.contains("draft-ietf-mls-virtual-clients-01"))
        #expect(section.findings.contains("(0 and 0 key-nonce reuses)"))
        #expect(section.findings.contains("120 resends deliver everything (0 undelivered)"))
        #expect(section.markdown.contains(section.findings))
    }

    @Test("the committed report's strategies section has a row for every strategy, the -01 design included")
    func committedSection() throws {
        let csv = try String(contentsOf: analysisDirectory.appendingPathComponent("strategies.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first.map(String.init) == StrategyReport.table([]).csv.trimmingCharacters(in: .newlines))
        #expect(lines.dropFirst().map { String($0.prefix { $0 != "," }) } == SendingStrategy.allCases.map(\.rawValue))
        let report = try String(contentsOf: analysisDirectory.appendingPathComponent("REPORT.md"), encoding: .utf8)
        for strategy in SendingStrategy.allCases { #expect(report.contains("| \(strategy.rawValue) |")) }
        #expect(report.contains("The working group's design (draft-ietf-mls-virtual-clients-01"))
    }
}
