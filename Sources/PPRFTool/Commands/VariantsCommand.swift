import ArgumentParser
import Foundation
import TradeoffAnalysis

/// `pprf variants`: the variants that cut the receiver state (SPEC.md Appendix B; ours, not the draft's),
/// computed and measured; writes Analysis/cutting-the-state.md with `--output-dir`.
struct VariantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variants",
        abstract: "Reuse guard, compact encoding, 32-byte nodes and memory layout: b, state, wire and CPU.",
        discussion: """
            Prints the four tables (text, markdown, csv: the tables one after another, separated by an empty \
            line; json: one strict JSON object). With --output-dir, also writes cutting-the-state.md, four SVG \
            plots and four CSV files there. With --report-dir, also writes those files there and replaces (or \
            appends) the section "Cutting the state" of its REPORT.md, leaving the other sections as they are. \
            Progress goes to standard error.
            """)

    @Option(help: "Output format: text, json, csv or markdown.") var format: OutputFormat = .text
    @Option(help: "Folder to write cutting-the-state.md, its SVG plots and CSV tables into.") var outputDir: String?
    @Option(help: "Folder whose REPORT.md gets the section \"Cutting the state\" (with the files of --output-dir).")
    var reportDir: String?
    @Flag(help: "Measure smaller states only (k <= 1,000, up to 10^5 nodes): for tests, not for the report.")
    var quick = false

    func validate() throws {
        if let dir = outputDir, dir.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--output-dir must name a folder, not an empty string")
        }
        if let dir = reportDir, dir.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--report-dir must name a folder, not an empty string")
        }
    }

    func run() throws {
        let started = Date()
        let report = try StateVariantsReport.run(quick: quick) { step in
            FileHandle.standardError.write(
                Data("  [\(String(format: "%5.1f", Date().timeIntervalSince(started)))s] \(step)\n".utf8))
        }
        if let dir = outputDir {
            let names = try report.write(to: URL(fileURLWithPath: dir))
            FileHandle.standardError.write(Data("pprf variants: wrote \(names.count) files to \(dir)\n".utf8))
        }
        if let dir = reportDir {
            try Report.updateCuttingSection(reportIn: URL(fileURLWithPath: dir), variants: report)
            FileHandle.standardError.write(Data("pprf variants: updated \(dir)/REPORT.md (Cutting the state)\n".utf8))
        }
        switch format {
        case .json: print(try report.json(), terminator: "")
        case .csv: print(report.csv, terminator: "")
        case .markdown: print(report.markdown, terminator: "")
        case .text:
            for (name, table) in report.tables { print(name + "\n" + table.markdown) }
        }
    }
}
