import Foundation
import JSONSupport
import MLSCore
import MLSCrypto

extension ReuseGuardVectors {
    /// Checks every entry: re-derives the five secrets from `emulator_epoch_secret`; for each reuse guard
    /// recomputes x, `prp_key`, `reuse_guard` and `guarded_nonce` and recovers the sender's leaf from the
    /// guard; for each generation ID recomputes the context and the ID.
    ///
    /// Throws ``WorkingGroupError/malformedVector(field:)`` for a file that is not an array of such entries,
    /// an unsupported cipher suite, bad hex, an invalid N_e or a leaf or multiplier out of range.
    public static func verify(data: Data) throws(WorkingGroupError) -> WorkingGroupVectorReport {
        var report = WorkingGroupVectorReport(kind: "vc01-reuse-guard")
        for (index, item) in try VectorDecoding.entries(Entry.self, from: data).enumerated() {
            let path = "entry[\(index)]."
            let suite: CipherSuite
            do { suite = try CipherSuite(id: item.cipherSuite.value) } catch {
                throw WorkingGroupError.malformedVector(field: path + "cipher_suite")
            }
            let input = try VectorDecoding.hex(item.emulatorEpochSecret, field: path + "emulator_epoch_secret")
            let secrets = try EmulationEpochSecrets(suite: suite, emulatorEpochSecret: SecretBytes(copying: input))
            var guards: [ParsedGuard] = []
            for (position, entry) in item.reuseGuards.enumerated() {
                guards.append(
                    try parse(entry, suite: suite, secrets: secrets, path: "\(path)reuse_guards[\(position)]."))
            }
            var generations: [(GenerationEntry, GenerationIDRatchetType, [UInt8])] = []
            for (position, entry) in item.generationIDs.enumerated() {
                let field = "\(path)generation_ids[\(position)]."
                guard let ratchet = GenerationIDRatchetType(rawValue: entry.ratchetType.value) else {
                    throw WorkingGroupError.malformedVector(field: field + "ratchet_type")
                }
                generations.append((entry, ratchet, try VectorDecoding.hex(entry.groupID, field: field + "group_id")))
            }
            try report.record(entry: index) { () throws(WorkingGroupError) in
                let expected: [(String, SecretBytes, String)] = [
                    ("epoch_id", secrets.epochID, item.epochID),
                    ("epoch_base_secret", secrets.baseSecret, item.epochBaseSecret),
                    ("epoch_encryption_key", secrets.encryptionKey, item.epochEncryptionKey),
                    ("generation_id_secret", secrets.generationIDSecret, item.generationIDSecret),
                    ("reuse_guard_secret", secrets.reuseGuardSecret, item.reuseGuardSecret),
                ]
                for (field, secret, text) in expected {
                    try expectField(field, Hex.encode(secret.exportedForTestVectors()), text.lowercased())
                }
                for (position, parsed) in guards.enumerated() {
                    try check(parsed, field: "reuse_guards[\(position)].")
                }
                for (position, (entry, ratchet, groupID)) in generations.enumerated() {
                    let field = "generation_ids[\(position)]."
                    let context = GenerationID.context(
                        groupID: groupID, epoch: entry.epoch.value, generation: entry.generation.value,
                        ratchetType: ratchet)
                    try expectField(
                        field + "private_message_context", Hex.encode(context), entry.privateMessageContext.lowercased()
                    )
                    let id = try GenerationID.derive(
                        suite: suite, generationIDSecret: secrets.generationIDSecret, groupID: groupID,
                        epoch: entry.epoch.value, generation: entry.generation.value, ratchetType: ratchet)
                    try expectField(field + "generation_id", Hex.encode(id), entry.generationID.lowercased())
                }
            }
        }
        return report
    }

    /// A reuse-guard case with its inputs validated (malformed inputs are refused before any comparison).
    struct ParsedGuard {
        let entry: GuardEntry
        let context: ReuseGuardContext
        let nonce: SecretBytes
        let reuseGuard: [UInt8]
    }

    static func parse(_ entry: GuardEntry, suite: CipherSuite, secrets: EmulationEpochSecrets, path: String)
        throws(WorkingGroupError) -> ParsedGuard
    {
        let context: ReuseGuardContext
        do {
            context = try ReuseGuardContext(
                suite: suite, reuseGuardSecret: secrets.reuseGuardSecret, leafCount: entry.nE.value)
            _ = try context.prpInput(leafIndex: entry.leafIndex.value, multiplier: entry.multiplier.value)
        } catch {
            throw WorkingGroupError.malformedVector(field: path + "n_e, leaf_index or multiplier")
        }
        let nonce = try VectorDecoding.hex(entry.keyScheduleNonce, field: path + "key_schedule_nonce")
        let reuseGuard = try VectorDecoding.hex(entry.reuseGuard, field: path + "reuse_guard")
        guard reuseGuard.count == 4 else { throw WorkingGroupError.malformedVector(field: path + "reuse_guard") }
        guard nonce.count >= 4 else { throw WorkingGroupError.malformedVector(field: path + "key_schedule_nonce") }
        return ParsedGuard(entry: entry, context: context, nonce: SecretBytes(copying: nonce), reuseGuard: reuseGuard)
    }

    static func check(_ parsed: ParsedGuard, field: String) throws(WorkingGroupError) {
        let entry = parsed.entry
        let context = parsed.context
        try expectField(
            field + "x", try context.prpInput(leafIndex: entry.leafIndex.value, multiplier: entry.multiplier.value),
            entry.x.value)
        let key = try context.prpKey(keyScheduleNonce: parsed.nonce)
        try expectField(field + "prp_key", Hex.encode(key.exportedForTestVectors()), entry.prpKey.lowercased())
        let computed = try context.reuseGuard(
            keyScheduleNonce: parsed.nonce, leafIndex: entry.leafIndex.value, multiplier: entry.multiplier.value)
        try expectField(field + "reuse_guard", computed, parsed.reuseGuard)
        let guarded = parsed.nonce.xoringPrefix(parsed.reuseGuard).exportedForTestVectors()
        try expectField(field + "guarded_nonce", Hex.encode(guarded), entry.guardedNonce.lowercased())
        let recovered = try context.prpInput(keyScheduleNonce: parsed.nonce, reuseGuard: parsed.reuseGuard)
        try expectField(field + "x (recovered from reuse_guard)", recovered, entry.x.value)
    }
}

/// Verifies either of this target's vector files, recognised by the keys of its entries.
public enum WorkingGroupVectorFiles {
    /// `(file name, content)` for both files, as `pprf vectors generate` would write them.
    public static func generate() throws(WorkingGroupError) -> [(name: String, content: String)] {
        [
            (FF1Radix2Vectors.fileName, try FF1Radix2Vectors.generate()),
            (ReuseGuardVectors.fileName, try ReuseGuardVectors.generate()),
        ]
    }

    /// Whether `data` looks like one of this target's files (its first entry has `tweak` and `length`, or
    /// `reuse_guards`), for a caller that dispatches among several verifiers.
    public static func recognises(_ data: Data) -> Bool {
        guard let first = try? firstEntryKeys(data) else { return false }
        return (first.contains("tweak") && first.contains("length")) || first.contains("reuse_guards")
    }

    /// Verifies a file of either kind. Throws ``WorkingGroupError/malformedVector(field:)`` when it is
    /// neither or malformed.
    public static func verify(data: Data) throws(WorkingGroupError) -> WorkingGroupVectorReport {
        let first = try firstEntryKeys(data)
        if first.contains("reuse_guards") { return try ReuseGuardVectors.verify(data: data) }
        if first.contains("tweak") { return try FF1Radix2Vectors.verify(data: data) }
        throw WorkingGroupError.malformedVector(field: "file (neither ff1-radix2 nor vc01-reuse-guard)")
    }

    /// The keys of the first entry, read by JSONSupport's strict reader (`StrictJSON`), which refuses repeated
    /// keys, lone surrogates and anything else outside RFC 8259 before any verifier sees the file.
    static func firstEntryKeys(_ data: Data) throws(WorkingGroupError) -> Set<String> {
        let json: StrictJSON
        do {
            json = try StrictJSON.parse([UInt8](data))
        } catch {
            throw WorkingGroupError.malformedVector(field: "file (\(error.description))")
        }
        guard case .array(let items) = json, case .object(let first)? = items.first,
            items.allSatisfy({ if case .object = $0 { true } else { false } })
        else { throw WorkingGroupError.malformedVector(field: "file (not a non-empty array of objects)") }
        return Set(first.keys)
    }
}
