import Foundation
import MLSCore
import MessageJobs
import PPRFProtection
import PuncturablePRF
import Testing

/// One malformed message job (issue 13, item 7, and the strict decoder's other rules) and the field its
/// error must name.
struct HostileJob: Sendable, CustomTestStringConvertible {
    enum Kind: Sendable { case missing, invalid, unknown }

    let mode: String
    let operation: MessageJob.Operation
    let changes: [String: String?]
    let field: String
    let kind: Kind

    var testDescription: String {
        let change = changes.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value ?? "absent")" }
        return "\(mode) \(operation.rawValue): \(change.joined(separator: ", ").prefix(60)) -> \(field)"
    }

    func json() throws -> Data { try JobFixture.job(mode: mode, changes) }

    static func rfc(_ key: String, _ value: String?, _ kind: Kind = .invalid, field: String? = nil) -> HostileJob {
        HostileJob(mode: "rfc9420", operation: .protect, changes: [key: value], field: field ?? key, kind: kind)
    }

    static func pprf(_ key: String, _ value: String?, _ kind: Kind = .invalid, field: String? = nil) -> HostileJob {
        HostileJob(mode: "pprf", operation: .protect, changes: [key: value], field: field ?? key, kind: kind)
    }

    /// A GroupContext of suite 1 (the fixture's) with `extensions`, as a JSON hex string.
    static func context(_ extensions: [Extension]) -> String {
        JobFixture.quoted(
            GroupContext(
                cipherSuite: 1, groupID: [1, 2, 3], epoch: 9, treeHash: [UInt8](repeating: 4, count: 32),
                confirmedTranscriptHash: [5], extensions: extensions
            ).tlsEncoded)
    }

    static let all: [HostileJob] = {
        let own = Extension(type: PPRFParameters.extensionType, data: [0x00, 0x40, 0x00, 0x02])  // b = 64, blake2b
        let other = Extension(type: PPRFParameters.extensionType, data: [0x00, 0x80, 0x00, 0x02])  // b = 128, blake2b
        return [
            rfc("padding", "-1"), rfc("padding", "1099511627776"), rfc("padding", "65537"), rfc("padding", "1.5"),
            rfc("padding", "true"), rfc("padding", "\"4\""), rfc("padding", "1e0"), rfc("padding", "null"),
            pprf("challenge_bits", "-1"), pprf("challenge_bits", "70000"),
            pprf("challenge_bits", "9223372036854775808"),
            pprf("challenge_bits", "0"), pprf("challenge_bits", "257"), pprf("challenge_bits", "64.0"),
            pprf("challenge_bits", nil, .missing), rfc("challenge_bits", "70000"),
            rfc("sender_leaf", nil, .missing), rfc("sender_leaf", "-1"), rfc("sender_leaf", "4294967297"),
            rfc("sender_leaf", "\"x\""), rfc("sender_leaf", "false"), rfc("sender_leaf", "4"),
            pprf("sender_leaf", "4294967296"),
            rfc("cipher_suite", "1.5"), rfc("cipher_suite", "true"), rfc("cipher_suite", "2"), rfc("cipher_suite", "4"),
            rfc("cipher_suite", "65537"), rfc("cipher_suite", "-1"), rfc("cipher_suite", nil, .missing),
            rfc("sender_data_secret", "\"0102030405\""),
            rfc("encryption_secret", "\"" + String(repeating: "11", count: 33) + "\""),
            rfc("sender_data_secret", nil, .missing),
            rfc("n_leaves", "4294967296"), rfc("n_leaves", "2147483649"), rfc("n_leaves", "0"),
            rfc("n_leaves", nil, .missing),
            rfc("group_context", "\"abc\""), rfc("group_context", "\"zz\""), rfc("group_context", "\"00\""),
            rfc("group_context", "12"),
            pprf("group_context", context([own, own])), pprf("group_context", context([other])),
            rfc("authenticated_data", "\"abc\""), rfc("authenticated_data", "[]"),
            rfc("plaintexts", "\"68\""), rfc("plaintexts", "[1]", field: "plaintexts[0]"),
            rfc("plaintexts", "[\"6\"]", field: "plaintexts[0]"), rfc("plaintexts", nil, .missing),
            rfc("signature_private_key", "\"" + String(repeating: "07", count: 31) + "\""),
            rfc("signature_private_key", nil, .missing),
            rfc("mode", "\"tree\""), rfc("mode", "1"), pprf("profile", "\"sha3\""), pprf("profile", nil, .missing),
            rfc("paddding", "4", .unknown),
            HostileJob(
                mode: "pprf", operation: .unprotect, changes: ["messages": nil], field: "messages", kind: .missing),
            HostileJob(
                mode: "rfc9420", operation: .unprotect,
                changes: ["messages": "[\"00\"]", "signature_public_keys": "\"00\""],
                field: "signature_public_keys", kind: .invalid),
        ].map { job in
            // Protect jobs need plaintexts unless the case is about them.
            guard job.operation == .protect, job.changes["plaintexts"] == nil else { return job }
            var changes = job.changes
            changes["plaintexts"] = "[\"68656c6c6f\"]"
            return HostileJob(
                mode: job.mode, operation: job.operation, changes: changes, field: job.field, kind: job.kind)
        }
    }()

    /// Inputs that are not a JSON object at all: (input, a phrase the sentence must contain).
    static let notJobs: [(String, String)] = [
        ("{", "not valid JSON"), ("[1]", "JSON object"), ("{\"mode\": \"pprf\", \"mode\": \"pprf\"}", "appears twice"),
        ("{\"mode\": \"pprf\",}", "not valid JSON"), ("", "not valid JSON"), ("{} {}", "not valid JSON"),
        ("\"\\ud800\"", "not valid JSON"),
    ]

    func matches(_ error: MessageJob.JobError) -> Bool {
        switch (kind, error) {
        case (.missing, .missingField(let f)), (.unknown, .unknownField(let f)), (.invalid, .invalidField(let f, _)):
            f == field
        default: false
        }
    }
}
