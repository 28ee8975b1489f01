import MLSCore
import MLSCrypto

/// The compact state encoding (ours, not the draft's; SPEC section 3.2, appendix B.2):
///
/// ```
/// struct {
///     opaque punctured<V>;      // k x ceil(b/8) bytes: the punctured challenges, strictly increasing
///     opaque node_secrets<V>;   // E(S) x node size: the stored secrets in canonical (left-first) order
/// } PPRFCompactState;
/// ```
///
/// The prefixes are derived from the sorted punctured set S instead of being sent: the stored nodes are the
/// children, off every punctured path, of the nodes on the punctured paths (the root alone when S is empty).
/// About 40% smaller than the canonical encoding at b = 256, 22% at b = 64 (Analysis/cutting-the-state.md).
extension PPRF {
    /// The compact encoding (SPEC section 3.2), written straight from the arena into the returned `SecretBytes`
    /// (its size is computed first), like ``encoded()``. Throws ``PPRFError/compactUnrepresentable(depth:)`` for
    /// a state that puncturing never produces (two sibling nodes stored, possible only after decoding a
    /// hand-made canonical state) and ``PPRFError/encodingTooLarge(bytes:limit:)`` when either vector would
    /// exceed 2^30 - 1 bytes (for example a decoded state whose punctured region spans 2^40 challenges).
    public func compactEncoded() throws(PPRFError) -> SecretBytes {
        let (listBytes, secretBytes) = try compactVectorSizes()
        let c = parameters.challengeBytes
        let total = TLSWriter.varintSize(listBytes) + listBytes + TLSWriter.varintSize(secretBytes) + secretBytes
        return SecretBytes(count: total) { out in
            var writer = SecretWriter(out)
            writer.writeVarint(listBytes)
            // The prefix of the current link, bits beyond its length zero: public bits, never a secret.
            var prefix = [UInt8](repeating: 0, count: c)
            var point = [UInt8](repeating: 0, count: c)
            func writePunctured(_ link: UInt32, _ length: Int) {
                if link & 1 == 1 { return }
                if link == 0 {
                    // Every challenge below an empty link is punctured: 2^(b - length) of them, in order (the
                    // size check bounded their number).
                    let free = challengeBits - length
                    for j in 0..<(1 << free) {
                        for i in 0..<c { point[i] = prefix[i] }
                        for t in 0..<free where (j >> (free - 1 - t)) & 1 == 1 {
                            point[(length + t) >> 3] |= UInt8(0x80) >> UInt8((length + t) & 7)
                        }
                        point.withUnsafeBytes { writer.write($0) }
                    }
                    return
                }
                let node = Int(link >> 1)
                let mask = UInt8(0x80) >> UInt8(length % 8)
                writePunctured(links[node * 2], length + 1)
                prefix[length / 8] |= mask
                writePunctured(links[node * 2 + 1], length + 1)
                prefix[length / 8] &= ~mask
            }
            if listBytes > 0 { writePunctured(rootLink, 0) }
            writer.writeVarint(secretBytes)
            func writeSecrets(_ link: UInt32) {
                if link == 0 { return }
                if link & 1 == 1 {
                    writer.write(UnsafeRawBufferPointer(arena.bytes(link >> 1)))
                    return
                }
                writeSecrets(links[Int(link >> 1) * 2])
                writeSecrets(links[Int(link >> 1) * 2 + 1])
            }
            writeSecrets(rootLink)
            assert(writer.isFull, "the computed compact encoding size is exact")
        }
    }

    /// The length of the compact encoding, computed without building it; throws as ``compactEncoded()``
    /// does.
    public func compactEncodedByteCount() throws(PPRFError) -> Int {
        let (listBytes, secretBytes) = try compactVectorSizes()
        return TLSWriter.varintSize(listBytes) + listBytes + TLSWriter.varintSize(secretBytes) + secretBytes
    }

    /// The byte lengths of `punctured` and `node_secrets`, after checking that the state has the compact form
    /// (no inner node with two secret children) and that both vectors fit their `<V>` limit.
    private func compactVectorSizes() throws(PPRFError) -> (Int, Int) {
        // Saturates far above any limit, so that the sum of 2^(b - d) over empty links cannot overflow.
        let saturation = 1 << 50
        var punctured = 0
        func walk(_ link: UInt32, _ length: Int) throws(PPRFError) {
            if link & 1 == 1 { return }
            if link == 0 {
                let free = challengeBits - length
                punctured = free >= 50 ? saturation : min(punctured + (1 << free), saturation)
                return
            }
            let node = Int(link >> 1)
            let left = links[node * 2]
            let right = links[node * 2 + 1]
            if left & 1 == 1, right & 1 == 1 { throw PPRFError.compactUnrepresentable(depth: length) }
            try walk(left, length + 1)
            try walk(right, length + 1)
        }
        try walk(rootLink, 0)
        let listBytes = punctured * parameters.challengeBytes
        let secretBytes = storedNodeCount * nodeSize
        for bytes in [listBytes, secretBytes] where bytes > encodedBodyByteLimit {
            throw PPRFError.encodingTooLarge(bytes: bytes, limit: encodedBodyByteLimit)
        }
        return (listBytes, secretBytes)
    }

    /// Decodes a compact state (SPEC section 3.2). Every check runs on the input in place before anything is
    /// allocated: the two vectors and nothing after them (``PPRFError/codec(_:)``), the list's length
    /// (``PPRFError/compactPuncturedLength(bytes:challengeBytes:)``), each challenge's unused bits
    /// (``PPRFError/compactPaddingBitsSet(index:)``), strict order (``PPRFError/compactPuncturedNotIncreasing(index:)``),
    /// the derived state against ``maxStoredNodes`` and ``maxInnerNodes`` (counted with an early stop, so a
    /// hostile list costs O((E + k) log k) at most), and the secrets' length
    /// (``PPRFError/compactSecretsLength(expected:actual:)``). Then each secret is copied once, into the arena.
    /// The result equals, node for node, the state that puncturing the challenges produces.
    public convenience init(
        compactEncoded: SecretBytes, suite: CipherSuite, parameters: PPRFParameters,
        maxStoredNodes: Int = PPRF.storedNodeLimit
    ) throws(PPRFError) {
        try self.init(suite: suite, parameters: parameters, maxStoredNodes: maxStoredNodes)
        try compactEncoded.withUnsafeBytes { (bytes) throws(PPRFError) in try decodeCompact(bytes) }
    }

    private func decodeCompact(_ bytes: UnsafeRawBufferPointer) throws(PPRFError) {
        let list: Range<Int>
        let secrets: Range<Int>
        do {
            var reader = SecretReader(bytes, range: 0..<bytes.count)
            list = try reader.readOpaque()
            secrets = try reader.readOpaque()
            try reader.finish()
        } catch {
            throw PPRFError.codec(error)
        }
        let points = CompactPoints(bytes: bytes, list: list, depth: challengeBits)
        try points.validate()
        let (stored, inner) = try points.countDerived(maxStored: maxStoredNodes, maxInner: maxInnerNodes)
        guard secrets.count == stored * nodeSize else {
            throw PPRFError.compactSecretsLength(expected: stored * nodeSize, actual: secrets.count)
        }
        storage.pointee.links.reserveCapacity(2 * (inner + 1))
        var next = secrets.lowerBound
        let size = nodeSize
        // Builds the subtree of the points lo..<hi, which share their first d bits; returns its link. Left before
        // right, so the secrets are consumed in canonical order; children before their inner node.
        func build(_ lo: Int, _ hi: Int, _ d: Int) -> UInt32 {
            if lo == hi {
                let slot = arena.allocate(copying: UnsafeRawBufferPointer(rebasing: bytes[next..<(next + size)]))
                next += size
                return Self.secretLink(slot)
            }
            if d == challengeBits { return 0 }
            let m = points.split(lo, hi, d)
            let left = build(lo, m, d + 1)
            let right = build(m, hi, d + 1)
            if left == 0, right == 0 { return 0 }
            let node = Int(allocateInnerNode())
            storage.pointee.links[node * 2] = left
            storage.pointee.links[node * 2 + 1] = right
            return Self.innerLink(UInt32(node))
        }
        rootLink = build(0, points.count, 0)
        storedNodeCount = stored
    }
}

/// The punctured list of a compact encoding, read in place: k challenges of c bytes each.
private struct CompactPoints {
    let bytes: UnsafeRawBufferPointer
    let list: Range<Int>
    let depth: Int
    let c: Int

    init(bytes: UnsafeRawBufferPointer, list: Range<Int>, depth: Int) {
        self.bytes = bytes
        self.list = list
        self.depth = depth
        self.c = (depth + 7) / 8
    }

    var count: Int { list.count / c }

    /// Bit d of point i.
    @inline(__always) func bit(_ i: Int, _ d: Int) -> Int {
        Int(bytes[list.lowerBound + i * c + (d >> 3)] >> (7 - UInt8(d & 7))) & 1
    }

    /// Checks the list's length, every point's unused bits and strict order (byte order equals bit order
    /// once the unused bits are zero).
    func validate() throws(PPRFError) {
        guard list.count % c == 0 else {
            throw PPRFError.compactPuncturedLength(bytes: list.count, challengeBytes: c)
        }
        let unusedMask = UInt8((1 << (c * 8 - depth)) - 1)
        for i in 0..<count {
            let start = list.lowerBound + i * c
            guard bytes[start + c - 1] & unusedMask == 0 else { throw PPRFError.compactPaddingBitsSet(index: i) }
            guard i > 0 else { continue }
            var order = 0
            for j in 0..<c where order == 0 {
                let previous = bytes[start - c + j]
                let current = bytes[start + j]
                if previous != current { order = previous < current ? 1 : -1 }
            }
            guard order == 1 else { throw PPRFError.compactPuncturedNotIncreasing(index: i) }
        }
    }

    /// The first point in lo..<hi (which share their first d bits, sorted) whose bit d is 1, or hi.
    func split(_ lo: Int, _ hi: Int, _ d: Int) -> Int {
        var low = lo
        var high = hi
        while low < high {
            let mid = low + (high - low) / 2
            if bit(mid, d) == 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The derived state's stored nodes and trie inner nodes (the proper prefixes of stored nodes), stopping
    /// with ``PPRFError/tooManyNodes(limit:)`` or ``PPRFError/tooManyInnerNodes(limit:)`` as soon as a count
    /// passes its limit. Recursion depth is at most b + 1; a single point below depth d adds b - d of each.
    func countDerived(maxStored: Int, maxInner: Int) throws(PPRFError) -> (stored: Int, inner: Int) {
        var stored = 0
        var inner = 0
        func add(stored s: Int, inner i: Int) throws(PPRFError) {
            stored += s
            inner += i
            guard stored <= maxStored else { throw PPRFError.tooManyNodes(limit: maxStored) }
            guard inner <= maxInner else { throw PPRFError.tooManyInnerNodes(limit: maxInner) }
        }
        // Returns whether the subtree holds a stored node (then its root is an inner node of the trie).
        func walk(_ lo: Int, _ hi: Int, _ d: Int) throws(PPRFError) -> Bool {
            if lo == hi {
                try add(stored: 1, inner: 0)
                return true
            }
            if d == depth { return false }
            if hi - lo == 1 {
                try add(stored: depth - d, inner: depth - d)
                return true
            }
            let m = split(lo, hi, d)
            let left = try walk(lo, m, d + 1)
            let right = try walk(m, hi, d + 1)
            guard left || right else { return false }
            try add(stored: 0, inner: 1)
            return true
        }
        _ = try walk(0, count, 0)
        return (stored, inner)
    }
}
