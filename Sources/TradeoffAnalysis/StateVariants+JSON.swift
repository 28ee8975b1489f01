import Foundation
import JSONSupport

extension StateVariantsReport {
    /// The report as one JSON object (`pprf variants --format json`): every row with its numbers, and for each
    /// number whether it was computed or measured (`source`).
    public func json() throws(StateVariantsError) -> String {
        try Self.strictJSON(document) + "\n"
    }

    /// `value` on one line without spaces; throws ``StateVariantsError/nonFiniteNumber(field:)`` naming the first
    /// infinite or NaN number's path (`$.memory[2].punctures`) rather than write `null` for it.
    public static func strictJSON(_ value: JSONValue) throws(StateVariantsError) -> String {
        if let path = value.nonFinitePath() { throw .nonFiniteNumber(field: path) }
        return value.text(.compact)
    }

    /// The report as one JSON value (every figure a `JSONValue.double`, refused by ``strictJSON(_:)`` when not finite).
    var document: JSONValue {
        let (delivery, keyNonce) = monteCarloExpected
        let p = Self.monteCarloParameters
        func optional(_ v: Int?) -> JSONValue { v.map { .int(Int64($0)) } ?? .null }
        func optional(_ v: Double?) -> JSONValue { v.map { .double($0) } ?? .null }
        let value = JSONValue.object([
            (
                "reuse_guard",
                .array(
                    reuseGuard.map { r in
                        .object([
                            ("source", .string("computed")), ("log2_delivery_target", .double(r.log2Delivery)),
                            ("log2_confidentiality_target", .double(r.log2Confidentiality)),
                            ("messages", .double(r.messages)), ("bits_without_guard", .int(Int64(r.bitsWithoutGuard))),
                            ("bits_with_guard", .int(Int64(r.bitsWithGuard))),
                            ("state_nodes_without_guard", .double(r.nodesWithoutGuard)),
                            ("state_nodes_with_guard", .double(r.nodesWithGuard)),
                            ("state_saving", .double(r.stateSaving)),
                            ("wire_bytes_without_guard", .int(Int64(r.wireWithoutGuard))),
                            ("wire_bytes_with_guard", .int(Int64(r.wireWithGuard))),
                            (
                                "cpu_model_us_without_guard",
                                .double(Double(r.bitsWithoutGuard) * StateVariants.microsecondsPerLevel)
                            ),
                            (
                                "cpu_model_us_with_guard",
                                .double(Double(r.bitsWithGuard) * StateVariants.microsecondsPerLevel)
                            ),
                        ])
                    })
            ),
            (
                "reuse_guard_monte_carlo",
                .object([
                    ("source", .string("measured (simulation)")), ("challenge_bits", .int(Int64(p.bits))),
                    ("guard_bits", .int(Int64(p.guardBits))), ("messages", .int(Int64(p.messages))),
                    ("trials", .int(Int64(monteCarlo.trials))),
                    ("challenge_collisions", .int(Int64(monteCarlo.challengeCollisions))),
                    ("key_nonce_collisions", .int(Int64(monteCarlo.keyNonceCollisions))),
                    ("exact_delivery_failure", .double(delivery)), ("exact_key_nonce_reuse", .double(keyNonce)),
                ])
            ),
            (
                "compact_encoding",
                .array(
                    compact.map { r in
                        .object([
                            ("source", .string(r.measured ? "measured" : "closed form")), ("bits", .int(Int64(r.bits))),
                            ("punctures", .double(r.punctures)), ("stored_nodes", optional(r.storedNodes)),
                            ("canonical_bytes", optional(r.canonicalBytes)),
                            ("compact_bytes", optional(r.compactBytes)),
                            ("expected_nodes", .double(r.expectedNodes)),
                            ("expected_canonical_bytes", .double(r.expectedCanonicalBytes)),
                            ("expected_compact_bytes", .double(r.expectedCompactBytes)), ("saving", .double(r.saving)),
                        ])
                    })
            ),
            (
                "node_size",
                .array(
                    nodeSize.map { r in
                        .object([
                            ("source", .string("computed")), ("suite", .int(Int64(r.suite))), ("nh", .int(Int64(r.nh))),
                            ("bits", .int(Int64(r.bits))), ("messages", .double(r.messages)),
                            ("expected_nodes", .double(r.expectedNodes)), ("secret_bytes", .double(r.rawBytes)),
                            ("secret_bytes_32", .double(r.rawBytes32)), ("canonical_bytes", .double(r.canonicalBytes)),
                            ("canonical_bytes_32", .double(r.canonicalBytes32)),
                        ])
                    })
            ),
            (
                "node_size_domain_separation",
                .array(
                    domainSeparation.map {
                        .object([
                            ("source", .string("computed")), ("suite", .int(Int64($0.suite))),
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
                            ("stored_nodes", .double(r.storedNodes)),
                            ("punctures", .double(r.punctures)), ("bytes_held", optional(r.bytesHeld)),
                            ("bytes_held_reserved", optional(r.bytesHeldReserved)),
                            ("raw_secret_bytes", .double(r.rawBytes)), ("layout_floor_bytes", .double(r.layoutFloor)),
                            ("one_link_bytes", .double(r.oneLinkBytes)),
                            ("sorted_points_bytes", .double(r.sortedPointsBytes)),
                        ])
                    })
            ),
        ])
        return value
    }
}
