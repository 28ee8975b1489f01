/// Why an official RFC 9420 vector file (mlswg/mls-implementations) or one of its entries could not be read into
/// its model, or a model could not be written. Every case names the field as a path from the entry or file
/// (`epochs[2].membership_key`; `$` is the whole document).
public enum RFC9420VectorError: Error, Equatable, Sendable {
    /// The document is not JSON as `StrictJSON` (JSONSupport) reads it: syntax, a repeated key, a lone surrogate.
    case invalidJSON(String)
    /// A field the model requires is absent (or an array is shorter than the model reads).
    case missingField(field: String)
    /// A field has the wrong JSON type: `expected` says what the model needs ("a string", "an integer").
    case wrongType(field: String, expected: String)
    /// An integer field is an integer literal outside the range of its model type (`range`, such as
    /// `0...4294967295`), refused before any conversion.
    case integerOutOfRange(field: String, range: String)
    /// A hex field has an odd number of digits.
    case oddLengthHex(field: String)
    /// A hex field holds a character that is not a hex digit.
    case invalidHex(field: String)
    /// A value the model's own decoding refuses (for example an unknown enumeration case).
    case invalidValue(field: String)
    /// A number to write is infinite or NaN, which JSON (RFC 8259) cannot represent.
    case nonFiniteNumber(field: String)
}

extension RFC9420VectorError {
    /// The path of the field the error names (`$` for the document itself, as for ``invalidJSON(_:)``).
    public var field: String {
        switch self {
        case .invalidJSON: "$"
        case .missingField(let field), .wrongType(let field, _), .integerOutOfRange(let field, _),
            .oddLengthHex(let field), .invalidHex(let field), .invalidValue(let field), .nonFiniteNumber(let field):
            field
        }
    }
}
