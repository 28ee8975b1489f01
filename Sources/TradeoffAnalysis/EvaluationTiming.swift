import Foundation
import MLSCore
import MLSCrypto
import PuncturablePRF

/// Evaluate-and-puncture against its floors (issue 14), all configurations of one b interleaved.
///
/// Per round and configuration, back to back: the raw-compression floor (a batch of the machine's fastest
/// compression: OpenSSL's SHA-256 or SHA-512 transform for profile `mls`, 6 per level; the faster of libb2's
/// and libsodium's one-block BLAKE2b-512 for `blake2b`, 1 per level), the second reference (libsodium's
/// HMAC, or the tree's own BLAKE2b call), `samplesPerRound` individually timed evaluate-and-puncture calls on
/// fresh states and as many on a state that already holds punctures. The configurations take turns in an
/// order rotated every round, after an untimed warm-up: the committed report of 2026-11-28 measured suites 1
/// and 3 one after the other and caught the shared machine at two speeds (105 against 53 us at b = 32, with
/// the floors differing alike).
struct EvaluationTiming {
    /// One suite and profile, with what its floors need.
    struct Configuration {
        let suite: CipherSuite
        let profile: PRGProfile
        /// The SHA-2 compression of the suite's hash; nil for profile `blake2b`.
        let width: RawCompression.SHA2Width?
        let leftInfo: [UInt8]
        let rightInfo: [UInt8]
        let expander: GGMExpander

        init(suiteID: UInt16, profile: PRGProfile) throws {
            suite = try CipherSuite(id: suiteID)
            self.profile = profile
            width = profile == .blake2b ? nil : suite.hash == .sha256 ? .sha256 : .sha512
            leftInfo = try suite.kdfLabel(label: "tree", context: Array("left".utf8), length: suite.nh) + [1]
            rightInfo = try suite.kdfLabel(label: "tree", context: Array("right".utf8), length: suite.nh) + [1]
            expander = try GGMExpander(suite: suite, profile: profile)
        }

        var floorName: String {
            switch width {
            case .sha256: "b x 6 SHA-256 compressions (OpenSSL SHA256_Transform)"
            case .sha512: "b x 6 SHA-512 compressions (OpenSSL SHA512_Transform)"
            case nil: "b x 1 one-block BLAKE2b-512 (the faster of libb2 and libsodium in the round)"
            }
        }

        var referenceName: String {
            switch width {
            case .sha256: "b levels of libsodium HMAC-SHA-256 (key setup, 2 HMACs from copies)"
            case .sha512:
                suite.hash == .sha384
                    ? "b levels of libsodium HMAC-SHA-512 (SHA-384's compression; libsodium lacks SHA-384)"
                    : "b levels of libsodium HMAC-SHA-512 (key setup, 2 HMACs from copies)"
            case nil: "b calls of the tree's keyed BLAKE2b-512 (GGMExpander, libb2)"
            }
        }
    }

    let rounds: Int
    let samplesPerRound: Int
    let configurations: [Configuration]
    /// Per-call samples of the raw primitives, over every round of every b.
    private(set) var sha256: [Double] = []
    private(set) var sha512: [Double] = []
    private(set) var blake2bLibb2: [Double] = []
    private(set) var blake2bSodium: [Double] = []

    static let sha256Batch = 1_536
    static let sha512Batch = 512
    static let blake2bBatch = 512

    init(rounds: Int, samplesPerRound: Int) throws {
        self.rounds = max(rounds, 1)
        self.samplesPerRound = max(samplesPerRound, 1)
        configurations = try [
            (UInt16(1), PRGProfile.mls), (3, .mls), (5, .mls), (7, .mls), (1, .blake2b), (3, .blake2b),
        ]
        .map { try Configuration(suiteID: $0.0, profile: $0.1) }
    }

    /// Two untimed rounds at b = 32, so that caches, allocator and clock are settled before the first sample.
    mutating func warmUp() throws {
        let saved = (sha256, sha512, blake2bLibb2, blake2bSodium)
        for configuration in configurations {
            let used = try Self.usedState(configuration, bits: 32, punctures: 10)
            for _ in 0..<2 { _ = try measureRound(configuration, bits: 32, used: used) }
        }
        (sha256, sha512, blake2bLibb2, blake2bSodium) = saved
    }

    /// Fresh and after-punctures rows for every configuration at `bits`.
    mutating func rows(bits: Int, priorPunctures: Int) throws -> [Measurements.Row] {
        let used = try configurations.map { try Self.usedState($0, bits: bits, punctures: priorPunctures) }
        var results = [[RoundResult]](repeating: [], count: configurations.count)
        for r in 0..<rounds {
            for k in 0..<configurations.count {
                let i = (k + r) % configurations.count
                results[i].append(try measureRound(configurations[i], bits: bits, used: used[i]))
            }
        }
        var rows: [Measurements.Row] = []
        for (configuration, results) in zip(configurations, results) {
            let b = Double(bits)
            let what = "suite \(configuration.suite.id), \(configuration.profile), b = \(bits)"
            let fresh = try Measurements.spread(results.flatMap(\.fresh), what)
            let after = try Measurements.spread(results.flatMap(\.used), what)
            let floor = try Measurements.spread(results.map { $0.floorPerLevel * b }, what)
            let reference = try Measurements.spread(results.map { $0.referencePerLevel * b }, what)
            let ratios = results.compactMap { r in Spread(r.fresh).map { $0.median / (r.floorPerLevel * b) } }
            let ratio = try Measurements.spread(ratios, what)
            let referenceRatios = results.compactMap { r in
                Spread(r.fresh).map { $0.median / (r.referencePerLevel * b) }
            }
            let referenceRatio = try Measurements.spread(referenceRatios, what)
            let suite = configuration.suite.id
            let profile = "\(configuration.profile)"
            rows.append(
                Measurements.Row(
                    operation: "evaluate_and_puncture_fresh", suite: suite, profile: profile, bits: bits, time: fresh,
                    floor: .init(name: configuration.floorName, time: floor), ratio: ratio,
                    reference: .init(name: configuration.referenceName, time: reference),
                    referenceRatio: referenceRatio))
            rows.append(
                Measurements.Row(
                    operation: "evaluate_and_puncture_after_punctures", suite: suite, profile: profile, bits: bits,
                    time: after))
        }
        return rows
    }

    /// The per-call costs of the primitives behind the floors.
    func primitiveRows() -> [Measurements.PrimitiveRow] {
        [
            ("SHA-256 compression (OpenSSL SHA256_Transform)", sha256, Self.sha256Batch),
            ("SHA-512 compression (OpenSSL SHA512_Transform)", sha512, Self.sha512Batch),
            ("one-block BLAKE2b-512 (libb2 blake2b)", blake2bLibb2, Self.blake2bBatch),
            ("one-block BLAKE2b-512 (libsodium crypto_generichash_blake2b)", blake2bSodium, Self.blake2bBatch),
        ].compactMap { name, values, batch in
            Spread(values).map { .init(primitive: name, time: $0, callsPerSample: batch) }
        }
    }

    /// What one round measures for one configuration.
    struct RoundResult {
        var floorPerLevel: Double
        var referencePerLevel: Double
        var fresh: [Double]
        var used: [Double]
    }

    private mutating func measureRound(_ c: Configuration, bits: Int, used: PPRF) throws -> RoundResult {
        let floorPerLevel: Double
        let referencePerLevel: Double
        if let width = c.width {
            let batch = width == .sha256 ? Self.sha256Batch : Self.sha512Batch
            let perCompression = try Measurements.perCall(batch) {
                try RawCompression.sha2Compressions(width, count: batch)
            }
            if width == .sha256 { sha256.append(perCompression) } else { sha512.append(perCompression) }
            floorPerLevel = Double(RawCompression.compressionsPerMLSLevel) * perCompression
            let levels = width == .sha256 ? 64 : 32
            referencePerLevel = try Measurements.perCall(levels) {
                try RawCompression.sodiumHMACLevels(width, levels: levels, leftInfo: c.leftInfo, rightInfo: c.rightInfo)
            }
        } else {
            let b2 = try Measurements.perCall(Self.blake2bBatch) {
                try RawCompression.blake2b512OneBlock(.libb2, count: Self.blake2bBatch)
            }
            let sodium = try Measurements.perCall(Self.blake2bBatch) {
                try RawCompression.blake2b512OneBlock(.libsodium, count: Self.blake2bBatch)
            }
            blake2bLibb2.append(b2)
            blake2bSodium.append(sodium)
            floorPerLevel = min(b2, sodium)
            referencePerLevel = Self.expanderPerLevel(c, levels: 256)
        }
        let root = SecretBytes(copying: [UInt8](repeating: 1, count: c.suite.nh))
        var pprf = try PPRF(
            secret: root, suite: c.suite, parameters: PPRFParameters(challengeBits: bits, profile: c.profile))
        var x = try Challenge.random(challengeBits: bits)
        let fresh = try Measurements.samples(
            iterations: samplesPerRound,
            setup: {
                pprf = try PPRF(
                    secret: root, suite: c.suite, parameters: PPRFParameters(challengeBits: bits, profile: c.profile))
                x = try Challenge.random(challengeBits: bits)
            }, { _ = try pprf.evaluateAndPuncture(at: x) })
        let usedSamples = try Measurements.samples(
            iterations: samplesPerRound, setup: { x = try Self.unpunctured(used, bits: bits) },
            { _ = try used.evaluateAndPuncture(at: x) })
        return RoundResult(
            floorPerLevel: floorPerLevel, referencePerLevel: referencePerLevel, fresh: fresh, used: usedSamples)
    }

    /// Nanoseconds per level of `levels` chained child derivations with the tree's own expander.
    static func expanderPerLevel(_ c: Configuration, levels: Int) -> Double {
        let nh = c.profile.nodeSize(for: c.suite)
        var node = [UInt8](repeating: 7, count: nh)
        var left = [UInt8](repeating: 0, count: nh)
        var right = [UInt8](repeating: 0, count: nh)
        return Measurements.perCall(levels) {
            for _ in 0..<levels {
                node.withUnsafeBytes { n in
                    left.withUnsafeMutableBytes { l in
                        right.withUnsafeMutableBytes { c.expander.children(of: n, left: l, right: $0) }
                    }
                }
                swap(&node, &left)  // a data dependency, as in the tree walk
            }
        }
    }

    /// A state of depth `bits` punctured at `punctures` distinct random points.
    static func usedState(_ c: Configuration, bits: Int, punctures: Int) throws -> PPRF {
        let pprf = try PPRF(
            secret: SecretBytes(copying: [UInt8](repeating: 1, count: c.suite.nh)), suite: c.suite,
            parameters: PPRFParameters(challengeBits: bits, profile: c.profile))
        for _ in 0..<punctures { try pprf.puncture(at: unpunctured(pprf, bits: bits)) }
        return pprf
    }

    /// A random challenge at which `pprf` is not punctured (a drawn punctured one is drawn again).
    static func unpunctured(_ pprf: PPRF, bits: Int) throws -> Challenge {
        while true {
            let x = try Challenge.random(challengeBits: bits)
            if try !pprf.isPunctured(x) { return x }
        }
    }
}
