/// A writer for the TLS presentation language as RFC 9420 section 2.1 uses it: big-endian integers and
/// vectors with the variable-length prefix of section 2.1.2.
public struct TLSWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty writer.
    public init() {}

    /// Appends a uint8.
    public mutating func write(_ value: UInt8) { bytes.append(value) }
    /// Appends a big-endian uint16.
    public mutating func write(_ value: UInt16) { appendBigEndian(UInt64(value), count: 2) }
    /// Appends a big-endian uint32.
    public mutating func write(_ value: UInt32) { appendBigEndian(UInt64(value), count: 4) }
    /// Appends a big-endian uint64.
    public mutating func write(_ value: UInt64) { appendBigEndian(value, count: 8) }
    /// Appends raw bytes with no length (a fixed-size array such as `opaque reuse_guard[4]`).
    public mutating func writeRaw(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// The size in bytes (1, 2 or 4) of the minimal variable-length prefix for `length` < 2^30 (RFC 9420
    /// section 2.1.2): the one varint size function of the package (TLS codec, PPRF state, wire overhead).
    @inline(__always)
    public static func varintSize(_ length: Int) -> Int { length < 64 ? 1 : (length < 16384 ? 2 : 4) }

    /// Appends the minimal variable-length prefix for `length` (RFC 9420 section 2.1.2).
    /// Lengths of 2^30 and more cannot be encoded; such values are impossible inside this library.
    public mutating func writeVarint(_ length: Int) {
        precondition(length >= 0 && length < (1 << 30), "vector length beyond 2^30 - 1")
        switch Self.varintSize(length) {
        case 1: write(UInt8(length))
        case 2: write(UInt16(length) | 0x4000)
        default: write(UInt32(length) | 0x8000_0000)
        }
    }

    /// Appends `opaque data<V>`: the variable-length prefix and the bytes.
    public mutating func writeOpaque(_ data: [UInt8]) {
        writeVarint(data.count)
        bytes.append(contentsOf: data)
    }

    /// Appends a `T items<V>` vector whose elements `body` writes.
    public mutating func writeVector(_ body: (inout TLSWriter) -> Void) {
        var inner = TLSWriter()
        body(&inner)
        writeOpaque(inner.bytes)
    }

    /// Appends `optional<T>`: 0 for absent, 1 followed by the value when present.
    public mutating func writeOptional<T>(_ value: T?, _ body: (inout TLSWriter, T) -> Void) {
        if let value {
            write(UInt8(1))
            body(&self, value)
        } else {
            write(UInt8(0))
        }
    }

    private mutating func appendBigEndian(_ value: UInt64, count: Int) {
        for shift in stride(from: (count - 1) * 8, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}

/// A strict reader for the TLS presentation language (RFC 9420 section 2.1).
///
/// Every read checks the remaining input before it allocates, so a hostile length cannot make it
/// allocate more than the input holds.
public struct TLSReader: Sendable {
    private let bytes: [UInt8]
    /// The offset of the next unread byte.
    public private(set) var position: Int

    /// A reader over `bytes`, starting at the beginning.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.position = 0
    }

    /// The number of unread bytes.
    public var remaining: Int { bytes.count - position }

    /// Reads `count` raw bytes (a fixed-size array).
    public mutating func readRaw(_ count: Int) throws(CodecError) -> [UInt8] {
        guard count <= remaining else { throw CodecError.truncated(needed: count, available: remaining) }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    /// Reads a uint8.
    public mutating func readUInt8() throws(CodecError) -> UInt8 { UInt8(try readBigEndian(1)) }
    /// Reads a big-endian uint16.
    public mutating func readUInt16() throws(CodecError) -> UInt16 { UInt16(try readBigEndian(2)) }
    /// Reads a big-endian uint32.
    public mutating func readUInt32() throws(CodecError) -> UInt32 { UInt32(try readBigEndian(4)) }
    /// Reads a big-endian uint64.
    public mutating func readUInt64() throws(CodecError) -> UInt64 { try readBigEndian(8) }

    /// Reads a variable-length prefix (RFC 9420 section 2.1.2), rejecting the reserved `11` prefix and
    /// non-minimal encodings.
    public mutating func readVarint() throws(CodecError) -> Int {
        let (length, size) = try TLSDecoding.varint(bytes, at: position, end: bytes.count)
        position += size
        return length
    }

    /// Reads `opaque data<V>`.
    public mutating func readOpaque() throws(CodecError) -> [UInt8] {
        let range = try TLSDecoding.opaque(bytes, at: position, end: bytes.count)
        position = range.upperBound
        return Array(bytes[range])
    }

    /// Reads a `T items<V>` vector: `element` is called until the vector's bytes are used up; an element
    /// running past the vector's end is an error.
    public mutating func readVector<T>(_ element: (inout TLSReader) throws(CodecError) -> T) throws(CodecError) -> [T] {
        var inner = TLSReader(try readOpaque())
        var items: [T] = []
        while inner.remaining > 0 { items.append(try element(&inner)) }
        return items
    }

    /// Reads `optional<T>`: a presence byte of 0 or 1, then the value.
    public mutating func readOptional<T>(_ element: (inout TLSReader) throws(CodecError) -> T) throws(CodecError) -> T?
    {
        switch try readUInt8() {
        case 0: return nil
        case 1: return try element(&self)
        case let other: throw CodecError.invalidValue(field: "optional presence", value: UInt64(other))
        }
    }

    /// Throws ``CodecError/trailingBytes(count:)`` unless every byte was read.
    public func finish() throws(CodecError) {
        guard remaining == 0 else { throw CodecError.trailingBytes(count: remaining) }
    }

    /// The bytes from `start` up to the current position (for keeping a structure's exact encoding).
    public func bytesRead(since start: Int) -> [UInt8] { Array(bytes[start..<position]) }

    private mutating func readBigEndian(_ count: Int) throws(CodecError) -> UInt64 {
        let value = try TLSDecoding.bigEndian(bytes, at: position, end: bytes.count, count: count)
        position += count
        return value
    }
}

/// Big-endian integers and variable-length prefixes (RFC 9420 section 2.1.2) read from any contiguous bytes:
/// the one decoder behind ``TLSReader`` and the PPRF state reader, which reads a state's secret bytes where
/// they lie instead of copying them into an array. Nothing advances: the caller moves past what was read.
public enum TLSDecoding {
    /// The `count`-byte (at most 8) big-endian integer at `position`; ``CodecError/truncated(needed:available:)``
    /// when fewer than `count` bytes lie between `position` and `end`.
    @inlinable
    public static func bigEndian<Bytes: RandomAccessCollection>(
        _ bytes: Bytes, at position: Int, end: Int, count: Int
    ) throws(CodecError) -> UInt64 where Bytes.Element == UInt8, Bytes.Index == Int {
        // The callers' contract (TLSReader, the PPRF state reader): zero-based bytes and an end within them.
        precondition(bytes.startIndex == 0 && position >= 0 && end <= bytes.count, "TLSDecoding outside its bytes")
        guard count <= end - position else { throw CodecError.truncated(needed: count, available: end - position) }
        var value: UInt64 = 0
        for i in 0..<count { value = value << 8 | UInt64(bytes[position + i]) }
        return value
    }

    /// The variable-length prefix at `position`: the length it encodes and its own size (1, 2 or 4 bytes).
    /// Throws ``CodecError/truncated(needed:available:)`` before `end`, ``CodecError/reservedLengthPrefix``
    /// for the reserved `11` prefix and ``CodecError/nonMinimalLength(length:)`` for a longer form than
    /// ``TLSWriter/varintSize(_:)`` gives.
    @inlinable
    public static func varint<Bytes: RandomAccessCollection>(
        _ bytes: Bytes, at position: Int, end: Int
    ) throws(CodecError) -> (length: Int, size: Int) where Bytes.Element == UInt8, Bytes.Index == Int {
        precondition(bytes.startIndex == 0 && position >= 0 && end <= bytes.count, "TLSDecoding outside its bytes")
        guard end - position >= 1 else { throw CodecError.truncated(needed: 1, available: 0) }
        let prefix = bytes[position] >> 6
        guard prefix != 3 else { throw CodecError.reservedLengthPrefix }
        let size = 1 << Int(prefix)
        let raw = try bigEndian(bytes, at: position, end: end, count: size)
        let length = Int(raw & ((1 << UInt64(8 * size - 2)) - 1))
        guard TLSWriter.varintSize(length) == size else { throw CodecError.nonMinimalLength(length: length) }
        return (length, size)
    }

    /// Where the bytes of the `opaque data<V>` at `position` lie. Throws what ``varint(_:at:end:)`` throws for
    /// its prefix, and ``CodecError/lengthExceedsInput(length:available:)`` (with the bytes after the prefix)
    /// when the length runs past `end`; nothing is allocated before that check.
    @inlinable
    public static func opaque<Bytes: RandomAccessCollection>(
        _ bytes: Bytes, at position: Int, end: Int
    ) throws(CodecError) -> Range<Int> where Bytes.Element == UInt8, Bytes.Index == Int {
        let (length, size) = try varint(bytes, at: position, end: end)
        let start = position + size
        guard length <= end - start else {
            throw CodecError.lengthExceedsInput(length: length, available: end - start)
        }
        return start..<(start + length)
    }
}

/// A value with a TLS presentation-language encoding (RFC 9420 section 2.1).
public protocol TLSCodable: Sendable {
    /// Appends the encoding of `self`.
    func encode(to writer: inout TLSWriter)
    /// Reads one value, leaving the reader after it.
    init(from reader: inout TLSReader) throws(CodecError)
}

extension TLSCodable {
    /// The encoding of `self` as bytes.
    public var tlsEncoded: [UInt8] {
        var writer = TLSWriter()
        encode(to: &writer)
        return writer.bytes
    }

    /// Decodes exactly one value from `bytes`; trailing bytes are an error.
    public init(tlsDecoding bytes: [UInt8]) throws(CodecError) {
        var reader = TLSReader(bytes)
        let value = try Self(from: &reader)
        try reader.finish()
        self = value
    }
}

extension TLSWriter {
    /// Appends `T items<V>` (RFC 9420 section 2.1.2): the encodings of `items` behind one length prefix, as
    /// the GroupContext's `Extension extensions<V>` and SafeAAD's `SafeAADItem aad_items<V>` are written.
    public mutating func writeVector<T: TLSCodable>(_ items: [T]) {
        writeVector { w in for item in items { item.encode(to: &w) } }
    }
}

extension TLSReader {
    /// Reads `T items<V>` (RFC 9420 section 2.1.2) of `type`: the one list reader of the GroupContext's
    /// extensions and SafeAAD's items; an element running past the vector's end is an error.
    public mutating func readVector<T: TLSCodable>(of type: T.Type) throws(CodecError) -> [T] {
        try readVector { (r: inout TLSReader) throws(CodecError) in try T(from: &r) }
    }
}
