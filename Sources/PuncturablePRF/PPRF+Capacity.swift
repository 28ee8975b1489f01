import ChallengeMath
import MLSCore

extension PPRF {
    /// The bytes of every stored node secret and of PPRF(x): KDF.Nh, or 32 for profile `mls32` (SPEC
    /// section 3.1). The encodings carry secrets of exactly this size.
    public var nodeSize: Int { profile.nodeSize(for: suite) }

    /// Reserves the trie's link array once for the state that `k` uniform punctures are expected to leave
    /// (SPEC appendix B.4, variant 4): `2 (E(b, k) + k + b + 1)` links, E the closed-form expectation
    /// (``expectedStoredNodes(afterPunctures:)``). Without it the array grows by 25% when full, and up to a
    /// quarter of its bytes are slack. It never reserves more than ``maxInnerNodes`` allow (so a huge `k` cannot
    /// allocate beyond the state's own bound), never shrinks the array, and `k <= 0` reserves nothing. Returns
    /// the links' capacity afterwards.
    @discardableResult
    public func reserveCapacity(forPunctures k: Int) -> Int {
        guard k > 0 else { return storage.pointee.links.capacity }
        let expected = StateSize.expectedStoredNodes(challengeBits: challengeBits, punctures: Double(k))
        let cap = Double(2 * (maxInnerNodes + 1))
        let wanted = (2 * (expected.rounded(.up) + Double(k) + Double(challengeBits) + 1))
        let links = wanted.isFinite ? min(wanted, cap) : cap
        storage.pointee.links.reserveCapacity(Int(links))
        return storage.pointee.links.capacity
    }
}
