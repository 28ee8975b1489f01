import MLSCore
import MLSCrypto

/// Errors of the working group's design (draft-ietf-mls-virtual-clients-01) and of FF1 (NIST SP 800-38G).
///
/// Payloads carry sizes, indices and field names, never key material or numerals.
public enum WorkingGroupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// FF1's radix must lie in [2, 2^16] (NIST SP 800-38G section 5.2).
    case radixOutOfRange(radix: Int)
    /// The numeral string's length is outside [minimum, maximum]: NIST SP 800-38G section 5.2 requires
    /// radix^minlen >= 1,000,000 (Rev. 1) and minlen >= 2; this implementation caps the length at
    /// ``FF1/maximumLength``.
    case lengthOutOfRange(length: Int, minimum: Int, maximum: Int)
    /// A numeral is not below the radix (NIST SP 800-38G section 5.1, prerequisite of Algorithm 7).
    case numeralOutOfRange(index: Int, radix: Int)
    /// The tweak is longer than ``FF1/maximumTweakLength`` bytes.
    case tweakTooLong(length: Int, maximum: Int)
    /// The emulation group's leaf count N_e is zero, not a power of two, or above 2^31
    /// (draft-ietf-mls-virtual-clients-01 section 5.6.2: the ratchet tree is always full).
    case invalidLeafCount(UInt64)
    /// The emulator's leaf index is not below N_e (draft-ietf-mls-virtual-clients-01 section 5.6.2).
    case leafIndexOutOfRange(leaf: UInt32, leafCount: UInt32)
    /// The random multiplier r for x = leaf_index_e + r * N_e is not below 2^32 / N_e.
    case multiplierOutOfRange(multiplier: UInt64, limit: UInt64)
    /// A reuse guard was not 4 bytes (RFC 9420 section 6.3.2).
    case invalidReuseGuardLength(Int)
    /// An MLS derivation failed (ExpandWithLabel, DeriveSecret).
    case mls(MLSError)
    /// A primitive failed (AES key length, OpenSSL error).
    case crypto(CryptoError)
    /// A simulation configuration is out of range (the sentence names the bounds).
    case invalidSimulation(String)
    /// A vector file is not what its kind requires: `field` names the first offending path.
    case malformedVector(field: String)
    /// A vector entry disagrees with the recomputation: `field` names the first mismatching path.
    case vectorMismatch(field: String)

    /// One human sentence for the command line and for logs.
    public var description: String {
        switch self {
        case .radixOutOfRange(let radix):
            "FF1 radix \(radix) is outside 2...65536 (NIST SP 800-38G section 5.2)."
        case .lengthOutOfRange(let length, let minimum, let maximum):
            "The FF1 numeral string has \(length) numerals; this radix needs between \(minimum) and \(maximum)."
        case .numeralOutOfRange(let index, let radix):
            "Numeral \(index) of the FF1 input is not below the radix \(radix)."
        case .tweakTooLong(let length, let maximum):
            "The FF1 tweak has \(length) bytes; at most \(maximum) are accepted."
        case .invalidLeafCount(let count):
            "The emulation group's leaf count \(count) is not a power of two in 1...2^31."
        case .leafIndexOutOfRange(let leaf, let leafCount):
            "Leaf index \(leaf) is not below the emulation group's leaf count \(leafCount)."
        case .multiplierOutOfRange(let multiplier, let limit):
            "The reuse-guard multiplier \(multiplier) is not below 2^32 / N_e = \(limit)."
        case .invalidReuseGuardLength(let count):
            "A reuse guard has 4 bytes, not \(count)."
        case .mls(let error):
            "An MLS derivation failed: \(error)."
        case .crypto(let error):
            "A primitive failed: \(error)."
        case .invalidSimulation(let reason):
            "The simulation configuration is invalid: \(reason)."
        case .malformedVector(let field):
            "The vector file is malformed at \(field)."
        case .vectorMismatch(let field):
            "The vector disagrees with the recomputation at \(field)."
        }
    }
}

/// Runs an MLS derivation and maps its error into ``WorkingGroupError/mls(_:)``.
@inline(__always)
func mls<T>(_ body: () throws(MLSError) -> T) throws(WorkingGroupError) -> T {
    do { return try body() } catch { throw WorkingGroupError.mls(error) }
}

/// Runs a primitive and maps its error into ``WorkingGroupError/crypto(_:)``.
@inline(__always)
func primitive<T>(_ body: () throws(CryptoError) -> T) throws(WorkingGroupError) -> T {
    do { return try body() } catch { throw WorkingGroupError.crypto(error) }
}
