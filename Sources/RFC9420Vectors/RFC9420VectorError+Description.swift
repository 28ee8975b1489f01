/// A sentence for each error reading or writing an official RFC 9420 vector (`pprf vectors verify`, the tests).
extension RFC9420VectorError: CustomStringConvertible {
    /// The human description of the error, naming the field.
    public var description: String {
        switch self {
        case .invalidJSON(let reason):
            "The vector file is not valid JSON: \(reason)."
        case .missingField(let field):
            "The vector field \(field) is missing."
        case .wrongType(let field, let expected):
            "The vector field \(field) must be \(expected)."
        case .integerOutOfRange(let field, let range):
            "The vector field \(field) is an integer outside \(range)."
        case .oddLengthHex(let field):
            "The vector field \(field) has an odd number of hex digits; every byte needs two."
        case .invalidHex(let field):
            "The vector field \(field) holds a character that is not a hex digit (0-9, a-f)."
        case .invalidValue(let field):
            "The vector field \(field) holds a value its model does not accept."
        case .nonFiniteNumber(let field):
            "The vector field \(field) is infinite or NaN, which JSON cannot represent."
        }
    }
}
