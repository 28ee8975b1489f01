import MLSCore
import MLSCrypto
import RFC9420Vectors
import TestVectorResources
import Testing

/// The entries of the official file `name` as their `RFC9420Vectors` model (the one the tool verifies with).
func officialEntries<T: Decodable>(_ name: String, as type: T.Type) throws -> [T] {
    try VectorJSON.decode([T].self, from: OfficialVectors.data(name))
}

/// Suites 4 and 6 (X448/Ed448) are unsupported: the tests check that they are refused and skip them.
func supportedSuite(_ id: UInt16) throws -> CipherSuite? {
    do {
        return try CipherSuite(id: id)
    } catch {
        #expect(error == .unsupportedCipherSuite(id))
        #expect(id == 4 || id == 6)
        return nil
    }
}
