import Foundation
import JSONSupport
import MLSCore
import MLSCrypto

/// The vector files' JSON writer: the package's one writer (two-space indentation, ordered keys, final newline:
/// the format of the other files in `Vectors/`).
typealias VectorJSON = JSONValue

/// The labelled deterministic generator of `Vectors/README.md` (the same one as the other files):
/// `value(label, n) = HKDF-Expand(PRK, label, n)` with HMAC-SHA-256 and
/// `PRK = HKDF-Extract(salt = "", IKM = "mls-pprf vectors/" + file name)`.
struct LabelledGenerator {
    let prk: SecretBytes

    init(file: String) throws(WorkingGroupError) {
        prk = try primitive { () throws(CryptoError) in
            try HKDF.extract(
                hash: .sha256, salt: SecretBytes(copying: []),
                ikm: SecretBytes(copying: Array("mls-pprf vectors/\(file)".utf8)))
        }
    }

    func secret(_ label: String, _ count: Int) throws(WorkingGroupError) -> SecretBytes {
        try primitive { () throws(CryptoError) in
            try HKDF.expand(hash: .sha256, prk: prk, info: Array(label.utf8), length: count)
        }
    }

    func bytes(_ label: String, _ count: Int) throws(WorkingGroupError) -> [UInt8] {
        try secret(label, count).exportedForTestVectors()
    }

    /// A value below `limit` (a power of two): the generator's 8 bytes, masked.
    func below(_ label: String, _ limit: UInt64) throws(WorkingGroupError) -> UInt64 {
        try bytes(label, 8).reduce(UInt64(0)) { ($0 << 8) | UInt64($1) } & (limit - 1)
    }
}

/// The result of verifying one of this target's vector files.
public struct WorkingGroupVectorReport: Sendable, Equatable {
    /// `ff1-radix2` or `vc01-reuse-guard`.
    public let kind: String
    /// Entries whose every field agreed.
    public var passed = 0
    /// Entries with a mismatch.
    public var failed = 0
    /// `entry N: field` of the first failing entry.
    public var firstFailure: String?

    /// One line: `kind: N passed, N failed` and the first failure.
    public var summary: String {
        var line = "\(kind): \(passed) passed, \(failed) failed"
        if let firstFailure { line += " (first failure: \(firstFailure))" }
        return line
    }

    mutating func record(entry: Int, _ check: () throws(WorkingGroupError) -> Void) throws(WorkingGroupError) {
        do {
            try check()
            passed += 1
        } catch .vectorMismatch(let field) {
            failed += 1
            if firstFailure == nil { firstFailure = "entry \(entry): \(field)" }
        }
    }
}

/// Strict decoding for verification: `JSONDecoder` refuses booleans, fractions, negative or oversized numbers
/// where an unsigned integer is expected, and missing fields; each becomes
/// ``WorkingGroupError/malformedVector(field:)`` naming the coding path.
enum VectorDecoding {
    static func entries<T: Decodable>(_ type: T.Type, from data: Data) throws(WorkingGroupError) -> [T] {
        let entries: [T]
        do { entries = try JSONDecoder().decode([T].self, from: data) } catch let error as DecodingError {
            throw WorkingGroupError.malformedVector(field: path(of: error))
        } catch {
            throw WorkingGroupError.malformedVector(field: "file")
        }
        guard !entries.isEmpty else { throw WorkingGroupError.malformedVector(field: "file (no entries)") }
        return entries
    }

    static func path(of error: DecodingError) -> String {
        let codingPath: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            codingPath = context.codingPath
        case .keyNotFound(let key, let context): codingPath = context.codingPath + [key]
        @unknown default: codingPath = []
        }
        let rendered = codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        return rendered.isEmpty ? "file" : "entry" + rendered
    }

    /// Lowercase or uppercase hex; anything else is malformed at `field`.
    static func hex(_ text: String, field: String) throws(WorkingGroupError) -> [UInt8] {
        do { return try Hex.decode(text) } catch { throw WorkingGroupError.malformedVector(field: field) }
    }
}

/// An unsigned integer field decoded strictly: a boolean, string, fraction, negative or out-of-range number
/// is a decoding error at the field's own coding path (Foundation reports some of these without a path).
struct VectorUInt<T: FixedWidthInteger & UnsignedInteger & Sendable>: Decodable, Equatable, Sendable {
    let value: T

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let wide = try? container.decode(UInt64.self),
            let narrow = T(exactly: wide)
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not an unsigned integer in range"))
        }
        value = narrow
    }
}

/// Throws ``WorkingGroupError/vectorMismatch(field:)`` naming `field` unless the values agree.
func expectField<T: Equatable>(_ field: String, _ expected: T, _ actual: T) throws(WorkingGroupError) {
    guard expected == actual else { throw WorkingGroupError.vectorMismatch(field: field) }
}
