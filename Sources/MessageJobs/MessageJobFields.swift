import JSONSupport
import MLSCore
import MLSCrypto

/// Typed, range-checked access to the fields of a message job's JSON object (README, "Message jobs").
///
/// Every accessor names the field in its error and never echoes a secret: an integer field takes only an
/// integer literal inside its range (no `1.5`, `1e0`, `true`, `"1"`, no wrapping of `-1` or `2^63`), a hex
/// field only a string of an even number of hex digits, a list only an array of such strings.
struct MessageJobFields {
    let object: [String: StrictJSON]

    /// The value of `key`, or nil when absent.
    func raw(_ key: String) -> StrictJSON? { object[key] }

    /// An integer literal in `range`, or nil when the field is absent.
    func integer(_ key: String, in range: ClosedRange<Int64>) throws(MessageJob.JobError) -> Int64? {
        guard let value = object[key] else { return nil }
        let rangeText = "an integer in \(range.lowerBound)...\(range.upperBound)"
        guard case .number(let literal) = value else {
            throw MessageJob.JobError.invalidField(key, reason: "must be \(rangeText), got \(value.kindDescription)")
        }
        // Only `-?digits`: the grammar already excludes leading zeros; a fraction or exponent is refused here,
        // even when it is integral (1.0, 1e0), so that nothing is coerced.
        let digits = literal.hasPrefix("-") ? literal.dropFirst() : literal[...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw MessageJob.JobError.invalidField(key, reason: "must be \(rangeText), got \(value.kindDescription)")
        }
        // Int64(_:) returns nil for anything beyond 64 bits (2^63 and larger): out of range, never a trap.
        guard let number = Int64(literal), range.contains(number) else {
            throw MessageJob.JobError.invalidField(key, reason: "must be \(rangeText), got \(value.kindDescription)")
        }
        return number
    }

    /// A required integer literal in `range`.
    func requiredInteger(_ key: String, in range: ClosedRange<Int64>) throws(MessageJob.JobError) -> Int64 {
        guard let number = try integer(key, in: range) else { throw MessageJob.JobError.missingField(key) }
        return number
    }

    /// A string, or nil when absent.
    func string(_ key: String) throws(MessageJob.JobError) -> String? {
        guard let value = object[key] else { return nil }
        guard case .string(let text) = value else {
            throw MessageJob.JobError.invalidField(key, reason: "must be a string, got \(value.kindDescription)")
        }
        return text
    }

    /// A required string.
    func requiredString(_ key: String) throws(MessageJob.JobError) -> String {
        guard let text = try string(key) else { throw MessageJob.JobError.missingField(key) }
        return text
    }

    /// Hex bytes, or nil when absent.
    func hex(_ key: String) throws(MessageJob.JobError) -> [UInt8]? {
        guard let value = object[key] else { return nil }
        return try Self.hexValue(value, field: key)
    }

    /// Required hex bytes.
    func requiredHex(_ key: String) throws(MessageJob.JobError) -> [UInt8] {
        guard let bytes = try hex(key) else { throw MessageJob.JobError.missingField(key) }
        return bytes
    }

    /// A required secret of exactly `length` bytes; the error gives lengths only.
    func requiredSecret(_ key: String, length: Int, what: String) throws(MessageJob.JobError) -> SecretBytes {
        let bytes = try requiredHex(key)
        guard bytes.count == length else {
            throw MessageJob.JobError.invalidField(key, reason: "must be \(length) bytes (\(what)), got \(bytes.count)")
        }
        return SecretBytes(copying: bytes)
    }

    /// A list of hex strings, or nil when absent.
    func hexList(_ key: String) throws(MessageJob.JobError) -> [[UInt8]]? {
        guard let value = object[key] else { return nil }
        guard case .array(let items) = value else {
            throw MessageJob.JobError.invalidField(
                key, reason: "must be an array of hex strings, got \(value.kindDescription)")
        }
        var out: [[UInt8]] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() { out.append(try Self.hexValue(item, field: "\(key)[\(i)]")) }
        return out
    }

    static func hexValue(_ value: StrictJSON, field: String) throws(MessageJob.JobError) -> [UInt8] {
        guard case .string(let text) = value else {
            throw MessageJob.JobError.invalidField(field, reason: "must be a hex string, got \(value.kindDescription)")
        }
        do { return try Hex.decode(text) } catch {
            throw MessageJob.JobError.invalidField(
                field, reason: "must be hex: an even number of the digits 0-9, a-f, A-F")
        }
    }
}
