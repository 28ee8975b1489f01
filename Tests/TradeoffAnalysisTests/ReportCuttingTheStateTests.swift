import ChallengeMath
import Foundation
import MLSCore
import PPRFProtection
import PuncturablePRF
import TestSupport
import Testing

@testable import TradeoffAnalysis

/// One quick `pprf variants` run (seeded; k <= 10^3, up to 10^5 nodes), shared by the tests below.
let quickVariants = Result { () throws(StateVariantsError) in try StateVariantsReport.run(quick: true) { _ in } }

@Suite("REPORT \"Cutting the state\": a table and a plot per variant, numbers from the library")
struct ReportCuttingTheStateTests {
    static func section() throws -> String { Report.cuttingTheState(try quickVariants.get()) }

    /// The Markdown row of `table` whose first cells are `prefix`.
    static func row(_ table: Table, _ prefix: [String]) throws -> [String] {
        try #require(table.rows.first { Array($0.prefix(prefix.count)) == prefix }, "\(prefix)")
    }

    @Test("every variant has its table and its plot; figures are marked computed or measured; reasoning linked")
    func structure() throws {
        let text = try Self.section()
        #expect(text.hasPrefix("## Cutting the state\n"))
        for (n, plot) in [
            (1, "variants-reuse-guard.svg"), (2, "variants-compact-encoding.svg"), (3, "variants-node-size.svg"),
            (4, "variants-memory.svg"),
        ] {
            #expect(text.contains("### Variant \(n):"), "variant \(n)")
            #expect(text.contains("![Variant \(n)](\(plot))"), "variant \(n)")
        }
        for table in [
            Report.cuttingTable(.reuseGuard, suite: Report.suite1), Report.cuttingTable(.compact, suite: Report.suite1),
            Report.cuttingTable(.shortNodes, suite: Report.suite5), Report.layoutTable(),
            try quickVariants.get().memoryTable,
        ] {
            #expect(text.contains(table.markdown))
        }
        #expect(text.contains("**Computed**") && text.contains("**Measured**"))
        #expect(text.contains("**Measured by simulation**"))
        #expect(text.contains("[SPEC.md Appendix B](../SPEC.md)"))
        #expect(text.contains("[cutting-the-state.md](cutting-the-state.md)"))
        #expect(text.contains("SPEC.md section 10") && text.contains("SPEC.md section 3.2"))
        #expect(text.contains("SPEC.md section 3.1"))
        #expect(text.contains("### Not implemented, and why"))
        #expect(!text.contains("nan") && !text.contains("inf "))
    }

    @Test("variant 1 at C = 2^-64, k = 10^4: b 90 -> 58, state, wire and CPU as the library computes them")
    func reuseGuardRow() throws {
        let table = Report.cuttingTable(.reuseGuard, suite: Report.suite1)
        #expect(table.rows.count == 8)  // two targets x k = 10^3..10^6
        let row = try Self.row(table, ["2^-64", "10^4"])
        #expect(row[2] == "90" && row[3] == "58")
        let e90 = StateSize.expectedStoredNodes(challengeBits: 90, punctures: 1e4)
        let e58 = StateSize.expectedStoredNodes(challengeBits: 58, punctures: 1e4)
        #expect(
            row[4]
                == Format.bytes(PPRF.memoryBound(storedNodes: e90, punctures: 1e4, challengeBits: 90, secretSize: 32)))
        #expect(
            row[5]
                == Format.bytes(PPRF.memoryBound(storedNodes: e58, punctures: 1e4, challengeBits: 58, secretSize: 32)))
        #expect(
            row[6] == Format.bytes(StateSize.expectedEncodedBytes(challengeBits: 90, punctures: 1e4, secretSize: 32)))
        #expect(row[8] == "\(PPRFWireOverhead.bytes(challengeBits: 90, reuseGuard: false))")
        #expect(row[9] == "\(PPRFWireOverhead.bytes(challengeBits: 58, reuseGuard: true))")
        #expect(row[8] == row[9])  // 4 challenge bytes fewer, 4 guard bytes more
        let cpu90 = try #require(CPUModel.estimate(suiteID: 1, profile: .mls, challengeBits: 90))
        let cpu58 = try #require(CPUModel.estimate(suiteID: 1, profile: .mls, challengeBits: 58))
        #expect(row[10] == Format.fixed(cpu90.unprotectMicroseconds, 0))
        #expect(row[11] == Format.fixed(cpu58.unprotectMicroseconds, 0))
        // C = 2^-128 at k = 10^6: 167 -> 135 (Appendix B.1's table).
        let deep = try Self.row(table, ["2^-128", "10^6"])
        #expect(deep[2] == "167" && deep[3] == "135")
    }

    @Test("variant 2 keeps b and the bytes held and shrinks the encoding; variant 3 halves suite 5's secrets")
    func stateVariantRows() throws {
        let compact = try Self.row(Report.cuttingTable(.compact, suite: Report.suite1), ["2^-64", "10^5"])
        #expect(compact[2] == compact[3] && compact[4] == compact[5] && compact[8] == compact[9])
        #expect(compact[2] == "97")
        #expect(
            compact[7] == Format.bytes(StateVariants.expectedCompactBytes(bits: 97, punctures: 1e5, secretSize: 32)))
        let short = try Self.row(Report.cuttingTable(.shortNodes, suite: Report.suite5), ["2^-64", "10^4"])
        #expect(short[2] == short[3] && short[8] == short[9])
        let e = StateSize.expectedStoredNodes(challengeBits: 90, punctures: 1e4)
        #expect(
            short[4]
                == Format.bytes(PPRF.memoryBound(storedNodes: e, punctures: 1e4, challengeBits: 90, secretSize: 64)))
        #expect(
            short[5]
                == Format.bytes(PPRF.memoryBound(storedNodes: e, punctures: 1e4, challengeBits: 90, secretSize: 32)))
        #expect(short[10] == "-" && short[11] == "-")  // CPUModel has no suite-5 calibration
        let f = Report.cuttingFigures(
            .init(suiteID: 5, nh: 64, variants: [.shortNodes]), messages: 1e4, target: Report.cuttingTargets[0])
        let g = Report.cuttingFigures(
            .init(suiteID: 5, nh: 64, variants: []), messages: 1e4, target: Report.cuttingTargets[0])
        #expect(f.held / g.held > 0.55 && f.held / g.held < 0.6)  // 42 of 74 bytes a node
    }

    @Test("the layouts not implemented are quoted with their numbers at k = 10^4: one link 1.130x, sorted 1.015x")
    func notImplemented() throws {
        let text = try Self.section()
        let (k, e) = (1e4, StateSize.expectedStoredNodes(challengeBits: 90, punctures: 1e4))
        let row = try Self.row(Report.layoutTable(), ["10^4", "90"])
        let oneLink = 32 * e + 4 * (e + k) + 8 * k
        let sorted = 32 * e + 36 * k
        #expect(row[6] == "\(Format.bytes(oneLink)) (\(Format.fixed(oneLink / (32 * e), 3))x)")
        #expect(row[7] == "\(Format.bytes(sorted)) (\(Format.fixed(sorted / (32 * e), 3))x)")
        #expect(row[6].hasSuffix("(1.130x)") && row[7].hasSuffix("(1.015x)"))
        #expect(text.contains("**One link per inner node**"))
        #expect(text.contains("**Sorted points in memory**"))
        #expect(text.contains("1.130x against the reserved floor's 1.253x at k = 10^4 (b = 90)"))
        #expect(text.contains("moving about \(Format.bytes(16 * e)) per message"))
    }

    @Test("the section replaces its old self, or is appended, and leaves the other sections alone")
    func replacing() {
        let new = "## Cutting the state\n\nnew\n\n"
        let before = "# R\n\n## A\n\na\n\n## Cutting the state\n\nold\n\n## Strategies\n\ns\n"
        let replaced = Report.replacingCuttingSection(in: before, with: new)
        #expect(replaced == "# R\n\n## A\n\na\n\n## Cutting the state\n\nnew\n\n## Strategies\n\ns\n")
        #expect(Report.replacingCuttingSection(in: replaced, with: new) == replaced)
        let last = Report.replacingCuttingSection(in: "# R\n\n## Cutting the state\n\nold\n", with: new)
        #expect(last == "# R\n\n" + new)
        #expect(Report.replacingCuttingSection(in: "# R\n\n## A\n\na\n", with: new) == "# R\n\n## A\n\na\n\n" + new)
    }

    @Test("Report.write with a variants run writes the section into REPORT.md and the variants' files")
    func writeWithVariants() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cut-\(UUID().uuidString)")
        defer { _ = try? FileManager.default.removeItem(at: folder) }
        let v = try quickVariants.get()
        try Report.write(to: folder, measurements: Measurements(), strategies: nil, date: "2026-12-02", variants: v)
        let report = try String(contentsOf: folder.appendingPathComponent("REPORT.md"), encoding: .utf8)
        #expect(report.hasSuffix(Report.cuttingTheState(v)))
        for (name, content) in v.files() {
            #expect(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) == content, "\(name)")
        }
        // Updating in place changes nothing further.
        try Report.updateCuttingSection(reportIn: folder, variants: v)
        #expect(try String(contentsOf: folder.appendingPathComponent("REPORT.md"), encoding: .utf8) == report)
    }

    @Test("updating a folder without REPORT.md fails with a typed write error naming it")
    func updateWithoutReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("none-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("REPORT.md").path
        #expect(throws: AtomicFile.WriteError.writeFailed(path: path, reason: "cannot read it")) {
            try Report.updateCuttingSection(reportIn: folder, variants: try quickVariants.get())
        }
    }

    @Test("the committed REPORT.md carries the current computed tables of the section")
    func committedSectionIsCurrent() throws {
        let committed = try String(contentsOf: analysisDirectory.appendingPathComponent("REPORT.md"), encoding: .utf8)
        #expect(
            committed.contains("\n## Cutting the state\n"), "regenerate: swift run pprf variants --report-dir Analysis")
        for table in [
            Report.cuttingTable(.reuseGuard, suite: Report.suite1), Report.cuttingTable(.compact, suite: Report.suite1),
            Report.cuttingTable(.shortNodes, suite: Report.suite5), Report.layoutTable(),
        ] {
            #expect(committed.contains(table.markdown), "regenerate: swift run pprf variants --report-dir Analysis")
        }
    }

    @Test("the variants' CPU model is CPUModel's suite-1 mls figure per level")
    func cpuPerLevel() throws {
        let perLevel = try #require(CPUModel.perLevelNanoseconds(suiteID: 1, profile: .mls))
        #expect(StateVariants.microsecondsPerLevel == perLevel / 1000)
        #expect(StateVariants.microsecondsPerLevel > 0.1 && StateVariants.microsecondsPerLevel < 1)
    }

    /// Runs the built `pprf` with `arguments` (TestSupport's one harness).
    static func tool(_ arguments: [String]) throws -> ToolProcess.Run { try ToolProcess.run(arguments) }

    @Test("pprf variants --report-dir: updates REPORT.md's section; empty exits 64, a folder without REPORT.md exits 1")
    func toolReportDir() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cut-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { _ = try? FileManager.default.removeItem(at: folder) }
        let empty = try Self.tool(["variants", "--report-dir", " "])
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("--report-dir must name a folder"), "\(empty.stderr)")
        let missing = try Self.tool(["variants", "--quick", "--report-dir", folder.path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains(folder.appendingPathComponent("REPORT.md").path), "\(missing.stderr)")
        #expect(missing.stderr.contains("cannot read it"), "\(missing.stderr)")
        let report = folder.appendingPathComponent("REPORT.md")
        try Data("# R\n\n## A\n\na\n".utf8).write(to: report)
        let ok = try Self.tool(["variants", "--quick", "--report-dir", folder.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        let text = try String(contentsOf: report, encoding: .utf8)
        #expect(text.hasPrefix("# R\n\n## A\n\na\n\n## Cutting the state\n"))
        // The tool's own process measured the memory rows (bytes held depend on its allocator's history), so
        // the computed tables must be there exactly, and the section must end the file as the in-process one does.
        for table in [
            Report.cuttingTable(.reuseGuard, suite: Report.suite1), Report.cuttingTable(.compact, suite: Report.suite1),
            Report.cuttingTable(.shortNodes, suite: Report.suite5), Report.layoutTable(),
        ] {
            #expect(text.contains(table.markdown))
        }
        let expected = try Self.section()
        let written = String(text[try #require(text.range(of: "## Cutting the state\n")).lowerBound...])
        #expect(written.split(separator: "\n").count == expected.split(separator: "\n").count)
        #expect(written.contains("### Variant 4:") && written.contains("![Variant 4](variants-memory.svg)"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("variants-memory.svg").path))
    }
}
