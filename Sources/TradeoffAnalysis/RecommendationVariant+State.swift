import ChallengeMath
import Foundation
import PuncturablePRF

/// The receiver-state model of each implemented state-cutting variant (issue 16 item 5; SPEC.md appendix
/// B.2 and B.3), for `pprf recommend --variant compact | short-nodes`: what the recommendation reports as the
/// state's secrets, its encoding and the bytes held, per variant. The option enum itself
/// (`RecommendationVariant`, with `reuse-guard`) lives in RecommendationVariant.swift; each of its state
/// variants maps to one of these models.
public enum RecommendationStateModel: String, Sendable, CaseIterable {
    /// Today's state: KDF.Nh-byte nodes, the canonical encoding (SPEC section 3).
    case canonical
    /// Variant 2: the compact encoding (SPEC section 3.2); the nodes and the memory are unchanged.
    case compact
    /// Variant 3: profile `mls32`, 32-byte nodes (SPEC section 3.1), canonical encoding; suites with
    /// KDF.Nh > 32 only.
    case shortNodes = "short-nodes"

    /// Whether the model is defined for a suite with this KDF.Nh: `short-nodes` needs KDF.Nh > 32 (with 32 it
    /// would be today's state).
    public func isDefined(suiteHashSize nh: Int) -> Bool { self != .shortNodes || nh > 32 }

    /// The bytes of one stored node secret: 32 for `short-nodes`, else KDF.Nh.
    public func secretSize(suiteHashSize nh: Int) -> Int { self == .shortNodes ? 32 : nh }

    /// The expected length of the state's encoding after `k` uniform punctures at depth `b`: the canonical
    /// PPRFState (`StateSize.expectedEncodedBytes`) or, for `compact`, PPRFCompactState
    /// (`StateVariants.expectedCompactBytes`), with ``secretSize(suiteHashSize:)``-byte secrets.
    public func expectedEncodedBytes(challengeBits b: Int, punctures k: Double, suiteHashSize nh: Int) -> Double {
        let size = secretSize(suiteHashSize: nh)
        switch self {
        case .compact: return StateVariants.expectedCompactBytes(bits: b, punctures: k, secretSize: size)
        case .canonical, .shortNodes:
            return StateSize.expectedEncodedBytes(challengeBits: b, punctures: k, secretSize: size)
        }
    }

    /// The PRG profile the group's PPRFParameters carries for this model, given the profile chosen otherwise:
    /// `short-nodes` is profile 4 (`mls32`); the other models keep it.
    public func profile(otherwise chosen: PRGProfile) -> PRGProfile { self == .shortNodes ? .mls32 : chosen }
}
