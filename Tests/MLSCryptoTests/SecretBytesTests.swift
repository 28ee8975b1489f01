import MLSCrypto
import Testing

@Suite("SecretBytes")
struct SecretBytesTests {
    @Test("never prints its bytes, in description, debugDescription, interpolation or dump")
    func redaction() {
        let s = SecretBytes(copying: [0xDE, 0xAD, 0xBE, 0xEF])
        #expect(s.description == "SecretBytes(4 bytes, redacted)")
        #expect(s.debugDescription == s.description)
        #expect("\(s)" == s.description)
        var dumped = ""
        dump(s, to: &dumped)
        #expect(!dumped.lowercased().contains("de"))
        #expect(!dumped.contains("222"))  // 0xDE in decimal
        #expect(!String(reflecting: s).contains("222"))
    }

    @Test("equality: constant-time content comparison after a length check")
    func equality() throws {
        let a = SecretBytes(copying: [1, 2, 3])
        #expect(a == SecretBytes(copying: [1, 2, 3]))
        #expect(a != SecretBytes(copying: [1, 2, 4]))
        #expect(a != SecretBytes(copying: [1, 2]))
        #expect(SecretBytes(copying: []) == SecretBytes(copying: []))
        let r1 = try SecretBytes.random(count: 32)
        let r2 = try SecretBytes.random(count: 32)
        #expect(r1 != r2)
        #expect(r1.count == 32)
    }

    @Test("xoringPrefix XORs only the first bytes")
    func xor() {
        let s = SecretBytes(copying: [0xFF, 0x00, 0x0F, 0xAA, 0x55])
        #expect(s.xoringPrefix([0x0F, 0xF0]).exportedForTestVectors() == [0xF0, 0xF0, 0x0F, 0xAA, 0x55])
    }
}
