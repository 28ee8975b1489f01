import MLSCrypto

/// A b-bit PPRF input ("challenge").
///
/// Encoding (part of this package's specification): ceil(b/8) bytes; bit i of the path, i = 0 at the root,
/// is `(c[i/8] >> (7 - i%8)) & 1`, 0 = left, 1 = right; the unused low bits of the last byte are zero.
public struct Challenge: Sendable, Hashable, CustomStringConvertible {
    /// The number of bits b (``PPRFParameters/challengeBits``).
    public let challengeBits: Int
    /// The ceil(b/8) encoded bytes.
    public let bytes: [UInt8]

    /// Validates an encoded challenge of `challengeBits` bits.
    public init(bytes: [UInt8], challengeBits: Int) throws(PPRFError) {
        guard PPRFParameters.challengeBitsRange.contains(challengeBits) else {
            throw PPRFError.invalidChallengeBits(challengeBits)
        }
        let expected = Self.byteCount(bits: challengeBits)
        guard bytes.count == expected else { throw PPRFError.challengeLength(expected: expected, actual: bytes.count) }
        guard bytes[expected - 1] & Self.unusedBitMask(bits: challengeBits) == 0 else {
            throw PPRFError.challengePaddingBitsSet
        }
        self.challengeBits = challengeBits
        self.bytes = bytes
    }

    /// A uniformly random challenge from libsodium's randomness, the unused low bits zeroed.
    public static func random(challengeBits: Int) throws(PPRFError) -> Challenge {
        guard PPRFParameters.challengeBitsRange.contains(challengeBits) else {
            throw PPRFError.invalidChallengeBits(challengeBits)
        }
        let bytes: [UInt8]
        do { bytes = try SystemRandom.bytes(count: byteCount(bits: challengeBits)) } catch {
            throw PPRFError.crypto(error)
        }
        return try Challenge(bytes: clearingUnusedBits(bytes, bits: challengeBits), challengeBits: challengeBits)
    }

    /// Bit i of the path (0 = left, 1 = right).
    @inline(__always)
    public func bit(_ i: Int) -> Int { Int(bytes[i >> 3] >> (7 - UInt8(i & 7))) & 1 }

    /// Lowercase hex of the bytes, with the bit count.
    public var description: String {
        let hex = bytes.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        return "Challenge(\(challengeBits) bits, \(hex))"
    }
}
