import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// The fixed receivers the unprotect fuzz targets feed: known epoch secrets and a known Ed25519 signing key,
/// so that a well-formed input (the seeds of ``FuzzTarget/seeds()``) decrypts, verifies and
/// commits, and mutations of it explore both the failure and the success path.
enum UnprotectFixture {
    static let groupID: [UInt8] = [1, 2, 3, 4]
    static let epochNumber: UInt64 = 1
    static let leafCount: UInt32 = 4
    static let challengeBits = 16

    static func secret(_ byte: UInt8) -> SecretBytes { SecretBytes(copying: [UInt8](repeating: byte, count: 32)) }

    /// The Ed25519 seed every member signs with (a known key: the fuzzer must be able to produce valid messages).
    static var signingKey: SecretBytes { secret(9) }

    static func publicKey() throws -> [UInt8] { try SignatureScheme.ed25519.publicKey(for: signingKey) }

    /// Suite 1, RFC 9420 mode.
    static func rfcEpoch() throws -> EpochContext {
        let context = GroupContext(
            cipherSuite: 1, groupID: groupID, epoch: epochNumber, treeHash: [], confirmedTranscriptHash: [])
        return try EpochContext(
            suite: try CipherSuite(id: 1), groupContext: context, senderDataSecret: secret(2), membershipKey: nil)
    }

    static func rfcReceiver() throws -> RFC9420MessageProtector {
        try RFC9420MessageProtector(epoch: try rfcEpoch(), encryptionSecret: secret(3), leafCount: leafCount)
    }

    /// Suite 3, PPRF mode with b = 16 and profile blake2b, with or without the reuse-guard option.
    static func pprfEpoch(reuseGuard: Bool = false) throws -> EpochContext {
        let parameters = try PPRFParameters(challengeBits: challengeBits, profile: .blake2b, reuseGuard: reuseGuard)
        let context = GroupContext(
            cipherSuite: 3, groupID: groupID, epoch: epochNumber, treeHash: [], confirmedTranscriptHash: [],
            extensions: [parameters.groupContextExtension])
        return try EpochContext(
            suite: try CipherSuite(id: 3), groupContext: context, senderDataSecret: secret(2), membershipKey: nil)
    }

    static func pprfReceiver(reuseGuard: Bool = false) throws -> PPRFMessageProtector {
        try PPRFMessageProtector(epoch: try pprfEpoch(reuseGuard: reuseGuard), encryptionSecret: secret(3))
    }
}

extension Invariant {
    /// An RFC 9420 receiver (suite 1, 4 leaves) with the fixture's secrets and signing key. A failure must leave
    /// the secret tree's whole observable state (`SecretTree/encodedState()`) unchanged; a success must leave
    /// it equal to a reference tree that consumed exactly the message's (leaf, generation), and a replay must
    /// then fail with `keyAlreadyConsumed` and change nothing.
    public static func unprotectRFC(_ bytes: [UInt8]) -> FuzzOutcome {
        guard case .privateMessage(let message)? = try? MLSMessage(tlsDecoding: bytes) else { return .rejected }
        let opened: FramedContent
        var receiver: RFC9420MessageProtector
        let publicKey: [UInt8]
        do {
            receiver = try UnprotectFixture.rfcReceiver()
            publicKey = try UnprotectFixture.publicKey()
        } catch {
            return .violation("the fixture could not be built: \(error)")
        }
        let keys: (UInt32) -> [UInt8]? = { _ in publicKey }
        let before = receiver.secretTree.encodedState()
        do {
            opened = try receiver.unprotect(message, signaturePublicKey: keys).content
        } catch {
            return receiver.secretTree.encodedState() == before
                ? .rejected : .violation("a failed unprotect changed the secret tree")
        }
        do {
            let senderData = try SenderData(tlsDecoding: try receiver.epoch.openSenderData(message))
            guard opened.sender == .member(senderData.leafIndex) else {
                return .violation("the opened content names another sender than the sender data")
            }
            var reference = try UnprotectFixture.rfcReceiver().secretTree
            let type: RatchetType = message.contentType == .application ? .application : .handshake
            _ = try reference.consumeKey(leaf: senderData.leafIndex, type: type, generation: senderData.generation)
            let after = receiver.secretTree.encodedState()
            guard after == reference.encodedState() else {
                return .violation("a committed unprotect left another state than the reference receiver's")
            }
            let expected = MLSError.keyAlreadyConsumed(leaf: senderData.leafIndex, generation: senderData.generation)
            do {
                _ = try receiver.unprotect(message, signaturePublicKey: keys)
                return .violation("a replayed message was accepted")
            } catch {
                guard error == expected else { return .violation("a replay failed with \(error), not \(expected)") }
            }
            guard receiver.secretTree.encodedState() == after else { return .violation("a replay changed the tree") }
        } catch {
            return .violation("an accepted message could not be replayed on a reference receiver: \(error)")
        }
        return .accepted
    }

    /// A PPRF-mode receiver (suite 3, b = 16, blake2b) with the fixture's secrets and signing key. A failure
    /// must leave the encoded PPRF state unchanged, and a message whose group, epoch or sender data does not
    /// check out must not have made the receiver walk the tree; a success must leave the state equal to a
    /// reference receiver punctured at the message's challenge, and a replay must then fail with
    /// `challengeReused` and change nothing. Every input goes to two such receivers, without and with the
    /// reuse-guard option (SPEC.md section 10): accepted when either accepts it.
    public static func unprotectPPRF(_ bytes: [UInt8]) -> FuzzOutcome {
        let outcomes = [false, true].map { unprotectPPRF(bytes, reuseGuard: $0) }
        if let violation = outcomes.first(where: { $0.violation != nil }) { return violation }
        return outcomes.contains(.accepted) ? .accepted : .rejected
    }

    static func unprotectPPRF(_ bytes: [UInt8], reuseGuard: Bool) -> FuzzOutcome {
        guard case .privateMessage(let message)? = try? MLSMessage(tlsDecoding: bytes) else { return .rejected }
        let receiver: PPRFMessageProtector
        let publicKey: [UInt8]
        do {
            receiver = try UnprotectFixture.pprfReceiver(reuseGuard: reuseGuard)
            publicKey = try UnprotectFixture.publicKey()
        } catch {
            return .violation("the fixture could not be built: \(error)")
        }
        let keys: (UInt32) -> [UInt8]? = { _ in publicKey }
        guard let before = try? receiver.state.encoded() else { return .violation("the fresh state did not encode") }
        let opened: OpenedMessage
        do {
            opened = try receiver.unprotect(message, signaturePublicKey: keys)
        } catch {
            guard (try? receiver.state.encoded()) == before else {
                return .violation("a failed unprotect changed the state")
            }
            if receiver.treeWalks > 0, !senderDataOpens(message, epoch: receiver.epoch) {
                return .violation(
                    "a message whose group, epoch or sender data is wrong made the receiver walk the tree")
            }
            return .rejected
        }
        do {
            let reference = try UnprotectFixture.pprfReceiver(reuseGuard: reuseGuard)
            guard let challenge = opened.challenge else { return .violation("the opened message has no challenge") }
            try reference.state.puncture(at: challenge)
            let after = try receiver.state.encoded()
            guard try after == reference.state.encoded() else {
                return .violation("a committed unprotect left another state than the reference receiver's")
            }
            do {
                _ = try receiver.unprotect(message, signaturePublicKey: keys)
                return .violation("a replayed message was accepted")
            } catch {
                guard error == .challengeReused else { return .violation("a replay failed with \(error)") }
            }
            guard (try? receiver.state.encoded()) == after else { return .violation("a replay changed the state") }
        } catch {
            return .violation("the reference receiver failed: \(error)")
        }
        return .accepted
    }

    /// Whether the message's group and epoch are the fixture's and its sender data decrypts to a
    /// PPRFSenderData (PPRFGuardedSenderData with the reuse-guard option): computed independently of the receiver.
    static func senderDataOpens(_ message: PrivateMessage, epoch: EpochContext) -> Bool {
        guard let bytes = try? epoch.openSenderData(message) else { return false }
        if (try? PPRFParameters(groupContext: epoch.groupContext))?.reuseGuard == true {
            return (try? PPRFGuardedSenderData(tlsDecoding: bytes)) != nil
        }
        return (try? PPRFSenderData(tlsDecoding: bytes)) != nil
    }
}
