/// A sentence for each decoding error of the TLS presentation language (RFC 9420 section 2.1).
extension CodecError: CustomStringConvertible {
    /// The human description of the error (printed by `pprf` on standard error).
    public var description: String {
        switch self {
        case .truncated(let needed, let available):
            "The input ends inside a field: it needs \(byteCount(needed)) and \(byteCount(available)) are left."
        case .trailingBytes(let count):
            "The input has \(byteCount(count)) after a complete value; it must end there."
        case .nonMinimalLength(let length):
            "The length \(length) is encoded with more bytes than needed; RFC 9420 section 2.1.2 requires the "
                + "shortest variable-length encoding."
        case .reservedLengthPrefix:
            "A variable-length prefix starts with the reserved bits 11 (RFC 9420 section 2.1.2)."
        case .lengthExceedsInput(let length, let available):
            "A vector claims \(byteCount(length)), but only \(byteCount(available)) are left in the input."
        case .invalidValue(let field, let value):
            "The field \(field) holds the value \(value), which this implementation does not define."
        case .wrongSize(let field, let expected, let actual):
            "The field \(field) has \(byteCount(actual)); it must have \(byteCount(expected))."
        case .unsupported(let what):
            "This implementation cannot decode a \(what)."
        case .invalidHex:
            "The hex string has an odd length or a character outside 0-9, a-f and A-F."
        case .nonZeroPadding:
            "The padding after the PrivateMessageContent contains a non-zero byte (RFC 9420 section 6.3.1)."
        }
    }
}

/// "1 byte", "32 bytes".
private func byteCount(_ count: Int) -> String { count == 1 ? "1 byte" : "\(count) bytes" }
