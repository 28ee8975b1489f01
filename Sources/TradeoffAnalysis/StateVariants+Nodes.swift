import ChallengeMath
import Foundation
import MLSCore
import MLSCrypto
import PuncturablePRF

/// Variants 3 (32-byte inner nodes for suites with KDF.Nh > 32) and 4 (the in-memory representation),
/// SPEC.md Appendix B.3 and B.4.
extension StateVariants {
    /// One row of variant 3: the state of a suite with KDF.Nh > 32 with full-size and with 32-byte nodes.
    public struct NodeSizeRow: Sendable, Equatable {
        /// Cipher suite (5: SHA-512, 7: SHA-384).
        public let suite: UInt16
        /// KDF.Nh of the suite.
        public let nh: Int
        /// b.
        public let bits: Int
        /// Messages per epoch k.
        public let messages: Double
        /// E(b, k), the same for both node sizes.
        public let expectedNodes: Double
        /// Expected canonical encoding with KDF.Nh-byte nodes.
        public let canonicalBytes: Double
        /// Expected canonical encoding with 32-byte nodes.
        public let canonicalBytes32: Double
        /// Raw secrets, Nh x E and 32 x E.
        public var rawBytes: Double { Double(nh) * expectedNodes }
        /// 32 x E.
        public var rawBytes32: Double { 32 * expectedNodes }
    }

    /// Variant 3 for suites 5 and 7, b in {128, 256} and the report's message counts (closed forms).
    public static func nodeSizeRows() -> [NodeSizeRow] {
        var rows: [NodeSizeRow] = []
        for (suite, nh) in [(UInt16(5), 64), (7, 48)] {
            for b in [128, 256] {
                for k in messageCounts {
                    rows.append(
                        NodeSizeRow(
                            suite: suite, nh: nh, bits: b, messages: k,
                            expectedNodes: StateSize.expectedStoredNodes(challengeBits: b, punctures: k),
                            canonicalBytes: StateSize.expectedEncodedBytes(
                                challengeBits: b, punctures: k, secretSize: nh),
                            canonicalBytes32: StateSize.expectedEncodedBytes(
                                challengeBits: b, punctures: k, secretSize: 32)))
                }
            }
        }
        return rows
    }

    /// Whether `ExpandWithLabel(s, "tree", "left", 32)` differs from the first 32 bytes of
    /// `ExpandWithLabel(s, "tree", "left", KDF.Nh)` for suite `suiteID`: KDFLabel binds the length
    /// (RFC 9420 section 8), so a 32-byte tree is a different function of the same root, not a truncation.
    public static func shortNodesAreDomainSeparated(suiteID: UInt16) throws(StateVariantsError) -> Bool {
        do {
            let suite = try CipherSuite(id: suiteID)
            let root = SecretBytes(copying: [UInt8](repeating: 0x33, count: suite.nh))
            let full = try suite.expandWithLabel(root, label: "tree", context: Array("left".utf8), length: suite.nh)
            let short = try suite.expandWithLabel(root, label: "tree", context: Array("left".utf8), length: 32)
            let prefix = full.withUnsafeBytes { SecretBytes(copying: $0.prefix(32)) }
            return !(prefix == short)
        } catch {
            throw .mls(error)
        }
    }

    /// One row of variant 4: bytes a state allocates against the raw-secret floor 32 x E.
    public struct MemoryRow: Sendable, Equatable {
        /// The stored-node count the row was taken at (the first puncture reaching it).
        public let targetNodes: Double
        /// Whether ``bytesHeld`` was measured on a real state (else the row is the layout model only).
        public let measured: Bool
        /// Punctures k.
        public let punctures: Double
        /// Stored nodes E.
        public let storedNodes: Double
        /// `PPRF.bytesHeld` (arena chunk capacity plus trie link and free-list capacities), when measured.
        public let bytesHeld: Int?
        /// `PPRF.bytesHeld` of the same punctures on a state that first called
        /// `PPRF.reserveCapacity(forPunctures: k)` (variant 4's cheap win, implemented), when measured.
        public let bytesHeldReserved: Int?
        /// A row; `bytesHeld` and `bytesHeldReserved` are nil for a model-only row.
        public init(
            targetNodes: Double, measured: Bool, punctures: Double, storedNodes: Double, bytesHeld: Int?,
            bytesHeldReserved: Int? = nil
        ) {
            self.targetNodes = targetNodes
            self.measured = measured
            self.punctures = punctures
            self.storedNodes = storedNodes
            self.bytesHeld = bytesHeld
            self.bytesHeldReserved = bytesHeldReserved
        }

        /// 32 x E.
        public var rawBytes: Double { 32 * storedNodes }
        /// The exact minimum of today's layout: the arena's 256-slot chunks, `32 x 256 x ceil(E/256)`, plus
        /// 4-byte links, two per trie inner node; the trie has E + k - 1 inner nodes (a binary tree whose
        /// leaves are the E stored nodes and the k punctured leaves) plus the unused node 0: `8 (E + k)`.
        public var layoutFloor: Double { 32 * 256 * (storedNodes / 256).rounded(.up) + 8 * (storedNodes + punctures) }
        /// One link per inner node (the off-path child's secret at the inner node's own arena index, with a
        /// side table for the k - 1 branching nodes): `32 E + 4 (E + k) + 8 k`.
        public var oneLinkBytes: Double { 32 * storedNodes + 4 * (storedNodes + punctures) + 8 * punctures }
        /// The compact encoding held in memory (Appendix B.2): secrets in canonical order, the sorted
        /// challenges (32 bytes) and a 4-byte rank per gap: `32 E + 36 k`.
        public var sortedPointsBytes: Double { 32 * storedNodes + 36 * punctures }
    }

    /// Variant 4: a suite-1, b = 256 state measured when it first holds 10^4, 10^5 and 10^6 stored nodes,
    /// and the layout model at 10^7 (beyond the engine's 2^23-node limit); `quick` stops measuring at 10^5.
    public static func memoryRows(quick: Bool = false, progress: (String) -> Void) throws(StateVariantsError)
        -> [MemoryRow]
    {
        let b = 256
        let pprf = try freshState(bits: b)
        var points: [[UInt8]] = []
        var rng = SplitMix64(seed: 0x3E3_0000)
        var rows: [MemoryRow] = []
        var k = 0
        for target in quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000] {
            progress("variants: memory held at \(target) stored nodes (b = 256)")
            while pprf.storedNodeCount < target {
                k += 1
                try puncture(pprf, until: k, points: &points, rng: &rng)
            }
            // The same k punctures on a state reserved for k (the recommendation knows k in advance).
            let reserved = try freshState(bits: b)
            reserved.reserveCapacity(forPunctures: k)
            for bytes in points {
                do { try reserved.puncture(at: try Challenge(bytes: bytes, challengeBits: b)) } catch {
                    throw .engine(error)
                }
            }
            guard reserved.storedNodeCount == pprf.storedNodeCount else {
                throw .derivedStateMismatch(
                    bits: b, punctures: k, derived: reserved.storedNodeCount, engine: pprf.storedNodeCount)
            }
            rows.append(
                MemoryRow(
                    targetNodes: Double(target), measured: true, punctures: Double(k),
                    storedNodes: Double(pprf.storedNodeCount), bytesHeld: pprf.bytesHeld,
                    bytesHeldReserved: reserved.bytesHeld))
        }
        let target = 1e7
        let punctures = puncturesReaching(nodes: target, bits: b)
        rows.append(
            MemoryRow(
                targetNodes: target, measured: false, punctures: punctures.rounded(.up), storedNodes: target,
                bytesHeld: nil))
        return rows
    }

    /// The k at which the closed form E(b, k) reaches `nodes` (bisection; E grows with k).
    public static func puncturesReaching(nodes: Double, bits b: Int) -> Double {
        var (low, high) = (1.0, max(2.0, nodes))
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if StateSize.expectedStoredNodes(challengeBits: b, punctures: mid) < nodes { low = mid } else { high = mid }
            if high - low < 0.5 { break }
        }
        return high
    }
}
