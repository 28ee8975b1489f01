import MLSCore
import MLSCrypto

/// Key material of a virtual client, derived by every emulator client from the emulation group
/// (draft-kohbrok-mls-virtual-clients, "Agreement on/generation of key material", whose TODO asks how the
/// randomness is exported; this is this package's answer).
///
/// ```
/// struct {
///     opaque higher_level_group_id<V>;
///     uint64 operation_counter;
/// } VirtualClientContext;
///
/// virtual_client_secret = MLS-Exporter("MLS VC secret", VirtualClientContext, KDF.Nh)   // emulation group epoch
/// leaf_ikm        = ExpandWithLabel(virtual_client_secret, "VC leaf key", "", KDF.Nh)
/// init_ikm        = ExpandWithLabel(virtual_client_secret, "VC init key", "", KDF.Nh)
/// signature_seed  = ExpandWithLabel(virtual_client_secret, "VC signature key", "", 32)    // Ed25519 seed
/// update_secret   = ExpandWithLabel(virtual_client_secret, "VC update", "", KDF.Nh)      // a higher-level update's leaf/path secret
/// (leaf_priv, leaf_pub) = KEM.DeriveKeyPair(leaf_ikm); (init_priv, init_pub) = KEM.DeriveKeyPair(init_ikm)   // RFC 9180
/// ```
///
/// The MLS-Exporter hashes its context (RFC 9420 section 8.5), so the higher-level group id and the counter
/// are bound. A new emulator is provisioned with `virtual_client_secret` for each (emulation epoch,
/// higher-level group, counter) it needs, never with the emulation group's epoch secrets.
public struct VirtualClientKeys: Sendable {
    /// The secret every other value is expanded from.
    public let virtualClientSecret: SecretBytes
    /// The HPKE leaf encryption key pair (private key serialized per RFC 9180).
    public let leafKey: (privateKey: SecretBytes, publicKey: [UInt8])
    /// The HPKE init key pair for KeyPackages.
    public let initKey: (privateKey: SecretBytes, publicKey: [UInt8])
    /// The Ed25519 signature key seed (when the AS lets the virtual client derive its own key).
    public let signatureSeed: SecretBytes
    /// Randomness for one higher-level update (its leaf or path secret).
    public let updateSecret: SecretBytes

    /// `VirtualClientContext` for a higher-level group and an operation counter.
    public static func context(higherLevelGroupID: [UInt8], operationCounter: UInt64) -> [UInt8] {
        var w = TLSWriter()
        w.writeOpaque(higherLevelGroupID)
        w.write(operationCounter)
        return w.bytes
    }

    /// Derives everything from the emulation group's `exporter_secret` of the signalled epoch.
    public init(
        suite: CipherSuite, emulationExporterSecret: SecretBytes, higherLevelGroupID: [UInt8], operationCounter: UInt64
    ) throws(MLSError) {
        let context = Self.context(higherLevelGroupID: higherLevelGroupID, operationCounter: operationCounter)
        let secret = try KeySchedule.export(
            suite: suite, exporterSecret: emulationExporterSecret, label: "MLS VC secret", context: context,
            length: suite.nh)
        try self.init(suite: suite, virtualClientSecret: secret)
    }

    /// Derives everything from a provisioned `virtual_client_secret` (a newly added emulator).
    public init(suite: CipherSuite, virtualClientSecret secret: SecretBytes) throws(MLSError) {
        virtualClientSecret = secret
        func expand(_ label: String, _ length: Int) throws(MLSError) -> SecretBytes {
            try suite.expandWithLabel(secret, label: label, context: [], length: length)
        }
        let leafIKM = try expand("VC leaf key", suite.nh)
        let initIKM = try expand("VC init key", suite.nh)
        leafKey = try crypto { () throws(CryptoError) in try suite.kem.deriveKeyPair(ikm: leafIKM) }
        initKey = try crypto { () throws(CryptoError) in try suite.kem.deriveKeyPair(ikm: initIKM) }
        signatureSeed = try expand("VC signature key", 32)
        updateSecret = try expand("VC update", suite.nh)
    }
}

/// The signal that tells the other emulators which emulation epoch a higher-level operation used (the first of
/// the draft's three options: the higher-level message's authenticated data):
///
/// ```
/// struct {
///     uint64 emulation_epoch;
///     uint64 operation_counter;
/// } EmulationEpochSignal;
/// ```
///
/// It is the first 16 bytes of the higher-level message's `authenticated_data` (in PPRF mode, after the
/// challenge). It reveals to every higher-level member and to the DS the emulation group's epoch number and
/// how many operations the virtual client made: both link the virtual client's activity across the
/// higher-level groups it is in, and epoch changes hint at emulator additions and removals.
public struct EmulationEpochSignal: Sendable, Equatable, TLSCodable {
    /// The emulation group's epoch whose exporter was used.
    public var emulationEpoch: UInt64
    /// The operation counter bound into `VirtualClientContext`.
    public var operationCounter: UInt64

    /// A signal.
    public init(emulationEpoch: UInt64, operationCounter: UInt64) {
        self.emulationEpoch = emulationEpoch
        self.operationCounter = operationCounter
    }

    /// Encodes two uint64.
    public func encode(to writer: inout TLSWriter) {
        writer.write(emulationEpoch)
        writer.write(operationCounter)
    }

    /// Decodes two uint64.
    public init(from reader: inout TLSReader) throws(CodecError) {
        emulationEpoch = try reader.readUInt64()
        operationCounter = try reader.readUInt64()
    }

    /// Reads the signal from the front of `authenticated_data`, returning the rest.
    public static func split(_ authenticatedData: [UInt8]) throws(CodecError) -> (EmulationEpochSignal, [UInt8]) {
        var reader = TLSReader(authenticatedData)
        let signal = try EmulationEpochSignal(from: &reader)
        return (signal, Array(authenticatedData[reader.position...]))
    }
}
