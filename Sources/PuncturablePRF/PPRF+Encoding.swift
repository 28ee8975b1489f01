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
                let bytes = Array(prefix[0..<Challenge.byteCount(bits: length)])
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

    /// The largest body a `<V>` vector can carry, 2^30 - 1 bytes (RFC 9420 section 2.1.2): the limit of the
    /// canonical encoding's `nodes<V>`.
    public static let maxEncodedBodyBytes = (1 << 30) - 1

    /// The canonical encoding (SPEC section 3). It contains the state's secrets, so it is returned as
    /// `SecretBytes` and written straight from the arena into that buffer by a `SecretWriter`
    /// (its size is computed first): no intermediate array ever holds a node secret. Throws
    /// ``PPRFError/encodingTooLarge(bytes:limit:)`` when the nodes need more than ``maxEncodedBodyBytes``
    /// (possible once ``maxStoredNodes`` exceeds about 2^24).
    public func encoded() throws(PPRFError) -> SecretBytes {
        let body = encodedBodyByteCount
        guard body <= encodedBodyByteLimit else {
            throw PPRFError.encodingTooLarge(bytes: body, limit: encodedBodyByteLimit)
        }
        let nh = nodeSize
        return SecretBytes(count: TLSWriter.varintSize(body) + body) { out in
            var writer = SecretWriter(out)
            writer.writeVarint(body)
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { prefix in
                prefix.initialize(repeating: 0)
                func walk(_ link: UInt32, _ length: Int) {
                    if link == 0 { return }
                    if link & 1 == 1 {
                        let prefixBytes = Challenge.byteCount(bits: length)
                        writer.write(UInt16(length))
                        writer.writeVarint(prefixBytes)
                        writer.write(
                            UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: prefix[0..<prefixBytes])))
                        writer.writeVarint(nh)
                        writer.write(UnsafeRawBufferPointer(arena.bytes(link >> 1)))
                        return
                    }
                    let node = Int(link >> 1)
                    let mask = UInt8(0x80) >> UInt8(length % 8)
                    walk(links[node * 2], length + 1)
                    prefix[length / 8] |= mask
                    walk(links[node * 2 + 1], length + 1)
                    prefix[length / 8] &= ~mask
                }
                walk(rootLink, 0)
            }
            assert(writer.isFull, "the computed encoding size is exact")
        }
    }

    /// The length of the canonical encoding, computed without building it (for a state too large to encode,
    /// the length it would have with a 4-byte prefix).
    public var encodedByteCount: Int {
        let body = encodedBodyByteCount
        return TLSWriter.varintSize(body) + body
    }

    /// The length of the encoding's `nodes<V>` body.
    var encodedBodyByteCount: Int {
        let nh = nodeSize
        var body = 0
        var stack: [(UInt32, Int)] = [(rootLink, 0)]
        while let (link, length) = stack.popLast() {
            if link == 0 { continue }
            if link & 1 == 1 {
                let prefixBytes = Challenge.byteCount(bits: length)
                body += 2 + TLSWriter.varintSize(prefixBytes) + prefixBytes + TLSWriter.varintSize(nh) + nh
            } else {
                let node = Int(link >> 1)
                stack.append((links[node * 2], length + 1))
                stack.append((links[node * 2 + 1], length + 1))
            }
        }
        return body
    }

    /// Decodes a canonical state (SPEC section 3). Nothing is built until every node was read and validated,
    /// so a bad encoding never yields a partial state. The input is read in place by a `SecretReader` and
    /// each secret is copied once, into the arena: no array holds a node secret. Beyond the encoding's own
    /// rules, the state must fit ``maxStoredNodes`` (``PPRFError/tooManyNodes(limit:)``) and its trie
    /// ``PPRF/maxInnerNodes`` (``PPRFError/tooManyInnerNodes(limit:)``).
    ///
    /// The encoding does not carry b or the profile: `parameters` says what the state was made with.
    public convenience init(
        encoded: SecretBytes, suite: CipherSuite, parameters: PPRFParameters, maxStoredNodes: Int = PPRF.storedNodeLimit
    ) throws(PPRFError) {
        try self.init(suite: suite, parameters: parameters, maxStoredNodes: maxStoredNodes)
        try encoded.withUnsafeBytes { (bytes) throws(PPRFError) in try decode(bytes) }
    }

    /// One node as read: its prefix length and where its prefix and secret are in the input.
    private struct RawNode {
        let length: Int
        let prefix: Range<Int>
        let secret: Range<Int>
    }

    private func decode(_ bytes: UnsafeRawBufferPointer) throws(PPRFError) {
        var raw: [RawNode] = []
        do {
            var reader = SecretReader(bytes, range: 0..<bytes.count)
            var inner = SecretReader(bytes, range: try reader.readOpaque())
            while inner.remaining > 0 {
                let length = Int(try inner.readUInt16())
                raw.append(RawNode(length: length, prefix: try inner.readOpaque(), secret: try inner.readOpaque()))
            }
            try reader.finish()
        } catch {
            throw PPRFError.codec(error)
        }
        guard raw.count <= maxStoredNodes else { throw PPRFError.tooManyNodes(limit: maxStoredNodes) }
        // The trie's inner nodes are the distinct proper prefixes: in sorted prefix-free order, node i adds
        // those longer than its common prefix with node i - 1.
        var innerNodes = 0
        for (index, node) in raw.enumerated() {
            let length = node.length
            guard length <= challengeBits else {
                throw PPRFError.prefixLongerThanChallenge(index: index, length: length, challengeBits: challengeBits)
            }
            let expected = Challenge.byteCount(bits: length)
            guard node.prefix.count == expected else {
                throw PPRFError.wrongPrefixByteCount(index: index, expected: expected, actual: node.prefix.count)
            }
            if length % 8 != 0, bytes[node.prefix.upperBound - 1] & (UInt8(0xFF) >> UInt8(length % 8)) != 0 {
                throw PPRFError.prefixPaddingBitsSet(index: index)
            }
            guard node.secret.count == nodeSize else {
                throw PPRFError.wrongSecretLength(index: index, expected: nodeSize, actual: node.secret.count)
            }
            if index > 0 {
                let previous = raw[index - 1]
                let (order, common) = Self.compare(
                    UnsafeRawBufferPointer(rebasing: bytes[previous.prefix]), previous.length,
                    UnsafeRawBufferPointer(rebasing: bytes[node.prefix]), length)
                switch order {
                case .prefix: throw PPRFError.overlappingNodes(index: index)
                case .after: throw PPRFError.unsortedNodes(index: index)
                case .before: innerNodes += length - 1 - common
                }
            } else {
                innerNodes += length
            }
        }
        guard innerNodes <= maxInnerNodes else { throw PPRFError.tooManyInnerNodes(limit: maxInnerNodes) }
        storage.pointee.links.reserveCapacity(2 * (innerNodes + 1))
        for node in raw {
            insert(
                prefix: UnsafeRawBufferPointer(rebasing: bytes[node.prefix]), length: node.length,
                secret: UnsafeRawBufferPointer(rebasing: bytes[node.secret]))
        }
        storedNodeCount = raw.count
    }

    enum Order { case before, after, prefix }

    /// Compares bit strings: `.prefix` when one is a prefix of the other (or equal), else their order; and the
    /// length of their common prefix.
    static func compare(
        _ a: UnsafeRawBufferPointer, _ aLength: Int, _ b: UnsafeRawBufferPointer, _ bLength: Int
    ) -> (Order, Int) {
        for i in 0..<min(aLength, bLength) {
            let bitA = (a[i >> 3] >> (7 - UInt8(i & 7))) & 1
            let bitB = (b[i >> 3] >> (7 - UInt8(i & 7))) & 1
            if bitA != bitB { return (bitA < bitB ? .before : .after, i) }
        }
        return (.prefix, min(aLength, bLength))
    }

    /// Inserts a validated node into the trie (inputs are prefix-free, so the path never meets a secret).
    private func insert(prefix: UnsafeRawBufferPointer, length: Int, secret: UnsafeRawBufferPointer) {
        var location = LinkLocation(node: 0, side: 0)
        for i in 0..<length {
            var current = link(at: location)
            if current == 0 {
                current = Self.innerLink(allocateInnerNode())
                setLink(current, at: location)
            }
            location = LinkLocation(node: current >> 1, side: Int(prefix[i >> 3] >> (7 - UInt8(i & 7))) & 1)
        }
        let slot = arena.allocate(copying: secret)
        setLink(Self.secretLink(slot), at: location)
    }

    /// An independent deep copy (for example for another emulator client): the trie is rebuilt node by node
    /// and every secret is copied from this arena's slot straight into the copy's, through no other buffer.
    /// The copy has its own identity, so a ``PreparedPuncture`` of one never commits on the other.
    public func copy() -> PPRF {
        // The parameters were validated when this instance was made.
        let clone = try! PPRF(suite: suite, parameters: parameters, maxStoredNodes: maxStoredNodes)
        clone.storage.pointee.links.reserveCapacity(2 * (innerNodeCount + 1))
        func copyLink(_ link: UInt32) -> UInt32 {
            if link == 0 { return 0 }
            if link & 1 == 1 {
                return Self.secretLink(clone.arena.allocate(copying: UnsafeRawBufferPointer(arena.bytes(link >> 1))))
            }
            let node = Int(link >> 1)
            let left = copyLink(links[node * 2])
            let right = copyLink(links[node * 2 + 1])
            let copied = clone.allocateInnerNode()
            clone.storage.pointee.links[Int(copied) * 2] = left
            clone.storage.pointee.links[Int(copied) * 2 + 1] = right
            return Self.innerLink(copied)
        }
        clone.rootLink = copyLink(rootLink)
        clone.storedNodeCount = storedNodeCount
        return clone
    }
}
