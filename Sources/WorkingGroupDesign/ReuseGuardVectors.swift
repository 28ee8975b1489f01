import Foundation
import MLSCore
import MLSCrypto

/// `Vectors/vc01-reuse-guard.json`: the reuse-guard mode of draft-ietf-mls-virtual-clients-01 end to end, one
/// entry per cipher suite (1, 2, 3, 5, 7): the five section 5.2 secrets from an `emulator_epoch_secret`, reuse
/// guards (section 5.6.2) with their FF1 inputs and outputs, and generation IDs (section 5.6.3).
///
/// Reuse-guard cases (N_e, leaf_index_e): (1, 0), (2, 1), the four emulators of a 4-leaf group on one shared
/// `key_schedule_nonce` and multiplier (four different guards for one key-nonce pair), (8, 5),
/// (65536, 65535) and (2^31, 2^31 - 1), the largest tree.
public enum ReuseGuardVectors {
    /// The file name in `Vectors/`.
    public static let fileName = "vc01-reuse-guard.json"
    static let suites: [UInt16] = [1, 2, 3, 5, 7]

    struct GuardEntry: Decodable {
        let nE: VectorUInt<UInt64>
        let leafIndex: VectorUInt<UInt32>
        let keyScheduleNonce: String
        let multiplier: VectorUInt<UInt64>
        let x: VectorUInt<UInt32>
        let prpKey: String
        let reuseGuard: String
        let guardedNonce: String

        enum CodingKeys: String, CodingKey {
            case nE = "n_e"
            case leafIndex = "leaf_index"
            case keyScheduleNonce = "key_schedule_nonce"
            case multiplier, x
            case prpKey = "prp_key"
            case reuseGuard = "reuse_guard"
            case guardedNonce = "guarded_nonce"
        }
    }

    struct GenerationEntry: Decodable {
        let groupID: String
        let epoch: VectorUInt<UInt64>
        let generation: VectorUInt<UInt32>
        let ratchetType: VectorUInt<UInt8>
        let privateMessageContext: String
        let generationID: String

        enum CodingKeys: String, CodingKey {
            case groupID = "group_id"
            case epoch, generation
            case ratchetType = "ratchet_type"
            case privateMessageContext = "private_message_context"
            case generationID = "generation_id"
        }
    }

    struct Entry: Decodable {
        let cipherSuite: VectorUInt<UInt16>
        let emulatorEpochSecret: String
        let epochID: String
        let epochBaseSecret: String
        let epochEncryptionKey: String
        let generationIDSecret: String
        let reuseGuardSecret: String
        let reuseGuards: [GuardEntry]
        let generationIDs: [GenerationEntry]

        enum CodingKeys: String, CodingKey {
            case cipherSuite = "cipher_suite"
            case emulatorEpochSecret = "emulator_epoch_secret"
            case epochID = "epoch_id"
            case epochBaseSecret = "epoch_base_secret"
            case epochEncryptionKey = "epoch_encryption_key"
            case generationIDSecret = "generation_id_secret"
            case reuseGuardSecret = "reuse_guard_secret"
            case reuseGuards = "reuse_guards"
            case generationIDs = "generation_ids"
        }
    }

    /// The file's content, deterministic (see `Vectors/README.md`).
    public static func generate() throws(WorkingGroupError) -> String {
        let rng = try LabelledGenerator(file: fileName)
        var entries: [VectorJSON] = []
        for id in suites {
            let suite = try mls { () throws(MLSError) in try CipherSuite(id: id) }
            let label = "suite \(id)"
            let input = try rng.secret("\(label)/emulator_epoch_secret", suite.nh)
            let secrets = try EmulationEpochSecrets(suite: suite, emulatorEpochSecret: input)
            var guards: [VectorJSON] = []
            let shared = try rng.secret("\(label)/n_e=4/key_schedule_nonce", suite.nn)
            let sharedMultiplier = try rng.below("\(label)/n_e=4/multiplier", (1 << 32) / 4)
            for (leafCount, leaf) in [(UInt64(1), UInt32(0)), (2, 1), (4, 0), (4, 1), (4, 2), (4, 3), (8, 5)]
                + [(65536, 65535), (1 << 31, (1 << 31) - 1)]
            {
                let caseLabel = "\(label)/n_e=\(leafCount) leaf=\(leaf)"
                let nonce = leafCount == 4 ? shared : try rng.secret("\(caseLabel)/key_schedule_nonce", suite.nn)
                let context = try ReuseGuardContext(
                    suite: suite, reuseGuardSecret: secrets.reuseGuardSecret, leafCount: leafCount)
                let multiplier =
                    leafCount == 4
                    ? sharedMultiplier : try rng.below("\(caseLabel)/multiplier", context.multiplierLimit)
                let reuseGuard = try context.reuseGuard(
                    keyScheduleNonce: nonce, leafIndex: leaf, multiplier: multiplier)
                guards.append(
                    .object([
                        ("n_e", .uint(leafCount)), ("leaf_index", .uint(UInt64(leaf))),
                        ("key_schedule_nonce", .hex(nonce.exportedForTestVectors())),
                        ("multiplier", .uint(multiplier)),
                        ("x", .uint(UInt64(try context.prpInput(leafIndex: leaf, multiplier: multiplier)))),
                        ("prp_key", .hex(try context.prpKey(keyScheduleNonce: nonce).exportedForTestVectors())),
                        ("reuse_guard", .hex(reuseGuard)),
                        ("guarded_nonce", .hex(nonce.xoringPrefix(reuseGuard).exportedForTestVectors())),
                    ]))
            }
            var generations: [VectorJSON] = []
            for (index, (generation, ratchet)) in [
                (UInt32(0), GenerationIDRatchetType.application), (1000, .handshake),
            ]
            .enumerated() {
                let groupID = try rng.bytes("\(label)/generation \(index)/group_id", 16 + 16 * index)
                let epoch = try rng.below("\(label)/generation \(index)/epoch", 1 << 20)
                let context = GenerationID.context(
                    groupID: groupID, epoch: epoch, generation: generation, ratchetType: ratchet)
                let id = try GenerationID.derive(
                    suite: suite, generationIDSecret: secrets.generationIDSecret, groupID: groupID, epoch: epoch,
                    generation: generation, ratchetType: ratchet)
                generations.append(
                    .object([
                        ("group_id", .hex(groupID)), ("epoch", .uint(epoch)), ("generation", .uint(UInt64(generation))),
                        ("ratchet_type", .uint(UInt64(ratchet.rawValue))), ("private_message_context", .hex(context)),
                        ("generation_id", .hex(id)),
                    ]))
            }
            entries.append(
                .object([
                    ("cipher_suite", .uint(UInt64(id))),
                    ("emulator_epoch_secret", .hex(input.exportedForTestVectors())),
                    ("epoch_id", .hex(secrets.epochID.exportedForTestVectors())),
                    ("epoch_base_secret", .hex(secrets.baseSecret.exportedForTestVectors())),
                    ("epoch_encryption_key", .hex(secrets.encryptionKey.exportedForTestVectors())),
                    ("generation_id_secret", .hex(secrets.generationIDSecret.exportedForTestVectors())),
                    ("reuse_guard_secret", .hex(secrets.reuseGuardSecret.exportedForTestVectors())),
                    ("reuse_guards", .array(guards)), ("generation_ids", .array(generations)),
                ]))
        }
        return VectorJSON.array(entries).rendered()
    }
}
