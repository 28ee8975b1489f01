import MLSCore
import MLSCrypto

/// One stored node of a PPRF state: a bit prefix and its secret.
public struct StoredNode: Sendable, Equatable {
    /// The number of prefix bits (0 = the root).
    public let prefixLength: Int
    /// ceil(prefixLength/8) bytes, bits most significant first, unused low bits zero.
    public let prefix: [UInt8]
    /// The node's KDF.Nh-byte secret.
    public let secret: SecretBytes
}

/// The canonical state encoding (this package's specification, the -01 draft's format with a 16-bit length):
///
/// ```
/// struct { uint16 prefix_length; opaque prefix<V>; opaque node_secret<V>; } PPRFNode;
/// struct { PPRFNode nodes<V>; } PPRFState;
/// ```
///
/// Nodes are prefix-free and sorted by their bit strings (a prefix sorts before its extensions), so the
/// encoding depends only on the set of punctured inputs, not on the order of puncturing.
extension PPRF {
    /// The stored nodes in canonical order (a left-first walk of the trie).
    public func storedNodes() -> [StoredNode] {
        var nodes: [StoredNode] = []
        nodes.reserveCapacity(storedNodeCount)
        var prefix = [UInt8](repeating: 0, count: 32)
        func walk(_ link: UInt32, _ length: Int) {
            if link == 0 { return }
            if link & 1 == 1 {
                let bytes = Array(prefix[0..<((length + 7) / 8)])
                let secret = SecretBytes(copying: UnsafeRawBufferPointer(arena.bytes(link >> 1)))
                nodes.append(StoredNode(prefixLength: length, prefix: bytes, secret: secret))
                return
            }
            let node = Int(link >> 1)
            let byte = length / 8
            let mask = UInt8(0x80) >> UInt8(length % 8)
            prefix[byte] &= ~mask
            walk(links[node * 2], length + 1)
            prefix[byte] |= mask
            walk(links[node * 2 + 1], length + 1)
            prefix[byte] &= ~mask
        }
        walk(rootLink, 0)
        return nodes
    }

    /// The canonical encoding. It contains the state's secrets, so it is returned as `SecretBytes` (MLSCrypto).
    public func encoded() -> SecretBytes {
        var writer = TLSWriter()
        writer.writeVector { w in
            for node in storedNodes() {
                w.write(UInt16(node.prefixLength))
                w.writeOpaque(node.prefix)
                node.secret.withUnsafeBytes { w.writeOpaque(Array($0)) }
            }
        }
        let bytes = writer.bytes
        return SecretBytes(copying: bytes)
    }

    /// The length of the canonical encoding, computed without building it.
    public var encodedByteCount: Int {
        func varint(_ n: Int) -> Int { n < 64 ? 1 : (n < 16384 ? 2 : 4) }
        var body = 0
        var stack: [(UInt32, Int)] = [(rootLink, 0)]
        while let (link, length) = stack.popLast() {
            if link == 0 { continue }
            if link & 1 == 1 {
                let prefixBytes = (length + 7) / 8
                body += 2 + varint(prefixBytes) + prefixBytes + varint(suite.nh) + suite.nh
            } else {
                let node = Int(link >> 1)
                stack.append((links[node * 2], length + 1))
                stack.append((links[node * 2 + 1], length + 1))
            }
        }
        return varint(body) + body
    }

    /// Decodes a canonical state. Nothing is built until every node was read and validated, so a bad
    /// encoding never yields a partial state.
    public convenience init(
        suite: CipherSuite, depth: Int, profile: PRGProfile, encoded: SecretBytes,
        maxStoredNodes: Int = PPRF.storedNodeLimit
    ) throws(PPRFError) {
        try self.init(suite: suite, depth: depth, profile: profile, maxStoredNodes: maxStoredNodes)
        let bytes = encoded.withUnsafeBytes { Array($0) }
        var reader = TLSReader(bytes)
        let raw: [(Int, [UInt8], [UInt8])]
        do {
            raw = try reader.readVector { (r: inout TLSReader) throws(CodecError) in
                (Int(try r.readUInt16()), try r.readOpaque(), try r.readOpaque())
            }
            try reader.finish()
        } catch {
            throw PPRFError.codec(error)
        }
        guard raw.count <= maxStoredNodes else { throw PPRFError.tooManyNodes(limit: maxStoredNodes) }
        for (index, (length, prefix, secret)) in raw.enumerated() {
            guard length <= depth else {
                throw PPRFError.prefixLongerThanDepth(index: index, length: length, depth: depth)
            }
            let expected = (length + 7) / 8
            guard prefix.count == expected else {
                throw PPRFError.wrongPrefixByteCount(index: index, expected: expected, actual: prefix.count)
            }
            if length % 8 != 0, prefix[expected - 1] & (UInt8(0xFF) >> UInt8(length % 8)) != 0 {
                throw PPRFError.prefixPaddingBitsSet(index: index)
            }
            guard secret.count == suite.nh else {
                throw PPRFError.wrongSecretLength(index: index, expected: suite.nh, actual: secret.count)
            }
            if index > 0 {
                let (previousLength, previousPrefix, _) = raw[index - 1]
                switch Self.compare(previousPrefix, previousLength, prefix, length) {
                case .prefix: throw PPRFError.overlappingNodes(index: index)
                case .after: throw PPRFError.unsortedNodes(index: index)
                case .before: break
                }
            }
        }
        for (length, prefix, secret) in raw {
            insert(prefix: prefix, length: length, secret: secret)
        }
        storedNodeCount = raw.count
    }

    enum Order { case before, after, prefix }

    /// Compares bit strings: `.prefix` when one is a prefix of the other (or equal), else their order.
    static func compare(_ a: [UInt8], _ aLength: Int, _ b: [UInt8], _ bLength: Int) -> Order {
        for i in 0..<min(aLength, bLength) {
            let bitA = (a[i >> 3] >> (7 - UInt8(i & 7))) & 1
            let bitB = (b[i >> 3] >> (7 - UInt8(i & 7))) & 1
            if bitA != bitB { return bitA < bitB ? .before : .after }
        }
        return .prefix
    }

    /// Inserts a validated node into the trie (inputs are prefix-free, so the path never meets a secret).
    private func insert(prefix: [UInt8], length: Int, secret: [UInt8]) {
        var location = LinkLocation(node: 0, side: 0)
        for i in 0..<length {
            var current = link(at: location)
            if current == 0 {
                current = Self.innerLink(allocateInnerNode())
                setLink(current, at: location)
            }
            location = LinkLocation(node: current >> 1, side: Int(prefix[i >> 3] >> (7 - UInt8(i & 7))) & 1)
        }
        let slot = secret.withUnsafeBytes { arena.allocate(copying: $0) }
        setLink(Self.secretLink(slot), at: location)
    }

    /// An independent deep copy (for example for another emulator client).
    public func copy() -> PPRF {
        let clone = try! PPRF(suite: suite, depth: depth, profile: profile, maxStoredNodes: maxStoredNodes)
        for node in storedNodes() {
            node.secret.withUnsafeBytes {
                clone.insert(prefix: node.prefix, length: node.prefixLength, secret: Array($0))
            }
        }
        clone.storedNodeCount = storedNodeCount
        return clone
    }
}
