/// Errors raised while decoding the TLS presentation language of RFC 9420 section 2.1.
///
/// Decoding is strict: every error leaves the caller's value untouched, because decoders build their
/// result only after all fields were read.
public enum CodecError: Error, Equatable, Sendable {
    /// The input ended inside a field of `needed` bytes with `available` left.
    case truncated(needed: Int, available: Int)
    /// Bytes were left after a complete value (`count` of them).
    case trailingBytes(count: Int)
    /// A variable-length prefix used more bytes than needed (RFC 9420 section 2.1.2 requires the minimum).
    case nonMinimalLength(length: Int)
    /// A variable-length prefix began with the reserved bits `11` (RFC 9420 section 2.1.2).
    case reservedLengthPrefix
    /// A vector length pointed past the end of the input.
    case lengthExceedsInput(length: Int, available: Int)
    /// An enumerated field held a value this implementation does not define.
    case invalidValue(field: String, value: UInt64)
    /// A fixed-size field had the wrong size.
    case wrongSize(field: String, expected: Int, actual: Int)
    /// A structure this implementation cannot size (for example an unknown proposal type).
    case unsupported(String)
    /// A hex string had odd length or a character outside 0-9, a-f, A-F.
    case invalidHex
    /// Padding after a PrivateMessageContent contained a non-zero byte (RFC 9420 section 6.3.1).
    case nonZeroPadding
}
