import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// A PPRF-mode receiver whose GroupContext requires Safe AAD (SPEC.md section 5.1), and one genuine message to
/// it whose `authenticated_data` the SafeAAD fuzz target replaces.
enum SafeAADFixture {
    /// The application's items of the genuine message: one before the challenge item, one after.
    static let items = [SafeAADItem(componentID: 0x0001, data: [0xA1]), SafeAADItem(componentID: 0x8000, data: [])]
    /// The genuine message's challenge (b = 16).
    static let challenge: [UInt8] = [0x5A, 0xC3]

    static func epoch() throws -> EpochContext {
        let context = GroupContext(
            cipherSuite: 3, groupID: UnprotectFixture.groupID, epoch: UnprotectFixture.epochNumber, treeHash: [],
            confirmedTranscriptHash: [],
            extensions: [
                try PPRFParameters(challengeBits: UnprotectFixture.challengeBits, profile: .blake2b)
                    .groupContextExtension,
                ChallengeFraming.appDataDictionaryExtension(),
            ])
        return try EpochContext(
            suite: try CipherSuite(id: 3), groupContext: context, senderDataSecret: UnprotectFixture.secret(2),
            membershipKey: nil)
    }

    static func receiver() throws -> PPRFMessageProtector {
        try PPRFMessageProtector(epoch: try epoch(), encryptionSecret: UnprotectFixture.secret(3))
    }

    /// The genuine message from leaf 0, signed with the fixture's known key.
    static func genuine() throws -> PrivateMessage {
        try receiver().protect(
            body: .application(Array("safe aad seed".utf8)), safeAADItems: items, senderLeaf: 0,
            signaturePrivateKey: UnprotectFixture.signingKey,
            challenge: try Challenge(bytes: challenge, challengeBits: UnprotectFixture.challengeBits))
    }
}

extension Invariant {
    /// The SafeAAD parser and the Safe AAD receiver on outside bytes (fuzz target `FuzzSafeAAD`): what
    /// `SafeAAD(decoding:)` accepts re-encodes to the same bytes with strictly increasing component ids,
    /// and what it refuses is one of its four framing errors; as the `authenticated_data` of the fixture's
    /// genuine message, the bytes open only when they are the genuine ones, and every refusal leaves the
    /// receiver's state byte-identical, a framing refusal without any tree walk. Accepted means the parser
    /// accepted.
    public static func safeAAD(_ bytes: [UInt8]) -> FuzzOutcome {
        var parsed = false
        do {
            let value = try SafeAAD(decoding: bytes)
            guard value.encoded == bytes else { return .violation("SafeAAD re-encoding differs") }
            let ids = value.items.map(\.componentID)
            guard zip(ids, ids.dropFirst()).allSatisfy({ $0 < $1 }) else {
                return .violation("SafeAAD accepted items out of order")
            }
            parsed = true
        } catch {
            switch error {
            case .safeAADMalformed, .safeAADTrailingBytes, .safeAADUnsorted, .safeAADDuplicateComponent: break
            default: return .violation("SafeAAD decoding threw \(error.vectorName)")
            }
        }
        let receiver: PPRFMessageProtector
        var message: PrivateMessage
        let publicKey: [UInt8]
        let before: SecretBytes
        do {
            receiver = try SafeAADFixture.receiver()
            message = try SafeAADFixture.genuine()
            publicKey = try UnprotectFixture.publicKey()
            before = try receiver.state.encoded()
        } catch {
            return .violation("the Safe AAD fixture failed: \(error)")
        }
        let genuine = bytes == message.authenticatedData
        message.authenticatedData = bytes
        do {
            _ = try receiver.unprotect(message, signaturePublicKey: { $0 == 0 ? publicKey : nil })
            if !genuine { return .violation("a changed authenticated_data was accepted") }
        } catch {
            if genuine { return .violation("the genuine authenticated_data was refused: \(error)") }
            guard (try? receiver.state.encoded()) == before else { return .violation("a refusal changed the state") }
            if !parsed, receiver.treeWalks != 0 { return .violation("malformed SafeAAD reached the tree walk") }
        }
        return parsed ? .accepted : .rejected
    }

    /// Seeds for `FuzzSafeAAD`: the genuine `authenticated_data`, then well-formed SafeAAD structs of other
    /// shapes (each refused later, by the item checks or the content AEAD).
    static func safeAADSeeds() throws -> [[UInt8]] {
        let x = SafeAADFixture.challenge
        let challenge = SafeAADItem(componentID: ChallengeFraming.challengeComponentID, data: x)
        let shapes: [[SafeAADItem]] = [
            [], [challenge], [SafeAADItem(componentID: 1, data: [])] + [challenge],
            [challenge, SafeAADItem(componentID: 0xFFFF, data: [UInt8](repeating: 0x42, count: 70))],
            [SafeAADItem(componentID: 0, data: [1, 2, 3])],
            [SafeAADItem(componentID: 0x0A0A, data: [0x0A]), challenge, SafeAADItem(componentID: 0x7A7A, data: [])],
            [SafeAADItem(componentID: 0x667A, data: [0x5A])],
            [SafeAADItem(componentID: 0x667A, data: [0x5A, 0xC3, 0x00])],
            [SafeAADItem(componentID: 0x667A, data: [0x5A, 0xC4])],
            (0..<20).map { SafeAADItem(componentID: UInt16($0) * 3, data: [UInt8($0)]) },
        ]
        return [try SafeAADFixture.genuine().authenticatedData]
            + (try shapes.map { items throws(PPRFMessageError) in try SafeAAD(items: items).encoded })
    }
}
