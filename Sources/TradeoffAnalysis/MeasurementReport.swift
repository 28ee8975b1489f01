import Foundation
import JSONSupport

/// Figures that should be equal, side by side: suites 1 and 3 share HMAC-SHA-256 (and profile `blake2b`
/// does not depend on the suite), so their evaluate-and-puncture times must agree within their spread.
public struct SuiteAgreement: Sendable {
    /// The first suite's row.
    public let first: Measurements.Row
    /// The second suite's row (same operation, profile and b).
    public let second: Measurements.Row

    /// The ratio of the medians.
    public var medianRatio: Double { first.time.median / second.time.median }
    /// Whether the two inter-quartile ranges intersect.
    public var agrees: Bool { first.time.overlaps(second.time) }
}

extension Measurements {
    /// Evaluate-and-puncture rows of `suite` and `other` that should be equal, paired by operation, profile
    /// and b.
    public func agreement(of suite: UInt16 = 1, with other: UInt16 = 3) -> [SuiteAgreement] {
        rows.filter { $0.suite == suite && $0.operation.hasPrefix("evaluate_and_puncture") }.compactMap { row in
            rows.first {
                $0.suite == other && $0.operation == row.operation && $0.profile == row.profile && $0.bits == row.bits
            }.map { SuiteAgreement(first: row, second: $0) }
        }
    }
}

/// The measured part of the report and the output of `pprf bench` (text, CSV and JSON).
public enum MeasurementReport {
    /// The legend of the timing table.
    static let legend = """
        Every timing is the median of individually timed calls with its inter-quartile range (Q1-Q3, linear \
        interpolation) and its count n. Measurements run in rounds; in each round every configuration of one b is \
        measured once, in an order rotated every round, next to its floors. For a fresh evaluate-and-puncture the \
        floor is the hardware's: b x 6 SHA-2 compressions for profile `mls` (two HMAC pads, then an inner and an \
        outer compression per child) with OpenSSL's `SHA256_Transform` / `SHA512_Transform`, or b one-block \
        BLAKE2b-512 calls for `blake2b` (the faster of libb2 and libsodium); the second reference is libsodium's \
        HMAC (`mls`) or the tree's own keyed BLAKE2b call (`blake2b`). For protect and unprotect the floor is RFC \
        9420 mode measured in the same rounds (its n counts individual calls). The floors and references of \
        evaluate-and-puncture have one value per round (a timed batch), and every ratio has one value per round \
        (the round's median over the round's floor), so their n is the number of rounds. The goals of issue 14 \
        are judged on that median of per-round ratios, which pairs each round with its own floor; the ratio of \
        medians (all rounds' median over the floor's) is given beside it, and "met by both readings" asks that \
        it meets the limit too.
        """

    /// Per-call costs of the raw primitives.
    public static func primitiveTable(_ m: Measurements) -> Table {
        Table(
            header: ["primitive", "ns per call", "IQR ns", "batches", "calls per batch"],
            rows: m.primitives.map { p in
                [
                    p.primitive, Format.fixed(p.time.median, 1),
                    "\(Format.fixed(p.time.lowerQuartile, 1))-\(Format.fixed(p.time.upperQuartile, 1))",
                    "\(p.time.count)", "\(p.callsPerSample)",
                ]
            })
    }

    /// Suites 1 and 3 against each other.
    public static func agreementTable(_ m: Measurements) -> Table {
        Table(
            header: ["operation", "profile", "b", "suite 1 us (IQR)", "suite 3 us (IQR)", "ratio", "IQRs overlap"],
            rows: m.agreement().map { a in
                [
                    a.first.operation, a.first.profile, "\(a.first.bits)", a.first.time.formatted(dividedBy: 1000),
                    a.second.time.formatted(dividedBy: 1000), Format.fixed(a.medianRatio, 2), a.agrees ? "yes" : "no",
                ]
            })
    }

    /// The memory table.
    public static func memoryTable(_ m: Measurements) -> Table {
        Table(
            header: ["punctures", "stored nodes", "E", "bytes held", "32 x E", "ratio"],
            rows: m.memory.map { r in
                [
                    "\(r.punctures)", "\(r.storedNodes)", Format.fixed(r.expectedNodes, 0),
                    Format.bytes(Double(r.bytesHeld)), Format.bytes(r.rawSecretBytes), Format.fixed(r.ratio, 2),
                ]
            })
    }

    /// Every measured table in Markdown, with the machine and the legend: `pprf bench`'s text output and the
    /// body of the report's "Measured costs" section.
    public static func markdown(_ m: Measurements) -> String {
        let agreement = m.agreement()
        let disagreeing = agreement.filter { !$0.agrees }.count
        return """
            Measured on \(m.machine?.summary ?? "an undescribed machine"); \(m.settings.rounds) rounds of \
            \(m.settings.samplesPerRound) calls per configuration\(m.settings.quick ? " (--quick)" : "").

            \(legend)

            \(Report.cpuTable(m).markdown)
            Goals of issue 14, judged from this run:

            \(goalTable(m).markdown)
            Per-call cost of the primitives behind the floors (one sample per batch):

            \(primitiveTable(m).markdown)
            Suites 1 and 3 use the same HMAC-SHA-256, so their evaluate-and-puncture times should agree: \
            \(agreement.count - disagreeing) of \(agreement.count) pairs have overlapping inter-quartile ranges.

            \(agreementTable(m).markdown)
            Memory of a receiver state at b = 256 (suite 1): bytes allocated against the raw secret size 32 x E.

            \(memoryTable(m).markdown)
            """
    }

    /// The measurements as strict JSON (no NaN or infinity: every figure is a finite ``Spread``), for scripts:
    /// `pprf bench --format json`. Keys:
    ///
    /// - `schema`: `"pprf-bench/1"`.
    /// - `machine`: `cpu_model`, `cpu_features` {`sha_ni`, `avx2`, `aes_ni`: booleans}, `cores`,
    ///   `operating_system`, `swift_version`, `swift_version_source`, `build`, `libsodium`, `openssl`,
    ///   `openssl_uses_sha_ni` (boolean or null), `libb2`, `libb2_version_source`; null when not described.
    /// - `settings`: `rounds`, `samples_per_round`, `quick`.
    /// - `timings`: objects with `operation`, `suite`, `profile`, `bits`, `time_ns`, `floor`, `ratio`,
    ///   `reference`, `reference_ratio`; `floor` and `reference` are {`name`, `time_ns`} or null, `ratio` (per
    ///   round, over the floor) and `reference_ratio` (per round, over the reference) a spread or null.
    /// - `primitives`: {`primitive`, `calls_per_sample`, `time_ns`}.
    /// - `goals`: {`goal`, `judged_on`, `value` (a spread), `ratio_of_medians` (number or null), `limit`, `met`,
    ///   `met_by_both`}: the acceptance points of issue 14 (``Measurements/goals()``).
    /// - `suite_agreement`: {`operation`, `profile`, `bits`, `suites` ([1, 3]), `median_ratio`, `iqrs_overlap`}.
    /// - `memory`: {`punctures`, `stored_nodes`, `expected_nodes`, `bytes_held`, `ratio`}.
    ///
    /// A spread is {`median`, `q1`, `q3`, `n`}.
    public static func json(_ m: Measurements) -> String {
        // Ten significant digits, null if not finite (no figure is: each passed through Spread).
        func number(_ v: Double) -> JSONValue { .formatted(v, format: "%.10g") }
        func spread(_ s: Spread?) -> JSONValue {
            guard let s else { return .null }
            return .object([
                ("median", number(s.median)), ("q1", number(s.lowerQuartile)), ("q3", number(s.upperQuartile)),
                ("n", .int(Int64(s.count))),
            ])
        }
        func floor(_ f: Measurements.Floor?) -> JSONValue {
            f.map { JSONValue.object([("name", .string($0.name)), ("time_ns", spread($0.time))]) } ?? .null
        }
        let machine: JSONValue =
            m.machine.map { info in
                JSONValue.object([
                    ("cpu_model", .string(info.cpuModel)),
                    (
                        "cpu_features",
                        JSONValue.object(
                            MachineInfo.featureFlags.map {
                                ($0.name, JSONValue.bool(info.cpuFeatures[$0.name] == true))
                            }
                        )
                    ),
                    ("cores", .int(Int64(info.cores))), ("operating_system", .string(info.operatingSystem)),
                    ("swift_version", .string(info.swiftVersion)),
                    ("swift_version_source", .string(MachineInfo.swiftVersionSource)), ("build", .string(info.build)),
                    ("libsodium", .string(info.libsodium)), ("openssl", .string(info.openSSL)),
                    ("openssl_uses_sha_ni", info.openSSLUsesSHANI.map { JSONValue.bool($0) } ?? .null),
                    ("libb2", .string(info.libb2)), ("libb2_version_source", .string(MachineInfo.libb2VersionSource)),
                ])
            } ?? .null
        let document = JSONValue.object([
            ("schema", .string("pprf-bench/1")),
            ("machine", machine),
            (
                "settings",
                .object([
                    ("rounds", .int(Int64(m.settings.rounds))),
                    ("samples_per_round", .int(Int64(m.settings.samplesPerRound))),
                    ("quick", .bool(m.settings.quick)),
                ])
            ),
            (
                "timings",
                .array(
                    m.rows.map { r in
                        JSONValue.object([
                            ("operation", .string(r.operation)), ("suite", .int(Int64(r.suite))),
                            ("profile", .string(r.profile)), ("bits", .int(Int64(r.bits))), ("time_ns", spread(r.time)),
                            ("floor", floor(r.floor)), ("ratio", spread(r.ratioSpread)),
                            ("reference", floor(r.reference)), ("reference_ratio", spread(r.referenceRatioSpread)),
                        ])
                    })
            ),
            (
                "primitives",
                .array(
                    m.primitives.map { p in
                        JSONValue.object([
                            ("primitive", .string(p.primitive)), ("calls_per_sample", .int(Int64(p.callsPerSample))),
                            ("time_ns", spread(p.time)),
                        ])
                    })
            ),
            ("goals", goalsJSON(m, number: number, spread: { spread($0) })),
            (
                "suite_agreement",
                .array(
                    m.agreement().map { a in
                        JSONValue.object([
                            ("operation", .string(a.first.operation)), ("profile", .string(a.first.profile)),
                            ("bits", .int(Int64(a.first.bits))),
                            ("suites", .array([.int(Int64(a.first.suite)), .int(Int64(a.second.suite))])),
                            ("median_ratio", number(a.medianRatio)), ("iqrs_overlap", .bool(a.agrees)),
                        ])
                    })
            ),
            (
                "memory",
                .array(
                    m.memory.map { r in
                        JSONValue.object([
                            ("punctures", .int(Int64(r.punctures))), ("stored_nodes", .int(Int64(r.storedNodes))),
                            ("expected_nodes", number(r.expectedNodes)), ("bytes_held", .int(Int64(r.bytesHeld))),
                            ("ratio", number(r.ratio)),
                        ])
                    })
            ),
        ])
        return document.rendered()
    }
}
