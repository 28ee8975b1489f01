import Foundation

/// A strict JSON value for `pprf variants --format json`: numbers must be finite (RFC 8259 has no inf or
/// NaN), object keys keep their order, so the same report gives the same bytes.
public indirect enum StrictJSON: Sendable {
    /// A finite number.
    case number(Double)
    /// An integer.
    case integer(Int)
    /// A string.
    case string(String)
    /// true or false.
    case bool(Bool)
    /// null (a value that was not measured).
    case null
    /// An array.
    case array([StrictJSON])
    /// An object with ordered keys.
    case object([(String, StrictJSON)])

    /// The JSON text; throws ``StateVariantsError/nonFiniteNumber(field:)`` naming the first infinite or NaN
    /// number's path.
    public func rendered(field: String = "$") throws(StateVariantsError) -> String {
        switch self {
        case .number(let v):
            guard v.isFinite else { throw .nonFiniteNumber(field: field) }
            return String(format: "%.17g", v)
        case .integer(let v): return "\(v)"
        case .string(let s): return Self.quote(s)
        case .bool(let v): return v ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            var parts: [String] = []
            for (i, item) in items.enumerated() { parts.append(try item.rendered(field: "\(field)[\(i)]")) }
            return "[" + parts.joined(separator: ",") + "]"
        case .object(let pairs):
            var parts: [String] = []
            for (key, value) in pairs {
                parts.append(Self.quote(key) + ":" + (try value.rendered(field: "\(field).\(key)")))
            }
            return "{" + parts.joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension StateVariantsReport {
    /// The report as one JSON object (`pprf variants --format json`): every row with its numbers, and for each
    /// number whether it was computed or measured (`source`).
    public func json() throws(StateVariantsError) -> String {
        let (delivery, keyNonce) = monteCarloExpected
        let p = Self.monteCarloParameters
        func optional(_ v: Int?) -> StrictJSON { v.map { .integer($0) } ?? .null }
        func optional(_ v: Double?) -> StrictJSON { v.map { .number($0) } ?? .null }
        let value = StrictJSON.object([
            (
                "reuse_guard",
                .array(
                    reuseGuard.map { r in
                        .object([
                            ("source", .string("computed")), ("log2_delivery_target", .number(r.log2Delivery)),
                            ("log2_confidentiality_target", .number(r.log2Confidentiality)),
                            ("messages", .number(r.messages)), ("bits_without_guard", .integer(r.bitsWithoutGuard)),
                            ("bits_with_guard", .integer(r.bitsWithGuard)),
                            ("state_nodes_without_guard", .number(r.nodesWithoutGuard)),
                            ("state_nodes_with_guard", .number(r.nodesWithGuard)),
                            ("state_saving", .number(r.stateSaving)),
                            ("wire_bytes_without_guard", .integer(r.wireWithoutGuard)),
                            ("wire_bytes_with_guard", .integer(r.wireWithGuard)),
                            (
                                "cpu_model_us_without_guard",
                                .number(Double(r.bitsWithoutGuard) * StateVariants.microsecondsPerLevel)
                            ),
                            (
                                "cpu_model_us_with_guard",
                                .number(Double(r.bitsWithGuard) * StateVariants.microsecondsPerLevel)
                            ),
                        ])
                    })
            ),
            (
                "reuse_guard_monte_carlo",
                .object([
                    ("source", .string("measured (simulation)")), ("challenge_bits", .integer(p.bits)),
                    ("guard_bits", .integer(p.guardBits)), ("messages", .integer(p.messages)),
                    ("trials", .integer(monteCarlo.trials)),
                    ("challenge_collisions", .integer(monteCarlo.challengeCollisions)),
                    ("key_nonce_collisions", .integer(monteCarlo.keyNonceCollisions)),
                    ("exact_delivery_failure", .number(delivery)), ("exact_key_nonce_reuse", .number(keyNonce)),
                ])
            ),
            (
                "compact_encoding",
                .array(
                    compact.map { r in
                        .object([
                            ("source", .string(r.measured ? "measured" : "closed form")), ("bits", .integer(r.bits)),
                            ("punctures", .number(r.punctures)), ("stored_nodes", optional(r.storedNodes)),
                            ("canonical_bytes", optional(r.canonicalBytes)),
                            ("compact_bytes", optional(r.compactBytes)),
                            ("expected_nodes", .number(r.expectedNodes)),
                            ("expected_canonical_bytes", .number(r.expectedCanonicalBytes)),
                            ("expected_compact_bytes", .number(r.expectedCompactBytes)), ("saving", .number(r.saving)),
                        ])
                    })
            ),
            (
                "node_size",
                .array(
                    nodeSize.map { r in
                        .object([
                            ("source", .string("computed")), ("suite", .integer(Int(r.suite))), ("nh", .integer(r.nh)),
                            ("bits", .integer(r.bits)), ("messages", .number(r.messages)),
                            ("expected_nodes", .number(r.expectedNodes)), ("secret_bytes", .number(r.rawBytes)),
                            ("secret_bytes_32", .number(r.rawBytes32)), ("canonical_bytes", .number(r.canonicalBytes)),
                            ("canonical_bytes_32", .number(r.canonicalBytes32)),
                        ])
                    })
            ),
            (
                "node_size_domain_separation",
                .array(
                    domainSeparation.map {
                        .object([
                            ("source", .string("computed")), ("suite", .integer(Int($0.suite))),
                            ("separated", .bool($0.separated)),
                        ])
                    })
            ),
            (
                "memory",
                .array(
                    memory.map { r in
                        .object([
                            ("source", .string(r.measured ? "measured" : "model")),
                            ("stored_nodes", .number(r.storedNodes)),
                            ("punctures", .number(r.punctures)), ("bytes_held", optional(r.bytesHeld)),
                            ("bytes_held_reserved", optional(r.bytesHeldReserved)),
                            ("raw_secret_bytes", .number(r.rawBytes)), ("layout_floor_bytes", .number(r.layoutFloor)),
                            ("one_link_bytes", .number(r.oneLinkBytes)),
                            ("sorted_points_bytes", .number(r.sortedPointsBytes)),
                        ])
                    })
            ),
        ])
        return try value.rendered() + "\n"
    }
}
