import MLSCore
import Testing

/// The one varint and opaque decoder (issue 18 item 6) that `TLSReader` and the PPRF state reader share:
/// every error it throws, over an array and over borrowed bytes, and readers left where they were on failure.
struct TLSDecodingTests {
    @Test("varints of 1, 2 and 4 bytes give their length and size, from any offset")
    func varints() throws {
        let bytes: [UInt8] = [0xFF, 0x25, 0x40, 0x40, 0x80, 0x00, 0x40, 0x00]
        #expect(try TLSDecoding.varint(bytes, at: 1, end: bytes.count) == (length: 0x25, size: 1))
        #expect(try TLSDecoding.varint(bytes, at: 2, end: bytes.count) == (length: 64, size: 2))
        #expect(try TLSDecoding.varint(bytes, at: 4, end: bytes.count) == (length: 16384, size: 4))
        #expect(try TLSDecoding.bigEndian(bytes, at: 4, end: bytes.count, count: 4) == 0x8000_4000)
    }

    @Test("each malformed prefix throws its CodecError, with the bytes available before end")
    func errors() {
        let cases: [([UInt8], Int, CodecError)] = [
            ([], 0, .truncated(needed: 1, available: 0)),
            ([0xC0, 0, 0, 0], 4, .reservedLengthPrefix),
            ([0x40, 0x05], 2, .nonMinimalLength(length: 5)),
            ([0x80, 0x00, 0x00, 0x3F], 4, .nonMinimalLength(length: 63)),
            ([0x80, 0x00, 0x00, 0x01], 3, .truncated(needed: 4, available: 3)),
        ]
        for (bytes, end, expected) in cases {
            #expect(throws: expected) { try TLSDecoding.varint(bytes, at: 0, end: end) }
        }
        #expect(throws: CodecError.lengthExceedsInput(length: 3, available: 2)) {
            try TLSDecoding.opaque([0x03, 1, 2], at: 0, end: 3)
        }
        #expect(throws: CodecError.truncated(needed: 2, available: 1)) {
            try TLSDecoding.bigEndian([1, 2], at: 1, end: 2, count: 2)
        }
    }

    @Test("borrowed bytes decode exactly as an array does")
    func borrowed() throws {
        let bytes: [UInt8] = [0x00, 0x03, 7, 8, 9, 0x40, 0x02]
        let fromArray = try TLSDecoding.opaque(bytes, at: 1, end: bytes.count)
        let fromPointer = try bytes.withUnsafeBytes { raw throws(CodecError) in
            try TLSDecoding.opaque(raw, at: 1, end: raw.count)
        }
        #expect(fromArray == 2..<5 && fromPointer == fromArray)
        let failure = bytes.withUnsafeBytes { raw -> CodecError? in
            do throws(CodecError) {
                _ = try TLSDecoding.varint(raw, at: 5, end: raw.count)
                return nil
            } catch {
                return error
            }
        }
        #expect(failure == .nonMinimalLength(length: 2))
    }

    @Test("a failed readOpaque or readVarint leaves the reader where it was")
    func failedReadsDoNotMove() throws {
        var reader = TLSReader([0x01, 0x40, 0x05, 0x09])
        #expect(try reader.readUInt8() == 1)
        #expect(throws: CodecError.nonMinimalLength(length: 5)) { try reader.readVarint() }
        #expect(reader.position == 1)
        #expect(throws: CodecError.nonMinimalLength(length: 5)) { try reader.readOpaque() }
        #expect(reader.position == 1)
        var short = TLSReader([0x05, 1, 2])
        #expect(throws: CodecError.lengthExceedsInput(length: 5, available: 2)) { try short.readOpaque() }
        #expect(short.position == 0)
    }
}
