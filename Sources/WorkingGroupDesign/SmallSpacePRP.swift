import MLSCrypto

/// The radix-2 conventions: how integers and bytes become FF1 numeral strings and back.
///
/// draft-ietf-mls-virtual-clients-01 section 5.6.1: "A 32-bit unsigned integer is mapped to a numeral string
/// by listing its bits from most significant to least significant". NIST's `NUM_2` reads numeral 0 as the
/// most significant bit, so under this mapping `NUM_2(numerals(x)) == x`: FF1 permutes the integer itself.
/// Bytes map the same way, each byte most significant bit first, byte 0 first (network order), so the
/// 4-byte big-endian encoding of x and x give the same numeral string.
public enum RadixTwo {
    /// The 32 bits of `value`, most significant first.
    public static func numerals(of value: UInt32) -> [UInt32] {
        (0..<32).map { (value >> (31 - UInt32($0))) & 1 }
    }

    /// The integer whose bits, most significant first, are `numerals` (32 numerals, each 0 or 1).
    public static func value(of numerals: [UInt32]) -> UInt32 {
        numerals.prefix(32).reduce(0) { ($0 << 1) | ($1 & 1) }
    }

    /// The bits of `bytes`, byte 0 first, each byte most significant bit first.
    public static func numerals(ofBytes bytes: [UInt8]) -> [UInt32] {
        bytes.flatMap { byte in (0..<8).map { UInt32((byte >> (7 - UInt8($0))) & 1) } }
    }

    /// A numeral string written as text: '0' and '1' characters, numeral 0 first (the vector format).
    public static func bitString(_ numerals: [UInt32]) -> String {
        String(numerals.map { $0 == 0 ? Character("0") : Character("1") })
    }

    /// Parses a '0'/'1' string; nil when another character appears.
    public static func numerals(ofBitString text: String) -> [UInt32]? {
        var result: [UInt32] = []
        result.reserveCapacity(text.utf8.count)
        for character in text.utf8 {
            switch character {
            case UInt8(ascii: "0"): result.append(0)
            case UInt8(ascii: "1"): result.append(1)
            default: return nil
            }
        }
        return result
    }
}

/// `SmallSpacePRP.Encrypt(key, input)` and `SmallSpacePRP.Decrypt(key, output)` of
/// draft-ietf-mls-virtual-clients-01 section 5.6.1: FF1 with AES-128, radix 2, numeral strings of length 32,
/// an empty tweak, and the most-significant-bit-first mapping of ``RadixTwo``.
public struct SmallSpacePRP {
    let ff1: FF1

    /// The PRP under a 16-byte AES-128 key (section 5.6.1: "`key` is a 16-byte AES-128 key").
    ///
    /// Throws ``WorkingGroupError/crypto(_:)`` with `CryptoError.invalidLength(what:expected:actual:)` for
    /// a key of any other length (FF1 itself would accept AES-192 and AES-256 keys; the draft does not).
    public init(key: SecretBytes) throws(WorkingGroupError) {
        guard key.count == 16 else {
            throw WorkingGroupError.crypto(.invalidLength(what: "SmallSpacePRP key", expected: 16, actual: key.count))
        }
        ff1 = try FF1(key: key, radix: 2)
    }

    /// `SmallSpacePRP.Encrypt(key, input)`.
    public func encrypt(_ input: UInt32) throws(WorkingGroupError) -> UInt32 {
        RadixTwo.value(of: try ff1.encrypt(RadixTwo.numerals(of: input)))
    }

    /// `SmallSpacePRP.Decrypt(key, output)`, the inverse of ``encrypt(_:)``.
    public func decrypt(_ output: UInt32) throws(WorkingGroupError) -> UInt32 {
        RadixTwo.value(of: try ff1.decrypt(RadixTwo.numerals(of: output)))
    }
}

/// The mapping OpenMLS's `openmls_rust_crypto::ff1` uses, reproduced to explain the interop divergence
/// (it is not the draft's).
///
/// OpenMLS calls the `fpe` crate with `BinaryNumeralString::from_bytes_le(x.to_be_bytes())`, and `fpe` reads
/// each byte least significant bit first: numeral i is bit (i mod 8) of big-endian byte i / 8. So OpenMLS's
/// numeral string is the draft's with the bits of every byte reversed, FF1 runs on that string, and the
/// output string is packed back the same way. Hence
/// `openMLS(x) = reverseBitsInEachByte(FF1_draft(reverseBitsInEachByte(x)))`.
public enum OpenMLSReuseGuardMapping {
    /// Reverses the bit order inside each of the four big-endian bytes of `value`.
    public static func reverseBitsInEachByte(_ value: UInt32) -> UInt32 {
        var result: UInt32 = 0
        for byteIndex in 0..<4 {
            let byte = UInt8(truncatingIfNeeded: value >> (8 * UInt32(byteIndex)))
            result |= UInt32(byte.bitSwapped) << (8 * UInt32(byteIndex))
        }
        return result
    }

    /// What OpenMLS's `ff1::encrypt(key, x)` returns.
    public static func encrypt(_ prp: SmallSpacePRP, _ input: UInt32) throws(WorkingGroupError) -> UInt32 {
        reverseBitsInEachByte(try prp.encrypt(reverseBitsInEachByte(input)))
    }

    /// What OpenMLS's `ff1::decrypt(key, y)` returns.
    public static func decrypt(_ prp: SmallSpacePRP, _ output: UInt32) throws(WorkingGroupError) -> UInt32 {
        reverseBitsInEachByte(try prp.decrypt(reverseBitsInEachByte(output)))
    }
}

extension UInt8 {
    /// The byte with its bit order reversed (bit 0 becomes bit 7).
    var bitSwapped: UInt8 {
        var input = self
        var output: UInt8 = 0
        for _ in 0..<8 {
            output = (output << 1) | (input & 1)
            input >>= 1
        }
        return output
    }
}
