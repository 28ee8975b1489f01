import ChallengeMath
import MLSCore
import MLSCrypto

/// A GGM-tree puncturable PRF of depth b over b-bit challenges (draft-kohbrok-mls-virtual-clients,
/// "PPRF-based Challenges", made exact in this package's specification; see the module documentation).
///
/// Every node holds a KDF.Nh-byte secret and expands into two children by the ``PRGProfile``; the leaf at
/// path x is the PRF value at x. Puncturing at x deletes every stored secret from which x's leaf could be
/// derived and keeps the co-path, so every other input evaluates as before and x never again.
///
/// Storage is a binary trie over bit prefixes whose inner nodes hold no secrets and whose leaves point into
/// a `SecretArena`: finding the stored node that covers x walks at most b trie levels. The class has
/// reference semantics and one owner; ``copy()`` makes an independent deep copy (for example one per
/// emulator client). Every error leaves the state untouched.
public final class PPRF {
    /// The cipher suite whose KDF (and Nh) the tree uses.
    public let suite: CipherSuite
    /// The parameters the PPRF was made or decoded with (``PPRFParameters``): b, the profile and the options,
    /// which the tree itself ignores.
    public let parameters: PPRFParameters
    /// b, the challenge length in bits and the depth of the tree (``PPRFParameters/challengeBits``).
    public let challengeBits: Int
    /// The PRG profile (``PPRFParameters/profile``).
    public let profile: PRGProfile
    /// Punctures (and decodings) that would make the state hold more stored nodes than this fail with
    /// ``PPRFError/tooManyNodes(limit:)`` before changing anything; a commit re-checks it, so lowering it
    /// between ``preparePuncture(at:)`` and ``commit(_:)`` is honoured. Clamped to `0...storedNodeLimit`.
    public var maxStoredNodes: Int {
        didSet { maxStoredNodes = min(max(maxStoredNodes, 0), Self.storedNodeLimit) }
    }

    /// The hard ceiling on ``maxStoredNodes``, 2^30 - 256: where the trie's 32-bit links end. A link is
    /// `slot << 1 | 1` or `node << 1`, so slots and inner-node indices must stay below 2^31; the trie may hold
    /// up to ``maxInnerNodes`` = 2 x maxStoredNodes + b <= 2^31 - 256 inner nodes (and at most
    /// maxStoredNodes + 1 slots are in use during a commit). It is not a memory budget (2^30 nodes of 32 bytes
    /// are 32 GiB): set ``maxStoredNodes`` for that. The canonical encoding has its own limit, in bytes
    /// (``maxEncodedBodyBytes``): ``encoded()`` of a larger state throws ``PPRFError/encodingTooLarge(bytes:limit:)``.
    public static let storedNodeLimit = (1 << 30) - 256

    /// The bound on the trie's inner nodes (which hold no secret, 8 bytes each): 2 x ``maxStoredNodes`` + b.
    /// Punctures and decodings beyond it fail with ``PPRFError/tooManyInnerNodes(limit:)`` before changing
    /// anything. A state built by k punctures has S + E - 1 inner nodes for S stored nodes and E <= k empty
    /// links, so uniform punctures stay near S; without the bound, a decoded state of N deep nodes could
    /// allocate about N (b - log2 N) inner nodes (SPEC section 9).
    public var maxInnerNodes: Int { 2 * maxStoredNodes + challengeBits }

    /// The identity a ``PreparedPuncture`` is bound to: a token object, so that no other instance can hold an
    /// equal identity while a prepared puncture keeps it alive (unlike an address or a counter reset to 0).
    final class Identity: Sendable {}
    let identity = Identity()

    let expander: GGMExpander
    /// The trie and the arena live behind an unsafe pointer: the hot loop then mutates them without the
    /// dynamic exclusivity checks that every access to a class's `var` property costs.
    let storage: UnsafeMutablePointer<Storage>

    /// The mutable state of the tree.
    struct Storage {
        /// Two links per inner trie node (left, right); node 0 is unused so that link value 0 means
        /// "empty". A link is 0 (empty: everything below is punctured), `slot << 1 | 1` (a stored secret) or
        /// `node << 1` (an inner node).
        var links: [UInt32] = [0, 0]
        var freeInnerNodes: [UInt32] = []
        var arena: SecretArena
        var rootLink: UInt32 = 0
    }

    var arena: SecretArena {
        get { storage.pointee.arena }
        _modify { yield &storage.pointee.arena }
    }

    var links: [UInt32] {
        get { storage.pointee.links }
        _modify { yield &storage.pointee.links }
    }

    var rootLink: UInt32 {
        get { storage.pointee.rootLink }
        set { storage.pointee.rootLink = newValue }
    }
    /// The number of stored secrets.
    public internal(set) var storedNodeCount: Int

    /// The number of inner trie nodes (node 0 of `Storage.links` is unused; freed nodes are reusable).
    public var innerNodeCount: Int { storage.pointee.links.count / 2 - 1 - storage.pointee.freeInnerNodes.count }
    /// Counts mutations, so that a stale ``PreparedPuncture`` is recognised.
    var version: UInt64 = 0
    /// The limit ``encoded()`` enforces: ``maxEncodedBodyBytes``, lowered only by tests (a state of 2^30
    /// bytes is too large to build in a test).
    var encodedBodyByteLimit = PPRF.maxEncodedBodyBytes

    /// A fresh PPRF for `parameters` (SPEC.md section 3): one stored node, the root, made from `secret` (the
    /// epoch's `encryption_secret`, KDF.Nh bytes) by ``PRGProfile/rootNode(from:suite:)``. Throws
    /// ``PPRFError/wrongRootSecretLength(expected:actual:)`` for another length, and when the profile is not
    /// defined for the suite (``PPRFParameters/check(for:)``).
    public convenience init(
        secret: SecretBytes, suite: CipherSuite, parameters: PPRFParameters, maxStoredNodes: Int = PPRF.storedNodeLimit
    ) throws(PPRFError) {
        try self.init(suite: suite, parameters: parameters, maxStoredNodes: maxStoredNodes)
        let root = try profile.rootNode(from: secret, suite: suite)
        rootLink = Self.secretLink(root.withUnsafeBytes { arena.allocate(copying: $0) })
        storedNodeCount = 1
    }

    /// An empty PPRF (every input punctured), filled by the decoder. `parameters` holds a valid b by
    /// construction; the profile is checked against the suite by the expander.
    init(suite: CipherSuite, parameters: PPRFParameters, maxStoredNodes: Int) throws(PPRFError) {
        self.suite = suite
        self.parameters = parameters
        self.challengeBits = parameters.challengeBits
        self.profile = parameters.profile
        self.maxStoredNodes = min(max(maxStoredNodes, 0), Self.storedNodeLimit)
        self.expander = try GGMExpander(suite: suite, profile: profile)
        self.storage = .allocate(capacity: 1)
        self.storage.initialize(to: Storage(arena: SecretArena(slotSize: profile.nodeSize(for: suite))))
        self.storedNodeCount = 0
    }

    deinit {
        storage.pointee.arena.release()
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    @inline(__always) static func secretLink(_ slot: UInt32) -> UInt32 { slot << 1 | 1 }
    @inline(__always) static func innerLink(_ node: UInt32) -> UInt32 { node << 1 }

    /// Where a link lives: the root link, or side `side` of inner node `node`.
    struct LinkLocation: Sendable {
        var node: UInt32  // 0 = the root link
        var side: Int
    }

    func link(at location: LinkLocation) -> UInt32 {
        location.node == 0 ? rootLink : links[Int(location.node) * 2 + location.side]
    }

    func setLink(_ value: UInt32, at location: LinkLocation) {
        if location.node == 0 { rootLink = value } else { links[Int(location.node) * 2 + location.side] = value }
    }

    /// The stored node covering `x`: its depth, slot and the path of link locations from the root to it.
    func locate(_ x: Challenge) throws(PPRFError) -> (depth: Int, slot: UInt32, path: [LinkLocation]) {
        guard x.challengeBits == challengeBits else {
            throw PPRFError.challengeLength(expected: parameters.challengeBytes, actual: x.bytes.count)
        }
        var path = [LinkLocation(node: 0, side: 0)]
        var current = rootLink
        var level = 0
        while current & 1 == 0 {
            guard current != 0 else { throw PPRFError.punctured }
            let node = current >> 1
            let side = x.bit(level)
            path.append(LinkLocation(node: node, side: side))
            current = storage.pointee.links[Int(node) * 2 + side]
            level += 1
        }
        return (level, current >> 1, path)
    }

    /// Whether `x` has been punctured.
    public func isPunctured(_ x: Challenge) throws(PPRFError) -> Bool {
        do {
            _ = try locate(x)
            return false
        } catch .punctured {
            return true
        }
    }

    /// The PRF value at `x` without puncturing. Throws ``PPRFError/punctured`` for a punctured input.
    public func evaluate(at x: Challenge) throws(PPRFError) -> SecretBytes {
        let (start, slot, _) = try locate(x)
        defer { expander.endWalk() }
        let nh = nodeSize
        return SecretBytes(count: nh) { out in
            out.copyMemory(from: UnsafeRawBufferPointer(arena.bytes(slot)))
            // Each child overwrites its parent in place (the expander reads a node in full first).
            for level in start..<challengeBits {
                expander.child(of: UnsafeRawBufferPointer(out), bit: x.bit(level), into: out)
            }
        }
    }

    /// Evaluates at `x` and punctures there in one walk: at each level below the covering node both children
    /// are derived, the sibling off x's path is stored, and the node itself is deleted. Every intermediate
    /// secret is wiped. Throws ``PPRFError/punctured`` (state untouched) when x was punctured before.
    @discardableResult
    public func evaluateAndPuncture(at x: Challenge) throws(PPRFError) -> SecretBytes {
        let prepared = try preparePuncture(at: x)
        try commit(prepared)
        return prepared.value
    }

    /// A puncture whose secrets are derived but not yet applied: the PRF value and the co-path siblings.
    ///
    /// A receiver prepares before it decrypts and commits only after the message verified, so that a failure
    /// changes nothing and a success costs one walk instead of two.
    public struct PreparedPuncture: Sendable {
        /// The challenge.
        public let challenge: Challenge
        /// The PRF value at the challenge.
        public let value: SecretBytes
        let startDepth: Int
        let slot: UInt32
        let path: [LinkLocation]
        let siblings: SecretBytes
        let version: UInt64
        let owner: PPRF.Identity
    }

    /// Derives the PRF value at `x` and the siblings a puncture there would store, without changing the state.
    public func preparePuncture(at x: Challenge) throws(PPRFError) -> PreparedPuncture {
        let (start, slot, path) = try locate(x)
        try checkLimits(adding: challengeBits - start)
        defer { expander.endWalk() }
        let added = challengeBits - start
        let nh = nodeSize
        var siblings = SecretBytes(copying: [])
        let value = SecretBytes(count: nh) { current in
            current.copyMemory(from: UnsafeRawBufferPointer(storage.pointee.arena.bytes(slot)))
            guard added > 0 else { return }
            siblings = SecretBytes(count: added * nh) { siblingBytes in
                // The children go straight to their places: the path child overwrites its parent in
                // `current` (the expander reads a node in full before it writes a child) and the sibling
                // lands in its slot of `siblings`, so no temporary holds a secret and nothing is copied.
                let node = UnsafeRawBufferPointer(current)
                let base = siblingBytes.baseAddress!
                for level in start..<challengeBits {
                    let sibling = UnsafeMutableRawBufferPointer(start: base + (level - start) * nh, count: nh)
                    if x.bit(level) == 0 {
                        expander.children(of: node, left: current, right: sibling)
                    } else {
                        expander.children(of: node, left: sibling, right: current)
                    }
                }
            }
        }
        return PreparedPuncture(
            challenge: x, value: value, startDepth: start, slot: slot, path: path, siblings: siblings, version: version,
            owner: identity)
    }

    /// Throws unless a puncture storing `added` siblings (and as many new inner nodes) stays within the limits.
    /// A puncture that does not grow a count is always allowed, even when a lowered limit is already exceeded:
    /// deleting is never refused.
    func checkLimits(adding added: Int) throws(PPRFError) {
        guard added <= 1 || storedNodeCount - 1 + added <= maxStoredNodes else {
            throw PPRFError.tooManyNodes(limit: maxStoredNodes)
        }
        guard added == 0 || innerNodeCount + added <= maxInnerNodes else {
            throw PPRFError.tooManyInnerNodes(limit: maxInnerNodes)
        }
    }

    /// Applies a prepared puncture. It must come from this instance
    /// (``PPRFError/foreignPreparedPuncture``), and the limits are checked again (they may have been lowered
    /// since). If the state changed since it was prepared, the puncture is recomputed (and throws
    /// ``PPRFError/punctured`` if another puncture covered the challenge meanwhile). Errors change nothing.
    public func commit(_ prepared: PreparedPuncture) throws(PPRFError) {
        guard prepared.owner === identity else { throw PPRFError.foreignPreparedPuncture }
        guard prepared.version == version else {
            try commit(try preparePuncture(at: prepared.challenge))
            return
        }
        try checkLimits(adding: challengeBits - prepared.startDepth)
        let start = prepared.startDepth
        let x = prepared.challenge
        let added = challengeBits - start
        if added > 0 {
            // Grow the trie once, geometrically, instead of once per level.
            let needed = storage.pointee.links.count + 2 * added
            let capacity = storage.pointee.links.capacity
            if needed > capacity { storage.pointee.links.reserveCapacity(max(needed, capacity + capacity / 4)) }
            // Slots and inner nodes for every level at once (the same numbers, in the same order, as one
            // allocation per level), then the links in one pass over the trie's buffer.
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * added) { ids in
                let slots = ids.baseAddress!
                let nodes = slots + added
                prepared.siblings.withUnsafeBytes { siblingBytes in
                    storage.pointee.arena.allocate(count: added, copying: siblingBytes, slots: slots)
                }
                allocateInnerNodes(count: added, into: nodes)
                storage.pointee.links.withUnsafeMutableBufferPointer { links in
                    for i in 0..<added {
                        let bit = x.bit(start + i)
                        let node = Int(nodes[i])
                        links[node * 2 + (1 - bit)] = Self.secretLink(slots[i])
                        links[node * 2 + bit] = Self.innerLink(i + 1 < added ? nodes[i + 1] : 0)
                    }
                }
                setLink(Self.innerLink(nodes[0]), at: prepared.path[prepared.path.count - 1])
            }
        }
        storage.pointee.arena.free(prepared.slot)
        if start == challengeBits { removeLeafLink(path: prepared.path) }
        storedNodeCount += challengeBits - start - 1
        version &+= 1
    }

    /// Punctures at `x`, discarding the value.
    public func puncture(at x: Challenge) throws(PPRFError) {
        try evaluateAndPuncture(at: x)
    }

    /// Empties the link at the end of `path`, then removes inner nodes whose both links became empty, so
    /// the trie stays minimal.
    private func removeLeafLink(path: [LinkLocation]) {
        var index = path.count - 1
        setLink(0, at: path[index])
        while index > 0 {
            let node = path[index].node
            guard links[Int(node) * 2] == 0, links[Int(node) * 2 + 1] == 0 else { return }
            storage.pointee.freeInnerNodes.append(node)
            index -= 1
            setLink(0, at: path[index])
        }
    }

    /// Writes `count` inner-node indices to `nodes`, in the order that `count` calls of
    /// ``allocateInnerNode()`` would return them: freed nodes first (last freed first), then fresh ones with
    /// zero links. The caller has reserved the links' capacity.
    func allocateInnerNodes(count: Int, into nodes: UnsafeMutablePointer<UInt32>) {
        let reused = min(count, storage.pointee.freeInnerNodes.count)
        if reused > 0 {
            storage.pointee.freeInnerNodes.withUnsafeBufferPointer { free in
                for i in 0..<reused { nodes[i] = free[free.count - 1 - i] }
            }
            storage.pointee.freeInnerNodes.removeLast(reused)
        }
        let fresh = count - reused
        guard fresh > 0 else { return }
        let first = storage.pointee.links.count / 2
        storage.pointee.links.append(contentsOf: repeatElement(0, count: 2 * fresh))
        for i in 0..<fresh { nodes[reused + i] = UInt32(first + i) }
    }

    func allocateInnerNode() -> UInt32 {
        if let node = storage.pointee.freeInnerNodes.popLast() { return node }
        let count = storage.pointee.links.count
        let capacity = storage.pointee.links.capacity
        if count + 2 > capacity { storage.pointee.links.reserveCapacity(capacity + capacity / 4 + 64) }
        storage.pointee.links.append(0)
        storage.pointee.links.append(0)
        return UInt32(count / 2)
    }

    /// Bytes of secret material held: stored nodes x the node size (KDF.Nh, or 32 for profile `mls32`).
    public var secretBytesHeld: Int { storedNodeCount * nodeSize }

    /// Bytes the state holds, measured from capacities: the secret arena's chunks (used or not) and its
    /// bookkeeping, and the trie's link and free-node arrays. The expander's fixed few hundred bytes are not
    /// counted. A budget of M bytes allows about M / (KDF.Nh + 8) stored nodes (each costs a slot and, about,
    /// one inner node of two 4-byte links).
    public var bytesHeld: Int {
        arena.bytesAllocated + storage.pointee.links.capacity * MemoryLayout<UInt32>.stride
            + storage.pointee.freeInnerNodes.capacity * MemoryLayout<UInt32>.stride
    }

    /// The closed-form expectation of stored nodes after `punctures` uniform punctures at this b.
    public func expectedStoredNodes(afterPunctures k: Double) -> Double {
        StateSize.expectedStoredNodes(challengeBits: challengeBits, punctures: k)
    }
}
