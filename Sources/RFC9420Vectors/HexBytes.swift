import MLSCore
import MLSCrypto

/// Bytes written as a lowercase hex string, the form of every byte field in the official vectors
/// (mlswg/mls-implementations, `test-vectors.md`): decoding is strict (an odd number of digits or a character that
/// is not a hex digit throws ``RFC9420VectorError`` naming the field; either case of a-f is accepted), encoding
/// writes lowercase.
public struct HexBytes: Codable, Equatable, Sendable, ExpressibleByArrayLiteral {
    /// The bytes.
    public var bytes: [UInt8]

    /// The given bytes.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// A vector value exported from a secret (only vector generators call this; the name says what it does).
    public init(exportedFromSecret secret: SecretBytes) { self.bytes = secret.exportedForTestVectors() }

    /// The bytes of an array literal.
    public init(arrayLiteral elements: UInt8...) { self.bytes = elements }

    /// The bytes as a secret, for a field that holds key material (`encryption_secret`, `priv`).
    public var secret: SecretBytes { SecretBytes(copying: bytes) }

    /// Decodes `text`, naming `field` in the error.
    public init(hex text: String, field: String) throws(RFC9420VectorError) {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { throw .oddLengthHex(field: field) }
        guard let bytes = try? Hex.decode(text) else { throw .invalidHex(field: field) }
        self.bytes = bytes
    }

    /// Reads a hex string; the error names the field by the decoder's coding path.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(hex: text, field: VectorPath.text(decoder.codingPath))
    }

    /// Writes lowercase hex.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Hex.encode(bytes))
    }
}
