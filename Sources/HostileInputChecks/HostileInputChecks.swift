import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// The invariants the fuzz targets check on outside bytes (Fuzz/), also replayed over the committed corpus by
/// the tests: decoders never crash, what decodes re-encodes to the same bytes, a failed unprotect leaves the
/// receiver's whole state unchanged and a successful one leaves exactly a reference receiver's state, and a
/// message job either fails with a typed error or decodes to a job within every documented limit.
public enum HostileInputChecks {
    /// MLSMessage, GroupContext and generic vector decoding.
    public static func codec(_ bytes: [UInt8]) -> String? {
        if let message = try? MLSMessage(tlsDecoding: bytes), message.tlsEncoded != bytes {
            return "MLSMessage re-encoding differs"
        }
        if let context = try? GroupContext(tlsDecoding: bytes), context.tlsEncoded != bytes {
            return "GroupContext re-encoding differs"
        }
        var reader = TLSReader(bytes)
        let element = { (r: inout TLSReader) throws(CodecError) -> [UInt8]? in
            try r.readOptional { (r: inout TLSReader) throws(CodecError) in try r.readOpaque() }
        }
        if let vector = try? reader.readVector(element) {
            var writer = TLSWriter()
            writer.writeVector { w in for v in vector { w.writeOptional(v) { $0.writeOpaque($1) } } }
            if writer.bytes != Array(bytes[0..<reader.position]) { return "vector re-encoding differs" }
        }
        return nil
    }

    /// PPRFState decoding; the first byte picks the depth (1...256).
    public static func pprfState(_ bytes: [UInt8]) -> String? {
        guard let first = bytes.first, let suite = try? CipherSuite(id: 1) else { return nil }
        let depth = Int(first) + 1
        let encoded = SecretBytes(copying: bytes.dropFirst())
        guard
            let pprf = try? PPRF(suite: suite, depth: depth, profile: .blake2b, encoded: encoded, maxStoredNodes: 4096)
        else {
            return nil
        }
        if (try? pprf.encoded()) != encoded { return "PPRFState re-encoding differs" }
        if let x = try? Challenge(bytes: [UInt8](repeating: 0, count: (depth + 7) / 8), bitCount: depth) {
            _ = try? pprf.evaluateAndPuncture(at: x)
        }
        return nil
    }

    /// What a check made of one input.
    public enum Outcome: Sendable, Equatable {
        /// The input was refused, and every invariant of a refusal held.
        case rejected
        /// The input was accepted (a message committed, a job decoded), and every invariant of a success held.
        case accepted
        /// An invariant failed; the fuzzer stops with this sentence.
        case violation(String)

        /// The sentence of a violation, or nil.
        public var violation: String? {
            if case .violation(let sentence) = self { return sentence }
            return nil
        }
    }

    /// The names of every fuzz target, in the order `make fuzz` runs them.
    public static let targets = [
        "FuzzCodec", "FuzzPPRFState", "FuzzUnprotectRFC", "FuzzUnprotectPPRF", "FuzzMessageJob", "FuzzSafeAAD",
    ]

    /// The check for a fuzz target's name, with its full outcome.
    public static func outcome(target: String) -> (([UInt8]) -> Outcome)? {
        switch target {
        case "FuzzCodec": { codec($0).map(Outcome.violation) ?? .rejected }
        case "FuzzPPRFState": { pprfState($0).map(Outcome.violation) ?? .rejected }
        case "FuzzUnprotectRFC": unprotectRFC
        case "FuzzUnprotectPPRF": unprotectPPRF
        case "FuzzMessageJob": messageJob
        case "FuzzSafeAAD": safeAAD
        default: nil
        }
    }

    /// The check for a fuzz target's name: the violated invariant, or nil.
    public static func check(target: String) -> (([UInt8]) -> String?)? {
        guard let outcome = outcome(target: target) else { return nil }
        return { outcome($0).violation }
    }
}
