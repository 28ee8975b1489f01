import ChallengeMath
import Foundation
import MLSCore
import MLSCrypto
import PuncturablePRF

/// The errors of the variant computations (SPEC.md Appendix B).
public enum StateVariantsError: Error, Equatable, Sendable {
    /// The stored-node count derived from the punctured set (Appendix B.2) disagrees with the engine's
    /// state: the compact encoding's definition would be wrong.
    case derivedStateMismatch(bits: Int, punctures: Int, derived: Int, engine: Int)
    /// A number meant for JSON output is infinite or NaN; `field` names it.
    case nonFiniteNumber(field: String)
    /// The PPRF engine refused an operation of the measurement.
    case engine(PPRFError)
    /// The cipher suite or a derivation failed.
    case mls(MLSError)
    /// Writing a report file failed.
    case write(AtomicFile.WriteError)
}

extension StateVariantsError: CustomStringConvertible {
    /// A sentence for the command line.
    public var description: String {
        switch self {
        case .derivedStateMismatch(let b, let k, let derived, let engine):
            "the compact encoding derives \(derived) stored nodes from \(k) punctures at b = \(b), the engine holds \(engine)"
        case .nonFiniteNumber(let field): "the JSON field \(field) is not a finite number"
        case .engine(let error): "the PPRF engine refused the measurement: \(error)"
        case .mls(let error): "the cipher suite or a derivation failed: \(error)"
        case .write(.writeFailed(let path, let reason)): "cannot write \(path): \(reason)"
        }
    }
}

/// Variant 2: the compact state encoding `PPRFCompactState` (SPEC.md Appendix B.2): the sorted punctured
/// challenges and the node secrets in canonical order; every prefix is derived.
extension StateVariants {
    /// The size of an MLS variable-length integer prefix for a `<V>` vector of `n` bytes (RFC 9420 section
    /// 2.1.2): 1, 2 or 4 bytes; vectors of 2^30 bytes or more cannot be encoded (4 is returned and the caller
    /// reports the overflow).
    public static func varintSize(_ n: Double) -> Double { n < 64 ? 1 : n < 16384 ? 2 : 4 }

    /// The largest `<V>` vector, 2^30 - 1 bytes.
    public static let vectorLimit = Double((1 << 30) - 1)

    /// The exact length of `PPRFCompactState` for k punctured challenges of b bits and E stored nodes of
    /// `nh`-byte secrets: `v(k c) + k c + v(E nh) + E nh` with c = ceil(b/8).
    public static func compactBytes(punctures k: Double, storedNodes e: Double, bits b: Int, secretSize nh: Int)
        -> Double
    {
        let points = k * Double((b + 7) / 8)
        let secrets = e * Double(nh)
        return varintSize(points) + points + varintSize(secrets) + secrets
    }

    /// The closed-form expected length of `PPRFCompactState` after k uniform punctures: `compactBytes` at
    /// E = E(b, k) (the prefix sizes are constant once both vectors exceed 16 KiB).
    public static func expectedCompactBytes(bits b: Int, punctures k: Double, secretSize nh: Int) -> Double {
        compactBytes(
            punctures: k, storedNodes: StateSize.expectedStoredNodes(challengeBits: b, punctures: k), bits: b,
            secretSize: nh)
    }

    /// Bit i (MSB first) of an encoded challenge.
    static func bit(_ bytes: [UInt8], _ i: Int) -> Int { Int(bytes[i >> 3] >> (7 - UInt8(i & 7))) & 1 }

    /// The first index in `lo..<hi` whose challenge has bit `depth` set (the points share their first
    /// `depth` bits and are sorted, so the zeros come first).
    static func split(_ points: [[UInt8]], _ lo: Int, _ hi: Int, _ depth: Int) -> Int {
        var (low, high) = (lo, hi)
        while low < high {
            let mid = (low + high) / 2
            if bit(points[mid], depth) == 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The number of stored nodes of the state reached from the root by puncturing the sorted, distinct
    /// challenges `points` of `bits` bits (Appendix B.2): an empty subtree off the punctured paths is one
    /// stored node, a lone path below depth d contributes b - d.
    public static func derivedStoredCount(sortedPunctured points: [[UInt8]], bits b: Int) -> Int {
        if points.isEmpty { return 1 }
        func count(_ lo: Int, _ hi: Int, _ depth: Int) -> Int {
            if lo == hi { return 1 }
            if depth == b { return 0 }
            if hi - lo == 1 { return b - depth }
            let mid = split(points, lo, hi, depth)
            return count(lo, mid, depth + 1) + count(mid, hi, depth + 1)
        }
        return count(0, points.count, 0)
    }

    /// The stored prefixes (length in bits, ceil(length/8) bytes, unused bits zero) derived from the sorted,
    /// distinct punctured challenges, in canonical order: the order of the node secrets in
    /// `PPRFCompactState` (Appendix B.2).
    public static func derivedStoredPrefixes(sortedPunctured points: [[UInt8]], bits b: Int) -> [(Int, [UInt8])] {
        if points.isEmpty { return [(0, [])] }
        var out: [(Int, [UInt8])] = []
        var prefix = [UInt8](repeating: 0, count: (b + 7) / 8)
        func emit(_ length: Int) { out.append((length, Array(prefix[0..<((length + 7) / 8)]))) }
        func setBit(_ i: Int, _ value: Int) {
            let mask = UInt8(0x80) >> UInt8(i % 8)
            if value == 1 { prefix[i / 8] |= mask } else { prefix[i / 8] &= ~mask }
        }
        func walk(_ lo: Int, _ hi: Int, _ depth: Int) {
            if lo == hi {
                emit(depth)
                return
            }
            if depth == b { return }
            let mid = split(points, lo, hi, depth)
            setBit(depth, 0)
            walk(lo, mid, depth + 1)
            setBit(depth, 1)
            walk(mid, hi, depth + 1)
            setBit(depth, 0)
        }
        walk(0, points.count, 0)
        return out
    }

    /// One row of variant 2.
    public struct CompactRow: Sendable, Equatable {
        /// b.
        public let bits: Int
        /// Punctures k.
        public let punctures: Double
        /// Whether the sizes come from a real engine state (else only the closed forms exist).
        public let measured: Bool
        /// Stored nodes of the real state (nil when not measured).
        public let storedNodes: Int?
        /// `encodedByteCount` of the real state.
        public let canonicalBytes: Int?
        /// `PPRF.compactEncodedByteCount()` of the real state: what the engine's compact encoder writes.
        public let compactBytes: Double?
        /// The closed forms: E(b, k), the canonical and the compact expected sizes.
        public let expectedNodes: Double
        /// `StateSize/expectedEncodedBytes(challengeBits:punctures:secretSize:)`.
        public let expectedCanonicalBytes: Double
        /// ``expectedCompactBytes(bits:punctures:secretSize:)``.
        public let expectedCompactBytes: Double
        /// 1 - compact / canonical (measured when measured, else closed form).
        public var saving: Double {
            if let c = compactBytes, let n = canonicalBytes { return 1 - c / Double(n) }
            return 1 - expectedCompactBytes / expectedCanonicalBytes
        }
    }

    /// The report's compact-encoding rows: real states (suite 1, profile `blake2b`, which only changes
    /// speed, not sizes) at b in {64, 128, 256} and k in {10^2, 10^3, 10^4}, and k = 10^5 at b = 64; the other
    /// points (their states exceed the engine's 2^23-node limit, or the machine's patience) from the closed
    /// forms only. `quick` measures only k in {10^2, 10^3}.
    public static func compactRows(quick: Bool = false, progress: (String) -> Void) throws(StateVariantsError)
        -> [CompactRow]
    {
        var rows: [CompactRow] = []
        for b in [64, 128, 256] {
            let checkpoints =
                quick ? [100, 1_000] : b == 64 ? [100, 1_000, 10_000, 100_000] : [100, 1_000, 10_000]
            progress("variants: compact encoding, real states at b = \(b)")
            var points: [[UInt8]] = []
            let pprf = try freshState(bits: b)
            var rng = SplitMix64(seed: 0xC0_4AC7 + UInt64(b))
            for k in checkpoints {
                try puncture(pprf, until: k, points: &points, rng: &rng)
                let sorted = points.sorted { $0.lexicographicallyPrecedes($1) }
                let derived = try checkedDerivedCount(pprf, sortedPunctured: sorted)
                // The length the engine's compact encoder writes (SPEC section 3.2), measured.
                let encodedCompact: Int
                do { encodedCompact = try pprf.compactEncodedByteCount() } catch { throw .engine(error) }
                rows.append(
                    CompactRow(
                        bits: b, punctures: Double(k), measured: true, storedNodes: derived,
                        canonicalBytes: pprf.encodedByteCount,
                        compactBytes: Double(encodedCompact),
                        expectedNodes: StateSize.expectedStoredNodes(challengeBits: b, punctures: Double(k)),
                        expectedCanonicalBytes: StateSize.expectedEncodedBytes(
                            challengeBits: b, punctures: Double(k), secretSize: nodeSecretBytes),
                        expectedCompactBytes: expectedCompactBytes(bits: b, punctures: Double(k), secretSize: 32)))
            }
            for k in [1e4, 1e5, 1e6] where k > Double(checkpoints.last ?? 0) {
                rows.append(
                    CompactRow(
                        bits: b, punctures: k, measured: false, storedNodes: nil, canonicalBytes: nil,
                        compactBytes: nil, expectedNodes: StateSize.expectedStoredNodes(challengeBits: b, punctures: k),
                        expectedCanonicalBytes: StateSize.expectedEncodedBytes(
                            challengeBits: b, punctures: k, secretSize: nodeSecretBytes),
                        expectedCompactBytes: expectedCompactBytes(bits: b, punctures: k, secretSize: 32)))
            }
        }
        return rows
    }

    /// A fresh `blake2b` PPRF of depth `bits` for cipher suite `suiteID` with a fixed root secret (only sizes
    /// are measured: the profile changes speed, not the state's shape).
    public static func freshState(bits: Int, suiteID: UInt16 = 1) throws(StateVariantsError) -> PPRF {
        let suite: CipherSuite
        do { suite = try CipherSuite(id: suiteID) } catch { throw .mls(error) }
        do {
            return try PPRF(
                secret: SecretBytes(copying: [UInt8](repeating: 0x5A, count: suite.nh)), suite: suite,
                parameters: PPRFParameters(challengeBits: bits, profile: .blake2b))
        } catch {
            throw .engine(error)
        }
    }

    /// Checks that the stored-node count derived from the sorted punctured set equals the engine's, and
    /// returns it; throws ``StateVariantsError/derivedStateMismatch(bits:punctures:derived:engine:)``
    /// otherwise.
    public static func checkedDerivedCount(_ pprf: PPRF, sortedPunctured points: [[UInt8]])
        throws(StateVariantsError) -> Int
    {
        let derived = derivedStoredCount(sortedPunctured: points, bits: pprf.challengeBits)
        guard derived == pprf.storedNodeCount else {
            throw .derivedStateMismatch(
                bits: pprf.challengeBits, punctures: points.count, derived: derived, engine: pprf.storedNodeCount)
        }
        return derived
    }

    /// Punctures `pprf` at fresh seeded challenges until `points` holds `target` of them.
    public static func puncture(_ pprf: PPRF, until target: Int, points: inout [[UInt8]], rng: inout SplitMix64)
        throws(StateVariantsError)
    {
        let b = pprf.challengeBits
        let byteCount = Challenge.byteCount(bits: b)
        while points.count < target {
            var bytes = [UInt8](repeating: 0, count: byteCount)
            for i in 0..<byteCount { bytes[i] = UInt8(truncatingIfNeeded: rng.next()) }
            bytes = Challenge.clearingUnusedBits(bytes, bits: b)
            do {
                let x = try Challenge(bytes: bytes, challengeBits: b)
                if try pprf.isPunctured(x) { continue }
                try pprf.puncture(at: x)
            } catch {
                throw .engine(error)
            }
            points.append(bytes)
        }
    }
}
