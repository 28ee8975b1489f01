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
        try Report.write(
            to: URL(fileURLWithPath: outputDir), measurements: measurements, strategies: strategies,
            date: formatter.string(from: Date()), scale: scale)
        FileHandle.standardError.write(
            Data(
                "pprf report: wrote \(outputDir)/REPORT.md in \(String(format: "%.0f", Date().timeIntervalSince(started)))s\n"
                    .utf8))
    }
}

/// `pprf bench`: the measurements alone, as a table (the README's performance figures).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure evaluate-and-puncture, protect and unprotect against their floors.")

    @Flag(help: "Fewer iterations.") var quick = false

    func run() throws {
        let m = try Measurements.run(quick: quick) { FileHandle.standardError.write(Data("  \($0)\n".utf8)) }
        print("Measured on \(Report.machineDescription())\n")
        print(Report.cpuTable(m).markdown)
        print("| punctures | stored nodes | E | bytes held | ratio to 32 x E |\n|---|---|---|---|---|")
        for r in m.memory {
            print(
                "| \(r.punctures) | \(r.storedNodes) | \(String(format: "%.0f", r.expectedNodes)) | \(r.bytesHeld) | \(String(format: "%.2f", r.ratio)) |"
            )
        }
    }
}
