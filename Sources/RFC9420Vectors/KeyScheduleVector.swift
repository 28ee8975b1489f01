/// One entry of the official `key-schedule.json` (RFC 9420 section 8; mlswg/mls-implementations
/// `test-vectors.md`, "Key Schedule"): a chain of epochs from `initial_init_secret`, each epoch's secrets and
/// an exporter output. Read only (we do not generate this kind).
public struct KeyScheduleVector: Codable, Equatable, Sendable {
    /// `MLS-Exporter(label, context, length)` (RFC 9420 section 8.5).
    public struct Exporter: Codable, Equatable, Sendable {
        /// The label: ASCII text (it looks like hex, but is used as text).
        public var label: String
        /// The context (hashed by the exporter).
        public var context: HexBytes
        /// The output length in bytes.
        public var length: UInt16
        /// The exported secret.
        public var secret: HexBytes
    }

    /// One epoch: its inputs and every secret of RFC 9420 section 8's table.
    public struct Epoch: Codable, Equatable, Sendable {
        /// The GroupContext's `tree_hash`.
        public var treeHash: HexBytes
        /// `commit_secret`.
        public var commitSecret: HexBytes
        /// `psk_secret`.
        public var pskSecret: HexBytes
        /// The GroupContext's `confirmed_transcript_hash`.
        public var confirmedTranscriptHash: HexBytes
        /// The GroupContext encoding (epoch = the index of this epoch).
        public var groupContext: HexBytes
        /// `joiner_secret`.
        public var joinerSecret: HexBytes
        /// `welcome_secret`.
        public var welcomeSecret: HexBytes
        /// The next epoch's `init_secret`.
        public var initSecret: HexBytes
        /// `sender_data_secret`.
        public var senderDataSecret: HexBytes
        /// `encryption_secret`.
        public var encryptionSecret: HexBytes
        /// `exporter_secret`.
        public var exporterSecret: HexBytes
        /// `epoch_authenticator`.
        public var epochAuthenticator: HexBytes
        /// `external_secret`.
        public var externalSecret: HexBytes
        /// `confirmation_key`.
        public var confirmationKey: HexBytes
        /// `membership_key`.
        public var membershipKey: HexBytes
        /// `resumption_psk`.
        public var resumptionPsk: HexBytes
        /// The public key of the HPKE key pair derived from `external_secret`.
        public var externalPub: HexBytes
        /// An exporter output.
        public var exporter: Exporter
    }

    /// The cipher suite (RFC 9420 section 17.1).
    public var cipherSuite: UInt16
    /// The GroupContext's `group_id`.
    public var groupId: HexBytes
    /// The first epoch's `init_secret`.
    public var initialInitSecret: HexBytes
    /// The epochs, from epoch 0.
    public var epochs: [Epoch]
}

/// One entry of the official `psk_secret.json` (RFC 9420 section 8.4): external PSKs and the `psk_secret`
/// they combine into. Read only.
public struct PSKSecretVector: Codable, Equatable, Sendable {
    /// One external PSK.
    public struct PSK: Codable, Equatable, Sendable {
        /// Its PreSharedKeyID's `psk_id`.
        public var pskId: HexBytes
        /// The PSK.
        public var psk: HexBytes
        /// Its `psk_nonce`.
        public var pskNonce: HexBytes
    }

    /// The cipher suite (RFC 9420 section 17.1).
    public var cipherSuite: UInt16
    /// The PSKs, in order.
    public var psks: [PSK]
    /// The combined `psk_secret`.
    public var pskSecret: HexBytes
}

/// One entry of the official `transcript-hashes.json` (RFC 9420 section 8.2): the transcript-hash update for
/// one commit's AuthenticatedContent and its confirmation tag. Read only.
public struct TranscriptHashesVector: Codable, Equatable, Sendable {
    /// The cipher suite (RFC 9420 section 17.1).
    public var cipherSuite: UInt16
    /// `confirmation_key`.
    public var confirmationKey: HexBytes
    /// The commit's AuthenticatedContent encoding.
    public var authenticatedContent: HexBytes
    /// The interim transcript hash before the commit.
    public var interimTranscriptHashBefore: HexBytes
    /// The confirmed transcript hash after it.
    public var confirmedTranscriptHashAfter: HexBytes
    /// The interim transcript hash after it.
    public var interimTranscriptHashAfter: HexBytes
}
