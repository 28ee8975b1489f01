import MLSCrypto

/// A sentence for each error of the RFC 9420 layer; wrapped primitive and codec errors give their own.
extension MLSError: CustomStringConvertible {
    /// The human description of the error (printed by `pprf` on standard error).
    public var description: String {
        switch self {
        case .unsupportedCipherSuite(let id):
            "Cipher suite \(id) is not supported; use one of "
                + CipherSuite.supported.map { "\($0.id)" }.joined(separator: ", ")
                + " (suites 4 and 6 need X448 and Ed448, which no library used here provides)."
        case .crypto(let error): error.description
        case .codec(let error): error.description
        case .labelTooLong(let length):
            "A KDFLabel would encode the length \(length), which does not fit its uint16 field (at most 65535)."
        case .leafOutOfRange(let leaf, let leafCount):
            "Leaf \(leaf) is outside the tree, which has \(leafCount) leaves (RFC 9420 section 9)."
        case .keyAlreadyConsumed(let leaf, let generation):
            "The key of leaf \(leaf) at generation \(generation) was already used and deleted (RFC 9420 section "
                + "9.2): the message is a replay, or arrived after its key was discarded."
        case .generationTooFarAhead(let leaf, let generation, let limit):
            "Generation \(generation) of leaf \(leaf) is more than \(limit) generations ahead of its ratchet; "
                + "raise the maximum forward distance if such gaps are expected."
        case .generationExhausted(let leaf):
            "The ratchet of leaf \(leaf) has used all 2^32 generations; the group needs a new epoch."
        case .invalidSignature:
            "The signature does not verify (RFC 9420 section 6.1): the signer's key is wrong or the content changed."
        case .invalidMembershipTag:
            "The membership tag does not verify (RFC 9420 section 6.2): the sender lacks this epoch's membership "
                + "key, or the message changed."
        case .wrongGroup:
            "The message belongs to another group: its group_id differs from this group's."
        case .wrongEpoch(let expected, let actual):
            "The message is for epoch \(actual), but this state is for epoch \(expected)."
        case .unknownSender(let leaf):
            "The sender at leaf \(leaf) is not a member or has no known signature key."
        case .contentTypeNotAllowed(let type):
            "Content type \(type) is not allowed in this message form (RFC 9420 section 6: application data "
                + "travels only in PrivateMessages)."
        case .senderTypeNotAllowed(let type):
            "Sender type \(type) is not allowed in this message form (RFC 9420 section 6)."
        case .wrongSecretLength(let name, let expected, let actual):
            "The \(name) has \(actual) bytes; this cipher suite derives it with KDF.Nh = \(expected) bytes "
                + "(RFC 9420 section 8)."
        case .cipherSuiteMismatch(let suite, let groupContext):
            "The GroupContext names cipher suite \(groupContext), but the epoch is built with suite \(suite); "
                + "give the same suite in both."
        case .invalidPaddingLength(let length, let limit):
            "A padding length of \(length) bytes is outside 0...\(limit); ask for at most \(limit) zero bytes."
        case .invalidLeafCount(let count):
            "A secret tree of \(count) leaves is impossible: RFC 9420 trees have 1 to 2^31 leaves (uint32 node "
                + "indices)."
        case .tooManyRetainedKeys(let limit):
            "Keeping the keys this message skips would make the secret tree retain more than \(limit) "
                + "out-of-order keys in total; the message is refused and nothing changed."
        }
    }
}
