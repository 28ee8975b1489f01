import MLSCore
import MLSCrypto

/// Errors of the puncturable PRF (draft-kohbrok-mls-virtual-clients, "PPRF-based Challenges", as made
/// exact by this package).
///
/// Every error leaves the PPRF exactly as it was. Payloads carry sizes and indices, never secrets.
public enum PPRFError: Error, Equatable, Sendable {
    /// The challenge length b (the tree depth) must satisfy 1 <= b <= 256 (``PPRFParameters/challengeBitsRange``).
    case invalidChallengeBits(Int)
    /// A challenge had the wrong number of bytes for the depth: ceil(b/8) are required.
    case challengeLength(expected: Int, actual: Int)
    /// A challenge had non-zero bits below its last used bit.
    case challengePaddingBitsSet
    /// The input was punctured before: its value is gone.
    case punctured
    /// The PRG profile needs KDF.Nh = 32 (`blake2b`), and the suite has another hash size.
    case profileUnsupportedForSuite(profile: String, hashSize: Int)
    /// A profile number that no profile has (PPRFParameters.profile).
    case unknownProfile(UInt16)
    /// The root secret did not have KDF.Nh bytes.
    case wrongRootSecretLength(expected: Int, actual: Int)
    /// Puncturing (or decoding) would store more nodes than the configured maximum; nothing was changed.
    case tooManyNodes(limit: Int)
    /// State decoding: node `index` does not sort after its predecessor.
    case unsortedNodes(index: Int)
    /// Puncturing or decoding would make the trie hold more inner nodes than ``PPRF/maxInnerNodes``
    /// (2 x maxStoredNodes + b); nothing was changed.
    case tooManyInnerNodes(limit: Int)
    /// ``PPRF/commit(_:)`` was given a ``PPRF/PreparedPuncture`` that another instance prepared (its siblings
    /// and slot belong to that instance); nothing was changed.
    case foreignPreparedPuncture
    /// The canonical encoding would need `bytes` bytes inside its `<V>` vector, more than `limit`
    /// (2^30 - 1, RFC 9420 section 2.1.2); lower ``PPRF/maxStoredNodes`` to keep states encodable.
    case encodingTooLarge(bytes: Int, limit: Int)
    /// State decoding: node `index` and its predecessor overlap (one prefix extends the other).
    case overlappingNodes(index: Int)
    /// State decoding: node `index` has non-zero bits after its prefix length.
    case prefixPaddingBitsSet(index: Int)
    /// State decoding: node `index` holds the wrong number of prefix bytes for its prefix length.
    case wrongPrefixByteCount(index: Int, expected: Int, actual: Int)
    /// State decoding: node `index` has a prefix longer than b, the tree depth (`challengeBits`).
    case prefixLongerThanChallenge(index: Int, length: Int, challengeBits: Int)
    /// State decoding: node `index` holds a secret of the wrong size.
    case wrongSecretLength(index: Int, expected: Int, actual: Int)
    /// State decoding: truncated input or trailing bytes.
    case codec(CodecError)
    /// A primitive failed (cannot happen with validated sizes; kept typed rather than crashing).
    case crypto(CryptoError)
    /// The PRG profile needs KDF.Nh > 32 (`mls32`: with KDF.Nh = 32 it would be profile `mls`), and the suite's
    /// hash size is `hashSize` (SPEC section 3.1).
    case profileNeedsLongerHash(profile: String, hashSize: Int)
    /// Compact state decoding (SPEC section 3.2): the `punctured` list has `bytes` bytes, not a multiple of the
    /// challenge size `challengeBytes` = ceil(b/8).
    case compactPuncturedLength(bytes: Int, challengeBytes: Int)
    /// Compact state decoding: punctured challenge `index` has non-zero bits after its b-th bit.
    case compactPaddingBitsSet(index: Int)
    /// Compact state decoding: punctured challenge `index` is not strictly greater than the one before it
    /// (unsorted or repeated).
    case compactPuncturedNotIncreasing(index: Int)
    /// Compact state decoding: `node_secrets` has `actual` bytes, and the punctured challenges derive
    /// `expected` bytes of node secrets (E(S) x the node size).
    case compactSecretsLength(expected: Int, actual: Int)
    /// Compact state encoding: the state is not one that puncturing produces (two sibling nodes are stored
    /// below prefix length `depth`), so no list of punctured challenges describes it; use the canonical
    /// encoding.
    case compactUnrepresentable(depth: Int)

    /// The snake_case name used by `Vectors/pprf-state.json` and `Vectors/pprf-state-compact.json` for decoding
    /// errors.
    public var vectorName: String {
        switch self {
        case .unsortedNodes: "unsorted"
        case .overlappingNodes: "overlapping"
        case .prefixPaddingBitsSet: "padding_bits_set"
        case .wrongPrefixByteCount: "wrong_prefix_byte_count"
        case .prefixLongerThanChallenge: "prefix_longer_than_depth"
        case .wrongSecretLength: "wrong_secret_length"
        case .codec(.trailingBytes): "trailing_bytes"
        case .codec(.nonMinimalLength): "non_minimal_length"
        case .codec(.reservedLengthPrefix): "reserved_length_prefix"
        case .codec: "truncated"
        case .invalidChallengeBits: "invalid_depth"
        case .challengeLength: "challenge_length"
        case .challengePaddingBitsSet: "challenge_padding_bits_set"
        case .punctured: "punctured"
        case .profileUnsupportedForSuite: "profile_unsupported_for_suite"
        case .unknownProfile: "unknown_profile"
        case .wrongRootSecretLength: "wrong_root_secret_length"
        case .tooManyNodes: "too_many_nodes"
        case .tooManyInnerNodes: "too_many_inner_nodes"
        case .foreignPreparedPuncture: "foreign_prepared_puncture"
        case .encodingTooLarge: "encoding_too_large"
        case .crypto: "crypto"
        case .profileNeedsLongerHash: "profile_needs_longer_hash"
        case .compactPuncturedLength: "punctured_length"
        case .compactPaddingBitsSet: "punctured_padding_bits_set"
        case .compactPuncturedNotIncreasing: "punctured_not_increasing"
        case .compactSecretsLength: "node_secrets_length"
        case .compactUnrepresentable: "unrepresentable"
        }
    }
}
