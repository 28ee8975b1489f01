import ChallengeMath
import Foundation
import MLSCore
import MLSCrypto
import PuncturablePRF
import Testing

/// README.md "Using the library": each example runs and gives the values its comments promise.
@Suite("README examples")
struct ReadmeExampleTests {
    /// The example's encryption_secret, derived again here, and a fresh PPRF rooted at it.
    static func freshPPRF() throws -> PPRF {
        let suite = try CipherSuite(id: 1)
        let context = GroupContext(
            cipherSuite: 1, groupID: Array("example group".utf8), epoch: 1,
            treeHash: [UInt8](repeating: 0, count: 32), confirmedTranscriptHash: [])
        let zero = SecretBytes(copying: [UInt8](repeating: 0, count: 32))
        let secrets = try KeySchedule.epochSecrets(
            suite: suite, initSecret: zero, commitSecret: zero, pskSecret: zero, groupContext: context)
        return try PPRF(
            secret: secrets.encryptionSecret, suite: suite,
            parameters: PPRFParameters(challengeBits: 128, profile: .blake2b))
    }

    @Test("example 1: the value is PPRF(x); the decoded state holds x's 128 co-path nodes and refuses x")
    func pprfExample() throws {
        let (x, value, restored) = try pprfFromEncryptionSecret()
        let fresh = try Self.freshPPRF()
        #expect(value.count == 32)
        #expect(try fresh.evaluate(at: x) == value)
        #expect(restored.challengeBits == 128)
        #expect(restored.storedNodeCount == 128)
        #expect(try restored.isPunctured(x))
        #expect(throws: PPRFError.punctured) { try restored.evaluate(at: x) }
        // Every other input keeps its value: x with its last bit flipped is x's deepest co-path node.
        var sibling = x.bytes
        sibling[15] ^= 1
        let y = try Challenge(bytes: sibling, challengeBits: 128)
        #expect(try restored.evaluate(at: y) == fresh.evaluate(at: y))
        // PPRFNode: uint16 length, varint + ceil(d/8) prefix bytes, varint + 32 secret bytes; 2-byte outer varint.
        let nodeBytes = (1...128).map { d in 2 + 1 + (d + 7) / 8 + 1 + 32 }.reduce(0, +)
        #expect(try restored.encoded().count == 2 + nodeBytes)
    }

    @Test("example 2: PPRF mode delivers the plaintext once and refuses the replay with challengeReused")
    func protectionExample() throws {
        let (plaintext, replayRejected) = try protectAndUnprotectInPPRFMode()
        #expect(plaintext == Array("hello".utf8))
        #expect(replayRejected)
    }

    @Test("example 3: P(2^32 messages, b = 128) = 2^-65.0; minimum b for 2^20 messages at 2^-64 is 103")
    func challengeMathExample() {
        let (log2P, b) = challengeLengthForAnEpoch()
        #expect(abs(log2P - -65.0) < 0.01)
        #expect(b == 103)
    }
}
