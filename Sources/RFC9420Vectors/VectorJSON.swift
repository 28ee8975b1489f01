import Foundation
import JSONSupport

/// Reads and writes the official vector models (the RFC 9420 interop vectors of mlswg/mls-implementations):
/// reading goes through JSONSupport's strict reader (`StrictJSON`: repeated keys, lone surrogates and anything
/// outside RFC 8259 refused) and writing through its writer (`JSONValue`: ordered keys, so a generated file is
/// the same bytes on every platform).
public enum VectorJSON {
    /// The model `T` (a file is `[Model]`) from the bytes of a JSON document.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(RFC9420VectorError) -> T {
        let json: StrictJSON
        do {
            json = try StrictJSON.parse(bytes)
        } catch {
            throw .invalidJSON(error.description)
        }
        return try decode(type, from: json)
    }

    /// The model `T` from the bytes of a JSON document.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(RFC9420VectorError) -> T {
        try decode(type, from: [UInt8](data))
    }

    /// The model `T` from a parsed value (one entry of a file, or the whole file as `[Model]`).
    public static func decode<T: Decodable>(_ type: T.Type, from json: StrictJSON) throws(RFC9420VectorError) -> T {
        do {
            return try VectorDecoder.decode(type, json, codingPath: [])
        } catch let error as RFC9420VectorError {
            throw error
        } catch let DecodingError.dataCorrupted(context) {
            throw .invalidValue(field: VectorPath.text(context.codingPath))
        } catch {
            // The models throw only RFC9420VectorError; another type's own init(from:) may throw anything.
            throw .invalidValue(field: "$")
        }
    }

    /// The model as a `JSONValue`, keys in the model's order (render it with `rendered()`).
    public static func encode<T: Encodable>(_ value: T) throws(RFC9420VectorError) -> JSONValue {
        let node = VectorEncoder.Node()
        do {
            try VectorEncoder.encode(value, into: node, codingPath: [])
        } catch let error as RFC9420VectorError {
            throw error
        } catch let EncodingError.invalidValue(_, context) {
            throw .invalidValue(field: VectorPath.text(context.codingPath))
        } catch {
            throw .invalidValue(field: "$")
        }
        return node.json
    }
}
