import Foundation
import MLSCrypto

/// `Vectors/ff1-radix2.json`: radix-2 FF1 (NIST SP 800-38G) vectors, which NIST does not publish, in the bit
/// convention of draft-ietf-mls-virtual-clients-01 section 5.6.1 (numeral 0 is the most significant bit).
///
/// Entries: AES-128, AES-192 and AES-256 keys x lengths 20 (the minimum), 32 (the draft's), 33 (odd: u != v),
/// 64 and 128 x an empty and an 11-byte tweak, then four structural 32-bit plaintexts (0, 1, 2^31,
/// 2^32 - 1) under one AES-128 key with the empty tweak: the draft's SmallSpacePRP exactly.
public enum FF1Radix2Vectors {
    /// The file name in `Vectors/`.
    public static let fileName = "ff1-radix2.json"

    /// One entry as the file stores it.
    struct Entry: Decodable {
        let key: String
        let tweak: String
        let length: VectorUInt<UInt32>
        let plaintext: String
        let ciphertext: String
        let plaintextUint32: VectorUInt<UInt32>?
        let ciphertextUint32: VectorUInt<UInt32>?

        enum CodingKeys: String, CodingKey {
            case key, tweak, length, plaintext, ciphertext
            case plaintextUint32 = "plaintext_uint32"
            case ciphertextUint32 = "ciphertext_uint32"
        }
    }

    /// The file's content, deterministic (see `Vectors/README.md`).
    public static func generate() throws(WorkingGroupError) -> String {
        let rng = try LabelledGenerator(file: fileName)
        var entries: [VectorJSON] = []
        for keySize in [16, 24, 32] {
            for length in [20, 32, 33, 64, 128] {
                for tweakLength in [0, 11] {
                    let label = "aes-\(keySize * 8) n=\(length) t=\(tweakLength)"
                    let key = try rng.bytes("\(label)/key", keySize)
                    let tweak = try rng.bytes("\(label)/tweak", tweakLength)
                    let bits = RadixTwo.numerals(ofBytes: try rng.bytes("\(label)/plaintext", (length + 7) / 8))
                    entries.append(try entry(key: key, tweak: tweak, plaintext: Array(bits.prefix(length))))
                }
            }
        }
        let key = try rng.bytes("small-space prp/key", 16)
        for value: UInt32 in [0, 1, 1 << 31, UInt32.max] {
            entries.append(try entry(key: key, tweak: [], plaintext: RadixTwo.numerals(of: value)))
        }
        return VectorJSON.array(entries).rendered()
    }

    static func entry(key: [UInt8], tweak: [UInt8], plaintext: [UInt32]) throws(WorkingGroupError) -> VectorJSON {
        let ciphertext = try FF1(key: SecretBytes(copying: key), radix: 2).encrypt(plaintext, tweak: tweak)
        var fields: [(String, VectorJSON)] = [
            ("key", .hex(key)), ("tweak", .hex(tweak)), ("length", .uint(UInt64(plaintext.count))),
            ("plaintext", .string(RadixTwo.bitString(plaintext))),
            ("ciphertext", .string(RadixTwo.bitString(ciphertext))),
        ]
        if plaintext.count == 32 {
            fields.append(("plaintext_uint32", .uint(UInt64(RadixTwo.value(of: plaintext)))))
            fields.append(("ciphertext_uint32", .uint(UInt64(RadixTwo.value(of: ciphertext)))))
        }
        return .object(fields)
    }

    /// Checks every entry: encrypts `plaintext` under `key` and `tweak`, compares with `ciphertext`, decrypts
    /// back, and checks the uint32 forms for 32-bit entries.
    ///
    /// Throws ``WorkingGroupError/malformedVector(field:)`` when the file is not an array of such entries (a
    /// wrong type, a non-bit character, a length that disagrees or lies outside FF1's domain).
    public static func verify(data: Data) throws(WorkingGroupError) -> WorkingGroupVectorReport {
        var report = WorkingGroupVectorReport(kind: "ff1-radix2")
        for (index, item) in try VectorDecoding.entries(Entry.self, from: data).enumerated() {
            let path = "entry[\(index)]."
            let key = try VectorDecoding.hex(item.key, field: path + "key")
            let tweak = try VectorDecoding.hex(item.tweak, field: path + "tweak")
            guard let plaintext = RadixTwo.numerals(ofBitString: item.plaintext),
                plaintext.count == Int(item.length.value)
            else { throw WorkingGroupError.malformedVector(field: path + "plaintext") }
            guard let ciphertext = RadixTwo.numerals(ofBitString: item.ciphertext),
                ciphertext.count == Int(item.length.value)
            else { throw WorkingGroupError.malformedVector(field: path + "ciphertext") }
            let ff1: FF1
            do { ff1 = try FF1(key: SecretBytes(copying: key), radix: 2) } catch {
                throw WorkingGroupError.malformedVector(field: path + "key")
            }
            try report.record(entry: index) { () throws(WorkingGroupError) in
                let computed: [UInt32]
                do { computed = try ff1.encrypt(plaintext, tweak: tweak) } catch {
                    throw WorkingGroupError.malformedVector(field: path + "length")
                }
                try expectField("ciphertext", RadixTwo.bitString(computed), item.ciphertext)
                try expectField("plaintext (decrypted)", try ff1.decrypt(ciphertext, tweak: tweak), plaintext)
                if item.length.value == 32 {
                    try expectField("plaintext_uint32", RadixTwo.value(of: plaintext), item.plaintextUint32?.value)
                    try expectField("ciphertext_uint32", RadixTwo.value(of: ciphertext), item.ciphertextUint32?.value)
                } else {
                    try expectField("plaintext_uint32", nil, item.plaintextUint32?.value)
                    try expectField("ciphertext_uint32", nil, item.ciphertextUint32?.value)
                }
            }
        }
        return report
    }
}
