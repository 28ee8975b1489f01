import ChallengeMath
import Foundation
import PuncturablePRF

/// The report section "How far PPRF challenges scale" from a ``ScaleMeasurement``: tables, a CSV and four
/// plots (measured, so they vary between runs and machines; not checked against committed files).
extension ScaleMeasurement {
    /// Memory at the sampled states: measured against the closed form and the allocation model.
    public var memoryTable: Table {
        let rows = samples.filter { s in
            // About one row per power of 8 of stored nodes, plus each run's last state.
            let l = Foundation.log2(Double(max(s.storedNodes, 1)))
            return abs(l / 3 - (l / 3).rounded()) < 0.17
                || s.punctures == samples.last(where: { $0.bits == s.bits })?.punctures
        }.map { s in
            [
                "\(s.bits)", "\(s.punctures)", "\(s.storedNodes)", Format.fixed(s.expectedNodes, 0),
                Format.fixed(Double(s.storedNodes) / s.expectedNodes, 4), Format.bytes(Double(s.bytesHeld)),
                Format.bytes(s.modelBytes), Format.fixed(Double(s.bytesHeld) / s.modelBytes, 3),
                Format.fixed(Double(s.bytesHeld) / (32 * s.expectedNodes), 3), Format.bytes(Double(s.encodedBytes)),
                Format.fixed(Double(s.encodedBytes) / s.expectedEncodedBytes, 4),
            ]
        }
        return Table(
            header: [
                "b", "messages k", "stored nodes", "E(b, k)", "nodes / E", "bytes held", "model", "held / model",
                "held / (32 E)", "encoded", "encoded / closed form",
            ], rows: rows)
    }

    /// The k at which each b passes each budget: the model's rotation bound and the measured crossing.
    public var crossingTable: Table {
        let rows = bits.map { b -> [String] in
            ["\(b)"]
                + budgets.map { budget in
                    guard let c = crossings.first(where: { $0.bits == b && $0.budget == budget }) else { return "-" }
                    let held = c.bytesHeldAtModel.map { " (\(Format.bytes(Double($0))) held there)" } ?? ""
                    let measured = c.measuredPunctures.map { "\($0)" } ?? "not reached"
                    return "\(Format.count(c.modelPunctures))\(held) / \(measured)"
                }
        }
        return Table(
            header: ["b"] + budgets.map { "\(Format.bytes(Double($0))): recommended k_max / measured crossing" },
            rows: rows)
    }

    /// Lookup and unprotect times against the state's size.
    public var timingTable: Table {
        let rows = timings.map { t in
            [
                "\(t.sample.bits)", "\(t.sample.storedNodes)", Format.bytes(Double(t.sample.bytesHeld)),
                Format.fixed(t.lookupNanoseconds, 0), Format.fixed(t.unprotectMicroseconds, 1),
            ]
        }
        return Table(header: ["b", "stored nodes", "bytes held", "lookup ns", "unprotect us"], rows: rows)
    }

    /// Every sample, for the CSV.
    public var csv: String {
        Table(
            header: [
                "challenge_bits", "punctures", "stored_nodes", "expected_nodes", "bytes_held", "model_bytes",
                "encoded_bytes", "expected_encoded_bytes",
            ],
            rows: samples.map { s in
                [
                    "\(s.bits)", "\(s.punctures)", "\(s.storedNodes)", Format.precise(s.expectedNodes),
                    "\(s.bytesHeld)",
                    Format.precise(s.modelBytes), "\(s.encodedBytes)", Format.precise(s.expectedEncodedBytes),
                ]
            }
        ).csv
    }

    /// The slowdown of lookup and unprotect from the smallest timed state to the largest, per b.
    public var slowdown: [(bits: Int, fromNodes: Int, toNodes: Int, lookup: Double, unprotect: Double)] {
        bits.compactMap { b in
            let t = timings.filter { $0.sample.bits == b }
            guard let first = t.first, let last = t.last, t.count > 1 else { return nil }
            return (
                b, first.sample.storedNodes, last.sample.storedNodes, last.lookupNanoseconds / first.lookupNanoseconds,
                last.unprotectMicroseconds / first.unprotectMicroseconds
            )
        }
    }

    private func logBytesAxis(_ label: String) -> SVGPlot.Axis {
        .init(
            label: label, min: 14, max: 30,
            ticks: [
                (14, "16 KiB"), (17, "128 KiB"), (20, "1 MiB"), (24, "16 MiB"), (26, "64 MiB"), (28, "256 MiB"),
                (30, "1 GiB"),
            ])
    }

    private var punctureAxis: SVGPlot.Axis {
        .init(
            label: "messages received k (log scale)", min: 4, max: 18,
            ticks: SVGPlot.powerOfTwoTicks(from: 4, to: 18, step: 2))
    }

    private var nodesAxis: SVGPlot.Axis {
        .init(
            label: "stored nodes (log scale)", min: 13, max: 24,
            ticks: SVGPlot.powerOfTwoTicks(from: 13, to: 24, step: 1))
    }

    /// Measured against modelled lines for one quantity of the samples.
    private func versusPlot(
        title: String, axis: String, measured: (Sample) -> Double, model: (Sample) -> Double, modelName: String
    ) -> SVGPlot {
        var series: [SVGPlot.Series] = []
        for b in bits {
            let s = samples.filter { $0.bits == b && $0.punctures > 0 }
            series.append(
                .init(
                    name: "b = \(b) measured",
                    points: s.map { (Foundation.log2(Double($0.punctures)), Foundation.log2(measured($0))) }))
            series.append(
                .init(
                    name: "b = \(b) \(modelName)",
                    points: s.map { (Foundation.log2(Double($0.punctures)), Foundation.log2(model($0))) }, dashed: true)
            )
        }
        return SVGPlot(title: title, x: punctureAxis, y: logBytesAxis(axis), series: series)
    }

    /// Every file of the section, by name.
    public func files() -> [(String, String)] {
        let held = versusPlot(
            title: "Receiver bytes held (measured) and the allocation model at E(b, k)", axis: "bytes held (log scale)",
            measured: { Double($0.bytesHeld) }, model: { $0.modelBytes }, modelName: "model")
        let encoded = versusPlot(
            title: "Encoded receiver state (measured) and its closed form", axis: "encoded bytes (log scale)",
            measured: { Double($0.encodedBytes) }, model: { $0.expectedEncodedBytes }, modelName: "closed form")
        func timingPlot(_ title: String, _ label: String, top: Double, _ value: (Timing) -> Double) -> SVGPlot {
            let series = bits.map { b in
                SVGPlot.Series(
                    name: "b = \(b)",
                    points: timings.filter { $0.sample.bits == b }.map {
                        (Foundation.log2(Double(max($0.sample.storedNodes, 1))), value($0))
                    })
            }
            let step = top / 5
            return SVGPlot(
                title: title, x: nodesAxis,
                y: .init(
                    label: label, min: 0, max: top,
                    ticks: stride(from: 0, through: top, by: step).map { ($0, Format.fixed($0, 0)) }),
                series: series)
        }
        let lookupTop = max(
            100, ((timings.map(\.lookupNanoseconds).filter(\.isFinite).max() ?? 100) * 1.2 / 100).rounded(.up) * 100)
        let unprotectTop = max(
            50, ((timings.map(\.unprotectMicroseconds).filter(\.isFinite).max() ?? 50) * 1.2 / 50).rounded(.up) * 50)
        return [
            ("scale.csv", csv),
            ("scale-bytes-held.svg", held.render()),
            ("scale-encoded.svg", encoded.render()),
            (
                "scale-lookup.svg",
                timingPlot("Lookup (trie walk) as the state grows", "nanoseconds per lookup", top: lookupTop) {
                    $0.lookupNanoseconds
                }.render()
            ),
            (
                "scale-unprotect.svg",
                timingPlot(
                    "Unprotect of a 100-byte message as the state grows (suite 1, blake2b)", "microseconds",
                    top: unprotectTop
                ) { $0.unprotectMicroseconds }.render()
            ),
        ]
    }

    /// The Markdown section.
    public var markdown: String {
        let budgetsText = budgets.map { Format.bytes(Double($0)) }.joined(separator: ", ")
        var slow = ""
        for s in slowdown {
            slow +=
                "- b = \(s.bits): from \(s.fromNodes) to \(s.toNodes) stored nodes, a lookup takes \(Format.fixed(s.lookup, 2))x "
            slow += "as long and an unprotect \(Format.fixed(s.unprotect, 2))x.\n"
        }
        let ceilingNote =
            nodeCeiling < (quick ? 1_000_000 : 10_000_000)
            ? " The engine's hard limit of \(PPRF.storedNodeLimit) stored nodes stops the deepest run below 10^7 nodes."
            : ""
        return """

            ## How far PPRF challenges scale (measured)

            Measured on the real engine\(quick ? " (a `--quick` run: budgets up to 16 MiB, 10^6 nodes)" : ""): for each b \
            a receiver (suite 1, profile `blake2b`; the state's layout does not depend on the profile) receives random \
            punctures until its allocation passes \(budgetsText), and b = \(bits.first ?? 64) goes on to \
            \(nodeCeiling) stored nodes.\(ceilingNote) "model" is the engine's allocation model \
            `nh (S + 256) + 10 (S + k + b) + 1024` at S = E(b, k), the one `pprf recommend` uses, so held / model \
            below 1 means the recommendation is on the safe side; "held / (32 E)" is the allocation ratio against \
            the raw secrets.

            \(memoryTable.markdown)
            ![bytes held](scale-bytes-held.svg)

            ![encoded](scale-encoded.svg)

            The k at which each b passes each budget: the rotation bound `pprf recommend` gives (with the bytes \
            measured after exactly that many messages) and the k at which the measured allocation first exceeded \
            the budget.

            \(crossingTable.markdown)
            Lookup (the trie walk alone, `isPunctured`) and unprotect (look up, decrypt, verify, puncture) as the state \
            grows; each figure is a median.

            \(timingTable.markdown)
            \(slow)
            ![lookup](scale-lookup.svg)

            ![unprotect](scale-unprotect.svg)

            """
    }
}
