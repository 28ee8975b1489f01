import Foundation
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// Protect and unprotect of a 100-byte application message: PPRF mode per profile and b against RFC 9420
/// mode (secret tree), measured in alternating rounds so that the ratio is taken at the same machine speed.
enum ProtectionTiming {
    /// One protect/unprotect pair of states.
    private final class Pair {
        let protect: () throws -> PrivateMessage
        let unprotect: (PrivateMessage) throws -> Void
        init(protect: @escaping () throws -> PrivateMessage, unprotect: @escaping (PrivateMessage) throws -> Void) {
            self.protect = protect
            self.unprotect = unprotect
        }

        /// Median ns of `count` protects, then of unprotecting them in order.
        func measure(_ count: Int) throws -> (Double, Double) {
            var sent: [PrivateMessage] = []
            let p = try Measurements.median(iterations: count) { sent.append(try protect()) }
            var index = 0
            let u = try Measurements.median(iterations: count) {
                try unprotect(sent[index])
                index += 1
            }
            return (p, u)
        }
    }

    static func rows(suiteID: UInt16, iterations: Int) throws -> [Measurements.Row] {
        let suite = try CipherSuite(id: suiteID)
        let signing = try suite.signature.generatePrivateKey()
        let publicKey = try suite.signature.publicKey(for: signing)
        let keys: (UInt32) -> [UInt8]? = { _ in publicKey }
        let body = ContentBody.application([UInt8](repeating: 0x61, count: 100))
        let secret = SecretBytes(copying: [UInt8](repeating: 3, count: suite.nh))

        func epoch(_ parameters: PPRFParameters?) throws -> EpochContext {
            let context = GroupContext(
                cipherSuite: suite.id, groupID: Array("bench".utf8), epoch: 1, treeHash: [],
                confirmedTranscriptHash: [],
                extensions: parameters.map { [$0.groupContextExtension] } ?? [])
            return try EpochContext(
                suite: suite, groupContext: context,
                senderDataSecret: SecretBytes(copying: [UInt8](repeating: 2, count: suite.nh)), membershipKey: nil)
        }

        // RFC 9420: the sender walks its ratchet; the receiver consumes the same generations in order.
        var rfcSender = try RFC9420Protection(epoch: epoch(nil), encryptionSecret: secret, leafCount: 2)
        var rfcReceiver = try RFC9420Protection(epoch: epoch(nil), encryptionSecret: secret, leafCount: 2)
        let rfc = Pair(
            protect: { try rfcSender.protect(body: body, senderLeaf: 1, signaturePrivateKey: signing) },
            unprotect: { _ = try rfcReceiver.unprotect($0, signaturePublicKey: keys) })

        let rounds = 7
        let perRound = max(5, iterations / rounds)
        var rows: [Measurements.Row] = []
        var rfcProtect: [Double] = []
        var rfcUnprotect: [Double] = []
        for profile in [PRGProfile.mls, .blake2b] {
            for b in [64, 128, 256] {
                let e = try epoch(PPRFParameters(challengeBits: b, profile: profile))
                let sender = try PPRFProtection(epoch: e, encryptionSecret: secret)
                let receiver = try PPRFProtection(epoch: e, encryptionSecret: secret)
                let pprf = Pair(
                    protect: { try sender.protect(body: body, senderLeaf: 1, signaturePrivateKey: signing) },
                    unprotect: { _ = try receiver.unprotect($0, signaturePublicKey: keys) })
                var samples: [(Double, Double, Double, Double)] = []
                for _ in 0..<rounds {
                    let (rp, ru) = try rfc.measure(perRound)
                    let (pp, pu) = try pprf.measure(perRound)
                    samples.append((pp, pu, rp, ru))
                    rfcProtect.append(rp)
                    rfcUnprotect.append(ru)
                }
                func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
                rows.append(
                    .init(
                        operation: "protect", suite: suiteID, profile: "\(profile)", bits: b,
                        nanoseconds: median(samples.map(\.0)), floorNanoseconds: median(samples.map(\.2)),
                        ratio: median(samples.map { $0.0 / $0.2 })))
                rows.append(
                    .init(
                        operation: "unprotect", suite: suiteID, profile: "\(profile)", bits: b,
                        nanoseconds: median(samples.map(\.1)), floorNanoseconds: median(samples.map(\.3)),
                        ratio: median(samples.map { $0.1 / $0.3 })))
            }
        }
        func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
        let rfcRows: [Measurements.Row] = [
            .init(
                operation: "protect", suite: suiteID, profile: "rfc9420", bits: 0, nanoseconds: median(rfcProtect),
                floorNanoseconds: nil),
            .init(
                operation: "unprotect", suite: suiteID, profile: "rfc9420", bits: 0, nanoseconds: median(rfcUnprotect),
                floorNanoseconds: nil),
        ]
        return rfcRows + rows
    }
}
