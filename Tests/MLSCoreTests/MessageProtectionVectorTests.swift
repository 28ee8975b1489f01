import MLSCore
import MLSCrypto
import RFC9420Vectors
import Testing

extension MessageProtectionVector: CustomTestStringConvertible {
    /// The test-case name: the suite (and tree size) of the entry.
    public var testDescription: String { "suite \(cipherSuite)" }
}

/// The fixture every message-protection check needs: epoch context, a receiver and the sender's keys.
struct ProtectionFixture {
    let suite: CipherSuite
    let epoch: EpochContext
    let encryptionSecret: SecretBytes
    let signaturePrivate: SecretBytes
    let signaturePublic: [UInt8]

    init(_ v: MessageProtectionVector, suite: CipherSuite) throws {
        self.suite = suite
        let context = GroupContext(
            cipherSuite: suite.id, groupID: v.groupId.bytes, epoch: v.epoch, treeHash: v.treeHash.bytes,
            confirmedTranscriptHash: v.confirmedTranscriptHash.bytes)
        epoch = try EpochContext(
            suite: suite, groupContext: context, senderDataSecret: v.senderDataSecret.secret,
            membershipKey: v.membershipKey.secret)
        encryptionSecret = v.encryptionSecret.secret
        signaturePrivate = v.signaturePriv.secret
        signaturePublic = v.signaturePub.bytes
    }

    func receiver() throws -> RFC9420MessageProtector {
        try RFC9420MessageProtector(epoch: epoch, encryptionSecret: encryptionSecret, leafCount: 2)
    }

    func keys(_ leaf: UInt32) -> [UInt8]? { leaf == 1 ? signaturePublic : nil }
}

@Suite("RFC 9420 message-protection.json")
struct MessageProtectionVectorTests {
    @Test("vector file loads with 7 suites")
    func fileLoads() throws {
        #expect(try officialEntries("message-protection", as: MessageProtectionVector.self).count == 7)
    }

    @Test(
        "unprotect every given message, then protect our own and unprotect it",
        arguments: try officialEntries("message-protection", as: MessageProtectionVector.self))
    func entry(_ v: MessageProtectionVector) throws {
        guard let suite = try supportedSuite(v.cipherSuite) else { return }
        let f = try ProtectionFixture(v, suite: suite)
        let proposal = try Proposal(tlsDecoding: v.proposal.bytes)
        let commit = try Commit(tlsDecoding: v.commit.bytes)
        #expect(proposal.tlsEncoded == v.proposal.bytes)
        #expect(commit.tlsEncoded == v.commit.bytes)

        // Public messages: parse, re-encode byte for byte, verify tag and signature.
        for (field, expected) in [(v.proposalPub, ContentBody.proposal(proposal)), (v.commitPub, .commit(commit))] {
            let bytes = field.bytes
            let message = try MLSMessage(tlsDecoding: bytes)
            #expect(message.tlsEncoded == bytes)
            guard case .publicMessage(let pub) = message else {
                Issue.record("expected a PublicMessage")
                continue
            }
            let content = try f.epoch.verifyPublic(pub, signaturePublicKey: f.keys)
            #expect(content.body == expected)
            let ours = try f.epoch.protectPublic(
                body: expected, authenticatedData: [], senderLeaf: 1, signaturePrivateKey: f.signaturePrivate,
                confirmationTag: pub.auth.confirmationTag)
            #expect(try f.epoch.verifyPublic(ours, signaturePublicKey: f.keys).body == expected)
        }
        #expect(throws: MLSError.contentTypeNotAllowed(1)) {
            try f.epoch.protectPublic(
                body: .application(v.application.bytes), authenticatedData: [], senderLeaf: 1,
                signaturePrivateKey: f.signaturePrivate)
        }

        // Private messages: each unprotects with a fresh receiver state.
        let cases: [(HexBytes, ContentBody)] = [
            (v.proposalPriv, .proposal(proposal)), (v.commitPriv, .commit(commit)),
            (v.applicationPriv, .application(v.application.bytes)),
        ]
        for (field, expected) in cases {
            let bytes = field.bytes
            let message = try MLSMessage(tlsDecoding: bytes)
            #expect(message.tlsEncoded == bytes)
            guard case .privateMessage(let priv) = message else {
                Issue.record("expected a PrivateMessage")
                continue
            }
            var receiver = try f.receiver()
            let opened = try receiver.unprotect(priv, signaturePublicKey: f.keys)
            let (content, auth) = (opened.content, opened.auth)
            #expect(content.body == expected)
            #expect(content.sender == .member(1))

            var sender = try f.receiver()
            var fresh = try f.receiver()
            let ours = try sender.protect(
                body: expected, senderLeaf: 1, signaturePrivateKey: f.signaturePrivate,
                confirmationTag: auth.confirmationTag, paddingLength: 7)
            #expect(try fresh.unprotect(ours, signaturePublicKey: f.keys).content.body == expected)
        }
    }
}
