import Foundation
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// Protect and unprotect of a 100-byte application message: PPRF mode per profile and b against RFC 9420
/// mode (secret tree), measured in alternating rounds so that the ratio is taken at the same machine speed.
/// Every figure is a ``Spread`` of individually timed calls; each ratio is one value per round (the round's
/// PPRF-mode median over its RFC 9420-mode median).
enum ProtectionTiming {
    /// One protect/unprotect pair of states.
    private final class Pair {
        let protect: () throws -> PrivateMessage
        let unprotect: (PrivateMessage) throws -> Void
        init(protect: @escaping () throws -> PrivateMessage, unprotect: @escaping (PrivateMessage) throws -> Void) {
            self.protect = protect
            self.unprotect = unprotect
        }

        /// Nanoseconds of `count` protects, then of unprotecting them in order.
        func measure(_ count: Int) throws -> (protect: [Double], unprotect: [Double]) {
            var sent: [PrivateMessage] = []
            let p = try Measurements.samples(iterations: count) { sent.append(try protect()) }
            var index = 0
            let u = try Measurements.samples(iterations: count) {
                try unprotect(sent[index])
                index += 1
            }
            return (p, u)
        }
    }

    static func rows(suiteID: UInt16, rounds: Int, samplesPerRound: Int) throws -> [Measurements.Row] {
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
        var rfcSender = try RFC9420MessageProtector(epoch: epoch(nil), encryptionSecret: secret, leafCount: 2)
        var rfcReceiver = try RFC9420MessageProtector(epoch: epoch(nil), encryptionSecret: secret, leafCount: 2)
        let rfc = Pair(
            protect: { try rfcSender.protect(body: body, senderLeaf: 1, signaturePrivateKey: signing) },
            unprotect: { _ = try rfcReceiver.unprotect($0, signaturePublicKey: keys) })

        let rounds = max(rounds, 1)
        let perRound = max(samplesPerRound, 1)
        var rows: [Measurements.Row] = []
        var rfcProtect: [Double] = []
        var rfcUnprotect: [Double] = []
        let reference = "RFC 9420 mode (secret tree), same rounds"
        for profile in [PRGProfile.mls, .blake2b] {
            for b in [64, 128, 256] {
                let what = "protect, suite \(suiteID), \(profile), b = \(b)"
                let e = try epoch(PPRFParameters(challengeBits: b, profile: profile))
                let sender = try PPRFMessageProtector(epoch: e, encryptionSecret: secret)
                let receiver = try PPRFMessageProtector(epoch: e, encryptionSecret: secret)
                let pprf = Pair(
                    protect: { try sender.protect(body: body, senderLeaf: 1, signaturePrivateKey: signing) },
                    unprotect: { _ = try receiver.unprotect($0, signaturePublicKey: keys) })
                var pp: [Double] = []
                var pu: [Double] = []
                var rp: [Double] = []
                var ru: [Double] = []
                var protectRatios: [Double] = []
                var unprotectRatios: [Double] = []
                for r in 0..<rounds {
                    // Alternate which mode goes first, so that neither always follows the other.
                    let rfcRound: (protect: [Double], unprotect: [Double])
                    let pprfRound: (protect: [Double], unprotect: [Double])
                    if r % 2 == 0 {
                        rfcRound = try rfc.measure(perRound)
                        pprfRound = try pprf.measure(perRound)
                    } else {
                        pprfRound = try pprf.measure(perRound)
                        rfcRound = try rfc.measure(perRound)
                    }
                    pp += pprfRound.protect
                    pu += pprfRound.unprotect
                    rp += rfcRound.protect
                    ru += rfcRound.unprotect
                    let medians = try [pprfRound.protect, pprfRound.unprotect, rfcRound.protect, rfcRound.unprotect]
                        .map { try Measurements.spread($0, what).median }
                    protectRatios.append(medians[0] / medians[2])
                    unprotectRatios.append(medians[1] / medians[3])
                }
                rfcProtect += rp
                rfcUnprotect += ru
                rows.append(
                    .init(
                        operation: "protect", suite: suiteID, profile: "\(profile)", bits: b,
                        time: try Measurements.spread(pp, what),
                        floor: .init(name: reference, time: try Measurements.spread(rp, what)),
                        ratio: try Measurements.spread(protectRatios, what)))
                rows.append(
                    .init(
                        operation: "unprotect", suite: suiteID, profile: "\(profile)", bits: b,
                        time: try Measurements.spread(pu, what),
                        floor: .init(name: reference, time: try Measurements.spread(ru, what)),
                        ratio: try Measurements.spread(unprotectRatios, what)))
            }
        }
        let what = "RFC 9420 mode, suite \(suiteID)"
        let rfcRows: [Measurements.Row] = [
            .init(
                operation: "protect", suite: suiteID, profile: "rfc9420", bits: 0,
                time: try Measurements.spread(rfcProtect, what)),
            .init(
                operation: "unprotect", suite: suiteID, profile: "rfc9420", bits: 0,
                time: try Measurements.spread(rfcUnprotect, what)),
        ]
        return rfcRows + rows
    }
}
