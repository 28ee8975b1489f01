import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// One PPRF-mode epoch of the message vectors (SPEC.md sections 1, 4-7): the GroupContext, the epoch
/// secrets and two senders with their signature keys, all from the labelled generator. The receiver is
/// leaf 0; the senders are leaves 1 and 3.
struct MessageGroup {
    let suite: CipherSuite
    let profile: PRGProfile
    let bits: Int
    let context: GroupContext
    let encryptionSecret: SecretBytes
    let senderDataSecret: SecretBytes
    let epoch: EpochContext
    let senders: [(leaf: UInt32, priv: SecretBytes, pub: [UInt8])]

    /// The leaves that send.
    static let senderLeaves: [UInt32] = [1, 3]

    init(suiteID: UInt16, profile: PRGProfile, bits: Int, label: String, rng: VectorRNG) throws {
        suite = try CipherSuite(id: suiteID)
        self.profile = profile
        self.bits = bits
        context = GroupContext(
            cipherSuite: suiteID, groupID: try rng.bytes("\(label)/group_id", 16), epoch: 0x121212,
            treeHash: try rng.bytes("\(label)/tree_hash", suite.nh),
            confirmedTranscriptHash: try rng.bytes("\(label)/confirmed_transcript_hash", suite.nh),
            extensions: [try PPRFParameters(challengeBits: bits, profile: profile).groupContextExtension])
        encryptionSecret = try rng.secret("\(label)/encryption_secret", suite.nh)
        senderDataSecret = try rng.secret("\(label)/sender_data_secret", suite.nh)
        epoch = try EpochContext(
            suite: suite, groupContext: context, senderDataSecret: senderDataSecret, membershipKey: nil)
        var senders: [(leaf: UInt32, priv: SecretBytes, pub: [UInt8])] = []
        for leaf in Self.senderLeaves {
            let priv = try Self.signatureKey(
                "\(label)/sender \(leaf)/signature_priv", rng: rng, scheme: suite.signature)
            senders.append((leaf, priv, try suite.signature.publicKey(for: priv)))
        }
        self.senders = senders
    }

    /// ``VectorRNG/signatureKey(_:scheme:)`` for `label`, then for `label/retry 1`, `label/retry 2`, ...: a
    /// P-521 scalar is 66 bytes, of which only about 1 in 128 random values is below the group order, so 256
    /// candidates of one label all fail about once in eight labels.
    static func signatureKey(_ label: String, rng: VectorRNG, scheme: SignatureScheme) throws -> SecretBytes {
        for retry in 0..<16 {
            do {
                return try rng.signatureKey(retry == 0 ? label : "\(label)/retry \(retry)", scheme: scheme)
            } catch .invalidPrivateKey {
                continue
            }
        }
        throw CryptoError.invalidPrivateKey
    }

    /// A fresh member state for the epoch (sender or receiver).
    func member() throws(PPRFMessageError) -> PPRFMessageProtector {
        try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryptionSecret)
    }

    /// The signature key of `leaf`'s private key, for signing.
    func privateKey(_ leaf: UInt32) -> SecretBytes? { senders.first { $0.leaf == leaf }?.priv }

    /// The receiver's view of the members' signature keys.
    func publicKey(_ leaf: UInt32) -> [UInt8]? { senders.first { $0.leaf == leaf }?.pub }

    /// The GroupContext fields every message file starts with.
    var contextFields: [(String, JSONValue)] {
        [
            ("cipher_suite", .int(Int64(suite.id))), ("profile", .string("\(profile)")),
            ("challenge_bits", .int(Int64(bits))),
            ("group_id", .hex(context.groupID)), ("epoch", .uint(context.epoch)),
            ("tree_hash", .hex(context.treeHash)),
            ("confirmed_transcript_hash", .hex(context.confirmedTranscriptHash)),
            ("group_context", .hex(context.tlsEncoded)),
            ("encryption_secret", .hex(encryptionSecret.exportedForTestVectors())),
            ("sender_data_secret", .hex(senderDataSecret.exportedForTestVectors())),
        ]
    }

    /// A message to send: who, what, with which application AAD, padding and confirmation tag.
    struct Planned {
        let senderLeaf: UInt32
        let body: ContentBody
        let authenticatedData: [UInt8]
        let padding: Int
        let confirmationTag: [UInt8]?
    }

    /// The i-th message of a sequence, cycling through application data from leaf 1 (5 bytes of AAD, 3 of
    /// padding), a Remove proposal from leaf 3, a commit from leaf 1 (with a confirmation tag: KDF.Nh bytes
    /// from the generator, standing in for the MAC a real commit carries) and application data from leaf 3
    /// with 70 bytes of AAD (a two-byte length prefix).
    func planned(_ i: Int, label: String, rng: VectorRNG) throws -> Planned {
        let l = "\(label)/message \(i)"
        switch i % 4 {
        case 0:
            return Planned(
                senderLeaf: 1, body: .application(try rng.bytes("\(l)/content", 42)),
                authenticatedData: try rng.bytes("\(l)/authenticated_data", 5), padding: 3, confirmationTag: nil)
        case 1:
            return Planned(
                senderLeaf: 3, body: .proposal(.remove(leaf: 2)), authenticatedData: [], padding: 0,
                confirmationTag: nil)
        case 2:
            return Planned(
                senderLeaf: 1, body: .commit(Commit(proposals: [.remove(leaf: 2)])), authenticatedData: [],
                padding: 7, confirmationTag: try rng.bytes("\(l)/confirmation_tag", suite.nh))
        default:
            return Planned(
                senderLeaf: 3, body: .application(try rng.bytes("\(l)/content", 17)),
                authenticatedData: try rng.bytes("\(l)/authenticated_data", 70), padding: 0, confirmationTag: nil)
        }
    }

    /// A challenge from the generator (`label/challenge`, then `label/challenge/retry N`) with the unused
    /// bits zeroed, avoiding `used`; after 64 draws, for b <= 20, the smallest unused value (so that a
    /// sequence of up to 2^b messages always finds its last challenges).
    func challenge(_ label: String, rng: VectorRNG, avoiding used: Set<Challenge>) throws -> Challenge {
        let n = (bits + 7) / 8
        for attempt in 0..<64 {
            var bytes = try rng.bytes(attempt == 0 ? "\(label)/challenge" : "\(label)/challenge/retry \(attempt)", n)
            bytes[n - 1] &= ~UInt8((1 << (n * 8 - bits)) - 1)
            let x = try Challenge(bytes: bytes, challengeBits: bits)
            if !used.contains(x) { return x }
        }
        if bits <= 20 {
            for value in 0..<(1 << bits) {
                let shifted = value << (n * 8 - bits)
                let bytes = (0..<n).map { UInt8(truncatingIfNeeded: shifted >> (8 * (n - 1 - $0))) }
                let x = try Challenge(bytes: bytes, challengeBits: bits)
                if !used.contains(x) { return x }
            }
        }
        throw GeneratorOptionsError.countExceedsChallenges(count: used.count + 1, bits: bits)
    }

    /// The content bytes a vector shows for a body: application data, a Proposal or a Commit encoding.
    static func contentBytes(_ body: ContentBody) -> [UInt8] {
        switch body {
        case .application(let data): data
        case .proposal(let p): p.tlsEncoded
        case .commit(let c): c.tlsEncoded
        }
    }

    /// Parses a vector's `content` for `type`.
    static func body(type: ContentType, content: [UInt8]) throws -> ContentBody {
        switch type {
        case .application: return .application(content)
        case .proposal: return .proposal(try Proposal(tlsDecoding: content))
        case .commit: return .commit(try Commit(tlsDecoding: content))
        }
    }
}
