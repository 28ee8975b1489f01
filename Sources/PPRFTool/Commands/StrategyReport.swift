import Foundation
import TradeoffAnalysis
import VirtualClients

/// Runs the simulator for the report's strategies section.
enum StrategyReport {
    static func section(quick: Bool) throws -> StrategySection {
        let emulators = 3
        let members = 2
        let messages = quick ? 120 : 600
        var rows: [[String]] = []
        for strategy in SendingStrategy.allCases {
            let r = try StrategySimulator.run(
                SimulationConfig(emulators: emulators, members: members, messages: messages, challengeBits: 128),
                strategy: strategy)
            rows.append([
                strategy.rawValue, "\(r.failedDecryptions) of \(messages * members)", "\(r.keyReuses)",
                "\(r.receiverStateBytes)",
                String(format: "%.1f", r.microsecondsPerMessage), String(format: "%.1f", r.wireBytesPerMessage),
                strategy.senderLeak,
            ])
        }
        let table = Table(
            header: [
                "strategy", "failed deliveries", "key reuses", "peak receiver state (secret bytes)", "us per message",
                "wire bytes", "sender leak",
            ],
            rows: rows)
        // Peak receiver state versus K, per strategy (log scale): what each answer costs the other members.
        var series: [SVGPlot.Series] = []
        let ks = quick ? [8, 32, 128] : [8, 32, 128, 512]
        for strategy in SendingStrategy.allCases {
            var points: [(x: Double, y: Double)] = []
            for k in ks {
                let r = try StrategySimulator.run(
                    SimulationConfig(emulators: emulators, members: 1, messages: k, challengeBits: 128),
                    strategy: strategy)
                points.append((Foundation.log2(Double(k)), Foundation.log2(Double(max(r.receiverStateBytes, 1)))))
            }
            // cbst costs what pprf costs: dashed, so that both lines stay visible where they coincide.
            series.append(.init(name: strategy.rawValue, points: points, dashed: strategy == .cbst))
        }
        let plot = SVGPlot(
            title: "Peak receiver state per strategy (E = \(emulators), b = 128, shuffled delivery)",
            x: .init(
                label: "messages K in the epoch", min: 2, max: 10,
                ticks: SVGPlot.powerOfTwoTicks(from: 2, to: 10, step: 1)),
            y: .init(
                label: "secret bytes (log scale)", min: 6, max: 24,
                ticks: [(10, "1 KiB"), (15, "32 KiB"), (20, "1 MiB"), (7, "128 B")]),
            series: series)
        return StrategySection(
            table: table, plot: plot,
            setting:
                "A virtual client emulated by \(emulators) emulators sends \(messages) messages without coordination to \(members) other members, delivered in a random order; pprf and cbst use b = 128."
        )
    }
}
