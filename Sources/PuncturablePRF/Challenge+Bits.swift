/// The byte layout of a b-bit string (SPEC section 2: a challenge, a prefix of the state encoding): ceil(b/8)
/// bytes, MSB first, the unused low bits of the last byte zero. One place for `(b + 7) / 8` and its mask.
extension Challenge {
    /// ceil(`bits` / 8): the bytes of a `bits`-bit string (0 for no bits).
    @inline(__always)
    public static func byteCount(bits: Int) -> Int { bits <= 0 ? 0 : (bits + 7) / 8 }

    /// The unused low bits of the last byte of a `bits`-bit string, as a mask (`0x3F` for b = 10; 0 when b is a
    /// multiple of 8 or not positive).
    @inline(__always)
    public static func unusedBitMask(bits: Int) -> UInt8 {
        guard bits > 0 else { return 0 }
        let unused = byteCount(bits: bits) * 8 - bits
        return unused == 0 ? 0 : UInt8((1 << unused) - 1)
    }

    /// `bytes` with the unused low bits of its last byte cleared, for a `bits`-bit string of
    /// ``byteCount(bits:)`` bytes (any other length is returned unchanged).
    public static func clearingUnusedBits(_ bytes: [UInt8], bits: Int) -> [UInt8] {
        guard !bytes.isEmpty, bytes.count == byteCount(bits: bits) else { return bytes }
        var out = bytes
        out[out.count - 1] &= ~unusedBitMask(bits: bits)
        return out
    }
}
