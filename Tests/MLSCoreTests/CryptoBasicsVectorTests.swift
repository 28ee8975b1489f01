import MLSCore
import MLSCrypto
import RFC9420Vectors
import Testing

extension CryptoBasicsVector: CustomTestStringConvertible {
    /// The test-case name: the suite (and tree size) of the entry.
    public var testDescription: String { "suite \(cipherSuite)" }
}

@Suite("RFC 9420 crypto-basics.json")
struct CryptoBasicsVectorTests {
    @Test("vector file loads with all 7 suites")
    func fileLoads() throws {
        let v = try officialEntries("crypto-basics", as: CryptoBasicsVector.self)
        #expect(v.map(\.cipherSuite) == [1, 2, 3, 4, 5, 6, 7])
    }

    @Test("crypto-basics entry", arguments: try officialEntries("crypto-basics", as: CryptoBasicsVector.self))
    func entry(_ v: CryptoBasicsVector) throws {
        guard let suite = try supportedSuite(v.cipherSuite) else { return }
        #expect(try suite.refHash(label: v.refHash.label, value: v.refHash.value.bytes) == v.refHash.out.bytes)

        let e = v.expandWithLabel
        let expanded = try suite.expandWithLabel(
            e.secret.secret, label: e.label, context: e.context.bytes, length: Int(e.length))
        #expect(HexBytes(exportedFromSecret: expanded) == e.out)

        let d = v.deriveSecret
        #expect(HexBytes(exportedFromSecret: try suite.deriveSecret(d.secret.secret, label: d.label)) == d.out)

        let t = v.deriveTreeSecret
        let tree = try suite.deriveTreeSecret(
            t.secret.secret, label: t.label, generation: t.generation, length: Int(t.length))
        #expect(HexBytes(exportedFromSecret: tree) == t.out)
        try signWithLabel(v.signWithLabel, suite)
        try encryptWithLabel(v.encryptWithLabel, suite)
    }

    /// The given signature verifies, ours verifies, ours fails under another label; Ed25519 is deterministic,
    /// so there our signature must be the vector's bytes.
    func signWithLabel(_ s: CryptoBasicsVector.SignWithLabel, _ suite: CipherSuite) throws {
        let pub = s.pub.bytes
        #expect(try suite.signature.publicKey(for: s.priv.secret) == pub)
        #expect(
            try suite.verifyWithLabel(
                publicKey: pub, label: s.label, content: s.content.bytes, signature: s.signature.bytes))
        let ours = try suite.signWithLabel(privateKey: s.priv.secret, label: s.label, content: s.content.bytes)
        #expect(try suite.verifyWithLabel(publicKey: pub, label: s.label, content: s.content.bytes, signature: ours))
        #expect(
            try !suite.verifyWithLabel(
                publicKey: pub, label: s.label + "x", content: s.content.bytes, signature: ours))
        if suite.signature == .ed25519 { #expect(ours == s.signature.bytes) }
    }

    /// The given ciphertext opens; ours opens under the same label and fails under another.
    func encryptWithLabel(_ h: CryptoBasicsVector.EncryptWithLabel, _ suite: CipherSuite) throws {
        let opened = try suite.decryptWithLabel(
            privateKey: h.priv.secret, label: h.label, context: h.context.bytes, kemOutput: h.kemOutput.bytes,
            ciphertext: h.ciphertext.bytes)
        #expect(opened == h.plaintext.bytes)
        #expect(try suite.kem.publicKey(privateScalar: h.priv.secret) == h.pub.bytes)
        let sealed = try suite.encryptWithLabel(
            publicKey: h.pub.bytes, label: h.label, context: h.context.bytes, plaintext: h.plaintext.bytes)
        #expect(
            try suite.decryptWithLabel(
                privateKey: h.priv.secret, label: h.label, context: h.context.bytes, kemOutput: sealed.kemOutput,
                ciphertext: sealed.ciphertext) == h.plaintext.bytes)
        #expect(throws: MLSError.crypto(.authenticationFailure)) {
            try suite.decryptWithLabel(
                privateKey: h.priv.secret, label: h.label + "x", context: h.context.bytes,
                kemOutput: sealed.kemOutput, ciphertext: sealed.ciphertext)
        }
    }
}
