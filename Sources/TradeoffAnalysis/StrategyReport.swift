import Foundation
import VirtualClients

/// The strategies comparison: simulator runs, the one table `pprf simulate`, `pprf working-group simulate`
/// and the report share, and the report's chart (draft-kohbrok-mls-virtual-clients "Sending application
/// messages"; draft-ietf-mls-virtual-clients-01 section 5.6 for `wg01-strong` and `wg01-eventual`).
public enum StrategyReport {
    /// The comparison table: one row per result, every cell a string (JSON too), rendered by
    /// ``Table/rendered(as:)``. With `budget`, a column of the PPRF receivers' measured allocation
    /// (`pprf simulate` names its budget there); the report leaves it out.
    public static func table(_ results: [SimulationResult], budget: Int? = nil) -> Table {
        let rows = results.map { r in
            [
                r.strategy.rawValue, "\(r.failedDecryptions)", "\(r.undeliveredMessages)", "\(r.keyReuses)",
                "\(r.keyNonceReuses)", "\(r.rejectedByDS)", "\(r.resentMessages)", "\(r.duplicateDeliveries)",
                "\(r.receiverStateBytes)",
            ] + (budget == nil ? [] : [r.receiverBytesHeld.map { "\($0)" } ?? "-"])
                + [
                    Format.fixed(r.microsecondsPerMessage, 1), Format.fixed(r.wireBytesPerMessage, 1),
                    r.strategy.senderLeak, r.strategy.deliveryServiceLeak,
                ]
        }
        let header =
            [
                "strategy", "failed decryptions", "undelivered", "key reuses", "key-nonce reuses", "DS rejections",
                "resends", "duplicates", "peak receiver state (secret bytes)",
            ] + (budget.map { ["receiver bytes held (measured, budget \($0))"] } ?? [])
            + ["us per message", "wire bytes per message", "what members learn about the sender", "what the DS learns"]
        return Table(header: header, rows: rows)
    }

    /// The report's section: every strategy at E = 3, M = 2, K = 600 (120 when `quick`), b = 128, shuffled
    /// delivery, and the peak receiver state versus K.
    public static func section(quick: Bool) throws -> StrategySection {
        let emulators = 3
        let members = 2
        let messages = quick ? 120 : 600
        let config = SimulationConfig(emulators: emulators, members: members, messages: messages, challengeBits: 128)
        let results = try SendingStrategy.allCases.map { try StrategySimulator.run(config, strategy: $0) }
        return StrategySection(
            table: table(results), plot: try plot(emulators: emulators, ks: quick ? [8, 32, 128] : [8, 32, 128, 512]),
            setting:
                "A virtual client emulated by \(emulators) emulators sends \(messages) messages without coordination "
                + "to \(members) other members (\(messages * members) deliveries), delivered in a random order; pprf "
                + "and cbst use b = 128.",
            findings: findings(results, deliveries: messages * members))
    }

    /// Peak receiver state versus K per strategy (log scale): what each answer costs the other members.
    static func plot(emulators: Int, ks: [Int]) throws -> SVGPlot {
        var series: [SVGPlot.Series] = []
        for strategy in SendingStrategy.allCases {
            var points: [(x: Double, y: Double)] = []
            for k in ks {
                let r = try StrategySimulator.run(
                    SimulationConfig(emulators: emulators, members: 1, messages: k, challengeBits: 128),
                    strategy: strategy)
                points.append((Foundation.log2(Double(k)), Foundation.log2(Double(max(r.receiverStateBytes, 1)))))
            }
            // cbst costs what pprf costs, and the working group's receivers hold a plain secret tree: dashed,
            // so that the lines stay visible where they coincide.
            let dashed = strategy == .cbst || strategy == .wg01Eventual
            series.append(.init(name: strategy.rawValue, points: points, dashed: dashed))
        }
        return SVGPlot(
            title: "Peak receiver state per strategy (E = \(emulators), b = 128, shuffled delivery)",
            x: .init(
                label: "messages K in the epoch", min: 2, max: 10,
                ticks: SVGPlot.powerOfTwoTicks(from: 2, to: 10, step: 1)),
            y: .init(
                label: "secret bytes (log scale)", min: 6, max: 24,
                ticks: [(10, "1 KiB"), (15, "32 KiB"), (20, "1 MiB"), (7, "128 B")]),
            series: series)
    }

    /// The comparison with draft-ietf-mls-virtual-clients-01 in sentences, from the run's own figures.
    static func findings(_ results: [SimulationResult], deliveries: Int) -> String {
        func row(_ s: SendingStrategy) -> SimulationResult? { results.first { $0.strategy == s } }
        guard let pprf = row(.pprf), let strong = row(.wg01Strong), let eventual = row(.wg01Eventual),
            let rfc = row(.rfc9420)
        else { return "" }
        let generationIDs = strong.workingGroup?.generationIDBytesPerMessage ?? 0
        return """
            The working group's design (draft-ietf-mls-virtual-clients-01, SPEC.md appendix A) keeps the secret \
            tree and computes the reuse guard, so no (key, nonce) pair repeats in either DS setting \
            (\(strong.keyNonceReuses) and \(eventual.keyNonceReuses) key-nonce reuses). With a strongly consistent DS \
            that rejects duplicate generations, \(strong.undeliveredMessages) of \(deliveries) deliveries fail and no \
            key is reused, at the cost of \(strong.rejectedByDS) rejected attempts and \(Format.fixed(generationIDs, 1)) \
            bytes of generation IDs per message (KDF.Nh per attempt), which mark virtual-client traffic to the DS \
            (\(Format.fixed(strong.wireBytesPerMessage, 1)) bytes to the DS per message against \
            \(Format.fixed(rfc.wireBytesPerMessage, 1)) for RFC 9420). With an eventually consistent DS, \
            \(eventual.failedDecryptions) of the first deliveries fail (siblings share a generation, so receivers \
            have already used its key), \(eventual.resentMessages) resends deliver everything \
            (\(eventual.undeliveredMessages) undelivered) and receivers see \(eventual.duplicateDeliveries) \
            duplicates. Both keep the receiver state of a secret tree (\(strong.receiverStateBytes) and \
            \(eventual.receiverStateBytes) secret bytes against \(pprf.receiverStateBytes) for pprf at b = 128; the \
            eventually consistent run delivers round by round, so its receivers retain few skipped keys) and reveal the sending emulator to its siblings; pprf needs no DS cooperation, resends or \
            deduplication and reveals nothing to the DS, at \(Format.fixed(pprf.wireBytesPerMessage, 1)) wire bytes \
            per message.
            """
    }
}

/// The strategies comparison of the report: the simulated table, its chart, and the comparison with the
/// working group's design in sentences (``StrategyReport/section(quick:)``).
public struct StrategySection: Sendable {
    /// The table (one row per strategy).
    public let table: Table
    /// The chart.
    public let plot: SVGPlot
    /// The configuration in words.
    public let setting: String
    /// What the rows show about draft-ietf-mls-virtual-clients-01 against this package's construction.
    public let findings: String

    /// A section.
    public init(table: Table, plot: SVGPlot, setting: String, findings: String = "") {
        self.table = table
        self.plot = plot
        self.setting = setting
        self.findings = findings
    }

    /// The heading that starts the section in REPORT.md.
    static let heading = "## Strategies for uncoordinated emulators (simulated)"

    /// The section as Report.write appends it: a blank line, the heading, and text ending in one newline.
    var markdown: String {
        var out = """

            \(Self.heading)

            \(setting) Values come from one simulated run of `pprf simulate` (random challenges and reuse guards), so \
            they vary slightly between runs. "key reuses" counts delivered messages whose AEAD key another had used; \
            "key-nonce reuses" counts sent messages whose key and nonce both repeat (the reuse that leaks the XOR of \
            two plaintexts; RFC 9420's random reuse guard already makes it a 2^-32 event per pair). Wire bytes \
            include rejected attempts, resends and generation IDs.

            \(table.markdown)
            ![strategies](strategies.svg)

            """
        if !findings.isEmpty { out += "\n" + findings + "\n" }
        return out
    }

    /// `report` (the text of a REPORT.md) with its strategies section replaced by this one, or `nil` when it
    /// has none: the section runs from its heading to the next `## ` heading.
    public func replacingSection(in report: String) -> String? {
        guard let start = report.range(of: "\n" + Self.heading + "\n") else { return nil }
        let rest = report[start.upperBound...]
        let end = rest.range(of: "\n## ")?.lowerBound ?? report.endIndex
        // The section starts with its blank line and ends in one newline; the next section brings its own blank line.
        return String(report[..<start.lowerBound]) + markdown + String(report[end...])
    }

    /// Writes strategies.csv and strategies.svg into `directory` and replaces the section in its REPORT.md,
    /// leaving every other section as it was (`pprf simulate --report-dir`). Throws
    /// ``AtomicFile/WriteError`` when a file cannot be read or written.
    public func update(reportIn directory: URL) throws(AtomicFile.WriteError) {
        let url = directory.appendingPathComponent("REPORT.md")
        let report: String
        do { report = try String(contentsOf: url, encoding: .utf8) } catch {
            throw AtomicFile.WriteError.writeFailed(path: url.path, reason: "cannot read it")
        }
        guard let updated = replacingSection(in: report) else {
            throw AtomicFile.WriteError.writeFailed(path: url.path, reason: "it has no \"\(Self.heading)\" section")
        }
        try AtomicFile.write(table.csv, to: directory.appendingPathComponent("strategies.csv"))
        try AtomicFile.write(plot.render(), to: directory.appendingPathComponent("strategies.svg"))
        try AtomicFile.write(updated, to: url)
    }
}
