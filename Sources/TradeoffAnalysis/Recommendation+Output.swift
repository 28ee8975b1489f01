import Foundation
import JSONSupport

extension Format {
    /// A duration in the largest unit that keeps it at least 1 ("3.2 h", "45 s").
    static func duration(_ seconds: Double) -> String {
        for (unit, size) in [("y", 31_557_600.0), ("d", 86400), ("h", 3600), ("min", 60)] where seconds >= size {
            return String(format: "%.3g %@", seconds / size, unit)
        }
        return String(format: "%.3g s", seconds)
    }
}

/// The recommendation's outputs: strict JSON (the key names are the contract of issue 11), text and Markdown.
extension Recommendation {
    /// A JSON value, rendered strictly: non-finite numbers become `null`.
    enum Value {
        case number(Double)
        case integer(Int)
        case string(String)
        case bool(Bool)
        case null
        case object([(String, Value)])

        func render(indent: String = "") -> String {
            switch self {
            case .number(let v):
                guard v.isFinite else { return "null" }
                if v == v.rounded(), abs(v) < 0x1p53 { return String(format: "%.0f", v) }
                return "\(v)"  // the shortest digits that read back as v (valid JSON: 1e+16, 0.9)
            case .integer(let v): return "\(v)"
            case .bool(let v): return v ? "true" : "false"
            case .null: return "null"
            case .string(let s): return Self.quote(s)
            case .object(let fields):
                let inner = indent + "  "
                let body = fields.map { "\(inner)\(Self.quote($0.0)): \($0.1.render(indent: inner))" }
                return "{\n" + body.joined(separator: ",\n") + "\n\(indent)}"
            }
        }

        /// JSONSupport's one strict escaper (RFC 8259 section 7).
        static func quote(_ s: String) -> String { JSONValue.quoted(s) }
    }

    /// The fields in output order.
    var fields: [(String, Value)] {
        let w = workload
        let (targetKind, targetLog2): (String, Double) =
            switch w.target {
            case .perEpoch(let t): ("per_epoch", t)
            case .total(let t): ("total", t)
            }
        let cpuValue: Value =
            cpu.map {
                .object([
                    ("protect", .number(round1($0.protectMicroseconds))),
                    ("unprotect", .number(round1($0.unprotectMicroseconds))),
                ])
            } ?? .null
        return [
            ("challenge_bits", .integer(challengeBits)),
            ("challenge_bytes", .integer((challengeBits + 7) / 8)),
            ("messages_per_epoch_max", .number(messagesPerEpochMax)),
            ("log2_probability_per_epoch", .number(round6(log2ProbabilityPerEpoch))),
            ("log2_probability_total", .number(round6(log2ProbabilityTotal))),
            ("receiver_state_bytes", .number(receiverStateBytes.rounded(.up))),
            ("receiver_state_encoded_bytes", .number(receiverStateEncodedBytes.rounded(.up))),
            ("wire_overhead_bytes", .integer(wireOverheadBytes)),
            ("cpu_us_per_message", cpuValue),
            ("cpu_model", .string(CPUModel.describe(suiteID: w.suite.id, profile: w.profile))),
            ("feasible", .bool(feasible)),
            ("reason", .string(reason)),
            ("suggestion", suggestion.map { .string($0) } ?? .null),
            ("messages_per_epoch", .number(w.messagesPerEpoch)),
            ("messages_per_run_epoch", .number(messagesPerRunEpoch)),
            ("epochs_per_workload_epoch", .number(epochsPerWorkloadEpoch)),
            ("total_epochs", .number(w.groups * w.epochs * epochsPerWorkloadEpoch)),
            (
                "rotation_interval_seconds",
                w.epochSeconds.map { .number(round1($0 * min(1, messagesPerEpochMax / w.messagesPerEpoch))) } ?? .null
            ),
            ("receiver_stored_nodes", .number(receiverStoredNodes.rounded())),
            ("receiver_node_limit", .integer(nodeLimit)),
            ("bound_by", .string(boundBy)),
            ("memory_budget_bytes", .integer(w.memoryBudget)),
            ("required_memory_budget_bytes", requiredMemoryBudget.map { .number($0) } ?? .null),
            ("unrotated_challenge_bits", unrotatedBits.map { .integer($0) } ?? .null),
            ("target_kind", .string(targetKind)),
            ("log2_target", .number(targetLog2)),
            ("groups", .number(w.groups)),
            ("epochs", .number(w.epochs)),
            ("cipher_suite", .integer(Int(w.suite.id))),
            ("profile", .string("\(w.profile)")),
            ("application_aad_length", .integer(w.applicationAADLength)),
            ("variant", .string(RecommendationVariant.describe(w.variants))),
            ("log2_delivery_target", .number(w.log2DeliveryTarget)),
            ("log2_key_nonce_reuse_per_epoch", .number(round6(log2KeyNonceReusePerEpoch))),
            ("log2_key_nonce_reuse_total", .number(round6(log2KeyNonceReuseTotal))),
            ("state_encoding", .string(w.stateModel.encodingName)),
            ("node_secret_bytes", .integer(w.nodeSecretBytes)),
            ("without_variants", withoutVariants.map(Self.baselineValue) ?? .null),
        ]
    }

    /// The answer without the variants, as the `without_variants` object.
    static func baselineValue(_ b: Baseline) -> Value {
        .object([
            ("challenge_bits", .integer(b.challengeBits)),
            ("messages_per_epoch_max", .number(b.messagesPerEpochMax)),
            ("receiver_state_bytes", .number(b.receiverStateBytes.rounded(.up))),
            ("receiver_state_encoded_bytes", .number(b.receiverStateEncodedBytes.rounded(.up))),
            ("wire_overhead_bytes", .integer(b.wireOverheadBytes)),
        ])
    }

    private func round1(_ v: Double) -> Double { (v * 10).rounded() / 10 }
    private func round6(_ v: Double) -> Double { v.isFinite ? (v * 1e6).rounded() / 1e6 : v }

    /// Strict JSON (RFC 8259): every number finite, `null` where a value does not exist (a log2 of 0).
    public var json: String { Value.object(fields).render() }

    /// `key: value` lines.
    public var text: String {
        fields.map { key, value in
            switch value {
            case .string(let s): "\(key): \(s)"
            case .object(let inner): "\(key): " + inner.map { "\($0.0) \($0.1.render())" }.joined(separator: ", ")
            default: "\(key): \(value.render())"
            }
        }.joined(separator: "\n")
    }

    /// CSV: a header of keys and one row of values.
    public var csv: String {
        let rows = cells
        return Table(header: rows.map(\.[0]), rows: [rows.map(\.[1])]).csv
    }

    /// A two-column Markdown table.
    public var markdown: String { Table(header: ["key", "value"], rows: cells).markdown }

    private var cells: [[String]] {
        fields.map { key, value -> [String] in
            switch value {
            case .string(let s): [key, s]
            case .object(let inner): [key, inner.map { "\($0.0) \($0.1.render())" }.joined(separator: ", ")]
            default: [key, value.render()]
            }
        }
    }
}
