import JSONSupport

/// An `Encoder` that builds a `JSONValue` (JSONSupport), the package's one JSON writer: object keys keep the
/// order in which the model encodes them (declaration order for synthesized conformances) and are written
/// snake_case, so that a model renders to the same bytes as the files we commit. A number that is not finite
/// throws ``RFC9420VectorError/nonFiniteNumber(field:)`` rather than becoming `null`.
final class VectorEncoder: Encoder {
    /// What has been encoded at one place of the document.
    final class Node {
        enum Content {
            case empty
            case value(JSONValue)
            case object([(String, Node)])
            case array([Node])
        }

        var content = Content.empty

        /// The JSON value; an untouched node (a model that encoded nothing) is an empty object.
        var json: JSONValue {
            switch content {
            case .empty: .object([])
            case .value(let v): v
            case .object(let fields): .object(fields.map { ($0.0, $0.1.json) })
            case .array(let items): .array(items.map(\.json))
            }
        }

        /// Adds `key` to an object (in place: the array is taken out of `content` first, so it is not copied).
        func append(_ key: String, _ node: Node) {
            guard case .object(var fields) = content else {
                content = .object([(key, node)])
                return
            }
            content = .empty
            fields.append((key, node))
            content = .object(fields)
        }

        /// Adds an element to an array, in place.
        func append(_ node: Node) {
            guard case .array(var items) = content else {
                content = .array([node])
                return
            }
            content = .empty
            items.append(node)
            content = .array(items)
        }
    }

    let node: Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: Node, codingPath: [any CodingKey]) {
        self.node = node
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValue(node: node, codingPath: codingPath)
    }

    /// `value` into `node`: primitives as JSON scalars, anything else through its `encode(to:)`.
    static func encode<T: Encodable>(_ value: T, into node: Node, codingPath: [any CodingKey]) throws {
        let field = VectorPath.text(codingPath)
        switch value {
        case let s as String: node.content = .value(.string(s))
        case let b as Bool: node.content = .value(.bool(b))
        case let d as Double:
            guard d.isFinite else { throw RFC9420VectorError.nonFiniteNumber(field: field) }
            node.content = .value(.double(d))
        case let f as Float:
            guard f.isFinite else { throw RFC9420VectorError.nonFiniteNumber(field: field) }
            node.content = .value(.double(Double(f)))
        case let i as any SignedInteger & FixedWidthInteger: node.content = .value(.int(Int64(i)))
        case let u as any UnsignedInteger & FixedWidthInteger: node.content = .value(.uint(UInt64(u)))
        default: try value.encode(to: VectorEncoder(node: node, codingPath: codingPath))
        }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let codingPath: [any CodingKey]

        func child(_ key: Key) -> (Node, [any CodingKey]) {
            let name = VectorPath.fileKey(key.stringValue)
            let child = Node()
            node.append(name, child)
            return (child, codingPath + [VectorPath.Key(stringValue: name)])
        }

        mutating func encodeNil(forKey key: Key) throws { child(key).0.content = .value(.null) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            let (child, path) = child(key)
            try VectorEncoder.encode(value, into: child, codingPath: path)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            let (child, path) = child(key)
            return VectorEncoder(node: child, codingPath: path).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let (child, path) = child(key)
            return VectorEncoder(node: child, codingPath: path).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { VectorEncoder(node: node, codingPath: codingPath) }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            let (child, path) = child(key)
            return VectorEncoder(node: child, codingPath: path)
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]
        var count: Int {
            if case .array(let items) = node.content { return items.count }
            return 0
        }

        func child() -> (Node, [any CodingKey]) {
            let index = count
            let child = Node()
            node.append(child)
            return (child, codingPath + [VectorPath.Key(intValue: index)])
        }

        mutating func encodeNil() throws { child().0.content = .value(.null) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            let (child, path) = child()
            try VectorEncoder.encode(value, into: child, codingPath: path)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
            -> KeyedEncodingContainer<NestedKey>
        {
            let (child, path) = child()
            return VectorEncoder(node: child, codingPath: path).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let (child, path) = child()
            return VectorEncoder(node: child, codingPath: path).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            let (child, path) = child()
            return VectorEncoder(node: child, codingPath: path)
        }
    }

    struct SingleValue: SingleValueEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.content = .value(.null) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try VectorEncoder.encode(value, into: node, codingPath: codingPath)
        }
    }
}
