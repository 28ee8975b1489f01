import Foundation
import InteropVectors
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF
import Testing

/// `Vectors/pprf-message-negative.json` (issue 15 item 2): every error a receiver can raise, each with the
/// state it must keep, and a verifier that notices when the file or the implementation disagree.
@Suite("negative message vectors")
struct NegativeVectorTests {
    /// The errors SPEC.md sections 1 and 7 name for a receiver, as Vectors/README.md lists them. Two are
    /// absent on purpose: `malformed_sender_data` cannot happen after the length check (a sealed
    /// PPRFSenderData of the checked length always decodes) and `too_many_nodes` is the receiver's own bound,
    /// not a property of a message.
    static let receiverErrors: Set<String> = [
        "wrong_group", "wrong_epoch", "malformed_message", "missing_challenge", "challenge_padding_bits_set",
        "sender_data_length", "ciphertext_too_short", "challenge_reused", "sender_data_decryption_failed",
        "unknown_sender", "content_decryption_failed", "malformed_content", "non_zero_padding",
        "invalid_signature", "missing_parameters", "duplicate_parameters", "invalid_parameters",
        "profile_unsupported_for_suite",
    ]

    static func committed() throws -> [[String: Any]] {
        let data = try Data(contentsOf: vectorsDirectory.appendingPathComponent("pprf-message-negative.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    @Test("the committed file covers every receiver error of SPEC.md sections 1 and 7, and verifies")
    func coverage() throws {
        let entries = try Self.committed()
        #expect(Set(entries.compactMap { $0["error"] as? String }) == Self.receiverErrors)
        let report = try VectorFile.verify(
            data: Data(contentsOf: vectorsDirectory.appendingPathComponent("pprf-message-negative.json")))
        #expect(report.kind == .pprfMessageNegative)
        #expect(report.failed == 0 && report.passed == entries.count, "\(report.summary)")
        // The replay cases keep a punctured state, not just the root.
        let replay = try #require(entries.first { ($0["case"] as? String) == "replayed message" })
        let before = try #require(replay["state_before"] as? String)
        #expect(before == replay["state_after"] as? String)
        #expect(before.count > 200)
    }

    @Test("every case's states are equal, and null exactly when the GroupContext's parameters are refused")
    func statesUnchanged() throws {
        let parameterErrors: Set = [
            "missing_parameters", "duplicate_parameters", "invalid_parameters", "profile_unsupported_for_suite",
        ]
        for entry in try Self.committed() {
            let error = try #require(entry["error"] as? String)
            let before = entry["state_before"]
            if parameterErrors.contains(error) {
                #expect(before is NSNull && entry["state_after"] is NSNull, "\(entry["case"] ?? "")")
            } else {
                #expect((before as? String) != nil && (before as? String) == (entry["state_after"] as? String))
            }
        }
    }

    @Test("a wrong error name, a changed state or a message the receiver accepts fails verification")
    func verifierNotices() throws {
        var entries = try Self.committed()
        let index = try #require(entries.firstIndex { ($0["case"] as? String) == "tampered encrypted_sender_data" })
        var wrongName = entries[index]
        wrongName["error"] = "content_decryption_failed"  // right stage matters: the AEAD failed before the walk
        var wrongState = entries[index]
        wrongState["state_after"] = "00"
        let replay = try #require(entries.first { ($0["case"] as? String) == "replayed message" })
        var accepted = replay
        accepted["prior_messages"] = [Any]()  // without the first delivery the message is fine
        for (broken, field) in [(wrongName, "error"), (wrongState, "state_after"), (accepted, "error")] {
            entries = [broken]
            let report = try VectorFile.verify(data: try JSONSerialization.data(withJSONObject: entries))
            #expect(report.failed == 1)
            #expect(report.firstFailure == "entry 0: \(field)")
        }
    }

    @Test("error names: an AEAD or decoding failure is named by the stage it happened in")
    func names() {
        let aead = PPRFMessageError.mls(.crypto(.authenticationFailure))
        #expect(NegativeMessageVectors.vectorName(aead, walkedTree: false) == "sender_data_decryption_failed")
        #expect(NegativeMessageVectors.vectorName(aead, walkedTree: true) == "content_decryption_failed")
        let codec = PPRFMessageError.mls(.codec(.truncated(needed: 4, available: 1)))
        #expect(NegativeMessageVectors.vectorName(codec, walkedTree: false) == "malformed_sender_data")
        #expect(NegativeMessageVectors.vectorName(codec, walkedTree: true) == "malformed_content")
        #expect(
            NegativeMessageVectors.vectorName(.mls(.codec(.nonZeroPadding)), walkedTree: true) == "non_zero_padding")
        #expect(NegativeMessageVectors.vectorName(.noFreshChallenge, walkedTree: false).hasPrefix("unexpected: "))
    }
}
