import MLSCrypto

/// The two ratchets of a leaf in the secret tree (RFC 9420 section 9.1).
public enum RatchetType: String, Sendable, CaseIterable {
    /// For proposals and commits.
    case handshake
    /// For application data.
    case application
}

/// An AEAD key and nonce for one generation of a ratchet (RFC 9420 section 9.1).
public struct KeyAndNonce: Sendable, Equatable {
    /// The generation that produced them.
    public let generation: UInt32
    /// `DeriveTreeSecret(ratchet_secret, "key", generation, AEAD.Nk)`.
    public let key: SecretBytes
    /// `DeriveTreeSecret(ratchet_secret, "nonce", generation, AEAD.Nn)`, before any reuse guard.
    public let nonce: SecretBytes

    /// Bundles a key and nonce.
    public init(generation: UInt32, key: SecretBytes, nonce: SecretBytes) {
        self.generation = generation
        self.key = key
        self.nonce = nonce
    }
}

/// A symmetric hash ratchet (RFC 9420 section 9.1) with its deletion schedule (section 9.2): the secret for
/// generation j is replaced by that of j+1 as soon as j's key and nonce were derived, keys skipped over are
/// retained until used once, and a used key is gone.
struct HashRatchet: Sendable {
    var secret: SecretBytes
    var nextGeneration: UInt32 = 0
    var retained: [UInt32: KeyAndNonce] = [:]

    func keyAndNonce(_ suite: CipherSuite) throws(MLSError) -> KeyAndNonce {
        KeyAndNonce(
            generation: nextGeneration,
            key: try suite.deriveTreeSecret(secret, label: "key", generation: nextGeneration, length: suite.nk),
            nonce: try suite.deriveTreeSecret(secret, label: "nonce", generation: nextGeneration, length: suite.nn))
    }

    mutating func advance(_ suite: CipherSuite, leaf: UInt32) throws(MLSError) {
        guard nextGeneration < UInt32.max else { throw MLSError.generationExhausted(leaf: leaf) }
        secret = try suite.deriveTreeSecret(secret, label: "secret", generation: nextGeneration, length: suite.nh)
        nextGeneration += 1
    }

    /// Returns the key and nonce for `generation` and deletes them.
    mutating func consume(
        _ suite: CipherSuite, leaf: UInt32, generation: UInt32, maxForward: UInt32
    ) throws(MLSError) -> KeyAndNonce {
        if generation < nextGeneration {
            guard let kn = retained.removeValue(forKey: generation) else {
                throw MLSError.keyAlreadyConsumed(leaf: leaf, generation: generation)
            }
            return kn
        }
        guard generation - nextGeneration <= maxForward else {
            throw MLSError.generationTooFarAhead(leaf: leaf, generation: generation, limit: maxForward)
        }
        // Work on a copy so that a failure part-way leaves the ratchet as it was.
        var copy = self
        while copy.nextGeneration < generation {
            copy.retained[copy.nextGeneration] = try copy.keyAndNonce(suite)
            try copy.advance(suite, leaf: leaf)
        }
        let kn = try copy.keyAndNonce(suite)
        try copy.advance(suite, leaf: leaf)
        self = copy
        return kn
    }
}

/// The secret tree of one epoch (RFC 9420 section 9), rooted at the epoch's `encryption_secret`.
///
/// Node secrets are derived on demand top-down with
/// `ExpandWithLabel(parent, "tree", "left" | "right", KDF.Nh)`; a parent is deleted as soon as both children
/// exist, a leaf secret as soon as its two ratchets exist, so compromise of the current state reveals no
/// key that was already used. The tree is a value: callers that must not change it on failure (message
/// unprotection) work on a copy and keep it only on success.
///
/// Keys retained for skipped generations (RFC 9420 section 9.2) are bounded twice: one step may skip at most
/// ``maxForwardDistance`` generations, and the tree holds at most ``maxRetainedKeys`` retained keys over all
/// ratchets; a message that would exceed either fails before anything is derived.
public struct SecretTree: Sendable {
    /// The cipher suite.
    public let suite: CipherSuite
    /// The tree shape.
    public let tree: TreeMath
    /// The largest number of generations a ratchet may skip in one step (retained keys are bounded by it).
    public var maxForwardDistance: UInt32
    /// The largest number of retained (skipped, not yet used) keys the tree holds over all ratchets; a
    /// message that would retain more fails with ``MLSError/tooManyRetainedKeys(limit:)``. The default,
    /// ``defaultMaxRetainedKeys``, keeps retained keys and nonces below about 1 MiB.
    public var maxRetainedKeys: UInt32
    /// The default of ``maxRetainedKeys``: 8192 keys.
    public static let defaultMaxRetainedKeys: UInt32 = 8192
    /// The largest leaf count: node indices are uint32 (RFC 9420 Appendix C), so a tree has at most 2^31 leaves.
    public static let maxLeafCount: UInt32 = 1 << 31
    private var nodes: [UInt32: SecretBytes]
    private var ratchets: [UInt32: [RatchetType: HashRatchet]] = [:]

    /// Keys retained for skipped generations, over all ratchets (each holds a key and a nonce).
    public private(set) var retainedKeyCount: Int = 0

    /// A fresh tree for `leafCount` leaves (1...2^31). `encryptionSecret` must have KDF.Nh bytes
    /// (``MLSError/wrongSecretLength(name:expected:actual:)``); another leaf count throws
    /// ``MLSError/invalidLeafCount(_:)``.
    public init(
        suite: CipherSuite, encryptionSecret: SecretBytes, leafCount: UInt32, maxForwardDistance: UInt32 = 1024,
        maxRetainedKeys: UInt32 = SecretTree.defaultMaxRetainedKeys
    ) throws(MLSError) {
        try EpochContext.checkLength(encryptionSecret, name: "encryption_secret", suite: suite)
        guard (1...Self.maxLeafCount).contains(leafCount) else { throw MLSError.invalidLeafCount(leafCount) }
        self.suite = suite
        self.tree = TreeMath(leafCount: leafCount)
        self.maxForwardDistance = maxForwardDistance
        self.maxRetainedKeys = maxRetainedKeys
        self.nodes = [tree.root: encryptionSecret]
    }

    /// The number of node secrets currently stored (not counting ratchets).
    public var storedNodeCount: Int { nodes.count }

    /// Secret bytes held: node secrets, ratchet secrets and retained keys and nonces.
    public var secretBytesHeld: Int {
        storedNodeCount * suite.nh + ratchets.values.reduce(0) { $0 + $1.count } * suite.nh + retainedKeyCount
            * (suite.nk + suite.nn)
    }

    /// The key and nonce of `leaf`'s ratchet at `generation`; they are deleted afterwards, so asking again
    /// throws ``MLSError/keyAlreadyConsumed(leaf:generation:)``.
    public mutating func consumeKey(leaf: UInt32, type: RatchetType, generation: UInt32) throws(MLSError) -> KeyAndNonce
    {
        // Every bound is checked before anything is derived or created, so that a refusal changes nothing.
        guard leaf < tree.leafCount else { throw MLSError.leafOutOfRange(leaf: leaf, leafCount: tree.leafCount) }
        let next = ratchets[leaf]?[type]?.nextGeneration ?? 0
        if generation >= next {
            guard generation - next <= maxForwardDistance else {
                throw MLSError.generationTooFarAhead(leaf: leaf, generation: generation, limit: maxForwardDistance)
            }
            // The skipped generations would all be retained.
            guard retainedKeyCount + Int(generation - next) <= Int(maxRetainedKeys) else {
                throw MLSError.tooManyRetainedKeys(limit: maxRetainedKeys)
            }
        }
        var ratchet = try ratchet(leaf: leaf, type: type)
        let before = ratchet.retained.count
        let kn = try ratchet.consume(suite, leaf: leaf, generation: generation, maxForward: maxForwardDistance)
        ratchets[leaf, default: [:]][type] = ratchet
        retainedKeyCount += ratchet.retained.count - before
        return kn
    }

    /// The next unused key and nonce of `leaf`'s ratchet, for sending.
    public mutating func nextKey(leaf: UInt32, type: RatchetType) throws(MLSError) -> KeyAndNonce {
        let generation = try ratchet(leaf: leaf, type: type).nextGeneration
        return try consumeKey(leaf: leaf, type: type, generation: generation)
    }

    /// The tree's whole observable state as one canonical byte string, for equality checks (fuzz invariants,
    /// tests): every stored node (uint32 index, secret), then every ratchet (uint32 leaf, uint8 type
    /// 0 = handshake / 1 = application, uint32 next generation, secret, uint32 count of retained keys and
    /// each retained uint32 generation, key, nonce), in increasing order. Two trees with equal encodings
    /// derive the same keys from now on. The bytes are written straight into the returned secret.
    public func encodedState() -> SecretBytes {
        let nodeIndices = nodes.keys.sorted()
        var entries: [(leaf: UInt32, type: UInt8, ratchet: HashRatchet)] = []
        for leaf in ratchets.keys.sorted() {
            for (code, type) in [(UInt8(0), RatchetType.handshake), (1, .application)] {
                if let r = ratchets[leaf]?[type] { entries.append((leaf, code, r)) }
            }
        }
        let nh = suite.nh
        var size = 8 + nodeIndices.count * (4 + nh)
        for e in entries { size += 4 + 1 + 4 + nh + 4 + e.ratchet.retained.count * (4 + suite.nk + suite.nn) }
        return SecretBytes(count: size) { out in
            var cursor = StateCursor(out: out)
            cursor.put(UInt32(nodeIndices.count))
            for index in nodeIndices {
                cursor.put(index)
                if let secret = nodes[index] { cursor.put(secret) }
            }
            cursor.put(UInt32(entries.count))
            for e in entries {
                cursor.put(e.leaf)
                cursor.put(e.type)
                cursor.put(e.ratchet.nextGeneration)
                cursor.put(e.ratchet.secret)
                cursor.put(UInt32(e.ratchet.retained.count))
                for generation in e.ratchet.retained.keys.sorted() {
                    guard let kn = e.ratchet.retained[generation] else { continue }
                    cursor.put(generation)
                    cursor.put(kn.key)
                    cursor.put(kn.nonce)
                }
            }
        }
    }

    /// Writes big-endian integers and secrets into a buffer sized in advance, so that no plain array ever
    /// holds the encoded secrets.
    private struct StateCursor {
        let out: UnsafeMutableRawBufferPointer
        var offset = 0

        mutating func put(_ value: UInt8) {
            out[offset] = value
            offset += 1
        }

        mutating func put(_ value: UInt32) {
            for shift in stride(from: 24, through: 0, by: -8) { put(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
        }

        mutating func put(_ secret: SecretBytes) {
            let start = offset
            secret.withUnsafeBytes { bytes in
                UnsafeMutableRawBufferPointer(rebasing: out[start..<(start + bytes.count)]).copyMemory(from: bytes)
            }
            offset += secret.count
        }
    }

    /// The ratchet, creating both of the leaf's ratchets (and deleting the leaf secret) on first use.
    private mutating func ratchet(leaf: UInt32, type: RatchetType) throws(MLSError) -> HashRatchet {
        guard leaf < tree.leafCount else { throw MLSError.leafOutOfRange(leaf: leaf, leafCount: tree.leafCount) }
        if let existing = ratchets[leaf]?[type] { return existing }
        let leafSecret = try deriveNode(2 * leaf)
        var pair: [RatchetType: HashRatchet] = [:]
        for t in RatchetType.allCases {
            pair[t] = HashRatchet(
                secret: try suite.expandWithLabel(leafSecret, label: t.rawValue, context: [], length: suite.nh))
        }
        nodes[2 * leaf] = nil
        ratchets[leaf] = pair
        return pair[type]!
    }

    /// Derives the secret of `node` from its deepest stored ancestor, storing the off-path children and
    /// deleting each parent on the way down.
    private mutating func deriveNode(_ node: UInt32) throws(MLSError) -> SecretBytes {
        let path = tree.pathToRoot(node)
        guard let start = path.firstIndex(where: { nodes[$0] != nil }) else {
            // The leaf's ratchets were created before and deleted; callers check `ratchets` first.
            throw MLSError.keyAlreadyConsumed(leaf: node / 2, generation: 0)
        }
        var updated = nodes
        var index = start
        while index > 0 {
            let parent = path[index]
            let secret = updated[parent]!
            let left = tree.left(parent)!
            let right = tree.right(parent)!
            updated[left] = try suite.expandWithLabel(
                secret, label: "tree", context: Array("left".utf8), length: suite.nh)
            updated[right] = try suite.expandWithLabel(
                secret, label: "tree", context: Array("right".utf8), length: suite.nh)
            updated[parent] = nil
            index -= 1
        }
        nodes = updated
        return nodes[node]!
    }
}
