import ArgumentParser
import Foundation
import TradeoffAnalysis

/// `pprf report`: the main job behind `make report`.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write the trade-off report (REPORT.md, CSV tables, SVG plots).")

    @Option(help: "Folder to write into.") var outputDir: String = "Analysis"
    @Flag(help: "Fewer measurement iterations (under a minute).") var quick = false

    func run() throws {
        let started = Date()
        FileHandle.standardError.write(Data("pprf report: measuring on \(Report.machineDescription())\n".utf8))
        let measurements = try Measurements.run(quick: quick) { step in
            FileHandle.standardError.write(
                Data("  [\(String(format: "%5.1f", Date().timeIntervalSince(started)))s] \(step)\n".utf8))
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        FileHandle.standardError.write(Data("  simulating the strategies for uncoordinated emulators\n".utf8))
        let strategies = try StrategyReport.section(quick: quick)
        let scale = try ScaleMeasurement.run(quick: quick) { FileHandle.standardError.write(Data("  \($0)\n".utf8)) }
        let variants = try StateVariantsReport.run(quick: quick) { step in
            FileHandle.standardError.write(Data("  \(step)\n".utf8))
        }
        try Report.write(
            to: URL(fileURLWithPath: outputDir), measurements: measurements, strategies: strategies,
            date: formatter.string(from: Date()), scale: scale, variants: variants)
        FileHandle.standardError.write(
            Data(
                "pprf report: wrote \(outputDir)/REPORT.md in \(String(format: "%.0f", Date().timeIntervalSince(started)))s\n"
                    .utf8))
    }
}

/// `pprf bench`: the measurements alone (the README's performance figures): every timing with its
/// inter-quartile range and count, next to the hardware's floor and libsodium's figure (issue 14).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure evaluate-and-puncture, protect and unprotect against their floors, with their spread.")

    @Flag(help: "Fewer rounds and calls (noisier).") var quick = false
    @Option(help: "text or markdown (the tables), csv (the timing table), json (every figure, strict JSON).")
    var format: OutputFormat = .markdown

    func run() throws {
        FileHandle.standardError.write(Data("pprf bench: measuring on \(Report.machineDescription())\n".utf8))
        let m = try Measurements.run(quick: quick) { FileHandle.standardError.write(Data("  \($0)\n".utf8)) }
        switch format {
        case .text, .markdown: print(MeasurementReport.markdown(m))
        case .csv: print(Report.cpuTable(m, machine: m.machine?.summary).csv, terminator: "")
        case .json: print(MeasurementReport.json(m), terminator: "")
        }
    }
}
