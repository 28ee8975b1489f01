import ChallengeMath
import Foundation

/// Analysis/cutting-the-state.md and its plots (SPEC.md Appendix B).
extension StateVariantsReport {
    static func decadeTicks(_ from: Int, _ to: Int) -> [(Double, String)] {
        (from...to).map { (Double($0), "10^\($0)") }
    }

    /// Variant 1's plot: receiver state against k, with and without the guard (delivery target 2^-32).
    public var reuseGuardPlot: SVGPlot {
        var series: [SVGPlot.Series] = []
        for c in [-64.0, -128.0] {
            let rows = reuseGuard.filter { $0.log2Delivery == -32 && $0.log2Confidentiality == c }
            let size = Double(StateVariants.nodeSecretBytes)
            series.append(
                .init(
                    name: "no guard, C=2^\(Int(c))",
                    points: rows.map { (Foundation.log10($0.messages), Foundation.log2($0.nodesWithoutGuard * size)) },
                    dashed: true))
            series.append(
                .init(
                    name: "guard, C=2^\(Int(c))",
                    points: rows.map { (Foundation.log10($0.messages), Foundation.log2($0.nodesWithGuard * size)) }))
        }
        return SVGPlot(
            title: "Variant 1: receiver state with a 4-byte reuse guard (delivery 2^-32)",
            x: .init(label: "messages per epoch k", min: 3, max: 6, ticks: Self.decadeTicks(3, 6)),
            y: .init(
                label: "bytes of node secrets", min: 20, max: 34,
                ticks: SVGPlot.powerOfTwoTicks(from: 20, to: 34, step: 2)),
            series: series)
    }

    /// Variant 2's plot: bytes per stored node, canonical against compact (closed forms).
    public var compactPlot: SVGPlot {
        var series: [SVGPlot.Series] = []
        for b in [64, 128, 256] {
            let ks = stride(from: 2.0, through: 6.0, by: 0.25).map { Foundation.pow(10, $0) }
            series.append(
                .init(
                    name: "canonical, b=\(b)",
                    points: ks.map {
                        (
                            Foundation.log10($0),
                            StateSize.expectedEncodedBytes(challengeBits: b, punctures: $0, secretSize: 32)
                                / StateSize.expectedStoredNodes(challengeBits: b, punctures: $0)
                        )
                    }, dashed: true))
            series.append(
                .init(
                    name: "compact, b=\(b)",
                    points: ks.map {
                        (
                            Foundation.log10($0),
                            StateVariants.expectedCompactBytes(bits: b, punctures: $0, secretSize: 32)
                                / StateSize.expectedStoredNodes(challengeBits: b, punctures: $0)
                        )
                    }))
        }
        return SVGPlot(
            title: "Variant 2: encoded bytes per stored node (32-byte secrets)",
            x: .init(label: "punctures k", min: 2, max: 6, ticks: Self.decadeTicks(2, 6)),
            y: .init(
                label: "bytes per stored node", min: 30, max: 60,
                ticks: stride(from: 30, through: 60, by: 5).map { (Double($0), "\($0)") }),
            series: series)
    }

    /// Variant 3's plot: state at b = 256 for suites 5 and 7, full-size and 32-byte nodes.
    public var nodeSizePlot: SVGPlot {
        let rows = nodeSize.filter { $0.bits == 256 }
        let five = rows.filter { $0.suite == 5 }
        let seven = rows.filter { $0.suite == 7 }
        return SVGPlot(
            title: "Variant 3: canonical state at b = 256, KDF.Nh-byte against 32-byte nodes",
            x: .init(label: "messages per epoch k", min: 3, max: 6, ticks: Self.decadeTicks(3, 6)),
            y: .init(label: "bytes", min: 22, max: 36, ticks: SVGPlot.powerOfTwoTicks(from: 22, to: 36, step: 2)),
            series: [
                .init(
                    name: "suite 5, 64-byte",
                    points: five.map { (Foundation.log10($0.messages), Foundation.log2($0.canonicalBytes)) },
                    dashed: true),
                .init(
                    name: "suite 7, 48-byte",
                    points: seven.map { (Foundation.log10($0.messages), Foundation.log2($0.canonicalBytes)) },
                    dashed: true),
                .init(
                    name: "32-byte nodes",
                    points: five.map { (Foundation.log10($0.messages), Foundation.log2($0.canonicalBytes32)) }),
            ])
    }

    /// Variant 4's plot: bytes held per 32 bytes of secret, measured and modelled layouts.
    public var memoryPlot: SVGPlot {
        func line(_ name: String, dashed: Bool = false, _ value: (StateVariants.MemoryRow) -> Double?) -> SVGPlot.Series
        {
            .init(
                name: name,
                points: memory.compactMap { r in value(r).map { (Foundation.log10(r.storedNodes), $0 / r.rawBytes) } },
                dashed: dashed)
        }
        return SVGPlot(
            title: "Variant 4: bytes held per byte of node secret (b = 256, suite 1)",
            x: .init(label: "stored nodes", min: 4, max: 7, ticks: Self.decadeTicks(4, 7)),
            y: .init(
                label: "bytes held / (32 x E)", min: 0.95, max: 1.35,
                ticks: stride(from: 1.0, through: 1.3, by: 0.1).map { ($0, String(format: "%.1f", $0)) }),
            series: [
                line("measured, growing") { $0.bytesHeld.map(Double.init) },
                line("measured, reserved for k") { $0.bytesHeldReserved.map(Double.init) },
                line("today's layout floor", dashed: true) { $0.layoutFloor },
                line("one link per node", dashed: true) { $0.oneLinkBytes },
                line("sorted points", dashed: true) { $0.sortedPointsBytes },
            ])
    }

    /// Every file `pprf variants --output-dir` writes: the report, four SVGs and four CSVs.
    public func files() -> [(name: String, content: String)] {
        var out: [(String, String)] = [("cutting-the-state.md", markdown)]
        out.append(("variants-reuse-guard.svg", reuseGuardPlot.render()))
        out.append(("variants-compact-encoding.svg", compactPlot.render()))
        out.append(("variants-node-size.svg", nodeSizePlot.render()))
        out.append(("variants-memory.svg", memoryPlot.render()))
        for (name, table) in tables { out.append((name + ".csv", table.csv)) }
        return out.map { (name: $0.0, content: $0.1) }
    }
}

extension StateVariantsReport {
    /// Writes ``files()`` into `directory` (created if missing), each atomically; returns the names written.
    public func write(to directory: URL) throws(StateVariantsError) -> [String] {
        var names: [String] = []
        for (name, content) in files() {
            do { try AtomicFile.write(content, to: directory.appendingPathComponent(name)) } catch {
                throw .write(error)
            }
            names.append(name)
        }
        return names
    }
}
