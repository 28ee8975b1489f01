import Foundation
import Testing

@testable import MLSCrypto

/// The release hook is process-wide: these tests run one at a time.
@Suite("secret hygiene", .serialized)
struct SecretWipeTests {
    @Test("a released SecretBytes buffer is wiped whole before it is freed")
    func wipedOnRelease() {
        final class Observation: @unchecked Sendable {
            var sawAllZero: [Bool] = []
        }
        let observation = Observation()
        // An unusual size: the hook is process-wide and other tests release secrets of the common sizes meanwhile.
        SecretBytes.releaseHook = { buffer in
            if buffer.count == 4093 { observation.sawAllZero.append(buffer.allSatisfy { $0 == 0 }) }
        }
        defer { SecretBytes.releaseHook = nil }
        do {
            let secret = SecretBytes(copying: [UInt8](repeating: 0xA5, count: 4093))
            #expect(secret.count == 4093)
        }
        #expect(observation.sawAllZero == [true])
    }

    @Test("errors carry sizes and names, never key material")
    func errorsHoldNoSecrets() throws {
        let key = SecretBytes(copying: [UInt8](repeating: 0xA5, count: 16))
        let nonce = SecretBytes(copying: [UInt8](repeating: 0xA5, count: 12))
        let errors: [Error] = [
            #expect(throws: CryptoError.self) {
                try AEADAlgorithm.chacha20poly1305.seal(key: key, nonce: nonce, aad: [], plaintext: [])
            }!,
            #expect(throws: CryptoError.self) {
                try AEADAlgorithm.aes128gcm.open(
                    key: key, nonce: nonce, aad: [], ciphertext: [UInt8](repeating: 0xA5, count: 20))
            }!,
            #expect(throws: CryptoError.self) { try SignatureScheme.ed25519.sign(privateKey: key, message: []) }!,
        ]
        for error in errors {
            var dumped = ""
            dump(error, to: &dumped)
            for text in ["\(error)", String(reflecting: error), dumped] {
                #expect(!text.lowercased().contains("a5a5"))
                #expect(!text.contains("165"))  // 0xA5 in decimal
            }
        }
    }
}
