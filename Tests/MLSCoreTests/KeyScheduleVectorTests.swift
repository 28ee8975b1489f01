import MLSCore
import MLSCrypto
import RFC9420Vectors
import Testing

extension KeyScheduleVector: CustomTestStringConvertible {
    /// The test-case name: the suite (and tree size) of the entry.
    public var testDescription: String { "suite \(cipherSuite)" }
}

@Suite("RFC 9420 key-schedule.json and psk_secret.json")
struct KeyScheduleVectorTests {
    @Test("vector file loads with 7 suites")
    func fileLoads() throws {
        #expect(try officialEntries("key-schedule", as: KeyScheduleVector.self).count == 7)
    }

    @Test("key-schedule entry, 5 epochs", arguments: try officialEntries("key-schedule", as: KeyScheduleVector.self))
    func entry(_ v: KeyScheduleVector) throws {
        guard let suite = try supportedSuite(v.cipherSuite) else { return }
        #expect(v.epochs.count == 5)
        var initSecret = v.initialInitSecret.secret
        for (i, e) in v.epochs.enumerated() {
            let context = GroupContext(
                cipherSuite: suite.id, groupID: v.groupId.bytes, epoch: UInt64(i), treeHash: e.treeHash.bytes,
                confirmedTranscriptHash: e.confirmedTranscriptHash.bytes)
            #expect(context.tlsEncoded == e.groupContext.bytes)
            #expect(try GroupContext(tlsDecoding: e.groupContext.bytes) == context)
            let s = try KeySchedule.epochSecrets(
                suite: suite, initSecret: initSecret, commitSecret: e.commitSecret.secret,
                pskSecret: e.pskSecret.secret, groupContext: context)
            let secrets: [(SecretBytes, HexBytes)] = [
                (s.joinerSecret, e.joinerSecret), (s.welcomeSecret, e.welcomeSecret), (s.initSecret, e.initSecret),
                (s.senderDataSecret, e.senderDataSecret), (s.encryptionSecret, e.encryptionSecret),
                (s.exporterSecret, e.exporterSecret), (s.epochAuthenticator, e.epochAuthenticator),
                (s.externalSecret, e.externalSecret), (s.confirmationKey, e.confirmationKey),
                (s.membershipKey, e.membershipKey), (s.resumptionPSK, e.resumptionPsk),
            ]
            for (computed, expected) in secrets { #expect(HexBytes(exportedFromSecret: computed) == expected) }
            let external = try suite.kem.deriveKeyPair(ikm: s.externalSecret)
            #expect(external.publicKey == e.externalPub.bytes)
            // The exporter label is ASCII text that looks like hex: it is used as text.
            let exported = try KeySchedule.export(
                suite: suite, exporterSecret: s.exporterSecret, label: e.exporter.label,
                context: e.exporter.context.bytes, length: Int(e.exporter.length))
            #expect(HexBytes(exportedFromSecret: exported) == e.exporter.secret)
            initSecret = s.initSecret
        }
    }

    @Test("every psk_secret entry")
    func pskSecrets() throws {
        let entries = try officialEntries("psk_secret", as: PSKSecretVector.self)
        #expect(entries.count == 77)
        for v in entries {
            guard let suite = try supportedSuite(v.cipherSuite) else { continue }
            let psks = v.psks.map {
                KeySchedule.ExternalPSK(id: $0.pskId.bytes, secret: $0.psk.secret, nonce: $0.pskNonce.bytes)
            }
            #expect(HexBytes(exportedFromSecret: try KeySchedule.pskSecret(suite: suite, psks: psks)) == v.pskSecret)
        }
    }
}
