import MLSCrypto

/// The sizes of one FF1 call (NIST SP 800-38G section 5.1, steps 1 to 5) and where each value sits in the
/// call's scratch allocation: P || Q, R, S, a copy of S's first d bytes for the division, and the radix
/// digits of y. Offsets of R and of the digit area are multiples of 16.
struct FF1Layout {
    let radix: Int
    let n: Int
    let t: Int
    let u: Int
    let v: Int
    /// b = ceil(ceil(v * log2(radix)) / 8): the byte length of NUM_radix of a half.
    let b: Int
    /// d = 4 * ceil(b/4) + 4: the byte length of S.
    let d: Int
    let qOffset = 16
    let roundByteOffset: Int
    let pqLength: Int
    let sBlocks: Int
    let rRange: Range<Int>
    let sRange: Range<Int>
    let yRange: Range<Int>
    let digitStart: Int
    let scratchSize: Int

    init(radix: Int, length: Int, tweakLength: Int) {
        self.radix = radix
        n = length
        t = tweakLength
        u = length / 2
        v = length - u
        b = (FF1Arithmetic.bitCount(radix: radix, digits: v) + 7) / 8
        d = 4 * ((b + 3) / 4) + 4
        // (-t-b-1) mod 16 zero bytes make Q a whole number of blocks.
        let zeroPad = (16 - (t + b + 1) % 16) % 16
        roundByteOffset = qOffset + t + zeroPad
        pqLength = roundByteOffset + 1 + b
        sBlocks = (d + 15) / 16
        rRange = pqLength..<(pqLength + 16)
        sRange = rRange.upperBound..<(rRange.upperBound + 16 * sBlocks)
        yRange = sRange.upperBound..<(sRange.upperBound + d)
        digitStart = (yRange.upperBound + 15) / 16 * 16
        // After the digits of y: three v-numeral slots that hold A, B and the next C in rotation.
        scratchSize = digitStart + 4 * v * 4
    }

    /// Where NUM_radix(B) (or A, when decrypting) goes: Q's last b bytes.
    var numberRange: Range<Int> { (roundByteOffset + 1)..<pqLength }

    /// The first `count` UInt32 slots of the digit area.
    func digitRange(_ count: Int) -> Range<Int> { digitStart..<(digitStart + 4 * count) }

    /// Numeral slot 0, 1 or 2 (each v UInt32s) for the Feistel halves.
    func halfRange(_ slot: Int) -> Range<Int> {
        let start = digitStart + 4 * v * (slot + 1)
        return start..<(start + 4 * v)
    }

    /// P = [1]^1 || [2]^1 || [1]^1 || [radix]^3 || [10]^1 || [u mod 256]^1 || [n]^4 || [t]^4 (step 5).
    func writeP(into scratch: UnsafeMutableRawBufferPointer) {
        let header: [UInt8] = [
            1, 2, 1,
            UInt8(truncatingIfNeeded: radix >> 16), UInt8(truncatingIfNeeded: radix >> 8),
            UInt8(truncatingIfNeeded: radix),
            10, UInt8(truncatingIfNeeded: u % 256),
            UInt8(truncatingIfNeeded: n >> 24), UInt8(truncatingIfNeeded: n >> 16),
            UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n),
            UInt8(truncatingIfNeeded: t >> 24), UInt8(truncatingIfNeeded: t >> 16),
            UInt8(truncatingIfNeeded: t >> 8), UInt8(truncatingIfNeeded: t),
        ]
        for (index, byte) in header.enumerated() { scratch[index] = byte }
    }
}

/// NUM, NUM_radix and STR^m_radix (NIST SP 800-38G section 4.5) on byte and digit buffers, without a general
/// big-integer type: every operation is a multiply-accumulate or a division by the radix (< 2^17), so
/// intermediate values stay below 2^32.
enum FF1Arithmetic {
    /// ceil(digits * log2(radix)), exactly: digits * k for radix = 2^k, otherwise the bit length of
    /// radix^digits (which is then not a power of two, so its bit length is the ceiling of its logarithm).
    static func bitCount(radix: Int, digits: Int) -> Int {
        if radix & (radix - 1) == 0 { return digits * radix.trailingZeroBitCount }
        // radix^digits in little-endian 32-bit limbs.
        var limbs: [UInt32] = [1]
        for _ in 0..<digits {
            var carry: UInt64 = 0
            for index in limbs.indices {
                let product = UInt64(limbs[index]) * UInt64(radix) + carry
                limbs[index] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            if carry != 0 { limbs.append(UInt32(carry)) }
        }
        let top = limbs[limbs.count - 1]
        return 32 * (limbs.count - 1) + (32 - top.leadingZeroBitCount)
    }

    /// [NUM_radix(numerals)]^b: the big-endian bytes of the numeral string's value, into `out` (b bytes).
    /// The value is below radix^v <= 256^b, so nothing carries out of the top byte.
    static func writeNumber(
        _ numerals: UnsafeMutableBufferPointer<UInt32>, count: Int, radix: Int, into out: UnsafeMutableRawBufferPointer
    ) {
        for index in 0..<out.count { out[index] = 0 }
        let r = UInt32(radix)
        for position in 0..<count {
            var carry = numerals[position]
            var index = out.count - 1
            while index >= 0 {
                let value = UInt32(out[index]) * r + carry
                out[index] = UInt8(truncatingIfNeeded: value)
                carry = value >> 8
                index -= 1
            }
        }
    }

    /// The low `digits.count` radix digits of the big-endian number in `number` (most significant digit
    /// first): STR^m_radix(NUM(number) mod radix^m). `number` is consumed (divided down).
    static func lowDigits(
        of number: UnsafeMutableRawBufferPointer, radix: Int, into digits: UnsafeMutableBufferPointer<UInt32>
    ) {
        let r = UInt32(radix)
        var position = digits.count - 1
        while position >= 0 {
            var remainder: UInt32 = 0
            for index in 0..<number.count {
                let value = (remainder << 8) | UInt32(number[index])
                number[index] = UInt8(truncatingIfNeeded: value / r)
                remainder = value % r
            }
            digits[position] = remainder
            position -= 1
        }
    }

    /// C = STR^m_radix((NUM_radix(a) + NUM_radix(pad)) mod radix^m) for m-digit strings, written into `c`.
    static func add(
        _ a: UnsafeMutableBufferPointer<UInt32>, _ pad: UnsafeMutableBufferPointer<UInt32>, count m: Int, radix: Int,
        into c: UnsafeMutableBufferPointer<UInt32>
    ) {
        let r = UInt32(radix)
        var carry: UInt32 = 0
        var index = m - 1
        while index >= 0 {
            let sum = a[index] + pad[index] + carry
            c[index] = sum % r
            carry = sum / r
            index -= 1
        }
    }

    /// C = STR^m_radix((NUM_radix(b) - NUM_radix(pad)) mod radix^m) for m-digit strings, written into `c`.
    static func subtract(
        _ b: UnsafeMutableBufferPointer<UInt32>, _ pad: UnsafeMutableBufferPointer<UInt32>, count m: Int, radix: Int,
        into c: UnsafeMutableBufferPointer<UInt32>
    ) {
        var borrow = 0
        var index = m - 1
        while index >= 0 {
            var difference = Int(b[index]) - Int(pad[index]) - borrow
            borrow = 0
            if difference < 0 {
                difference += radix
                borrow = 1
            }
            c[index] = UInt32(difference)
            index -= 1
        }
    }
}
