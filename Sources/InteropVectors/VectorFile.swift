import Foundation
// Every vector kind writes its file with the package's JSON writer (JSONValue), and message jobs read with its
// strict reader: re-exported so that each vector file and this module's users see them without another import.
@_exported import JSONSupport
import MLSCore

/// The vector kinds ``VectorFile`` recognises, by the keys of their entries.
public enum VectorKind: String, Sendable, CaseIterable {
    /// RFC 9420 `crypto-basics.json`, all six parts.
    case cryptoBasics = "crypto-basics"
    /// RFC 9420 `secret-tree.json`.
    case secretTree = "secret-tree"
    /// RFC 9420 `key-schedule.json`.
    case keySchedule = "key-schedule"
    /// RFC 9420 `psk_secret.json`.
    case pskSecret = "psk_secret"
    /// RFC 9420 `message-protection.json`.
    case messageProtection = "message-protection"
    /// RFC 9420 `transcript-hashes.json`.
    case transcriptHashes = "transcript-hashes"
    /// Our `pprf-tree.json`.
    case pprfTree = "pprf-tree"
    /// Our `pprf-state.json`.
    case pprfState = "pprf-state"
    /// Our `pprf-state-compact.json`.
    case pprfStateCompact = "pprf-state-compact"
    /// Our `pprf-message-protection.json`.
    case pprfMessageProtection = "pprf-message-protection"
    /// Our `pprf-reuse-guard.json` (SPEC.md section 10).
    case pprfReuseGuard = "pprf-reuse-guard"
    /// Our `pprf-message-negative.json`.
    case pprfMessageNegative = "pprf-message-negative"
    /// Our `pprf-safe-aad.json`.
    case pprfSafeAAD = "pprf-safe-aad"
    /// Our `collision.json`.
    case collision = "collision"
    /// RFC 9420 `tree-math.json`.
    case treeMath = "tree-math"
    /// RFC 9420 `deserialization.json`.
    case deserialization = "deserialization"

    /// Recognises a kind from the keys of a file's first entry.
    static func detect(_ keys: Set<String>) -> VectorKind? {
        if keys.contains("evaluations") { return .pprfTree }
        if keys.contains("compact_valid") { return .pprfStateCompact }
        if keys.contains("valid"), keys.contains("invalid") { return .pprfState }
        if keys.contains("framing"), keys.contains("malformed") { return .pprfSafeAAD }
        if keys.contains("challenge_bits"), keys.contains("colliding") { return .pprfReuseGuard }
        if keys.contains("challenge_bits"), keys.contains("senders") { return .pprfMessageProtection }
        if keys.contains("state_before"), keys.contains("error") { return .pprfMessageNegative }
        if keys.contains("type"), keys.contains("messages") || keys.contains("max_messages") { return .collision }
        if keys.contains("ref_hash") { return .cryptoBasics }
        if keys.contains("leaves"), keys.contains("sender_data") { return .secretTree }
        if keys.contains("epochs") { return .keySchedule }
        if keys.contains("psks") { return .pskSecret }
        if keys.contains("application_priv") { return .messageProtection }
        if keys.contains("interim_transcript_hash_before") { return .transcriptHashes }
        if keys.contains("n_leaves") { return .treeMath }
        if keys.contains("vlbytes_header") { return .deserialization }
        return nil
    }
}

/// Errors about a vector file as a whole.
public enum VectorFileError: Error, Equatable, Sendable {
    /// The file is not a JSON array of objects.
    case notAnArrayOfObjects
    /// The entries match no known kind.
    case unknownKind
    /// The file is an empty array: there is nothing to check, so it cannot pass.
    case empty
}

/// The result of verifying one file: counts and the first failure.
public struct VectorReport: Sendable, Equatable {
    /// The recognised kind.
    public let kind: VectorKind
    /// Entries whose every field agreed.
    public var passed = 0
    /// Entries with a mismatch.
    public var failed = 0
    /// Entries this library cannot check (cipher suites 4 and 6); never counted as passed.
    public var unsupported = 0
    /// `entry N: field` of the first failing entry.
    public var firstFailure: String?

    /// Whether the file passed: no entry failed and at least one was checked. A file whose every entry is
    /// unsupported checked nothing, so it fails (`pprf vectors verify` exits non-zero).
    public var succeeded: Bool { failed == 0 && passed > 0 }

    /// One line for the command line: `kind: N passed, N failed, N unsupported`, with the first failure or,
    /// when nothing was checked, why the file fails.
    public var summary: String {
        var line = "\(kind.rawValue): \(passed) passed, \(failed) failed, \(unsupported) unsupported"
        if let firstFailure { line += " (first failure: \(firstFailure))" }
        if passed == 0, failed == 0 {
            line += " (no entry was checked: every entry needs a cipher suite this library does not implement)"
        }
        return line
    }
}

/// Reads and verifies a vector file of any recognised kind (pprf vectors verify).
public enum VectorFile {
    /// Verifies JSON `data`.
    public static func verify(data: Data) throws(VectorFileError) -> VectorReport {
        // JSONSupport's strict reader: a repeated key, a lone surrogate or other text outside RFC 8259 is refused.
        guard case .array(let items)? = try? StrictJSON.parse([UInt8](data)) else {
            throw VectorFileError.notAnArrayOfObjects
        }
        var entries: [[String: StrictJSON]] = []
        for item in items {
            guard case .object(let fields) = item else { throw VectorFileError.notAnArrayOfObjects }
            entries.append(fields)
        }
        guard let first = entries.first else { throw VectorFileError.empty }
        guard let kind = VectorKind.detect(Set(first.keys)) else { throw VectorFileError.unknownKind }
        var report = VectorReport(kind: kind)
        for (index, object) in entries.enumerated() {
            switch check(kind, VectorEntry(object)) {
            case .passed: report.passed += 1
            case .unsupported: report.unsupported += 1
            case .failed(let field):
                report.failed += 1
                if report.firstFailure == nil { report.firstFailure = "entry \(index): \(field)" }
            }
        }
        return report
    }

    static func check(_ kind: VectorKind, _ entry: VectorEntry) -> EntryOutcome {
        do {
            switch kind {
            case .treeMath: try OfficialVerifiers.treeMath(entry)
            case .collision: try CollisionVectors.verify(entry)
            case .pprfTree, .pprfState, .pprfMessageProtection, .pprfReuseGuard, .pprfMessageNegative,
                .pprfStateCompact, .pprfSafeAAD:
                guard try entry.suite() != nil else { return .unsupported(reason: "cipher suite") }
                switch kind {
                case .pprfTree: try PPRFTreeVectors.verify(entry)
                case .pprfState: try PPRFStateVectors.verify(entry)
                case .pprfReuseGuard: try ReuseGuardMessageVectors.verify(entry)
                case .pprfMessageNegative: try NegativeMessageVectors.verify(entry)
                case .pprfStateCompact: try CompactStateVectors.verify(entry)
                case .pprfSafeAAD: try SafeAADVectors.verify(entry)
                default: try PPRFMessageVectors.verify(entry)
                }
            case .deserialization: try OfficialVerifiers.deserialization(entry)
            default:
                guard let suite = try entry.suite() else {
                    return .unsupported(reason: "cipher suite \((try? entry.int("cipher_suite")) ?? 0)")
                }
                switch kind {
                case .cryptoBasics: try OfficialVerifiers.cryptoBasics(entry, suite)
                case .secretTree: try OfficialVerifiers.secretTree(entry, suite)
                case .keySchedule: try OfficialVerifiers.keySchedule(entry, suite)
                case .pskSecret: try OfficialVerifiers.pskSecret(entry, suite)
                case .messageProtection: try OfficialVerifiers.messageProtection(entry, suite)
                case .transcriptHashes: try OfficialVerifiers.transcriptHashes(entry, suite)
                case .treeMath, .deserialization, .collision, .pprfTree, .pprfState, .pprfMessageProtection,
                    .pprfReuseGuard, .pprfMessageNegative, .pprfStateCompact, .pprfSafeAAD:
                    break
                }
            }
            return .passed
        } catch {
            return .failed(field: error.field)
        }
    }
}
