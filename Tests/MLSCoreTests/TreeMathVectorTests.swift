import MLSCore
import RFC9420Vectors
import Testing

@Suite("RFC 9420 tree-math.json and left-balanced trees")
struct TreeMathVectorTests {
    @Test("every tree-math entry")
    func vectors() throws {
        let entries = try officialEntries("tree-math", as: TreeMathVector.self)
        #expect(entries.count == 10)
        for v in entries {
            let t = TreeMath(leafCount: v.nLeaves)
            #expect(t.width == v.nNodes)
            #expect(t.root == v.root)
            for list in [v.left, v.right, v.parent, v.sibling] { try #require(list.count == Int(v.nNodes)) }
            for x in 0..<v.nNodes {
                let i = Int(x)
                #expect(t.left(x) == v.left[i], "left(\(x)) n=\(v.nLeaves)")
                #expect(t.right(x) == v.right[i], "right(\(x)) n=\(v.nLeaves)")
                #expect(t.parent(x) == v.parent[i], "parent(\(x)) n=\(v.nLeaves)")
                #expect(t.sibling(x) == v.sibling[i], "sibling(\(x)) n=\(v.nLeaves)")
            }
        }
    }

    @Test("left-balanced tree of 5 leaves (RFC 9420 Appendix C shape)")
    func fiveLeaves() {
        let t = TreeMath(leafCount: 5)
        #expect(t.width == 9)
        #expect(t.root == 7)
        #expect(t.right(7) == 8)  // node 11 lies beyond the width; its left spine ends at leaf 4 (node 8)
        #expect(t.parent(8) == 7)
        #expect(t.sibling(8) == 3)
        #expect(t.pathToRoot(0) == [0, 1, 3, 7])
        #expect(t.parent(9) == nil)
        #expect(t.left(0) == nil)
    }
}
