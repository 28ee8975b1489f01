import MLSCore
import MLSCrypto

/// A sentence for each error of the puncturable PRF (SPEC.md sections 2 and 3); indices and sizes only.
extension PPRFError: CustomStringConvertible {
    /// The human description of the error (printed by `pprf` on standard error).
    public var description: String {
        switch self {
        case .invalidChallengeBits(let bits):
            "The challenge length b = \(bits) is outside 1...256."
        case .challengeLength(let expected, let actual):
            "The challenge has \(actual) bytes; b-bit challenges have ceil(b/8) = \(expected)."
        case .challengePaddingBitsSet:
            "The challenge has non-zero bits after its last used bit; they must be zero (SPEC.md section 2)."
        case .punctured:
            "This input was punctured: its value is gone and cannot be derived again."
        case .profileUnsupportedForSuite(let profile, let hashSize):
            "Profile \(profile) needs a cipher suite with KDF.Nh = 32, and this suite's is \(hashSize); use "
                + "profile mls or cbst."
        case .unknownProfile(let value):
            "No PRG profile has the number \(value); use 1 (mls), 2 (blake2b), 3 (cbst) or 4 (mls32)."
        case .wrongRootSecretLength(let expected, let actual):
            "The root secret has \(actual) bytes; the cipher suite's KDF.Nh is \(expected)."
        case .tooManyNodes(let limit):
            "The state would hold more than \(limit) stored nodes (maxStoredNodes, set from the memory budget), so "
                + "nothing was changed; raise the budget (the hard ceiling is 2^30 - 256 nodes) or start a new epoch."
        case .tooManyInnerNodes(let limit):
            "The trie would hold more than \(limit) inner nodes (2 x maxStoredNodes + b), so nothing was changed; "
                + "a canonical state of that many stored nodes never needs more."
        case .foreignPreparedPuncture:
            "The prepared puncture was made by another PPRF instance; commit it on the instance that prepared it."
        case .encodingTooLarge(let bytes, let limit):
            "The state's encoding would need \(bytes) bytes in its <V> vector, more than \(limit) (RFC 9420 "
                + "section 2.1.2); lower maxStoredNodes to keep states encodable."
        case .unsortedNodes(let index):
            "PPRF state: node \(index) does not sort after the node before it; nodes must be strictly sorted by "
                + "prefix (SPEC.md section 3)."
        case .overlappingNodes(let index):
            "PPRF state: the prefix of node \(index) and that of the node before it overlap (one extends the "
                + "other); stored nodes must be prefix-free."
        case .prefixPaddingBitsSet(let index):
            "PPRF state: node \(index) has non-zero bits after its prefix length; unused prefix bits must be zero."
        case .wrongPrefixByteCount(let index, let expected, let actual):
            "PPRF state: node \(index) has \(actual) prefix bytes, and its prefix length needs \(expected)."
        case .prefixLongerThanChallenge(let index, let length, let bits):
            "PPRF state: node \(index) has a \(length)-bit prefix, longer than the tree's depth \(bits)."
        case .wrongSecretLength(let index, let expected, let actual):
            "PPRF state: node \(index) holds a \(actual)-byte secret; the cipher suite's KDF.Nh is \(expected)."
        case .codec(let error):
            "Malformed PPRF state encoding. \(error.description)"
        case .crypto(let error): error.description
        case .profileNeedsLongerHash(let profile, let hashSize):
            "Profile \(profile) needs a cipher suite with KDF.Nh > 32 (suites 5 and 7), and this suite's is "
                + "\(hashSize); with KDF.Nh = 32 use profile mls, which it would equal (SPEC.md section 3.1)."
        case .compactPuncturedLength(let bytes, let challengeBytes):
            "Compact PPRF state: the punctured list has \(bytes) bytes, not a multiple of the \(challengeBytes)-byte "
                + "challenge size (SPEC.md section 3.2)."
        case .compactPaddingBitsSet(let index):
            "Compact PPRF state: punctured challenge \(index) has non-zero bits after its last used bit; they must "
                + "be zero."
        case .compactPuncturedNotIncreasing(let index):
            "Compact PPRF state: punctured challenge \(index) is not greater than the one before it; the list must "
                + "be strictly increasing (sorted, no repeats)."
        case .compactSecretsLength(let expected, let actual):
            "Compact PPRF state: node_secrets has \(actual) bytes, and the punctured challenges derive \(expected) "
                + "(one node secret per derived node)."
        case .compactUnrepresentable(let depth):
            "This PPRF state holds two sibling nodes below a \(depth)-bit prefix, which no sequence of punctures "
                + "produces, so the compact encoding cannot describe it; use the canonical encoding."
        }
    }
}
