import ChallengeMath
import Foundation
import PuncturablePRF

/// The receiver-state model of the recommendation (issue 16 item 5; SPEC.md appendix B.2 and B.3), set by
/// `pprf recommend --variant compact | short-nodes` (or `--profile mls32`): the size of a stored node secret
/// and the encoding whose length the recommendation reports. The two state variants combine: 32-byte nodes
/// in the compact encoding.
public struct RecommendationStateModel: Sendable, Hashable, CustomStringConvertible {
    /// Whether the state is encoded as PPRFCompactState (SPEC section 3.2) rather than PPRFState (section 3).
    public let compactEncoding: Bool
    /// Whether node secrets are 32 bytes (profile `mls32`, SPEC section 3.1) rather than KDF.Nh.
    public let shortNodes: Bool

    /// A model from its two choices.
    public init(compactEncoding: Bool, shortNodes: Bool) {
        self.compactEncoding = compactEncoding
        self.shortNodes = shortNodes
    }

    /// The model the variants choose; `profile` `mls32` means 32-byte nodes as `short-nodes` does.
    public init(variants: Set<RecommendationVariant>, profile: PRGProfile = .mls) {
        self.init(
            compactEncoding: variants.contains(.compact),
            shortNodes: variants.contains(.shortNodes) || profile == .mls32)
    }

    /// Today's state: KDF.Nh-byte nodes, the canonical encoding (SPEC section 3).
    public static let canonical = Self(compactEncoding: false, shortNodes: false)
    /// Variant 2: the compact encoding (SPEC section 3.2); the nodes and the memory are unchanged.
    public static let compact = Self(compactEncoding: true, shortNodes: false)
    /// Variant 3: profile `mls32`, 32-byte nodes (SPEC section 3.1), canonical encoding; suites with
    /// KDF.Nh > 32 only.
    public static let shortNodes = Self(compactEncoding: false, shortNodes: true)

    /// The encoding's name in the recommendation's output: `canonical` or `compact`.
    public var encodingName: String { compactEncoding ? "compact" : "canonical" }

    /// `canonical`, `compact`, `short-nodes` or `compact,short-nodes`.
    public var description: String {
        switch (compactEncoding, shortNodes) {
        case (false, false): "canonical"
        case (true, false): "compact"
        case (false, true): "short-nodes"
        case (true, true): "compact,short-nodes"
        }
    }

    /// Whether the model is defined for a suite with this KDF.Nh: 32-byte nodes need KDF.Nh > 32 (with 32 they
    /// would be today's state).
    public func isDefined(suiteHashSize nh: Int) -> Bool { !shortNodes || nh > 32 }

    /// The bytes of one stored node secret: 32 with short nodes, else KDF.Nh.
    public func secretSize(suiteHashSize nh: Int) -> Int { shortNodes ? 32 : nh }

    /// The expected length of the state's encoding after `k` uniform punctures at b: the canonical
    /// PPRFState (`StateSize.expectedEncodedBytes`) or PPRFCompactState
    /// (`StateVariants.expectedCompactBytes`), with ``secretSize(suiteHashSize:)``-byte secrets.
    public func expectedEncodedBytes(challengeBits b: Int, punctures k: Double, suiteHashSize nh: Int) -> Double {
        let size = secretSize(suiteHashSize: nh)
        return compactEncoding
            ? StateVariants.expectedCompactBytes(bits: b, punctures: k, secretSize: size)
            : StateSize.expectedEncodedBytes(challengeBits: b, punctures: k, secretSize: size)
    }

    /// The PRG profile the group's PPRFParameters carries for this model, given the profile chosen otherwise:
    /// short nodes are profile 4 (`mls32`); otherwise the chosen profile stays.
    public func profile(otherwise chosen: PRGProfile) -> PRGProfile { shortNodes ? .mls32 : chosen }
}
