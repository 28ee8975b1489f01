import MLSCore

/// A writer of the TLS presentation language (RFC 9420 section 2.1) into a fixed buffer, for encodings that
/// hold secrets: the PPRF state encoding (SPEC section 3) is written straight from the arena into the
/// `SecretBytes` that is returned, so no growable array ever holds a node secret.
///
/// Why not `TLSWriter`: its `[UInt8]` grows by reallocation and every outgrown buffer is freed unwiped, the
/// nested vector is copied once more, and a Swift array may be copied on write anywhere, so wiping "the" array
/// afterwards would not reach the copies. A fixed buffer whose size is computed first has exactly one copy.
struct SecretWriter {
    private let buffer: UnsafeMutableRawBufferPointer
    /// The number of bytes written.
    private(set) var position = 0

    /// A writer at the start of `buffer`, which must be exactly as large as what will be written.
    init(_ buffer: UnsafeMutableRawBufferPointer) { self.buffer = buffer }

    /// Whether the buffer was filled exactly.
    var isFull: Bool { position == buffer.count }

    /// Appends a big-endian uint16.
    mutating func write(_ value: UInt16) {
        buffer[position] = UInt8(value >> 8)
        buffer[position + 1] = UInt8(truncatingIfNeeded: value)
        position += 2
    }

    /// Appends the minimal variable-length prefix for `length` (RFC 9420 section 2.1.2); `length` < 2^30 is
    /// checked by the caller (``PPRF/encoded()``).
    mutating func writeVarint(_ length: Int) {
        switch TLSWriter.varintSize(length) {
        case 1:
            buffer[position] = UInt8(length)
            position += 1
        case 2:
            write(UInt16(length) | 0x4000)
        default:
            let value = UInt32(length) | 0x8000_0000
            write(UInt16(value >> 16))
            write(UInt16(truncatingIfNeeded: value))
        }
    }

    /// Appends raw bytes.
    mutating func write(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        UnsafeMutableRawBufferPointer(rebasing: buffer[position..<(position + bytes.count)]).copyMemory(from: bytes)
        position += bytes.count
    }
}

/// A strict reader of the TLS presentation language over borrowed bytes (a `SecretBytes`'s
/// storage) that returns *ranges* instead of copies: the state decoder validates every node in place and then
/// copies each secret once, into the arena. It throws exactly the ``CodecError`` cases `TLSReader` throws for
/// the same input, so decoding errors (and `Vectors/pprf-state.json`) are unchanged.
struct SecretReader {
    private let bytes: UnsafeRawBufferPointer
    private let end: Int
    /// The offset of the next unread byte.
    private(set) var position: Int

    /// A reader over `range` of `bytes`.
    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    /// The number of unread bytes.
    var remaining: Int { end - position }

    /// Reads a big-endian uint16.
    mutating func readUInt16() throws(CodecError) -> UInt16 {
        let value = try TLSDecoding.bigEndian(bytes, at: position, end: end, count: 2)
        position += 2
        return UInt16(value)
    }

    /// Reads `opaque data<V>` and returns where its bytes are.
    mutating func readOpaque() throws(CodecError) -> Range<Int> {
        let range = try TLSDecoding.opaque(bytes, at: position, end: end)
        position = range.upperBound
        return range
    }

    /// Throws ``CodecError/trailingBytes(count:)`` unless every byte was read.
    func finish() throws(CodecError) {
        guard remaining == 0 else { throw CodecError.trailingBytes(count: remaining) }
    }
}
