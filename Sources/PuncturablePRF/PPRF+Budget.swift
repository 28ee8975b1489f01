import ChallengeMath
import Foundation
import MLSCore
import MLSCrypto

/// Memory budgets for a PPRF state (SPEC.md section 9; this package's answer to the receiver state that the
/// draft's "PPRF-based Challenges" leaves unstated).
///
/// Every member punctures at every challenge it receives, so a receiver's state grows with the messages of
/// the epoch (`E(b, k) ~ k (b - log2 k - 0.89)` stored nodes). A deployment sets a memory budget per receiver
/// per group; these functions turn it into the number of messages an epoch may carry before the group must
/// rotate (``maxPunctures(forMemoryBudget:secretSize:challengeBits:)``) and into the engine's node limit
/// (``maxStoredNodes(forMemoryBudget:suite:challengeBits:)``), from one model of what the engine allocates
/// (``memoryBound(storedNodes:punctures:challengeBits:secretSize:)``). The two agree by construction: a state that
/// received at most the allowed messages is never refused and holds no more than the budget.
extension PPRF {
    /// The default receiver memory budget per group: 64 MiB (the figure issue 11 discusses; at b = 128 it
    /// holds an epoch of about 14,000 messages).
    public static let defaultMemoryBudget = 64 << 20

    /// Bytes the trie costs per inner node, at most: two 4-byte links, plus the 25% by which the links array
    /// grows ahead of its use (one geometric growth per puncture, see ``commit(_:)``).
    public static let trieBytesPerInnerNode = 10

    /// An upper bound of ``bytesHeld`` for a state of `storedNodes` secrets after `punctures` punctures at
    /// b = `challengeBits` with `secretSize`-byte secrets:
    /// `nh (S + 256) + 10 (S + k + b) + 32 (S / 256 + 1) + 1024`.
    ///
    /// The arena holds the S secrets and at most one partly used chunk of 256 slots; the trie has S + k - 1
    /// inner nodes (every inner node has two children: S stored nodes, k punctured leaves and the other
    /// inner nodes), each two 4-byte links with at most 25% spare capacity, and a puncture reserves its b
    /// new links ahead. The arena's table of chunk pointers (16 bytes a chunk, at most twice the chunks in use)
    /// is the third term; the last covers the free lists and array headers. It holds while punctures land
    /// on distinct (b - 1)-bit prefixes, that is for k far below 2^(b/2), the range a budget matters in; the
    /// tests compare it with measured allocations (it exceeds them by 2 to 5%).
    public static func memoryBound(storedNodes s: Double, punctures k: Double, challengeBits b: Int, secretSize nh: Int)
        -> Double
    {
        Double(nh) * (s + Double(SecretArena.chunkSlots)) + Double(trieBytesPerInnerNode) * (s + k + Double(b))
            + chunkTableBytes(storedNodes: s) + 1024
    }

    /// The arena's table of chunk pointers: one 16-byte entry per 256 slots, with at most 100% spare capacity.
    static func chunkTableBytes(storedNodes s: Double) -> Double {
        2 * Double(MemoryLayout<UnsafeMutableRawBufferPointer>.stride) * (s / Double(SecretArena.chunkSlots) + 1)
    }

    /// Stored nodes allowed beyond the closed-form expectation after k punctures, for the random variation
    /// of the state: `8 sqrt(k) + 8`. The standard deviation of the stored-node count measures about
    /// 1.2 to 1.4 sqrt(k) (b = 20 to 128, k = 10 to 10^4), so this is more than 5.7 standard deviations.
    public static func stateHeadroom(punctures k: Double) -> Double { 8 * k.squareRoot() + 8 }

    /// The most punctures searched for: E(b, k) grows with k up to about k = 2^(b - 2.33) and shrinks
    /// beyond (the tree fills up); the search stays below 2^(b - 3), where it is increasing, and 2^53.
    public static func punctureSearchLimit(challengeBits b: Int) -> Double {
        Foundation.exp2(Double(min(max(b - 3, 0), 53)))
    }

    /// The largest number of punctures k (messages received in one epoch) whose expected state, plus
    /// ``stateHeadroom(punctures:)``, fits `budget` bytes by ``memoryBound(storedNodes:punctures:challengeBits:secretSize:)``
    /// and the hard ``storedNodeLimit``; 0 when not even the fresh state fits; infinity when the budget holds
    /// the state over the tree's whole life (small b). An exact integer search: the constraint grows with k
    /// up to ``punctureSearchLimit(challengeBits:)``, which caps the answer otherwise.
    public static func maxPunctures(forMemoryBudget budget: Int, secretSize nh: Int, challengeBits b: Int) -> Double {
        func fits(_ k: Double) -> Bool {
            let nodes =
                (k < 1 ? 1 : StateSize.expectedStoredNodes(challengeBits: b, punctures: k))
                + stateHeadroom(punctures: k)
            return nodes <= Double(storedNodeLimit)
                && memoryBound(
                    storedNodes: nodes, punctures: k + stateHeadroom(punctures: k), challengeBits: b, secretSize: nh)
                    <= Double(budget)
        }
        let cap = punctureSearchLimit(challengeBits: b)
        guard fits(0) else { return 0 }
        if fits(cap) {
            // The budget holds the state up to the search limit. If it also holds it on a grid over the rest of
            // the tree's life (2^(b-3) to 2^b punctures, where E passes its peak and falls), it never binds.
            let rest = (1...24).map { Foundation.exp2(Double(b) - 3 + Double($0) / 8) }
            return b <= 53 && rest.allSatisfy(fits) ? .infinity : cap
        }
        // Invariant: fits(low), !fits(high); both integers.
        var low = 0.0
        var high = cap
        while high - low > 1 {
            let mid = (low + (high - low) / 2).rounded(.down)
            if fits(mid) { low = mid } else { high = mid }
        }
        return low
    }

    /// ``maxPunctures(forMemoryBudget:secretSize:challengeBits:)`` with the node size of `profile` at `suite`
    /// (`PRGProfile.nodeSize(for:)`: KDF.Nh, or 32 for `mls32`, SPEC section 3.1).
    public static func maxPunctures(
        forMemoryBudget budget: Int, suite: CipherSuite, profile: PRGProfile, challengeBits b: Int
    )
        -> Double
    {
        maxPunctures(forMemoryBudget: budget, secretSize: profile.nodeSize(for: suite), challengeBits: b)
    }

    /// ``memoryBound(storedNodes:punctures:challengeBits:secretSize:)`` with the node size of `profile` at `suite`.
    public static func memoryBound(
        storedNodes s: Double, punctures k: Double, challengeBits b: Int, suite: CipherSuite, profile: PRGProfile
    ) -> Double {
        memoryBound(storedNodes: s, punctures: k, challengeBits: b, secretSize: profile.nodeSize(for: suite))
    }

    /// The stored-node limit for KDF.Nh-byte nodes (every profile but `mls32`):
    /// ``maxStoredNodes(forMemoryBudget:suite:profile:challengeBits:)`` with profile `mls`.
    public static func maxStoredNodes(forMemoryBudget budget: Int, suite: CipherSuite, challengeBits b: Int) -> Int {
        maxStoredNodes(forMemoryBudget: budget, suite: suite, profile: .mls, challengeBits: b)
    }

    /// The stored-node limit that a memory budget of `budget` bytes per state gives at this suite, profile and
    /// b (for the `maxStoredNodes` parameter of the initialisers), with the profile's node size
    /// (`PRGProfile.nodeSize(for:)`: KDF.Nh, or 32 for `mls32`): the expected nodes plus headroom after
    /// ``maxPunctures(forMemoryBudget:secretSize:challengeBits:)`` punctures, so that a receiver of that many messages
    /// is not refused; at most ``storedNodeLimit``; at least 1 (a fresh state). When the budget never binds, the
    /// limit is what the budget holds for the whole tree.
    public static func maxStoredNodes(
        forMemoryBudget budget: Int, suite: CipherSuite, profile: PRGProfile, challengeBits b: Int
    ) -> Int {
        let nh = profile.nodeSize(for: suite)
        let k = maxPunctures(forMemoryBudget: budget, secretSize: nh, challengeBits: b)
        if k == 0 { return 1 }
        var nodes = 0.0
        if k < .infinity {
            nodes = (StateSize.expectedStoredNodes(challengeBits: b, punctures: k) + stateHeadroom(punctures: k))
                .rounded(.down)
        } else {
            // Never binding: allow what the budget holds for a tree of 2^b leaves (at most 2^b - 1 inner nodes).
            let leaves = Foundation.exp2(Double(b))
            let perNode = Double(nh + trieBytesPerInnerNode)
            let fixed = memoryBound(storedNodes: 0, punctures: leaves, challengeBits: b, secretSize: nh)
            nodes = ((Double(budget) - fixed) / perNode).rounded(.down)
            // Never below the expected state (with headroom) anywhere in the tree's life.
            for i in 0...(8 * b) {
                let k = Foundation.exp2(Double(i) / 8)
                nodes = max(
                    nodes, (StateSize.expectedStoredNodes(challengeBits: b, punctures: k) + stateHeadroom(punctures: k))
                )
            }
            nodes = min(nodes.rounded(.down), Foundation.exp2(Double(b)))
        }
        return Int(min(max(nodes, 1), Double(storedNodeLimit)))
    }

    /// A fresh PPRF whose node limit follows from a memory budget in bytes
    /// (``maxStoredNodes(forMemoryBudget:suite:profile:challengeBits:)``, sized by the profile's node).
    public convenience init(
        secret: SecretBytes, suite: CipherSuite, parameters: PPRFParameters, memoryBudget: Int
    ) throws(PPRFError) {
        let b = parameters.challengeBits
        try self.init(
            secret: secret, suite: suite, parameters: parameters,
            maxStoredNodes: Self.maxStoredNodes(
                forMemoryBudget: memoryBudget, suite: suite, profile: parameters.profile, challengeBits: b))
    }
}
