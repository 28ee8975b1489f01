import PuncturablePRF

/// CPU time of PPRF-mode protect and unprotect at b, from a linear model calibrated by a measurement
/// (draft-kohbrok-mls-virtual-clients, "PPRF-based Challenges": the draft counts "up to b HKDF calls"; a
/// fresh walk derives both children at each of b levels).
///
/// `protect(b) = rfc9420_protect + b x perLevel` and `unprotect(b) = rfc9420_unprotect + b x perLevel`: a
/// PPRF message costs what an RFC 9420 message costs (signature, AEAD, sender data, key and nonce) plus one
/// tree walk of at most b levels. The unprotect figure is an upper bound: a receiver starts its walk at the
/// covering node, about log2 k levels down.
///
/// Calibration: `pprf report` on 2026-12-02 (Analysis/cpu-measured.csv, AMD EPYC with SHA-NI, 2 cores,
/// OpenSSL 3.0 SHA-2 for HMAC through `HMACPairDeriver`, six compressions a level, release build). The per-level cost is that run's median fresh
/// evaluate-and-puncture at b = 256 divided by 256 (the whole walk, not only its compressions); the fixed
/// costs are its RFC 9420 protect and unprotect of a 100-byte message. Only suites 1 and 3 were calibrated;
/// other suites get no estimate.
public enum CPUModel {
    /// Protect and unprotect time of one message, in microseconds.
    public struct Estimate: Sendable, Equatable {
        /// Protect (sender: evaluate and puncture, encrypt, sign).
        public let protectMicroseconds: Double
        /// Unprotect (receiver: look up, decrypt, verify, puncture).
        public let unprotectMicroseconds: Double
    }

    /// The cost of one tree level (both children) in nanoseconds, per suite and profile: the single place
    /// to plug in a new per-level figure (for example a faster SHA-256). `nil` where nothing was measured.
    public static func perLevelNanoseconds(suiteID: UInt16, profile: PRGProfile) -> Double? {
        switch (suiteID, profile) {
        case (1, .mls), (1, .cbst): 81.0 * 1000 / 256
        case (1, .blake2b): 77.6 * 1000 / 256
        case (3, .mls), (3, .cbst): 80.2 * 1000 / 256
        case (3, .blake2b): 80.5 * 1000 / 256
        default: nil
        }
    }

    /// RFC 9420 protect and unprotect of a 100-byte message in nanoseconds (the same calibration run).
    public static func rfc9420Nanoseconds(suiteID: UInt16) -> (protect: Double, unprotect: Double)? {
        switch suiteID {
        case 1: (50_800, 69_100)
        case 3: (57_500, 79_300)
        default: nil
        }
    }

    /// The estimate at b, or `nil` for a suite without calibration.
    public static func estimate(suiteID: UInt16, profile: PRGProfile, challengeBits b: Int) -> Estimate? {
        guard let perLevel = perLevelNanoseconds(suiteID: suiteID, profile: profile),
            let fixed = rfc9420Nanoseconds(suiteID: suiteID)
        else { return nil }
        let walk = Double(b) * perLevel
        return Estimate(
            protectMicroseconds: (fixed.protect + walk) / 1000, unprotectMicroseconds: (fixed.unprotect + walk) / 1000)
    }

    /// One sentence naming the model and its calibration, for outputs.
    public static func describe(suiteID: UInt16, profile: PRGProfile) -> String {
        guard let perLevel = perLevelNanoseconds(suiteID: suiteID, profile: profile) else {
            return "no calibration for suite \(suiteID) with profile \(profile) (measured: suites 1 and 3)"
        }
        return "RFC 9420 cost + b x \(Format.fixed(perLevel, 1)) ns per level (suite \(suiteID), \(profile)), "
            + "calibrated by pprf report on 2026-12-02 (Analysis/cpu-measured.csv, 2-core AMD EPYC with SHA-NI)"
    }
}
