import Foundation
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

extension NegativeMessageVectors {
    /// What a receiver did with a case: the error's vector name and its state encoding before and after the
    /// refused message (`nil` when no receiver could be built).
    struct Outcome {
        let error: String
        let stateBefore: [UInt8]?
        let stateAfter: [UInt8]?
    }

    /// Builds a receiver from the GroupContext and secrets, feeds it `prior` (each must be accepted), then
    /// `message`, and names the error it raised (`accepted` if none).
    static func run(
        suite: CipherSuite, context: GroupContext, senderDataSecret: SecretBytes, encryptionSecret: SecretBytes,
        members: @escaping (UInt32) -> [UInt8]?, prior: [[UInt8]], message: [UInt8]
    ) throws -> Outcome {
        let epoch = try EpochContext(
            suite: suite, groupContext: context, senderDataSecret: senderDataSecret, membershipKey: nil)
        let receiver: PPRFMessageProtector
        do {
            receiver = try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryptionSecret)
        } catch {
            return Outcome(error: vectorName(error, walkedTree: false), stateBefore: nil, stateAfter: nil)
        }
        for bytes in prior {
            guard case .privateMessage(let m) = try MLSMessage(tlsDecoding: bytes) else {
                throw FieldMismatch(field: "prior_messages")
            }
            _ = try receiver.unprotect(m, signaturePublicKey: members)
        }
        let before = try receiver.state.encoded().exportedForTestVectors()
        let name: String
        do throws(CodecError) {
            guard case .privateMessage(let m) = try MLSMessage(tlsDecoding: message) else {
                return Outcome(error: "malformed_message", stateBefore: before, stateAfter: before)
            }
            let walks = receiver.treeWalks
            do {
                _ = try receiver.unprotect(m, signaturePublicKey: members)
                name = "accepted"
            } catch {
                name = vectorName(error, walkedTree: receiver.treeWalks > walks)
            }
        } catch {
            name = "malformed_message"
        }
        return Outcome(
            error: name, stateBefore: before, stateAfter: try receiver.state.encoded().exportedForTestVectors())
    }

    /// The name Vectors/README.md and SPEC.md section 7 give an error. An AEAD or decoding failure is named
    /// by where it happened: before the tree walk it concerns the sender data, after it the content.
    public static func vectorName(_ error: PPRFMessageError, walkedTree: Bool) -> String {
        switch error {
        case .mls(.wrongGroup): "wrong_group"
        case .mls(.wrongEpoch): "wrong_epoch"
        case .missingChallenge: "missing_challenge"
        case .pprf(.challengePaddingBitsSet): "challenge_padding_bits_set"
        case .senderDataLength: "sender_data_length"
        case .mls(.crypto(.ciphertextTooShort)): "ciphertext_too_short"
        case .challengeReused: "challenge_reused"
        case .mls(.crypto(.authenticationFailure)):
            walkedTree ? "content_decryption_failed" : "sender_data_decryption_failed"
        case .mls(.codec(.nonZeroPadding)): "non_zero_padding"
        case .mls(.codec): walkedTree ? "malformed_content" : "malformed_sender_data"
        case .mls(.unknownSender): "unknown_sender"
        case .mls(.invalidSignature): "invalid_signature"
        case .missingParameters: "missing_parameters"
        case .duplicateParameters: "duplicate_parameters"
        case .invalidParameters: "invalid_parameters"
        case .pprf(.profileUnsupportedForSuite): "profile_unsupported_for_suite"
        case .pprf(.tooManyNodes): "too_many_nodes"
        case .pprf(.tooManyInnerNodes): "too_many_inner_nodes"
        default: "unexpected: \(error)"
        }
    }

    /// Checks one entry: our receiver raises exactly `error`, with `state_before` after the prior messages and
    /// the same `state_after`.
    static func verify(_ e: VectorEntry) throws(FieldMismatch) {
        guard let suite = try e.suite() else { throw FieldMismatch(field: "cipher_suite") }
        let context = try attempt("group_context") { try GroupContext(tlsDecoding: try e.hex("group_context")) }
        try e.require(context.cipherSuite == suite.id, "group_context")
        var keys: [UInt32: [UInt8]] = [:]
        for m in try e.children("members") {
            keys[UInt32(try m.int("leaf", max: Int(UInt32.max)))] = try m.hex("signature_pub")
        }
        var prior: [[UInt8]] = []
        for (i, value) in (try e.list("prior_messages")).enumerated() {
            guard let text = value as? String, let bytes = try? Hex.decode(text) else {
                throw FieldMismatch(field: "prior_messages[\(i)]")
            }
            prior.append(bytes)
        }
        let members = keys
        let outcome = try attempt("prior_messages") {
            try run(
                suite: suite, context: context, senderDataSecret: try e.secret("sender_data_secret"),
                encryptionSecret: try e.secret("encryption_secret"), members: { members[$0] }, prior: prior,
                message: try e.hex("message"))
        }
        try e.require(outcome.error == (try e.string("error")), "error")
        for (key, value) in [("state_before", outcome.stateBefore), ("state_after", outcome.stateAfter)] {
            if let value { try e.expect(key, value) } else { try e.require(e.object[key] is NSNull, key) }
        }
        try e.require(outcome.stateBefore == outcome.stateAfter, "state_after")
    }
}
