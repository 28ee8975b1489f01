/// One entry of the official `secret-tree.json` (RFC 9420 sections 6.3.2 and 9; mlswg/mls-implementations
/// `test-vectors.md`, "Secret Tree"): the sender-data key and nonce for one ciphertext sample, and the
/// handshake and application keys of every leaf at a few generations. Properties in our generator's order.
public struct SecretTreeVector: Codable, Equatable, Sendable {
    /// The sender-data key and nonce derived from `sender_data_secret` and the first KDF.Nh bytes of a
    /// ciphertext (RFC 9420 section 6.3.2).
    public struct SenderData: Codable, Equatable, Sendable {
        /// `sender_data_secret`.
        public var senderDataSecret: HexBytes
        /// The ciphertext whose sample keys the sender data.
        public var ciphertext: HexBytes
        /// The sender-data key.
        public var key: HexBytes
        /// The sender-data nonce.
        public var nonce: HexBytes

        /// The fields in file order.
        public init(senderDataSecret: HexBytes, ciphertext: HexBytes, key: HexBytes, nonce: HexBytes) {
            self.senderDataSecret = senderDataSecret
            self.ciphertext = ciphertext
            self.key = key
            self.nonce = nonce
        }
    }

    /// One leaf's keys and nonces at one generation of both ratchets (RFC 9420 section 9.1).
    public struct Generation: Codable, Equatable, Sendable {
        /// The ratchet generation.
        public var generation: UInt32
        /// The application ratchet's key.
        public var applicationKey: HexBytes
        /// The application ratchet's nonce.
        public var applicationNonce: HexBytes
        /// The handshake ratchet's key.
        public var handshakeKey: HexBytes
        /// The handshake ratchet's nonce.
        public var handshakeNonce: HexBytes

        /// The fields in file order.
        public init(
            generation: UInt32, applicationKey: HexBytes, applicationNonce: HexBytes, handshakeKey: HexBytes,
            handshakeNonce: HexBytes
        ) {
            self.generation = generation
            self.applicationKey = applicationKey
            self.applicationNonce = applicationNonce
            self.handshakeKey = handshakeKey
            self.handshakeNonce = handshakeNonce
        }
    }

    /// The cipher suite (RFC 9420 section 17.1).
    public var cipherSuite: UInt16
    /// `sender_data`.
    public var senderData: SenderData
    /// The epoch's `encryption_secret`, the secret tree's root.
    public var encryptionSecret: HexBytes
    /// For each leaf (the tree has `leaves.count` of them), its generations in increasing order.
    public var leaves: [[Generation]]

    /// The fields in file order.
    public init(cipherSuite: UInt16, senderData: SenderData, encryptionSecret: HexBytes, leaves: [[Generation]]) {
        self.cipherSuite = cipherSuite
        self.senderData = senderData
        self.encryptionSecret = encryptionSecret
        self.leaves = leaves
    }
}
