import JSONSupport

/// A `Decoder` over a `StrictJSON` value (JSONSupport), so that a model reads only what the text says: a string
/// field takes only a string, an integer field only an integer literal in the range of its type (checked on the
/// literal, before any conversion), `null` only where the model has an optional. Errors are
/// ``RFC9420VectorError`` values naming the field; keys the model does not know are ignored.
struct VectorDecoder: Decoder {
    let value: StrictJSON
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var field: String { VectorPath.text(codingPath) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let fields) = value else {
            throw RFC9420VectorError.wrongType(field: field, expected: "an object")
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(fields: fields, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else {
            throw RFC9420VectorError.wrongType(field: field, expected: "an array")
        }
        return UnkeyedContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValue(value: value, codingPath: codingPath)
    }

    /// The value as `T`, for the primitive types; `nil` for any other type (decoded through its `init(from:)`).
    static func primitive<T>(_ type: T.Type, _ value: StrictJSON, field: String) throws(RFC9420VectorError) -> T? {
        switch type {
        case is String.Type:
            guard case .string(let s) = value else { throw .wrongType(field: field, expected: "a string") }
            return s as? T
        case is Bool.Type:
            guard case .bool(let b) = value else { throw .wrongType(field: field, expected: "true or false") }
            return b as? T
        case is Double.Type:
            guard case .number(let n) = value, let d = Double(n), d.isFinite else {
                throw .wrongType(field: field, expected: "a finite number")
            }
            return d as? T
        case is Int.Type: return try integer(Int.self, value, field: field) as? T
        case is Int8.Type: return try integer(Int8.self, value, field: field) as? T
        case is Int16.Type: return try integer(Int16.self, value, field: field) as? T
        case is Int32.Type: return try integer(Int32.self, value, field: field) as? T
        case is Int64.Type: return try integer(Int64.self, value, field: field) as? T
        case is UInt.Type: return try integer(UInt.self, value, field: field) as? T
        case is UInt8.Type: return try integer(UInt8.self, value, field: field) as? T
        case is UInt16.Type: return try integer(UInt16.self, value, field: field) as? T
        case is UInt32.Type: return try integer(UInt32.self, value, field: field) as? T
        case is UInt64.Type: return try integer(UInt64.self, value, field: field) as? T
        default: return nil
        }
    }

    /// An integer literal (`-?[0-9]+`, no fraction or exponent) converted by `T(_: String)`, which returns nil
    /// instead of trapping when the literal lies outside `T`.
    static func integer<T: FixedWidthInteger>(_ type: T.Type, _ value: StrictJSON, field: String)
        throws(RFC9420VectorError) -> T
    {
        guard case .number(let literal) = value, !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        else { throw .wrongType(field: field, expected: "an integer") }
        guard let result = T(literal) else { throw .integerOutOfRange(field: field, range: "\(T.min)...\(T.max)") }
        return result
    }

    /// Decodes `T` from `value`: a primitive directly, any other type through its `init(from:)`.
    static func decode<T: Decodable>(_ type: T.Type, _ value: StrictJSON, codingPath: [any CodingKey]) throws -> T {
        if let primitive = try primitive(type, value, field: VectorPath.text(codingPath)) { return primitive }
        return try T(from: VectorDecoder(value: value, codingPath: codingPath))
    }

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let fields: [String: StrictJSON]
        let codingPath: [any CodingKey]

        var allKeys: [Key] { fields.keys.compactMap { Key(stringValue: VectorPath.propertyName($0)) } }

        func path(_ key: Key) -> [any CodingKey] {
            codingPath + [VectorPath.Key(stringValue: VectorPath.fileKey(key.stringValue))]
        }

        func value(_ key: Key) throws -> StrictJSON {
            guard let value = fields[VectorPath.fileKey(key.stringValue)] else {
                throw RFC9420VectorError.missingField(field: VectorPath.text(path(key)))
            }
            return value
        }

        func contains(_ key: Key) -> Bool { fields[VectorPath.fileKey(key.stringValue)] != nil }

        func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try VectorDecoder.decode(type, try value(key), codingPath: path(key))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try VectorDecoder(value: try value(key), codingPath: path(key)).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try VectorDecoder(value: try value(key), codingPath: path(key)).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            VectorDecoder(value: .object(fields), codingPath: codingPath)
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            VectorDecoder(value: try value(key), codingPath: path(key))
        }
    }

    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let items: [StrictJSON]
        let codingPath: [any CodingKey]
        var currentIndex = 0

        init(items: [StrictJSON], codingPath: [any CodingKey]) {
            self.items = items
            self.codingPath = codingPath
        }

        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }
        var path: [any CodingKey] { codingPath + [VectorPath.Key(intValue: currentIndex)] }

        func current() throws -> StrictJSON {
            guard !isAtEnd else { throw RFC9420VectorError.missingField(field: VectorPath.text(path)) }
            return items[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            guard try current() == .null else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let decoded = try VectorDecoder.decode(type, try current(), codingPath: path)
            currentIndex += 1
            return decoded
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            let container = try VectorDecoder(value: try current(), codingPath: path).container(keyedBy: type)
            currentIndex += 1
            return container
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let container = try VectorDecoder(value: try current(), codingPath: path).unkeyedContainer()
            currentIndex += 1
            return container
        }

        mutating func superDecoder() throws -> any Decoder {
            let decoder = VectorDecoder(value: try current(), codingPath: path)
            currentIndex += 1
            return decoder
        }
    }

    struct SingleValue: SingleValueDecodingContainer {
        let value: StrictJSON
        let codingPath: [any CodingKey]

        func decodeNil() -> Bool { value == .null }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try VectorDecoder.decode(type, value, codingPath: codingPath)
        }
    }
}
