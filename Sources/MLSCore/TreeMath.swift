/// Array-based tree arithmetic for left-balanced binary trees (RFC 9420 Appendix C).
///
/// Leaves sit at even node indices (leaf i is node 2i), parents at odd ones. RFC 9420 trees always have a
/// power-of-two leaf count; these functions also serve the left-balanced trees of any leaf count that
/// earlier drafts used, by stepping past nodes beyond the tree's width.
public struct TreeMath: Sendable, Equatable {
    /// The number of leaves (at least 1).
    public let leafCount: UInt32

    /// A tree with `leafCount` leaves; `leafCount` must be at least 1.
    public init(leafCount: UInt32) {
        precondition(leafCount >= 1, "a tree has at least one leaf")
        self.leafCount = leafCount
    }

    /// `node_width(n) = 2(n - 1) + 1`: the number of nodes.
    public var width: UInt32 { 2 * (leafCount - 1) + 1 }

    /// The root's node index: `(1 << log2(width)) - 1`.
    public var root: UInt32 { (1 << UInt32(Self.log2(width))) - 1 }

    /// `level(x)`: the number of trailing one bits; leaves are level 0.
    public static func level(_ node: UInt32) -> Int { (~node).trailingZeroBitCount }

    /// The largest k with 2^k <= x (0 for x = 0).
    static func log2(_ x: UInt32) -> Int { x == 0 ? 0 : 31 - x.leadingZeroBitCount }

    /// The left child of a parent node, or `nil` for a leaf.
    public func left(_ node: UInt32) -> UInt32? {
        let k = Self.level(node)
        return k == 0 ? nil : node ^ (1 << UInt32(k - 1))
    }

    /// The right child of a parent node, or `nil` for a leaf. In a tree that is not full the right child
    /// may lie beyond the width; then the first in-range node down its left spine is the child.
    public func right(_ node: UInt32) -> UInt32? {
        let k = Self.level(node)
        guard k > 0 else { return nil }
        var r = node ^ (3 << UInt32(k - 1))
        while r >= width, let l = left(r) { r = l }
        return r
    }

    /// The parent of a node, or `nil` for the root or a node outside the tree.
    public func parent(_ node: UInt32) -> UInt32? {
        guard node != root, node < width else { return nil }
        var p = Self.parentStep(node)
        while p >= width { p = Self.parentStep(p) }
        return p
    }

    /// The sibling of a node, or `nil` for the root.
    public func sibling(_ node: UInt32) -> UInt32? {
        guard let p = parent(node) else { return nil }
        return node < p ? right(p) : left(p)
    }

    /// The parent in the infinite full tree.
    static func parentStep(_ node: UInt32) -> UInt32 {
        let k = UInt32(level(node))
        let b = (node >> (k + 1)) & 1
        return (node | (1 << k)) ^ (b << (k + 1))
    }

    /// The nodes from `node` up to and including the root.
    public func pathToRoot(_ node: UInt32) -> [UInt32] {
        var path = [node]
        var current = node
        while let p = parent(current) {
            path.append(p)
            current = p
        }
        return path
    }
}
