import ChallengeMath
import Foundation
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// CPU and memory measurements for the report and for `pprf bench`: medians of individually timed calls,
/// each next to a floor measured in the same run, so that ratios (not absolute times) carry the result.
public struct Measurements: Sendable {
    /// One timed operation.
    public struct Row: Sendable {
        /// What was measured.
        public let operation: String
        /// Cipher suite.
        public let suite: UInt16
        /// "mls", "blake2b" or "rfc9420".
        public let profile: String
        /// Challenge bits (0 for RFC 9420 rows).
        public let bits: Int
        /// Median nanoseconds per call.
        public let nanoseconds: Double
        /// The floor for the same work, when there is one.
        public let floorNanoseconds: Double?
        /// The median over rounds of (operation / floor), each round measuring both back to back so that
        /// drifts of the machine's speed cancel; `nanoseconds / floorNanoseconds` when not given.
        public let ratio: Double?

        /// A row; `ratio` defaults to `nanoseconds / floorNanoseconds`.
        public init(
            operation: String, suite: UInt16, profile: String, bits: Int, nanoseconds: Double,
            floorNanoseconds: Double?,
            ratio: Double? = nil
        ) {
            self.operation = operation
            self.suite = suite
            self.profile = profile
            self.bits = bits
            self.nanoseconds = nanoseconds
            self.floorNanoseconds = floorNanoseconds
            self.ratio = ratio ?? floorNanoseconds.map { nanoseconds / $0 }
        }
    }

    /// Measures `operation` and `reference` alternately for `rounds` rounds; returns the medians of both and
    /// the median of the per-round ratios.
    static func interleaved(
        rounds: Int, operation: () throws -> Double, reference: () throws -> Double
    ) rethrows -> (operation: Double, reference: Double, ratio: Double) {
        var ops: [Double] = []
        var refs: [Double] = []
        var ratios: [Double] = []
        for _ in 0..<rounds {
            let r = try reference()
            let o = try operation()
            ops.append(o)
            refs.append(r)
            ratios.append(o / r)
        }
        func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
        return (median(ops), median(refs), median(ratios))
    }

    /// A memory data point.
    public struct MemoryRow: Sendable {
        /// Punctures made.
        public let punctures: Int
        /// Stored nodes.
        public let storedNodes: Int
        /// The closed form E.
        public let expectedNodes: Double
        /// Bytes the state allocated.
        public let bytesHeld: Int
        /// `32 x E`.
        public var rawSecretBytes: Double { 32 * expectedNodes }
        /// `bytesHeld / (32 x E)`.
        public var ratio: Double { Double(bytesHeld) / rawSecretBytes }
    }

    /// The timed rows.
    public var rows: [Row] = []
    /// The memory rows (b = 256, suite 1).
    public var memory: [MemoryRow] = []

    /// Runs every measurement; `quick` uses fewer iterations (about 10x faster, noisier).
    public static func run(quick: Bool, progress: (String) -> Void) throws -> Measurements {
        var m = Measurements()
        let iterations = quick ? 60 : 600
        let rounds = quick ? 5 : 21
        for (suiteID, profile) in [(UInt16(1), PRGProfile.mls), (1, .blake2b), (3, .mls), (3, .blake2b)] {
            let suite = try CipherSuite(id: suiteID)
            for b in [32, 64, 128, 256] {
                progress("evaluate-and-puncture: suite \(suiteID), \(profile), b = \(b)")
                let (fresh, floor, ratio) = try interleaved(
                    rounds: rounds,
                    operation: {
                        try timeFresh(suite: suite, profile: profile, bits: b, iterations: max(9, iterations / rounds))
                    },
                    reference: { try floorPerLevel(suite: suite, profile: profile, calls: 20 * b) * Double(b) })
                m.rows.append(
                    Row(
                        operation: "evaluate_and_puncture_fresh", suite: suiteID, profile: "\(profile)", bits: b,
                        nanoseconds: fresh, floorNanoseconds: floor, ratio: ratio))
                let used = try timeUsed(
                    suite: suite, profile: profile, bits: b, prior: quick ? 200 : 1_000, iterations: iterations)
                m.rows.append(
                    Row(
                        operation: "evaluate_and_puncture_after_punctures", suite: suiteID, profile: "\(profile)",
                        bits: b, nanoseconds: used, floorNanoseconds: nil))
            }
        }
        for suiteID in [UInt16(1), 3] {
            progress("protect/unprotect: suite \(suiteID)")
            m.rows += try ProtectionTiming.rows(suiteID: suiteID, iterations: quick ? 40 : 300)
        }
        progress("memory after 1,000 and 10,000 punctures (b = 256)")
        m.memory = try memoryRows(counts: quick ? [1_000] : [1_000, 10_000])
        return m
    }

    /// Median ns of `body`, timed call by call after `setup`.
    static func median(iterations: Int, setup: () throws -> Void = {}, _ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            try setup()
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start))
        }
        samples.sort()
        return samples[samples.count / 2]
    }

    /// The floor: nanoseconds per derivation of both children with the tree's own expander, in a tight loop.
    static func floorPerLevel(suite: CipherSuite, profile: PRGProfile, calls: Int) throws -> Double {
        let expander = try GGMExpander(suite: suite, profile: profile)
        let nh = suite.nh
        var node = [UInt8](repeating: 7, count: nh)
        var left = [UInt8](repeating: 0, count: nh)
        var right = [UInt8](repeating: 0, count: nh)
        var best = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<(calls / 3) {
                node.withUnsafeBytes { n in
                    left.withUnsafeMutableBytes { l in
                        right.withUnsafeMutableBytes { expander.children(of: n, left: l, right: $0) }
                    }
                }
                swap(&node, &left)  // a data dependency, as in the tree walk
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(calls / 3))
        }
        return best
    }

    static func timeFresh(suite: CipherSuite, profile: PRGProfile, bits: Int, iterations: Int) throws -> Double {
        let root = SecretBytes(copying: [UInt8](repeating: 1, count: suite.nh))
        var pprf = try PPRF(suite: suite, depth: bits, profile: profile, rootSecret: root)
        var x = try Challenge.random(bitCount: bits)
        return try median(
            iterations: iterations,
            setup: {
                pprf = try PPRF(suite: suite, depth: bits, profile: profile, rootSecret: root)
                x = try Challenge.random(bitCount: bits)
            }, { _ = try pprf.evaluateAndPuncture(at: x) })
    }

    static func timeUsed(suite: CipherSuite, profile: PRGProfile, bits: Int, prior: Int, iterations: Int) throws
        -> Double
    {
        let pprf = try PPRF(
            suite: suite, depth: bits, profile: profile,
            rootSecret: SecretBytes(copying: [UInt8](repeating: 1, count: suite.nh)))
        for _ in 0..<prior { try? pprf.puncture(at: Challenge.random(bitCount: bits)) }
        var x = try Challenge.random(bitCount: bits)
        return try median(
            iterations: iterations, setup: { x = try Challenge.random(bitCount: bits) },
            { _ = try pprf.evaluateAndPuncture(at: x) })
    }

    static func memoryRows(counts: [Int]) throws -> [MemoryRow] {
        let suite = try CipherSuite(id: 1)
        let pprf = try PPRF(
            suite: suite, depth: 256, profile: .blake2b,
            rootSecret: SecretBytes(copying: [UInt8](repeating: 1, count: 32)))
        var done = 0
        var rows: [MemoryRow] = []
        for target in counts {
            while done < target {
                try pprf.puncture(at: Challenge.random(bitCount: 256))
                done += 1
            }
            rows.append(
                MemoryRow(
                    punctures: done, storedNodes: pprf.storedNodeCount,
                    expectedNodes: StateSize.expectedStoredNodes(depth: 256, punctures: Double(done)),
                    bytesHeld: pprf.bytesHeld))
        }
        return rows
    }
}
