import MLSCore
import MLSCrypto
import PuncturablePRF

/// What `pprf vectors generate` writes (Vectors/README.md, "Generating your own"): which files, for which
/// cipher suite, challenge length b and profile, how many messages or challenges, and from which seed.
///
/// Every field left `nil` keeps the committed default of each file, so ``committed`` reproduces `Vectors/`.
/// Values are checked by the parsers (``parseSuite(_:)`` and the others), which throw
/// ``GeneratorOptionsError`` with a sentence naming the option.
public struct GeneratorOptions: Sendable, Equatable {
    /// The vector files one run can write.
    public enum Kind: String, Sendable, CaseIterable {
        /// `pprf-tree.json`.
        case tree
        /// `pprf-state.json`.
        case state
        /// `pprf-state-compact.json` (SPEC.md section 3.2; fixed suites and lengths: takes no generator option).
        case stateCompact = "state-compact"
        /// `pprf-tree-short-nodes.json` (SPEC.md section 3.1; suites 5 and 7: takes no generator option).
        case treeShortNodes = "tree-short-nodes"
        /// `pprf-message-protection.json`.
        case messages
        /// `pprf-message-negative.json`.
        case negative
        /// `pprf-safe-aad.json` (SPEC.md section 5.1; fixed suites and lengths: takes no generator option).
        case safeAAD = "safe-aad"
        /// `pprf-reuse-guard.json` (SPEC.md section 10; its fixed suites and lengths: takes no generator option).
        case reuseGuard = "reuse-guard"
        /// `collision.json` (exact mathematics: takes no generator option).
        case collision
    }

    /// The one cipher suite to cover (1, 2, 3, 5 or 7), or each file's default suites.
    public var suite: UInt16?
    /// The one challenge length b in 1...256, or each file's default lengths.
    public var bits: Int?
    /// The one PRG profile, or each file's default profiles.
    public var profile: PRGProfile?
    /// Messages in each message sequence, random challenges per tree entry, punctures per state entry.
    public var count: Int?
    /// The seed keying the labelled generator (``VectorRNG/init(file:seed:)``); `nil` is the committed files'.
    public var seed: String?
    /// The files to write, in ``Kind`` order.
    public var kinds: [Kind]

    /// The largest `--count` (bounds the file size: each message carries its intermediate values).
    public static let maxCount = 1024
    /// The longest `--seed`, in UTF-8 bytes.
    public static let maxSeedBytes = 256

    /// The committed vector set.
    public static let committed = GeneratorOptions()

    /// Options as given; `kinds` empty means every kind.
    public init(
        suite: UInt16? = nil, bits: Int? = nil, profile: PRGProfile? = nil, count: Int? = nil, seed: String? = nil,
        kinds: [Kind] = []
    ) {
        self.suite = suite
        self.bits = bits
        self.profile = profile
        self.count = count
        self.seed = seed
        let wanted = Set(kinds.isEmpty ? Kind.allCases : kinds)
        self.kinds = Kind.allCases.filter { wanted.contains($0) }
    }

    /// Whether any generator option (everything but `kinds`) is set.
    public var customised: Bool { suite != nil || bits != nil || profile != nil || count != nil || seed != nil }

    /// Checks the combination: collision vectors alone take no generator option, a profile the suite cannot
    /// run is refused, and a message sequence needs `count` distinct challenges.
    public func validate() throws(GeneratorOptionsError) {
        if customised, let fixed = kinds.first, kinds.allSatisfy({ Self.fixedKinds.contains($0) }) {
            throw .notApplicable(kind: fixed.rawValue)
        }
        if let suite, let profile, !Self.supports(suite: suite, profile: profile) {
            throw .profileUnsupported(suite: suite, profile: "\(profile)")
        }
        if let count, let bits, bits < 11, count > 1 << bits, kinds.contains(.messages) {
            throw .countExceedsChallenges(count: count, bits: bits)
        }
    }

    /// The (suite, profile, b) triples a file covers: its `defaults` filtered by the options; when nothing
    /// in the defaults matches (for example b = 96), every combination of the given values and the defaults'
    /// values for the dimensions not given, keeping only suites that can run the profile.
    func configurations(_ defaults: [(UInt16, PRGProfile, Int)]) -> [(UInt16, PRGProfile, Int)] {
        guard customised else { return defaults }
        let filtered = defaults.filter {
            (suite ?? $0.0) == $0.0 && (profile ?? $0.1) == $0.1 && (bits ?? $0.2) == $0.2
        }
        if !filtered.isEmpty { return filtered }
        func distinct<T: Equatable>(_ values: [T]) -> [T] {
            values.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        }
        var result: [(UInt16, PRGProfile, Int)] = []
        for s in suite.map({ [$0] }) ?? distinct(defaults.map(\.0)) {
            for p in profile.map({ [$0] }) ?? distinct(defaults.map(\.1)) where Self.supports(suite: s, profile: p) {
                for b in bits.map({ [$0] }) ?? distinct(defaults.map(\.2)) { result.append((s, p, b)) }
            }
        }
        return result
    }

    /// The generator of `file` under these options.
    func rng(file: String) throws(CryptoError) -> VectorRNG { try VectorRNG(file: file, seed: seed) }

    /// The kinds whose files have fixed parameters (written with the committed set only).
    static let fixedKinds: Set<Kind> = [.stateCompact, .treeShortNodes, .safeAAD, .reuseGuard, .collision]

    /// Whether `suite` can run `profile` (`blake2b` needs KDF.Nh = 32, `mls32` KDF.Nh > 32; SPEC.md sections 1, 3.1).
    static func supports(suite: UInt16, profile: PRGProfile) -> Bool {
        guard let s = try? CipherSuite(id: suite) else { return false }
        switch profile {
        case .blake2b: return s.nh == 32
        case .mls32: return s.nh > 32
        default: return true
        }
    }

    // MARK: Parsers for the command line (exit 64 with the error's sentence)

    /// `--suite`: 1, 2, 3, 5 or 7, written in decimal digits.
    public static func parseSuite(_ text: String) throws(GeneratorOptionsError) -> UInt16 {
        let value = try digits(text, option: "--suite", range: 1...7)
        guard value != 4, value != 6 else { throw .unsupportedSuite(value) }
        return UInt16(value)
    }

    /// `--bits`: b in 1...256, in decimal digits.
    public static func parseBits(_ text: String) throws(GeneratorOptionsError) -> Int {
        try digits(text, option: "--bits", range: 1...256)
    }

    /// `--count`: 1...``maxCount``, in decimal digits.
    public static func parseCount(_ text: String) throws(GeneratorOptionsError) -> Int {
        try digits(text, option: "--count", range: 1...maxCount)
    }

    /// `--profile`: `mls`, `blake2b` or `cbst`.
    public static func parseProfile(_ text: String) throws(GeneratorOptionsError) -> PRGProfile {
        guard let profile = PRGProfile(name: text) else { throw .invalidProfile(text) }
        return profile
    }

    /// `--kind`: tree, state, messages, negative or collision.
    public static func parseKind(_ text: String) throws(GeneratorOptionsError) -> Kind {
        guard let kind = Kind(rawValue: text) else { throw .invalidKind(text) }
        return kind
    }

    /// `--seed`: 1...``maxSeedBytes`` bytes of UTF-8 without control characters.
    public static func parseSeed(_ text: String) throws(GeneratorOptionsError) -> String {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= maxSeedBytes, !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F })
        else { throw .invalidSeed(length: bytes.count) }
        return text
    }

    /// Decimal digits only (no sign, point, exponent or spaces), range-checked before conversion.
    static func digits(_ text: String, option: String, range: ClosedRange<Int>) throws(GeneratorOptionsError) -> Int {
        let ascii = Array(text.utf8)
        guard !ascii.isEmpty, ascii.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw .notAWholeNumber(option: option, text: String(text.prefix(40)))
        }
        // Leading zeros are harmless; more than 10 significant digits is outside every range here, and
        // 10 digits cannot overflow an Int.
        let significant = ascii.drop { $0 == 0x30 }
        var value = 0
        if significant.count <= 10 { for d in significant { value = value * 10 + Int(d - 0x30) } }
        guard significant.count <= 10, range.contains(value) else {
            throw .outOfRange(option: option, text: String(text.prefix(40)), range: range)
        }
        return value
    }
}

/// Errors of ``GeneratorOptions``: a `pprf vectors generate` option that is malformed or does not fit the
/// others (the tool exits 64 with the sentence).
public enum GeneratorOptionsError: Error, Equatable, Sendable {
    /// `option` was not written as decimal digits (negative, fractional, exponent, empty or not a number).
    case notAWholeNumber(option: String, text: String)
    /// `option` was a whole number outside `range`.
    case outOfRange(option: String, text: String, range: ClosedRange<Int>)
    /// Cipher suite 4 or 6: X448/Ed448 are not available.
    case unsupportedSuite(Int)
    /// `--profile` named no profile.
    case invalidProfile(String)
    /// `--kind` named no vector kind.
    case invalidKind(String)
    /// `--seed` was empty, longer than ``GeneratorOptions/maxSeedBytes`` or held control characters.
    case invalidSeed(length: Int)
    /// The suite cannot run the profile (`blake2b` needs KDF.Nh = 32).
    case profileUnsupported(suite: UInt16, profile: String)
    /// A message sequence of `count` messages needs `count` distinct challenges, more than 2^bits.
    case countExceedsChallenges(count: Int, bits: Int)
    /// Only `kind` was asked for, and it takes no generator option.
    case notApplicable(kind: String)
}

extension VectorRNG {
    /// The generator for one file keyed by `seed`:
    /// `PRK = HKDF-Extract(salt = "", IKM = "mls-pprf vectors/" + file + "/seed=" + seed)`; without a seed,
    /// the committed files' `IKM = "mls-pprf vectors/" + file`.
    public init(file: String, seed: String?) throws(CryptoError) {
        let ikm = seed.map { "mls-pprf vectors/\(file)/seed=\($0)" } ?? "mls-pprf vectors/\(file)"
        prk = try HKDF.extract(
            hash: .sha256, salt: SecretBytes(copying: []), ikm: SecretBytes(copying: Array(ikm.utf8)))
    }
}
