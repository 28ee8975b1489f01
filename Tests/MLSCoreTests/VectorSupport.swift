import Foundation
import MLSCore
import MLSCrypto
import TestVectorResources
import Testing

/// Loads an official RFC 9420 vector file (the shared copy in TestVectorResources).
func loadVectors<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(T.self, from: OfficialVectors.data(name))
}

func hex(_ s: String) throws -> [UInt8] { try Hex.decode(s) }
func secret(_ s: String) throws -> SecretBytes { SecretBytes(copying: try Hex.decode(s)) }
func hexOf(_ s: SecretBytes) -> String { Hex.encode(s.exportedForTestVectors()) }

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
