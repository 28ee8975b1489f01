import MLSCrypto

/// A b-bit PPRF input ("challenge").
///
/// Encoding (part of this package's specification): ceil(b/8) bytes; bit i of the path, i = 0 at the root,
/// is `(c[i/8] >> (7 - i%8)) & 1`, 0 = left, 1 = right; the unused low bits of the last byte are zero.
public struct Challenge: Sendable, Hashable, CustomStringConvertible {
    /// The number of bits b.
    public let bitCount: Int
    /// The ceil(b/8) encoded bytes.
    public let bytes: [UInt8]

    /// Validates an encoded challenge of `bitCount` bits.
    public init(bytes: [UInt8], bitCount: Int) throws(PPRFError) {
        guard (1...256).contains(bitCount) else { throw PPRFError.invalidDepth(bitCount) }
        let expected = Self.byteCount(bits: bitCount)
        guard bytes.count == expected else { throw PPRFError.challengeLength(expected: expected, actual: bytes.count) }
        guard bytes[expected - 1] & Self.unusedBitMask(bits: bitCount) == 0 else {
            throw PPRFError.challengePaddingBitsSet
        }
        self.bitCount = bitCount
        self.bytes = bytes
    }

    /// A uniformly random challenge from libsodium's randomness, the unused low bits zeroed.
    public static func random(bitCount: Int) throws(PPRFError) -> Challenge {
        guard (1...256).contains(bitCount) else { throw PPRFError.invalidDepth(bitCount) }
        let bytes: [UInt8]
        do { bytes = try SystemRandom.bytes(count: byteCount(bits: bitCount)) } catch { throw PPRFError.crypto(error) }
        return try Challenge(bytes: clearingUnusedBits(bytes, bits: bitCount), bitCount: bitCount)
    }

    /// Bit i of the path (0 = left, 1 = right).
    @inline(__always)
    public func bit(_ i: Int) -> Int { Int(bytes[i >> 3] >> (7 - UInt8(i & 7))) & 1 }

    /// Lowercase hex of the bytes, with the bit count.
    public var description: String {
        let hex = bytes.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        return "Challenge(\(bitCount) bits, \(hex))"
    }
}
