import ChallengeMath
import Foundation
import MLSCrypto
import PPRFProtection

/// The trade-off report (`pprf report`, the main job): Analysis/REPORT.md, CSV tables and SVG plots.
public enum Report {
    /// The answer to "what b should I use" (README and REPORT "The answer"), computed from the mathematics
    /// and the engine's memory model at the default budget; see `answerTable()` for the figures behind it.
    public static func recommendation() -> String { AnswerFigures.text() }

    /// A description of this machine for measured figures: CPU model and features, compiler, libraries
    /// (``MachineInfo``).
    public static func machineDescription() -> String {
        MachineInfo.current().summary
    }

    /// Writes every file of the report into `directory`; measured figures come from `measurements`, and the
    /// strategies section (simulated, so it varies between runs) from `strategies`; `variants` (a seeded
    /// `pprf variants` run) gives the section "Cutting the state" and its files (cutting-the-state.md, the
    /// variants-*.csv tables and variants-*.svg plots).
    public static func write(
        to directory: URL, measurements: Measurements, strategies: StrategySection?, date: String,
        scale: ScaleMeasurement? = nil, variants: StateVariantsReport? = nil
    ) throws(AtomicFile.WriteError) {
        for (name, content) in variants?.files() ?? [] {
            try AtomicFile.write(content, to: directory.appendingPathComponent(name))
        }
        for (name, content) in scale?.files() ?? [] {
            try AtomicFile.write(content, to: directory.appendingPathComponent(name))
        }
        if let strategies {
            try AtomicFile.write(strategies.table.csv, to: directory.appendingPathComponent("strategies.csv"))
            try AtomicFile.write(strategies.plot.render(), to: directory.appendingPathComponent("strategies.svg"))
        }
        for (name, content) in DeterministicTables.files() {
            try AtomicFile.write(content, to: directory.appendingPathComponent(name))
        }
        let machine = measurements.machine?.summary ?? machineDescription()
        try AtomicFile.write(
            cpuTable(measurements, machine: machine).csv, to: directory.appendingPathComponent("cpu-measured.csv"))
        try AtomicFile.write(
            cpuPlot(measurements, machine: machine).render(), to: directory.appendingPathComponent("cpu-measured.svg"))
        var report = markdown(measurements, machine: machine, date: date) + (strategies?.markdown ?? "")
        report += scale?.markdown ?? ""
        if let variants { report += cuttingTheState(variants) }
        try AtomicFile.write(report, to: directory.appendingPathComponent("REPORT.md"))
    }

    /// Measured CPU figures as a table, each timing with its inter-quartile range and count (issue 14);
    /// `machine` adds a column naming where they were measured (for CSV).
    public static func cpuTable(_ m: Measurements, machine: String? = nil) -> Table {
        func us(_ s: Spread?) -> String { s.map { "\($0.formatted(dividedBy: 1000)), n=\($0.count)" } ?? "-" }
        let rows = m.rows.map { r in
            [
                r.operation, "\(r.suite)", r.profile, r.bits == 0 ? "-" : "\(r.bits)", "\(r.time.count)",
                Format.fixed(r.time.median / 1000, 1),
                "\(Format.fixed(r.time.lowerQuartile / 1000, 1))-\(Format.fixed(r.time.upperQuartile / 1000, 1))",
                us(r.floor?.time), r.ratioSpread.map { "\($0.formatted(digits: 2)), n=\($0.count)" } ?? "-",
                us(r.reference?.time),
            ] + (machine.map { [$0] } ?? [])
        }
        let header = [
            "operation", "suite", "profile", "b", "n", "median us", "IQR us", "floor us (IQR), n", "ratio (IQR), n",
            "2nd reference us (IQR), n",
        ]
        return Table(header: header + (machine == nil ? [] : ["machine"]), rows: rows)
    }

    /// CPU per message versus b, per profile, with the RFC 9420 line.
    public static func cpuPlot(_ m: Measurements, machine: String) -> SVGPlot {
        var series: [SVGPlot.Series] = []
        for suite in [UInt16(1), 3] {
            for profile in ["mls", "blake2b"] {
                let points = m.rows.filter { $0.operation == "unprotect" && $0.suite == suite && $0.profile == profile }
                    .map { (x: Double($0.bits), y: $0.nanoseconds / 1000) }
                if !points.isEmpty { series.append(.init(name: "suite \(suite), \(profile)", points: points)) }
            }
            if let rfc = m.rows.first(where: {
                $0.operation == "unprotect" && $0.suite == suite && $0.profile == "rfc9420"
            }) {
                series.append(
                    .init(
                        name: "suite \(suite), RFC 9420",
                        points: [(64, rfc.nanoseconds / 1000), (256, rfc.nanoseconds / 1000)], dashed: true))
            }
        }
        let top = max(10, (series.flatMap { $0.points.map(\.y) }.max() ?? 10) * 1.15)
        let step = top > 400 ? 100.0 : top > 100 ? 50 : 10
        return SVGPlot(
            title: "Unprotect of a 100-byte message (measured on this machine)",
            x: .init(
                label: "challenge bits b", min: 48, max: 272, ticks: [64, 128, 192, 256].map { (Double($0), "\($0)") }),
            y: .init(
                label: "microseconds per message", min: 0, max: top,
                ticks: stride(from: 0, through: top, by: step).map { ($0, Format.fixed($0, 0)) }),
            series: series)
    }

    static func markdown(_ m: Measurements, machine: String, date: String) -> String {
        var out = """
            # Choosing the challenge length b: the trade-off report

            Generated by `pprf report` (`make report`). Everything except the sections "Measured costs", the \
            strategies and the scale is a pure function of the mathematics and of seeded runs ("Cutting the state" \
            marks its measured figures); those tables and plots are committed and a test checks that they are current. \
            Measured figures come from this machine: \(machine), on \(date).

            ## The answer

            \(recommendation())

            \(AnswerFigures.table().markdown)
            ![P versus k](collision-probability.svg)

            ## Probability that some challenge repeats within an epoch

            k senders draw b-bit challenges independently and uniformly: `P = 1 - prod_{i<k} (1 - i/2^b)`, computed \
            in the log domain (values below 2^-1074 stay exact in log2). A repeat makes the two messages share key and \
            nonce (their plaintexts' XOR leaks) and the later one fails to decrypt with `challengeReused`.

            \(DeterministicTables.probabilityTable().markdown)
            ## Minimum b for a per-epoch target

            The smallest b with P <= p, and the challenge bytes it takes. For a budget over G groups and E epochs, use \
            p = p_total / (G E) (union bound; `pprf collision` computes it).

            \(DeterministicTables.minimumBitsTable().markdown)
            ![minimum b](minimum-bits.svg)

            ## Maximum messages per epoch

            \(DeterministicTables.maximumMessagesTable().markdown)
            ## Receiver state

            Every member punctures at every challenge it receives. After k uniform punctures a depth-b tree stores \
            `E = sum_{d=1..b} 2^d [(1-2^-d)^k - (1-2^(1-d))^k] ~ k (b - log2 k - 0.89)` nodes (exactly b for k = 1), \
            a cost the draft does not state.

            \(DeterministicTables.stateTable().markdown)
            ![state size](state-size.svg)

            ## Wire overhead

            Against an RFC 9420 PrivateMessage with the same content: the challenge's ceil(b/8) bytes in \
            `authenticated_data`, minus the 8 bytes of generation and reuse guard that leave the sender data, plus any \
            growth of the `authenticated_data` length prefix. The draft counts `b/8 - 4` (its "8b-4" is a typo), \
            forgetting the generation.

            \(DeterministicTables.overheadTable().markdown)
            ## The draft's formula

            The draft writes `err = 1-[C(2^b,k)/C(2^b+k-1)]`; read as `1 - C(N,k)/C(N+k-1,k)` it is the probability \
            that a random *multiset* repeats (Bose-Einstein counting). Senders draw sequences, not multisets: for small \
            P the draft's value is exactly twice the truth, which costs one unnecessary bit, and near the middle it says \
            0.75 where the truth is 0.5.

            \(DeterministicTables.draftComparisonTable().markdown)
            ## Measured costs (this machine)

            \(MeasurementReport.markdown(m))
            ![CPU](cpu-measured.svg)

            """
        out += """

            ## Defects in the draft text, corrected here

            - Collision formula: the multiset model (above); the right one is the birthday product.
            - "`8b-4` bytes of overhead" is a typo for `b/8 - 4`, and even that forgets the 4-byte generation.
            - "up to b HKDF calls": puncturing needs both children at every level, so a fresh evaluate-and-puncture \
            costs 2b child derivations (b for profile `blake2b`, which gives both in one call), plus key and nonce.
            - The receiver state growth is unstated (table above).
            - Forward-secure sender anonymity holds only across epochs: `PPRFSenderData.leaf_index` stays encrypted \
            under the epoch's `sender_data_secret`, so a leaked state reveals the senders of earlier messages of the \
            same epoch.

            """
        return out
    }
}
