import ChallengeMath
import Foundation
import PPRFProtection
import PuncturablePRF

/// REPORT.md's section "Cutting the state" (issue 16): every state-cutting variant of SPEC.md Appendix B
/// (ours, not the draft's) against today's construction at the same targets, with its table and plot.
///
/// The per-variant tables are computed (the exact birthday bound for b, the closed form E(b, k) and the
/// engine's allocation model for the state, SPEC section 8 for the wire, ``CPUModel`` for CPU); the measured
/// figures (compact sizes of real states, bytes held, the Monte Carlo check of variant 1) come from a
/// ``StateVariantsReport`` run, which is seeded, so the section is the same for the same build and run mode.
extension Report {
    /// The targets the variants are compared at (log2, per epoch): delivery failures 2^-32 with key-and-nonce
    /// reuse 2^-64 or 2^-128 (SPEC.md Appendix B.1).
    static let cuttingTargets: [(delivery: Double, confidentiality: Double)] = [(-32, -64), (-32, -128)]

    /// One construction compared: a suite and the variants assumed.
    struct CuttingScheme {
        /// The cipher suite's number and KDF.Nh.
        let suiteID: UInt16
        let nh: Int
        /// The variants (``RecommendationVariant``).
        let variants: Set<RecommendationVariant>
    }

    /// What a scheme costs for k messages per epoch at both targets; every figure computed.
    struct CuttingFigures {
        /// The smallest b meeting both targets (`StateVariants.requiredBits`).
        let bits: Int
        /// Expected stored nodes E(b, k).
        let nodes: Double
        /// Bytes held by the engine's allocation model (`PPRF.memoryBound`), with the scheme's node size.
        let held: Double
        /// Expected length of the state's encoding (canonical or compact).
        let encoded: Double
        /// Bytes per message over RFC 9420 (SPEC section 8, plus 4 with the reuse guard).
        let wire: Int
        /// Unprotect in microseconds by ``CPUModel``; `nil` for suites it has no calibration for.
        let unprotect: Double?
    }

    static func cuttingFigures(
        _ s: CuttingScheme, messages k: Double, target: (delivery: Double, confidentiality: Double)
    ) -> CuttingFigures {
        let guarded = s.variants.contains(.reuseGuard)
        let b = StateVariants.requiredBits(
            messages: k, log2Delivery: target.delivery, log2Confidentiality: target.confidentiality, guarded: guarded)
        let model = RecommendationStateModel(variants: s.variants)
        let nodes = StateSize.expectedStoredNodes(challengeBits: b, punctures: k)
        return CuttingFigures(
            bits: b, nodes: nodes,
            held: PPRF.memoryBound(
                storedNodes: nodes, punctures: k, challengeBits: b, secretSize: model.secretSize(suiteHashSize: s.nh)),
            encoded: model.expectedEncodedBytes(challengeBits: b, punctures: k, suiteHashSize: s.nh),
            wire: PPRFWireOverhead.bytes(challengeBits: b, reuseGuard: guarded),
            unprotect: CPUModel.estimate(suiteID: s.suiteID, profile: model.profile(otherwise: .mls), challengeBits: b)?
                .unprotectMicroseconds)
    }

    static let suite1 = (id: UInt16(1), nh: 32)
    static let suite5 = (id: UInt16(5), nh: 64)

    /// One variant's computed table: each target and k, today's construction against the variant.
    static func cuttingTable(_ variant: RecommendationVariant, suite: (id: UInt16, nh: Int)) -> Table {
        let plain = CuttingScheme(suiteID: suite.id, nh: suite.nh, variants: [])
        let with = CuttingScheme(suiteID: suite.id, nh: suite.nh, variants: [variant])
        func cpu(_ v: Double?) -> String { v.map { Format.fixed($0, 0) } ?? "-" }
        var rows: [[String]] = []
        for target in cuttingTargets {
            for k in StateVariants.messageCounts {
                let a = cuttingFigures(plain, messages: k, target: target)
                let v = cuttingFigures(with, messages: k, target: target)
                rows.append([
                    StateVariantsReport.power(target.confidentiality), StateVariantsReport.count(k), "\(a.bits)",
                    "\(v.bits)", Format.bytes(a.held), Format.bytes(v.held), Format.bytes(a.encoded),
                    Format.bytes(v.encoded), "\(a.wire)", "\(v.wire)", cpu(a.unprotect), cpu(v.unprotect),
                ])
            }
        }
        return Table(
            header: [
                "C", "k", "b", "b (variant)", "held", "held (variant)", "encoded", "encoded (variant)", "wire bytes",
                "wire bytes (variant)", "unprotect us", "unprotect us (variant)",
            ], rows: rows)
    }

    /// Variant 4's computed table at C = 2^-64 (suite 1): today's growing layout (allocation model), the
    /// reserved layout's floor, and the two layouts not implemented.
    static func layoutTable() -> Table {
        let plain = CuttingScheme(suiteID: 1, nh: 32, variants: [])
        let rows = StateVariants.messageCounts.map { k -> [String] in
            let f = cuttingFigures(plain, messages: k, target: cuttingTargets[0])
            let row = StateVariants.MemoryRow(
                targetNodes: f.nodes, measured: false, punctures: k, storedNodes: f.nodes, bytesHeld: nil)
            func cell(_ bytes: Double) -> String {
                "\(Format.bytes(bytes)) (\(Format.fixed(bytes / row.rawBytes, 3))x)"
            }
            return [
                StateVariantsReport.count(k), "\(f.bits)", Format.fixed(f.nodes, 0), Format.bytes(row.rawBytes),
                cell(f.held), cell(row.layoutFloor), cell(row.oneLinkBytes), cell(row.sortedPointsBytes),
            ]
        }
        return Table(
            header: [
                "k", "b", "E", "32 x E", "growing (model)", "reserved (floor)", "one link (not implemented)",
                "sorted points (not implemented)",
            ], rows: rows)
    }

    /// The summary row of one scheme at k = 10^4, C = 2^-64, D = 2^-32.
    static func summaryRow(_ name: String, _ s: CuttingScheme, status: String) -> [String] {
        let f = cuttingFigures(s, messages: 1e4, target: cuttingTargets[0])
        return [
            name, "\(s.suiteID)", "\(f.bits)", Format.bytes(f.held), Format.bytes(f.encoded), "\(f.wire)",
            f.unprotect.map { Format.fixed($0, 0) } ?? "-", status,
        ]
    }

    /// The section, from a `pprf variants` run (`StateVariantsReport.run`).
    public static func cuttingTheState(_ v: StateVariantsReport) -> String {
        let summary = Table(
            header: ["scheme", "suite", "b", "held", "encoded", "wire bytes", "unprotect us", "status"],
            rows: [
                summaryRow("today (SPEC sections 3-8)", .init(suiteID: 1, nh: 32, variants: []), status: "baseline"),
                summaryRow(
                    "1. reuse guard", .init(suiteID: 1, nh: 32, variants: [.reuseGuard]),
                    status: "implemented, SPEC section 10"),
                summaryRow(
                    "2. compact encoding", .init(suiteID: 1, nh: 32, variants: [.compact]),
                    status: "implemented, SPEC section 3.2"),
                summaryRow(
                    "1 + 2", .init(suiteID: 1, nh: 32, variants: [.reuseGuard, .compact]), status: "both options"),
                summaryRow("today, suite 5", .init(suiteID: 5, nh: 64, variants: []), status: "baseline"),
                summaryRow(
                    "3. 32-byte nodes", .init(suiteID: 5, nh: 64, variants: [.shortNodes]),
                    status: "implemented, profile mls32, SPEC section 3.1"),
                summaryRow(
                    "1 + 2 + 3", .init(suiteID: 5, nh: 64, variants: [.reuseGuard, .compact, .shortNodes]),
                    status: "all three"),
            ])
        return cuttingIntro(summary) + cuttingVariantSections(v) + cuttingLayoutSection(v)
    }
}

extension Report {
    /// The heading of the section ``cuttingTheState(_:)`` writes.
    public static let cuttingHeading = "## Cutting the state"

    /// `report` with its "Cutting the state" section replaced by `section` (up to the next `## ` heading, or
    /// the end), or with `section` appended when it has none (`pprf variants --report-dir`).
    public static func replacingCuttingSection(in report: String, with section: String) -> String {
        guard let start = report.range(of: "\n" + cuttingHeading + "\n") else {
            return report + (report.hasSuffix("\n\n") || report.isEmpty ? "" : "\n") + section
        }
        let rest = report[start.upperBound...]
        let end = rest.range(of: "\n## ")?.lowerBound ?? report.endIndex
        // The section ends in a blank line; the next section starts at its own heading.
        let tail = end == report.endIndex ? "" : String(report[report.index(after: end)...])
        return String(report[...start.lowerBound]) + section + tail
    }

    /// Writes the variants' files into `directory` and replaces (or appends) the section "Cutting the state"
    /// in its REPORT.md, leaving every other section as it was.
    public static func updateCuttingSection(reportIn directory: URL, variants: StateVariantsReport)
        throws(AtomicFile.WriteError)
    {
        let url = directory.appendingPathComponent("REPORT.md")
        let report: String
        do { report = try String(contentsOf: url, encoding: .utf8) } catch {
            throw AtomicFile.WriteError.writeFailed(path: url.path, reason: "cannot read it")
        }
        for (name, content) in variants.files() {
            try AtomicFile.write(content, to: directory.appendingPathComponent(name))
        }
        try AtomicFile.write(replacingCuttingSection(in: report, with: cuttingTheState(variants)), to: url)
    }
}
