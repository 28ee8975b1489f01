import Foundation
import MLSCore
import MLSCrypto
import RFC9420Vectors

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

/// One JSON object of a vector file, read by JSONSupport's strict reader (`StrictJSON`: repeated keys, lone
/// surrogates, invalid UTF-8 and anything outside RFC 8259 refuse the whole file), with typed accessors that
/// name the field on failure. An integer field takes only an integer literal, range-checked on the literal
/// before any conversion (`true`, `1.5` and `1e0` are not integers).
struct VectorEntry {
    /// The most padding bytes an entry may ask for: 2^16, the limit of `pprf message` jobs too.
    static let maxPadding = 1 << 16

    let fields: [String: StrictJSON]
    let path: String

    init(_ fields: [String: StrictJSON], path: String = "") {
        self.fields = fields
        self.path = path
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The entry as its official RFC 9420 model (`RFC9420Vectors`); a field the model cannot read is the
    /// mismatch, named by its path in this entry.
    func model<T: Decodable>(_ type: T.Type) throws(FieldMismatch) -> T {
        do {
            return try VectorJSON.decode(type, from: .object(fields))
        } catch {
            throw FieldMismatch(field: error.field == "$" ? (path.isEmpty ? "$" : path) : name(error.field))
        }
    }

    func hex(_ key: String) throws(FieldMismatch) -> [UInt8] {
        guard case .string(let text)? = fields[key], let bytes = try? Hex.decode(text) else {
            throw FieldMismatch(field: name(key))
        }
        return bytes
    }

    func secret(_ key: String) throws(FieldMismatch) -> SecretBytes { SecretBytes(copying: try hex(key)) }

    func string(_ key: String) throws(FieldMismatch) -> String {
        guard case .string(let text)? = fields[key] else { throw FieldMismatch(field: name(key)) }
        return text
    }

    /// A non-negative integer literal that fits 64 bits (`UInt64(_: String)` refuses signs, fractions,
    /// exponents and overflow instead of trapping).
    func int(_ key: String) throws(FieldMismatch) -> UInt64 {
        guard case .number(let literal)? = fields[key], let value = UInt64(literal) else {
            throw FieldMismatch(field: name(key))
        }
        return value
    }

    /// An integer in 0...`max`, as an `Int`: range-checked before the conversion, so that no value in a file
    /// can trap `Int(_:)` or size an allocation.
    func int(_ key: String, max: Int) throws(FieldMismatch) -> Int {
        let value = try int(key)
        guard value <= UInt64(max) else { throw FieldMismatch(field: name(key)) }
        return Int(value)
    }

    func optionalInt(_ key: String) throws(FieldMismatch) -> UInt64? {
        if fields[key] == .null { return nil }
        return try int(key)
    }

    func child(_ key: String) throws(FieldMismatch) -> VectorEntry {
        guard case .object(let inner)? = fields[key] else { throw FieldMismatch(field: name(key)) }
        return VectorEntry(inner, path: name(key))
    }

    func children(_ key: String) throws(FieldMismatch) -> [VectorEntry] {
        guard case .array(let items)? = fields[key] else { throw FieldMismatch(field: name(key)) }
        var entries: [VectorEntry] = []
        for (i, item) in items.enumerated() {
            guard case .object(let inner) = item else { throw FieldMismatch(field: "\(name(key))[\(i)]") }
            entries.append(VectorEntry(inner, path: "\(name(key))[\(i)]"))
        }
        return entries
    }

    /// The array `key`, its elements as ``UntypedFields`` gives them (strings are `String`).
    func list(_ key: String) throws(FieldMismatch) -> [Any] {
        guard case .array(let items)? = fields[key] else { throw FieldMismatch(field: name(key)) }
        return items.map(UntypedFields.foundationValue)
    }

    /// The fields as Foundation values (`NSNull`, `NSNumber`, `String`, arrays, dictionaries), for the checks
    /// of our own kinds that test `is NSNull` or `as? NSNumber`; the document was read strictly all the same.
    var object: UntypedFields { UntypedFields(fields: fields) }

    /// A read-only view of an entry's fields as Foundation values, converted on access.
    struct UntypedFields {
        let fields: [String: StrictJSON]

        /// The field `key`, or nil when absent.
        subscript(key: String) -> Any? { fields[key].map(Self.foundationValue) }

        /// What `JSONSerialization` would have returned for `value`: numbers as `NSNumber` (an integer literal
        /// as an integer when it fits 64 bits, otherwise as a double), `null` as `NSNull`.
        static func foundationValue(_ value: StrictJSON) -> Any {
            switch value {
            case .null: return NSNull()
            case .bool(let b): return NSNumber(value: b)
            case .number(let literal):
                if let i = Int64(literal) { return NSNumber(value: i) }
                if let u = UInt64(literal) { return NSNumber(value: u) }
                return NSNumber(value: Double(literal) ?? .nan)  // never nil: StrictJSON checked the grammar
            case .string(let s): return s
            case .array(let items): return items.map(foundationValue)
            case .object(let inner): return inner.mapValues(foundationValue)
            }
        }
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
