import ChallengeMath

/// One libFuzzer target of `make fuzz` (Fuzz/): its raw value is the name `FUZZ_TARGET` takes and the folder of
/// its corpus under `Fuzz/Corpus/`. The tests replay every case's corpus through ``outcome(_:)``.
///
/// Registering a new check is one case here and one line in ``outcome(_:)`` (plus one in ``seeds()`` when the
/// check has generated seeds).
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// MLSMessage, GroupContext and generic vector decoding: ``Invariant/codec(_:)``.
    case codec = "FuzzCodec"
    /// PPRFState decoding: ``Invariant/pprfState(_:)``.
    case pprfState = "FuzzPPRFState"
    /// The compact PPRFState decoding (SPEC.md section 3.2): ``Invariant/pprfCompactState(_:)``.
    case pprfCompactState = "FuzzPPRFCompactState"
    /// An RFC 9420 receiver's unprotect: ``Invariant/unprotectRFC(_:)``.
    case unprotectRFC = "FuzzUnprotectRFC"
    /// A PPRF-mode receiver's unprotect: ``Invariant/unprotectPPRF(_:)``.
    case unprotectPPRF = "FuzzUnprotectPPRF"
    /// The message-job decoder of `pprf message`: ``Invariant/messageJob(_:)``.
    case messageJob = "FuzzMessageJob"
    /// The calculator's exact number grammar (issue 12): `NumberParserInvariant` of ChallengeMath.
    case numberParser = "FuzzNumberParser"
    /// The Safe AAD framing of the challenge (SPEC.md section 5.1): ``Invariant/safeAAD(_:)``.
    case safeAAD = "FuzzSafeAAD"

    /// What this target's invariant makes of one input.
    public func outcome(_ bytes: [UInt8]) -> FuzzOutcome {
        switch self {
        case .codec: FuzzOutcome(violation: Invariant.codec(bytes))
        case .pprfState: FuzzOutcome(violation: Invariant.pprfState(bytes))
        case .pprfCompactState: FuzzOutcome(violation: Invariant.pprfCompactState(bytes))
        case .unprotectRFC: Invariant.unprotectRFC(bytes)
        case .unprotectPPRF: Invariant.unprotectPPRF(bytes)
        case .messageJob: Invariant.messageJob(bytes)
        case .numberParser: FuzzOutcome(violation: NumberParserInvariant.check(bytes))
        case .safeAAD: Invariant.safeAAD(bytes)
        }
    }

    /// The invariant this input violates, or nil: what the fuzzer stops on.
    public func check(_ bytes: [UInt8]) -> String? { outcome(bytes).violation }

    /// Deterministic seed inputs, written to `Fuzz/Corpus/<target>/seed-NN` by
    /// `pprf vectors generate --format fuzz-seeds --output-dir Fuzz/Corpus` (a test checks that the committed
    /// files are current). The unprotect seeds are valid messages to the fixture receivers, signed with the
    /// fixture's known key (so the fuzzer starts on the success-and-commit path); the message-job seeds are
    /// valid jobs and one job per hostile value of issue 13. Targets without generated seeds give none.
    public func seeds() throws -> [[UInt8]] {
        switch self {
        case .unprotectRFC: try Invariant.rfcSeeds()
        case .unprotectPPRF: try Invariant.pprfSeeds()
        case .messageJob: try Invariant.jobSeeds()
        case .safeAAD: try Invariant.safeAADSeeds()
        case .codec, .pprfState, .pprfCompactState, .numberParser: []
        }
    }

    /// The corpus file name of seed `index`: `seed-00`, `seed-01`, ...
    public static func seedFileName(_ index: Int) -> String { index < 10 ? "seed-0\(index)" : "seed-\(index)" }
}

/// What a check made of one input.
public enum FuzzOutcome: Sendable, Equatable {
    /// The input was refused, and every invariant of a refusal held.
    case rejected
    /// The input was accepted (a message committed, a job decoded), and every invariant of a success held.
    case accepted
    /// An invariant failed; the fuzzer stops with this sentence.
    case violation(String)

    /// `.violation(sentence)` for a sentence, `.rejected` for nil: the outcome of a check that only reports
    /// violations.
    public init(violation: String?) { self = violation.map(FuzzOutcome.violation) ?? .rejected }

    /// The sentence of a violation, or nil.
    public var violation: String? {
        if case .violation(let sentence) = self { return sentence }
        return nil
    }
}
