import MLSCore
import MLSCrypto
import Testing

struct KeyScheduleVector: Decodable {
    struct Exporter: Decodable {
        let label, context, secret: String
        let length: Int
    }
    struct Epoch: Decodable {
        let treeHash, commitSecret, pskSecret, confirmedTranscriptHash, groupContext: String
        let joinerSecret, welcomeSecret, initSecret, senderDataSecret, encryptionSecret: String
        let exporterSecret, epochAuthenticator, externalSecret, confirmationKey, membershipKey: String
        let resumptionPsk, externalPub: String
        let exporter: Exporter
    }
    let cipherSuite: UInt16
    let groupId, initialInitSecret: String
    let epochs: [Epoch]
}

extension KeyScheduleVector: CustomTestStringConvertible {
    var testDescription: String { "suite \(cipherSuite)" }
}

struct PSKSecretVector: Decodable {
    struct PSK: Decodable { let pskId, psk, pskNonce: String }
    let cipherSuite: UInt16
    let psks: [PSK]
    let pskSecret: String
}

@Suite("RFC 9420 key-schedule.json and psk_secret.json")
struct KeyScheduleVectorTests {
    static let vectors = (try? loadVectors("key-schedule", as: [KeyScheduleVector].self)) ?? []

    @Test("vector file loads with 7 suites")
    func fileLoads() throws {
        #expect(try loadVectors("key-schedule", as: [KeyScheduleVector].self).count == 7)
    }

    @Test("key-schedule entry, 5 epochs", arguments: vectors)
    func entry(_ v: KeyScheduleVector) throws {
        guard let suite = try supportedSuite(v.cipherSuite) else { return }
        var initSecret = try secret(v.initialInitSecret)
        for (i, e) in v.epochs.enumerated() {
            let context = GroupContext(
                cipherSuite: suite.id, groupID: try hex(v.groupId), epoch: UInt64(i), treeHash: try hex(e.treeHash),
                confirmedTranscriptHash: try hex(e.confirmedTranscriptHash))
            #expect(Hex.encode(context.tlsEncoded) == e.groupContext)
            #expect(try GroupContext(tlsDecoding: hex(e.groupContext)) == context)
            let s = try KeySchedule.epochSecrets(
                suite: suite, initSecret: initSecret, commitSecret: secret(e.commitSecret),
                pskSecret: secret(e.pskSecret),
                groupContext: context)
            #expect(hexOf(s.joinerSecret) == e.joinerSecret)
            #expect(hexOf(s.welcomeSecret) == e.welcomeSecret)
            #expect(hexOf(s.initSecret) == e.initSecret)
            #expect(hexOf(s.senderDataSecret) == e.senderDataSecret)
            #expect(hexOf(s.encryptionSecret) == e.encryptionSecret)
            #expect(hexOf(s.exporterSecret) == e.exporterSecret)
            #expect(hexOf(s.epochAuthenticator) == e.epochAuthenticator)
            #expect(hexOf(s.externalSecret) == e.externalSecret)
            #expect(hexOf(s.confirmationKey) == e.confirmationKey)
            #expect(hexOf(s.membershipKey) == e.membershipKey)
            #expect(hexOf(s.resumptionPSK) == e.resumptionPsk)
            let external = try suite.kem.deriveKeyPair(ikm: s.externalSecret)
            #expect(Hex.encode(external.publicKey) == e.externalPub)
            // The exporter label is ASCII text that looks like hex: it is used as text.
            let exported = try KeySchedule.export(
                suite: suite, exporterSecret: s.exporterSecret, label: e.exporter.label,
                context: hex(e.exporter.context),
                length: e.exporter.length)
            #expect(hexOf(exported) == e.exporter.secret)
            initSecret = s.initSecret
        }
    }

    @Test("every psk_secret entry")
    func pskSecrets() throws {
        let entries = try loadVectors("psk_secret", as: [PSKSecretVector].self)
        #expect(entries.count == 77)
        for v in entries {
            guard let suite = try supportedSuite(v.cipherSuite) else { continue }
            let psks = try v.psks.map {
                KeySchedule.ExternalPSK(
                    id: try hex($0.pskId), secret: try secret($0.psk), nonce: try hex($0.pskNonce))
            }
            #expect(hexOf(try KeySchedule.pskSecret(suite: suite, psks: psks)) == v.pskSecret)
        }
    }
}
