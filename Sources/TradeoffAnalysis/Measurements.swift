import ChallengeMath
import Foundation
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// CPU and memory measurements for the report and for `pprf bench` (issue 14).
///
/// Every timing is a ``Spread`` (median, inter-quartile range, count) of individually timed calls, measured
/// in rounds: each round measures every configuration of one b once, in a rotated order, each next to its
/// floors, so that a drift of the machine's speed reaches all of them alike and ratios are taken at one speed.
public struct Measurements: Sendable {
    /// A floor or reference cost for the same work as a row: what it is and its spread (one sample a round).
    public struct Floor: Sendable, Equatable {
        /// What was timed, for example "6b SHA-256 compressions (OpenSSL SHA256_Transform)".
        public let name: String
        /// Nanoseconds for the whole operation (per-level cost times b), one sample per round.
        public let time: Spread

        /// A floor.
        public init(name: String, time: Spread) {
            self.name = name
            self.time = time
        }
    }

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
        /// Nanoseconds per call.
        public let time: Spread
        /// The floor the ratio is taken against: for a fresh evaluate-and-puncture the machine's fastest raw
        /// compression times the compressions the walk needs; for protect and unprotect RFC 9420 mode.
        public let floor: Floor?
        /// Per round, the round's median of the operation over the round's floor sample.
        public let ratioSpread: Spread?
        /// A second reference (libsodium's HMAC for profile `mls`, the tree's own BLAKE2b call for `blake2b`).
        public let reference: Floor?
        /// Per round, the round's median of the operation over the round's second-reference sample.
        public let referenceRatioSpread: Spread?

        /// A row with its spreads.
        public init(
            operation: String, suite: UInt16, profile: String, bits: Int, time: Spread, floor: Floor? = nil,
            ratio: Spread? = nil, reference: Floor? = nil, referenceRatio: Spread? = nil
        ) {
            self.operation = operation
            self.suite = suite
            self.profile = profile
            self.bits = bits
            self.time = time
            self.floor = floor
            self.ratioSpread = ratio
            self.reference = reference
            self.referenceRatioSpread = referenceRatio
        }

        /// A row from single figures (each a spread of one value; the ratio is `nanoseconds / floor`); nil when
        /// a figure is NaN or infinite.
        public init?(
            operation: String, suite: UInt16, profile: String, bits: Int, nanoseconds: Double,
            floorNanoseconds: Double?
        ) {
            guard let time = Spread([nanoseconds]) else { return nil }
            var floor: Floor?
            var ratio: Spread?
            if let floorNanoseconds {
                guard let floorTime = Spread([floorNanoseconds]), floorNanoseconds > 0 else { return nil }
                floor = Floor(name: "given", time: floorTime)
                ratio = Spread([nanoseconds / floorNanoseconds])
            }
            self.init(
                operation: operation, suite: suite, profile: profile, bits: bits, time: time, floor: floor,
                ratio: ratio)
        }

        /// The median nanoseconds per call.
        public var nanoseconds: Double { time.median }
        /// The floor's median nanoseconds, when there is a floor.
        public var floorNanoseconds: Double? { floor?.time.median }
        /// The median ratio to the floor, when there is a floor.
        public var ratio: Double? { ratioSpread?.median }
    }

    /// The cost of one call of a raw primitive (a floor's unit), measured in the same rounds as the rows.
    public struct PrimitiveRow: Sendable, Equatable {
        /// The primitive and the library, for example "SHA-256 compression (OpenSSL SHA256_Transform)".
        public let primitive: String
        /// Nanoseconds per call: one sample per batch.
        public let time: Spread
        /// Calls per timed batch.
        public let callsPerSample: Int
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

    /// How much was measured.
    public struct Settings: Sendable, Equatable {
        /// Rounds per configuration (each floor, reference and ratio has this many samples).
        public var rounds: Int
        /// Individually timed calls per round and configuration.
        public var samplesPerRound: Int
        /// Whether `--quick` was given.
        public var quick: Bool
    }

    /// The timed rows.
    public var rows: [Row] = []
    /// The per-call costs of the raw primitives behind the floors.
    public var primitives: [PrimitiveRow] = []
    /// The memory rows (b = 256, suite 1).
    public var memory: [MemoryRow] = []
    /// How much was measured.
    public var settings = Settings(rounds: 0, samplesPerRound: 0, quick: false)
    /// Where it was measured.
    public var machine: MachineInfo?

    /// An empty set of measurements (rows are added by ``run(quick:progress:)`` or by hand).
    public init() {}

    /// Challenge lengths of the evaluate-and-puncture rows.
    static let bitLengths = [32, 64, 128, 256]

    /// Runs every measurement; `quick` uses fewer rounds and calls (about 5x faster, noisier).
    public static func run(quick: Bool, progress: (String) -> Void) throws -> Measurements {
        var m = Measurements()
        m.machine = MachineInfo.current()
        m.settings = Settings(rounds: quick ? 5 : 21, samplesPerRound: quick ? 12 : 28, quick: quick)
        var timing = try EvaluationTiming(rounds: m.settings.rounds, samplesPerRound: m.settings.samplesPerRound)
        progress("warming up")
        try timing.warmUp()
        for b in bitLengths {
            progress("evaluate-and-puncture, b = \(b): suites 1, 3, 5, 7 (mls) and 1, 3 (blake2b), interleaved")
            m.rows += try timing.rows(bits: b, priorPunctures: quick ? 200 : 1_000)
        }
        m.primitives = timing.primitiveRows()
        for suiteID in [UInt16(1), 3] {
            progress("protect/unprotect: suite \(suiteID)")
            m.rows += try ProtectionTiming.rows(
                suiteID: suiteID, rounds: quick ? 5 : 9, samplesPerRound: quick ? 8 : 33)
        }
        progress("memory after 1,000 and 10,000 punctures (b = 256)")
        m.memory = try memoryRows(counts: quick ? [1_000] : [1_000, 10_000])
        return m
    }

    /// Nanoseconds of each of `iterations` calls of `body`, each timed alone after an untimed `setup`.
    static func samples(iterations: Int, setup: () throws -> Void = {}, _ body: () throws -> Void) rethrows
        -> [Double]
    {
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            try setup()
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start))
        }
        return samples
    }

    /// Nanoseconds per call of a batch of `calls` calls made by `body` (at least 1 ns in all, so that a
    /// floor is never zero).
    static func perCall(_ calls: Int, _ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        let elapsed = max(DispatchTime.now().uptimeNanoseconds - start, 1)
        return Double(elapsed) / Double(max(calls, 1))
    }

    /// The spread of `values`, or ``MeasurementError/noSamples(_:)`` naming `what` when they are empty or
    /// not finite.
    static func spread(_ values: [Double], _ what: String) throws(MeasurementError) -> Spread {
        guard let spread = Spread(values) else { throw MeasurementError.noSamples(what) }
        return spread
    }

    static func memoryRows(counts: [Int]) throws -> [MemoryRow] {
        let suite = try CipherSuite(id: 1)
        let pprf = try PPRF(
            secret: SecretBytes(copying: [UInt8](repeating: 1, count: 32)), suite: suite,
            parameters: PPRFParameters(challengeBits: 256, profile: .blake2b))
        var done = 0
        var rows: [MemoryRow] = []
        for target in counts {
            while done < target {
                let x = try Challenge.random(challengeBits: 256)
                if try pprf.isPunctured(x) { continue }
                try pprf.puncture(at: x)
                done += 1
            }
            rows.append(
                MemoryRow(
                    punctures: done, storedNodes: pprf.storedNodeCount,
                    expectedNodes: StateSize.expectedStoredNodes(challengeBits: 256, punctures: Double(done)),
                    bytesHeld: pprf.bytesHeld))
        }
        return rows
    }
}

/// Why a measurement could not be made.
public enum MeasurementError: Error, Equatable, Sendable {
    /// A set of timings for the named configuration came out empty or not finite (nothing ran).
    case noSamples(String)
}
