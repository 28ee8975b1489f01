import Foundation
import MLSCore
import MLSCrypto

/// The outcome of checking one vector entry.
public enum EntryOutcome: Sendable, Equatable {
    /// Every field agreed.
    case passed
    /// The first field that disagreed, or could not be read.
    case failed(field: String)
    /// The entry needs something this library does not implement (cipher suites 4 and 6).
    case unsupported(reason: String)
}

/// A mismatch or unreadable field, thrown inside a verifier and turned into ``EntryOutcome/failed(field:)``.
struct FieldMismatch: Error {
    let field: String
}

/// One JSON object of a vector file, with typed accessors that name the field on failure.
struct VectorEntry {
    /// The most padding bytes an entry may ask for: 2^16, the limit of `pprf message` jobs too.
    static let maxPadding = 1 << 16

    let object: [String: Any]
    let path: String

    init(_ object: [String: Any], path: String = "") {
        self.object = object
        self.path = path
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func hex(_ key: String) throws(FieldMismatch) -> [UInt8] {
        guard let text = object[key] as? String, let bytes = try? Hex.decode(text) else {
            throw FieldMismatch(field: name(key))
        }
        return bytes
    }

    func secret(_ key: String) throws(FieldMismatch) -> SecretBytes { SecretBytes(copying: try hex(key)) }

    func string(_ key: String) throws(FieldMismatch) -> String {
        guard let text = object[key] as? String else { throw FieldMismatch(field: name(key)) }
        return text
    }

    func int(_ key: String) throws(FieldMismatch) -> UInt64 {
        guard let number = object[key] as? NSNumber, number.int64Value >= 0 || number.uint64Value > 0 else {
            throw FieldMismatch(field: name(key))
        }
        return number.uint64Value
    }

    /// An integer in 0...`max`, as an `Int`: range-checked before the conversion, so that no value in a file
    /// can trap `Int(_:)` or size an allocation.
    func int(_ key: String, max: Int) throws(FieldMismatch) -> Int {
        let value = try int(key)
        guard value <= UInt64(max) else { throw FieldMismatch(field: name(key)) }
        return Int(value)
    }

    func optionalInt(_ key: String) throws(FieldMismatch) -> UInt64? {
        if object[key] is NSNull { return nil }
        return try int(key)
    }

    func child(_ key: String) throws(FieldMismatch) -> VectorEntry {
        guard let inner = object[key] as? [String: Any] else { throw FieldMismatch(field: name(key)) }
        return VectorEntry(inner, path: name(key))
    }

    func children(_ key: String) throws(FieldMismatch) -> [VectorEntry] {
        guard let list = object[key] as? [[String: Any]] else { throw FieldMismatch(field: name(key)) }
        return list.enumerated().map { VectorEntry($1, path: "\(name(key))[\($0)]") }
    }

    func list(_ key: String) throws(FieldMismatch) -> [Any] {
        guard let list = object[key] as? [Any] else { throw FieldMismatch(field: name(key)) }
        return list
    }

    /// Throws a mismatch naming `key` unless `computed` equals the hex field `key`.
    func expect(_ key: String, _ computed: [UInt8]) throws(FieldMismatch) {
        guard try hex(key) == computed else { throw FieldMismatch(field: name(key)) }
    }

    /// Same as ``expect(_:_:)-(String,[UInt8])`` for a secret.
    func expect(_ key: String, _ computed: SecretBytes) throws(FieldMismatch) {
        guard try secret(key) == computed else { throw FieldMismatch(field: name(key)) }
    }

    /// Throws a mismatch naming `field` unless `condition` holds.
    func require(_ condition: Bool, _ field: String) throws(FieldMismatch) {
        guard condition else { throw FieldMismatch(field: name(field)) }
    }

    /// The cipher suite, or `nil` for suites this library does not implement.
    func suite() throws(FieldMismatch) -> CipherSuite? {
        let id = try int("cipher_suite")
        guard let registryValue = UInt16(exactly: id) else { throw FieldMismatch(field: name("cipher_suite")) }
        return try? CipherSuite(id: registryValue)
    }
}

/// Runs a check, mapping any library error to a mismatch of `field`.
func attempt<T>(_ field: String, _ body: () throws -> T) throws(FieldMismatch) -> T {
    do {
        return try body()
    } catch let mismatch as FieldMismatch {
        throw mismatch
    } catch {
        throw FieldMismatch(field: field)
    }
}
