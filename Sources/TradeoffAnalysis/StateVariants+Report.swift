import ChallengeMath
import Foundation

/// The results of `pprf variants`: every variant's rows, rendered as Analysis/cutting-the-state.md, SVG plots,
/// CSV and strict JSON (SPEC.md Appendix B).
public struct StateVariantsReport: Sendable {
    /// Variant 1 rows (computed).
    public let reuseGuard: [StateVariants.ReuseGuardRow]
    /// The Monte Carlo check of variant 1's derivation at b = 8, G = 2^4, k = 20 (measured by simulation).
    public let monteCarlo: StateVariants.MonteCarloResult
    /// Variant 2 rows (measured on real states where feasible, closed forms always).
    public let compact: [StateVariants.CompactRow]
    /// Variant 3 rows (computed).
    public let nodeSize: [StateVariants.NodeSizeRow]
    /// Variant 3: for suites 5 and 7, whether the 32-byte tree differs from a truncation (computed).
    public let domainSeparation: [(suite: UInt16, separated: Bool)]
    /// Variant 4 rows (measured up to 10^6 nodes, the layout model at 10^7).
    public let memory: [StateVariants.MemoryRow]

    /// The Monte Carlo parameters: challenge bits, guard bits, messages, trials, seed.
    public static let monteCarloParameters = (bits: 8, guardBits: 4, messages: 20, trials: 20_000, seed: UInt64(16))

    /// Runs every computation and measurement (a few seconds in a release build); progress goes to `progress`.
    /// `quick` measures smaller states (k <= 10^3, up to 10^5 nodes) and runs 2,000 Monte Carlo trials, for tests.
    public static func run(quick: Bool = false, progress: (String) -> Void) throws(StateVariantsError)
        -> StateVariantsReport
    {
        progress("variants: reuse guard (closed forms)")
        let reuse = StateVariants.reuseGuardRows()
        let p = monteCarloParameters
        progress("variants: reuse guard Monte Carlo, \(quick ? 2_000 : p.trials) trials")
        let monte = StateVariants.monteCarlo(
            challengeBits: p.bits, guardBits: p.guardBits, messages: p.messages, trials: quick ? 2_000 : p.trials,
            seed: p.seed)
        let compact = try StateVariants.compactRows(quick: quick, progress: progress)
        progress("variants: 32-byte nodes for suites 5 and 7")
        let nodes = StateVariants.nodeSizeRows()
        var separation: [(UInt16, Bool)] = []
        for suite in [UInt16(5), 7] {
            separation.append((suite, try StateVariants.shortNodesAreDomainSeparated(suiteID: suite)))
        }
        let memory = try StateVariants.memoryRows(quick: quick, progress: progress)
        return StateVariantsReport(
            reuseGuard: reuse, monteCarlo: monte, compact: compact, nodeSize: nodes,
            domainSeparation: separation.map { (suite: $0.0, separated: $0.1) }, memory: memory)
    }

    /// The exact probabilities the Monte Carlo run estimates: P(b, k) and P(b + g, k).
    public var monteCarloExpected: (delivery: Double, keyNonce: Double) {
        let p = Self.monteCarloParameters
        return (
            CollisionProbability(challengeBits: p.bits, messages: Double(p.messages)).probability,
            CollisionProbability(challengeBits: p.bits + p.guardBits, messages: Double(p.messages)).probability
        )
    }
}

extension StateVariantsReport {
    static func power(_ log2: Double) -> String { "2^\(Int(log2))" }
    static func count(_ k: Double) -> String {
        let e = Foundation.log10(k)
        return e == e.rounded() && e >= 2 ? "10^\(Int(e))" : Format.count(k)
    }
    static func percent(_ v: Double) -> String { String(format: "%.1f%%", 100 * v) }
    /// "a" when both ends agree, else "a to b".
    static func range(_ values: [Int]) -> String {
        let (low, high) = (values.min() ?? 0, values.max() ?? 0)
        return low == high ? "\(low)" : "\(low) to \(high)"
    }

    /// Variant 1: b, state, wire and CPU per scheme.
    public var reuseGuardTable: Table {
        Table(
            header: [
                "delivery target", "confidentiality target", "k", "b (no guard)", "b (guard)", "state (no guard)",
                "state (guard)", "state saved", "wire bytes (no guard)", "wire bytes (guard)", "CPU us (no guard)",
                "CPU us (guard)",
            ],
            rows: reuseGuard.map { r in
                [
                    Self.power(r.log2Delivery), Self.power(r.log2Confidentiality), Self.count(r.messages),
                    "\(r.bitsWithoutGuard)", "\(r.bitsWithGuard)",
                    Format.bytes(r.nodesWithoutGuard * Double(StateVariants.nodeSecretBytes)),
                    Format.bytes(r.nodesWithGuard * Double(StateVariants.nodeSecretBytes)), Self.percent(r.stateSaving),
                    "\(r.wireWithoutGuard)", "\(r.wireWithGuard)",
                    Format.fixed(Double(r.bitsWithoutGuard) * StateVariants.microsecondsPerLevel, 0),
                    Format.fixed(Double(r.bitsWithGuard) * StateVariants.microsecondsPerLevel, 0),
                ]
            })
    }

    /// Variant 2: canonical against compact sizes.
    public var compactTable: Table {
        Table(
            header: [
                "b", "k", "source", "stored nodes", "canonical bytes", "compact bytes", "saved", "E (closed form)",
                "canonical (closed form)", "compact (closed form)", "saved (closed form)",
            ],
            rows: compact.map { r in
                [
                    "\(r.bits)", Self.count(r.punctures), r.measured ? "measured" : "closed form",
                    r.storedNodes.map { "\($0)" } ?? "-", r.canonicalBytes.map { "\($0)" } ?? "-",
                    r.compactBytes.map { Format.fixed($0, 0) } ?? "-",
                    r.measured ? Self.percent(r.saving) : "-", Format.fixed(r.expectedNodes, 0),
                    Format.fixed(r.expectedCanonicalBytes, 0), Format.fixed(r.expectedCompactBytes, 0),
                    Self.percent(1 - r.expectedCompactBytes / r.expectedCanonicalBytes),
                ]
            })
    }

    /// Variant 3: KDF.Nh-byte against 32-byte nodes.
    public var nodeSizeTable: Table {
        Table(
            header: [
                "suite", "KDF.Nh", "b", "k", "E", "secrets (Nh)", "secrets (32)", "canonical (Nh)", "canonical (32)",
                "saved",
            ],
            rows: nodeSize.map { r in
                [
                    "\(r.suite)", "\(r.nh)", "\(r.bits)", Self.count(r.messages), Format.fixed(r.expectedNodes, 0),
                    Format.bytes(r.rawBytes), Format.bytes(r.rawBytes32), Format.bytes(r.canonicalBytes),
                    Format.bytes(r.canonicalBytes32), Self.percent(1 - r.canonicalBytes32 / r.canonicalBytes),
                ]
            })
    }

    /// Variant 4: bytes held per stored node.
    public var memoryTable: Table {
        Table(
            header: [
                "stored nodes", "source", "punctures", "bytes held", "32 x E", "ratio", "reserved bytes held",
                "reserved ratio", "layout floor ratio", "one-link ratio", "sorted-points ratio",
            ],
            rows: memory.map { r in
                [
                    Format.fixed(r.storedNodes, 0), r.measured ? "measured" : "model", Format.fixed(r.punctures, 0),
                    r.bytesHeld.map { Format.bytes(Double($0)) } ?? "-", Format.bytes(r.rawBytes),
                    r.bytesHeld.map { Format.fixed(Double($0) / r.rawBytes, 3) } ?? "-",
                    r.bytesHeldReserved.map { Format.bytes(Double($0)) } ?? "-",
                    r.bytesHeldReserved.map { Format.fixed(Double($0) / r.rawBytes, 3) } ?? "-",
                    Format.fixed(r.layoutFloor / r.rawBytes, 3), Format.fixed(r.oneLinkBytes / r.rawBytes, 3),
                    Format.fixed(r.sortedPointsBytes / r.rawBytes, 3),
                ]
            })
    }

    /// The four tables with their file stems.
    public var tables: [(name: String, table: Table)] {
        [
            ("variants-reuse-guard", reuseGuardTable), ("variants-compact-encoding", compactTable),
            ("variants-node-size", nodeSizeTable), ("variants-memory", memoryTable),
        ]
    }

    /// Every table as CSV, one after another, separated by an empty line (each with its own header).
    public var csv: String { tables.map(\.table.csv).joined(separator: "\n") }
}
