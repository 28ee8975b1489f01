/// One entry of the official `tree-math.json` (RFC 9420 appendix C; mlswg/mls-implementations
/// `test-vectors.md`, "Tree Math"): a left-balanced tree of `n_leaves` leaves and, for every node, its left
/// child, right child, parent and sibling (`null` where there is none). Read only.
public struct TreeMathVector: Codable, Equatable, Sendable {
    /// The number of leaves.
    public var nLeaves: UInt32
    /// The number of nodes (the tree's width).
    public var nNodes: UInt32
    /// The root's node index.
    public var root: UInt32
    /// `left(x)` for x in 0..<n_nodes.
    public var left: [UInt32?]
    /// `right(x)`.
    public var right: [UInt32?]
    /// `parent(x)`.
    public var parent: [UInt32?]
    /// `sibling(x)`.
    public var sibling: [UInt32?]
}

/// One entry of the official `deserialization.json` (RFC 9420 section 2.1.2): a variable-length integer
/// header and the length it encodes. Read only.
public struct DeserializationVector: Codable, Equatable, Sendable {
    /// The header, minimal, with nothing after it.
    public var vlbytesHeader: HexBytes
    /// The length it encodes (at most 2^30 - 1).
    public var length: UInt32
}
