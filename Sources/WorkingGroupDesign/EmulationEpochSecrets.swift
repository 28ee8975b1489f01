import MLSCore
import MLSCrypto

/// The five per-epoch secrets every emulator derives from the emulation group
/// (draft-ietf-mls-virtual-clients-01 section 5.2, "Generating Virtual Client Secrets"):
///
/// ```
/// emulator_epoch_secret = SafeExportSecret(virtual_clients_component_id)
/// epoch_id             = DeriveSecret(emulator_epoch_secret, "Epoch ID")
/// epoch_base_secret    = DeriveSecret(emulator_epoch_secret, "Base Secret")
/// epoch_encryption_key = DeriveSecret(emulator_epoch_secret, "Encryption Key")
/// generation_id_secret = DeriveSecret(emulator_epoch_secret, "Generation ID Secret")
/// reuse_guard_secret   = DeriveSecret(emulator_epoch_secret, "Reuse Guard")
/// ```
///
/// DeriveSecret is RFC 9420's, with the emulation group's cipher suite. The input `emulator_epoch_secret` is
/// the Safe Exporter output of draft-ietf-mls-extensions (section 4.4 there), which this package does not
/// implement: callers pass it in, as the interop vectors of `havenmessenger/interop` do. The draft deletes
/// `emulator_epoch_secret` after the derivation; this type never stores it.
public struct EmulationEpochSecrets: Sendable {
    /// The emulation group's cipher suite, whose KDF every derivation uses.
    public let suite: CipherSuite
    /// `epoch_id` (public inside the virtual client: it appears in DerivationInfo).
    public let epochID: SecretBytes
    /// `epoch_base_secret`, the root of the Virtual Client Operation Secret Tree.
    public let baseSecret: SecretBytes
    /// `epoch_encryption_key`, which encrypts DerivationInfo.
    public let encryptionKey: SecretBytes
    /// `generation_id_secret` (section 5.6.3).
    public let generationIDSecret: SecretBytes
    /// `reuse_guard_secret` (section 5.6.2).
    public let reuseGuardSecret: SecretBytes

    /// Derives the five secrets from `emulatorEpochSecret` with `suite`'s KDF.
    ///
    /// Throws ``WorkingGroupError/mls(_:)`` if the KDF fails.
    public init(suite: CipherSuite, emulatorEpochSecret: SecretBytes) throws(WorkingGroupError) {
        self.suite = suite
        epochID = try mls { () throws(MLSError) in try suite.deriveSecret(emulatorEpochSecret, label: "Epoch ID") }
        baseSecret = try mls { () throws(MLSError) in
            try suite.deriveSecret(emulatorEpochSecret, label: "Base Secret")
        }
        encryptionKey = try mls { () throws(MLSError) in
            try suite.deriveSecret(emulatorEpochSecret, label: "Encryption Key")
        }
        generationIDSecret = try mls { () throws(MLSError) in
            try suite.deriveSecret(emulatorEpochSecret, label: "Generation ID Secret")
        }
        reuseGuardSecret = try mls { () throws(MLSError) in
            try suite.deriveSecret(emulatorEpochSecret, label: "Reuse Guard")
        }
    }
}

/// `RatchetType` of draft-ietf-mls-virtual-clients-01 section 5.6.3 (a one-byte enum, maximum 255), named apart
/// from MLSCore's secret-tree `RatchetType`.
public enum GenerationIDRatchetType: UInt8, Sendable, CaseIterable {
    /// `application(1)`: the ratchet of application messages.
    case application = 1
    /// `handshake(2)`: the ratchet of proposals and commits sent as PrivateMessages.
    case handshake = 2
}

/// Generation IDs (draft-ietf-mls-virtual-clients-01 section 5.6.3, "Coordinating ratchet generations with
/// the DS"):
///
/// ```
/// struct { opaque group_id<V>; uint64 epoch; uint32 generation; RatchetType ratchet_type; }
///     PrivateMessageContext
/// generation_id = ExpandWithLabel(generation_id_secret, "generation id", PrivateMessageContext, Kdf.Nh)
/// ```
///
/// An emulator may attach it when it fans a PrivateMessage out; a strongly consistent DS that sees the same
/// generation ID twice in one (group, epoch, ratchet type) rejects the later message. The ID is the same for
/// every emulator of the virtual client, so the DS learns that two sends collided, and (the draft's privacy
/// section concedes) that this traffic comes from a virtual client.
public enum GenerationID {
    /// The TLS encoding of `PrivateMessageContext`.
    public static func context(
        groupID: [UInt8], epoch: UInt64, generation: UInt32, ratchetType: GenerationIDRatchetType
    )
        -> [UInt8]
    {
        var writer = TLSWriter()
        writer.writeOpaque(groupID)
        writer.write(epoch)
        writer.write(generation)
        writer.write(ratchetType.rawValue)
        return writer.bytes
    }

    /// `generation_id` for one ratchet generation of one higher-level group epoch (KDF.Nh bytes of the
    /// emulation group's suite). Throws ``WorkingGroupError/mls(_:)`` when the KDF fails or the context is
    /// too long for a KDFLabel.
    public static func derive(
        suite: CipherSuite, generationIDSecret: SecretBytes, groupID: [UInt8], epoch: UInt64, generation: UInt32,
        ratchetType: GenerationIDRatchetType
    ) throws(WorkingGroupError) -> [UInt8] {
        let context = context(groupID: groupID, epoch: epoch, generation: generation, ratchetType: ratchetType)
        return try mls { () throws(MLSError) in
            try suite.expandWithLabel(generationIDSecret, label: "generation id", context: context, length: suite.nh)
        }.withUnsafeBytes { Array($0) }
    }
}
