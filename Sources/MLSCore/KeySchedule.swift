import MLSCrypto

/// The secrets of one epoch (RFC 9420 section 8, Table 4).
public struct EpochSecrets: Sendable {
    /// `joiner_secret`.
    public let joinerSecret: SecretBytes
    /// `welcome_secret = DeriveSecret(Extract(joiner_secret, psk_secret), "welcome")`.
    public let welcomeSecret: SecretBytes
    /// `epoch_secret`.
    public let epochSecret: SecretBytes
    /// `DeriveSecret(epoch_secret, "sender data")`.
    public let senderDataSecret: SecretBytes
    /// `DeriveSecret(epoch_secret, "encryption")`: the secret tree's root (or, in PPRF mode, the PPRF key).
    public let encryptionSecret: SecretBytes
    /// `DeriveSecret(epoch_secret, "exporter")`.
    public let exporterSecret: SecretBytes
    /// `DeriveSecret(epoch_secret, "external")`.
    public let externalSecret: SecretBytes
    /// `DeriveSecret(epoch_secret, "confirm")`.
    public let confirmationKey: SecretBytes
    /// `DeriveSecret(epoch_secret, "membership")`.
    public let membershipKey: SecretBytes
    /// `DeriveSecret(epoch_secret, "resumption")`.
    public let resumptionPSK: SecretBytes
    /// `DeriveSecret(epoch_secret, "authentication")`.
    public let epochAuthenticator: SecretBytes
    /// `DeriveSecret(epoch_secret, "init")`: the next epoch's init_secret.
    public let initSecret: SecretBytes
}

/// The key schedule of RFC 9420 section 8.
public enum KeySchedule {
    /// Derives an epoch's secrets from the previous `init_secret`, the `commit_secret`, the `psk_secret`
    /// and the new epoch's GroupContext (RFC 9420 section 8, Figure 22).
    public static func epochSecrets(
        suite: CipherSuite, initSecret: SecretBytes, commitSecret: SecretBytes, pskSecret: SecretBytes,
        groupContext: GroupContext
    ) throws(MLSError) -> EpochSecrets {
        let context = groupContext.tlsEncoded
        let joiner = try suite.expandWithLabel(
            suite.extract(salt: initSecret, ikm: commitSecret), label: "joiner", context: context, length: suite.nh)
        let member = try suite.extract(salt: joiner, ikm: pskSecret)
        let epoch = try suite.expandWithLabel(member, label: "epoch", context: context, length: suite.nh)
        func derive(_ label: String) throws(MLSError) -> SecretBytes { try suite.deriveSecret(epoch, label: label) }
        return EpochSecrets(
            joinerSecret: joiner, welcomeSecret: try suite.deriveSecret(member, label: "welcome"), epochSecret: epoch,
            senderDataSecret: try derive("sender data"), encryptionSecret: try derive("encryption"),
            exporterSecret: try derive("exporter"), externalSecret: try derive("external"),
            confirmationKey: try derive("confirm"), membershipKey: try derive("membership"),
            resumptionPSK: try derive("resumption"), epochAuthenticator: try derive("authentication"),
            initSecret: try derive("init"))
    }

    /// `MLS-Exporter(Label, Context, Length) = ExpandWithLabel(DeriveSecret(exporter_secret, Label), "exported",
    /// Hash(Context), Length)` (RFC 9420 section 8.5). Note that the context is hashed.
    public static func export(
        suite: CipherSuite, exporterSecret: SecretBytes, label: String, context: [UInt8], length: Int
    ) throws(MLSError) -> SecretBytes {
        let derived = try suite.deriveSecret(exporterSecret, label: label)
        return try suite.expandWithLabel(derived, label: "exported", context: suite.hash(context), length: length)
    }

    /// One external pre-shared key for ``pskSecret(suite:psks:)`` (RFC 9420 section 8.4).
    public struct ExternalPSK: Sendable {
        /// `opaque psk_id<V>`.
        public let id: [UInt8]
        /// The PSK itself.
        public let secret: SecretBytes
        /// `opaque psk_nonce<V>`.
        public let nonce: [UInt8]

        /// Bundles an external PSK.
        public init(id: [UInt8], secret: SecretBytes, nonce: [UInt8]) {
            self.id = id
            self.secret = secret
            self.nonce = nonce
        }
    }

    /// `psk_secret` from a list of external PSKs (RFC 9420 section 8.4); Nh zero bytes for none.
    public static func pskSecret(suite: CipherSuite, psks: [ExternalPSK]) throws(MLSError) -> SecretBytes {
        let zero = SecretBytes(copying: [UInt8](repeating: 0, count: suite.nh))
        var secret = zero
        for (index, psk) in psks.enumerated() {
            var label = TLSWriter()
            label.write(UInt8(1))  // psktype external
            label.writeOpaque(psk.id)
            label.writeOpaque(psk.nonce)
            label.write(UInt16(index))
            label.write(UInt16(psks.count))
            let extracted = try suite.extract(salt: zero, ikm: psk.secret)
            let input = try suite.expandWithLabel(
                extracted, label: "derived psk", context: label.bytes, length: suite.nh)
            secret = try suite.extract(salt: input, ikm: secret)
        }
        return secret
    }
}
