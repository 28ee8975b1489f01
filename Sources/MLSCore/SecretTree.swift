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
public struct SecretTree: Sendable {
    /// The cipher suite.
    public let suite: CipherSuite
    /// The tree shape.
    public let tree: TreeMath
    /// The largest number of generations a ratchet may skip in one step (retained keys are bounded by it).
    public var maxForwardDistance: UInt32
    private var nodes: [UInt32: SecretBytes]
    private var ratchets: [UInt32: [RatchetType: HashRatchet]] = [:]

    /// A fresh tree for `leafCount` leaves.
    public init(suite: CipherSuite, encryptionSecret: SecretBytes, leafCount: UInt32, maxForwardDistance: UInt32 = 1024)
    {
        self.suite = suite
        self.tree = TreeMath(leafCount: max(leafCount, 1))
        self.maxForwardDistance = maxForwardDistance
        self.nodes = [tree.root: encryptionSecret]
    }

    /// The number of node secrets currently stored (not counting ratchets).
    public var storedNodeCount: Int { nodes.count }

    /// Keys retained for skipped generations, over all ratchets (each holds a key and a nonce).
    public var retainedKeyCount: Int {
        ratchets.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.retained.count } }
    }

    /// Secret bytes held: node secrets, ratchet secrets and retained keys and nonces.
    public var secretBytesHeld: Int {
        storedNodeCount * suite.nh + ratchets.values.reduce(0) { $0 + $1.count } * suite.nh + retainedKeyCount
            * (suite.nk + suite.nn)
    }

    /// The key and nonce of `leaf`'s ratchet at `generation`; they are deleted afterwards, so asking again
    /// throws ``MLSError/keyAlreadyConsumed(leaf:generation:)``.
    public mutating func consumeKey(leaf: UInt32, type: RatchetType, generation: UInt32) throws(MLSError) -> KeyAndNonce
    {
        var ratchet = try ratchet(leaf: leaf, type: type)
        let kn = try ratchet.consume(suite, leaf: leaf, generation: generation, maxForward: maxForwardDistance)
        ratchets[leaf, default: [:]][type] = ratchet
        return kn
    }

    /// The next unused key and nonce of `leaf`'s ratchet, for sending.
    public mutating func nextKey(leaf: UInt32, type: RatchetType) throws(MLSError) -> KeyAndNonce {
        let generation = try ratchet(leaf: leaf, type: type).nextGeneration
        return try consumeKey(leaf: leaf, type: type, generation: generation)
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
