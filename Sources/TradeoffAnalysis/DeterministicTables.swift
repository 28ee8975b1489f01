import BigInt
import ChallengeMath
import Foundation
import PPRFProtection

/// The parts of the trade-off report that are pure functions of the mathematics: committed, and checked
/// to be current by a test.
public enum DeterministicTables {
    /// Challenge lengths shown in the tables.
    public static let bits = [32, 48, 64, 80, 96, 128, 160, 192, 256]
    /// Messages per epoch shown in the tables (log2).
    public static let log2Messages = [10, 16, 20, 24, 28, 32, 40, 48]
    /// Targets per epoch (log2).
    public static let log2Targets = [-32.0, -40.0, -50.0, -64.0, -80.0, -128.0]

    /// P (true model) for each (k, b).
    public static func probabilityTable() -> Table {
        let rows = log2Messages.map { lk -> [String] in
            ["2^\(lk)"]
                + bits.map { b in
                    Format.probability(
                        log2: CollisionProbability(challengeBits: b, messages: Foundation.exp2(Double(lk)))
                            .log2Probability)
                }
        }
        return Table(header: ["messages per epoch"] + bits.map { "b=\($0)" }, rows: rows)
    }

    /// Minimum b (and challenge bytes) for each (k, target), decided exactly (issue 12).
    public static func minimumBitsTable() -> Table {
        let rows = log2Messages.map { lk -> [String] in
            ["2^\(lk)"]
                + log2Targets.map { t in
                    guard let k = try? MessageCount(BigUInt(1) << lk), let p = try? ProbabilityTarget(log2: Int(t)),
                        let b = try? ChallengeLength.minimumBits(messages: k, target: p)
                    else { return "unreachable" }
                    return "\(b) (\((b + 7) / 8) B)"
                }
        }
        return Table(header: ["messages per epoch"] + log2Targets.map { "p=2^\(Int($0))" }, rows: rows)
    }

    /// Maximum messages per epoch for each (b, target), decided exactly and shown rounded to 3 digits above 10^7.
    public static func maximumMessagesTable() -> Table {
        let rows = bits.map { b -> [String] in
            ["\(b)"]
                + log2Targets.map { t in
                    guard let p = try? ProbabilityTarget(log2: Int(t)),
                        let k = try? ChallengeLength.maximumMessages(challengeBits: b, target: p)
                    else { return "undecided" }
                    return Format.count(k)
                }
        }
        return Table(header: ["b"] + log2Targets.map { "p=2^\(Int($0))" }, rows: rows)
    }

    /// Messages per epoch in the state table.
    public static let stateMessages: [Double] = [1, 10, 100, 1_000, 10_000, 100_000]
    /// Depths in the state table.
    public static let stateDepths = [64, 128, 256]

    /// Expected stored nodes and state sizes (32-byte secrets) after k messages.
    public static func stateTable() -> Table {
        var rows: [[String]] = []
        for k in stateMessages {
            var row = [Format.count(k)]
            for b in stateDepths {
                let nodes = StateSize.expectedStoredNodes(challengeBits: b, punctures: k)
                let encoded = StateSize.expectedEncodedBytes(challengeBits: b, punctures: k, secretSize: 32)
                row.append(
                    "\(Format.fixed(nodes, 0)) nodes, \(Format.bytes(nodes * 32)) secrets, \(Format.bytes(encoded)) encoded"
                )
            }
            rows.append(row)
        }
        return Table(header: ["messages"] + stateDepths.map { "b=\($0)" }, rows: rows)
    }

    /// Wire overhead per message against RFC 9420, ours and the draft's accounting.
    public static func overheadTable() -> Table {
        let rows = [8, 32, 64, 96, 128, 192, 256].map { b -> [String] in
            [
                "\(b)", "\((b + 7) / 8)", "\(PPRFWireOverhead.bytes(challengeBits: b))",
                "\(PPRFWireOverhead.bytes(challengeBits: b, applicationAADLength: 60))",
                Format.fixed(PPRFWireOverhead.draftAccounting(challengeBits: b), 0), "\((b + 7) / 8)",
            ]
        }
        return Table(
            header: [
                "b", "challenge bytes", "overhead (no app AAD)", "overhead (60-byte app AAD)", "draft's b/8 - 4",
                "random bytes per message",
            ],
            rows: rows)
    }

    /// The draft's formula next to the true probability.
    public static func draftComparisonTable() -> Table {
        let points: [(Double, Int)] = [(23, 0), (77_164, 32), (0x1p20, 64), (0x1p32, 128), (0x1p20, 103)]
        let rows = points.map { (k, b) -> [String] in
            let truth =
                b == 0
                ? CollisionProbability(values: 365, messages: k) : CollisionProbability(challengeBits: b, messages: k)
            let draft = b == 0 ? DraftFormula(values: 365, messages: k) : DraftFormula(challengeBits: b, messages: k)
            return [
                b == 0 ? "N=365" : "b=\(b)", Format.count(k), Format.probability(log2: truth.log2Probability),
                Format.probability(log2: draft.log2Probability),
                Format.fixed(draft.log2Probability - truth.log2Probability, 3),
            ]
        }
        return Table(
            header: ["space", "k", "P (independent senders)", "draft formula (multisets)", "log2 ratio"], rows: rows)
    }

    /// Fine-grained collision data for the CSV and the plots.
    public static func collisionCSV() -> String {
        var rows: [[String]] = []
        for b in [16, 32, 48, 64, 96, 128, 192, 256] {
            for lk in stride(from: 1, through: 64, by: 1) where Double(lk) <= Double(b) + 1 {
                let k = Foundation.exp2(Double(lk))
                let p = CollisionProbability(challengeBits: b, messages: k)
                let d = DraftFormula(challengeBits: b, messages: k)
                rows.append([
                    "\(b)", "\(lk)", Format.precise(p.log2Probability), Format.precise(d.log2Probability),
                    Format.precise(p.log2UnionBound), Format.precise(p.lnComplement),
                ])
            }
        }
        return Table(
            header: [
                "challenge_bits", "log2_messages", "log2_p", "log2_p_draft", "log2_union_bound", "ln_one_minus_p",
            ], rows: rows
        ).csv
    }

    /// P versus k for several b (log axes).
    public static func collisionPlot() -> SVGPlot {
        let series = [32, 64, 96, 128, 192, 256].map { b in
            SVGPlot.Series(
                name: "b = \(b)",
                points: stride(from: 1.0, through: 64.0, by: 0.5).map { lk in
                    (lk, CollisionProbability(challengeBits: b, messages: Foundation.exp2(lk)).log2Probability)
                })
        }
        return SVGPlot(
            title: "Probability that a challenge repeats within an epoch",
            x: .init(
                label: "messages per epoch k", min: 1, max: 64, ticks: SVGPlot.powerOfTwoTicks(from: 0, to: 64, step: 8)
            ),
            y: .init(
                label: "P (log scale)", min: -256, max: 0, ticks: SVGPlot.powerOfTwoTicks(from: -256, to: 0, step: 32)),
            series: series)
    }

    /// Minimum b versus k for several targets.
    public static func minimumBitsPlot() -> SVGPlot {
        let series = [-32.0, -50.0, -64.0, -128.0].map { t in
            SVGPlot.Series(
                name: "p = 2^\(Int(t))",
                points: stride(from: 1.0, through: 64.0, by: 1).map { lk in
                    (lk, Double(ChallengeLength.minimumBits(messages: Foundation.exp2(lk), log2Target: t)))
                })
        }
        return SVGPlot(
            title: "Minimum challenge length for a per-epoch target p",
            x: .init(
                label: "messages per epoch k", min: 1, max: 64, ticks: SVGPlot.powerOfTwoTicks(from: 0, to: 64, step: 8)
            ),
            y: .init(
                label: "b (bits)", min: 0, max: 260,
                ticks: stride(from: 0, through: 256, by: 32).map { (Double($0), "\($0)") }),
            series: series)
    }

    /// Expected state bytes (32-byte secrets) versus k.
    public static func statePlot() -> SVGPlot {
        let series = [32, 64, 128, 256].map { b in
            SVGPlot.Series(
                name: "b = \(b)",
                points: stride(from: 0.0, through: 24.0, by: 0.5).map { lk in
                    (
                        lk,
                        Foundation.log2(
                            StateSize.expectedEncodedBytes(
                                challengeBits: b, punctures: Foundation.exp2(lk), secretSize: 32))
                    )
                })
        }
        return SVGPlot(
            title: "Receiver PPRF state after k messages (canonical encoding)",
            x: .init(
                label: "messages received in the epoch", min: 0, max: 24,
                ticks: SVGPlot.powerOfTwoTicks(from: 0, to: 24, step: 4)),
            y: .init(
                label: "bytes (log scale)", min: 4, max: 36,
                ticks: [
                    (10, "1 KiB"), (20, "1 MiB"), (30, "1 GiB"), (5, "32 B"), (15, "32 KiB"), (25, "32 MiB"),
                    (35, "32 GiB"),
                ]),
            series: series)
    }

    /// Every deterministic file of the report, by name.
    public static func files() -> [(String, String)] {
        [
            ("collision.csv", collisionCSV()),
            ("probability-table.csv", probabilityTable().csv),
            ("minimum-bits.csv", minimumBitsTable().csv),
            ("maximum-messages.csv", maximumMessagesTable().csv),
            ("state-size.csv", stateTable().csv),
            ("wire-overhead.csv", overheadTable().csv),
            ("draft-formula.csv", draftComparisonTable().csv),
            ("collision-probability.svg", collisionPlot().render()),
            ("minimum-bits.svg", minimumBitsPlot().render()),
            ("state-size.svg", statePlot().render()),
        ]
    }
}
