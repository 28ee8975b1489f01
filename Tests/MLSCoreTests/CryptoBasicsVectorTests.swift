import MLSCore
import MLSCrypto
import Testing

struct CryptoBasicsVector: Decodable {
    struct RefHash: Decodable { let label, value, out: String }
    struct ExpandWithLabel: Decodable {
        let secret, label, context, out: String
        let length: Int
    }
    struct DeriveSecret: Decodable { let secret, label, out: String }
    struct DeriveTreeSecret: Decodable {
        let secret, label, out: String
        let generation: UInt32
        let length: Int
    }
    struct SignWithLabel: Decodable { let priv, pub, content, label, signature: String }
    let cipherSuite: UInt16
    let refHash: RefHash
    let expandWithLabel: ExpandWithLabel
    let deriveSecret: DeriveSecret
    let deriveTreeSecret: DeriveTreeSecret
    let signWithLabel: SignWithLabel
    let encryptWithLabel: EncryptWithLabel
    struct EncryptWithLabel: Decodable { let priv, pub, label, context, plaintext, kemOutput, ciphertext: String }
}

@Suite("RFC 9420 crypto-basics.json")
struct CryptoBasicsVectorTests {
    static let vectors = (try? loadVectors("crypto-basics", as: [CryptoBasicsVector].self)) ?? []

    @Test("vector file loads with all 7 suites")
    func fileLoads() throws {
        let v = try loadVectors("crypto-basics", as: [CryptoBasicsVector].self)
        #expect(v.map(\.cipherSuite) == [1, 2, 3, 4, 5, 6, 7])
    }

    @Test("crypto-basics entry", arguments: vectors)
    func entry(_ v: CryptoBasicsVector) throws {
        guard let suite = try supportedSuite(v.cipherSuite) else { return }
        #expect(Hex.encode(try suite.refHash(label: v.refHash.label, value: hex(v.refHash.value))) == v.refHash.out)

        let e = v.expandWithLabel
        let expanded = try suite.expandWithLabel(
            secret(e.secret), label: e.label, context: hex(e.context), length: e.length)
        #expect(hexOf(expanded) == e.out)

        let d = v.deriveSecret
        #expect(hexOf(try suite.deriveSecret(secret(d.secret), label: d.label)) == d.out)

        let t = v.deriveTreeSecret
        let tree = try suite.deriveTreeSecret(
            secret(t.secret), label: t.label, generation: t.generation, length: t.length)
        #expect(hexOf(tree) == t.out)

        let s = v.signWithLabel
        let pub = try hex(s.pub)
        #expect(try suite.signature.publicKey(for: secret(s.priv)) == pub)
        #expect(
            try suite.verifyWithLabel(
                publicKey: pub, label: s.label, content: hex(s.content), signature: hex(s.signature)))
        let ours = try suite.signWithLabel(privateKey: secret(s.priv), label: s.label, content: hex(s.content))
        #expect(try suite.verifyWithLabel(publicKey: pub, label: s.label, content: hex(s.content), signature: ours))
        #expect(
            try !suite.verifyWithLabel(publicKey: pub, label: s.label + "x", content: hex(s.content), signature: ours))
        let h = v.encryptWithLabel
        let opened = try suite.decryptWithLabel(
            privateKey: secret(h.priv), label: h.label, context: hex(h.context), kemOutput: hex(h.kemOutput),
            ciphertext: hex(h.ciphertext))
        #expect(Hex.encode(opened) == h.plaintext)
        #expect(try suite.kem.publicKey(privateScalar: secret(h.priv)) == hex(h.pub))
        let sealed = try suite.encryptWithLabel(
            publicKey: hex(h.pub), label: h.label, context: hex(h.context), plaintext: hex(h.plaintext))
        #expect(
            try suite.decryptWithLabel(
                privateKey: secret(h.priv), label: h.label, context: hex(h.context), kemOutput: sealed.kemOutput,
                ciphertext: sealed.ciphertext) == hex(h.plaintext))
        #expect(throws: MLSError.crypto(.authenticationFailure)) {
            try suite.decryptWithLabel(
                privateKey: secret(h.priv), label: h.label + "x", context: hex(h.context), kemOutput: sealed.kemOutput,
                ciphertext: sealed.ciphertext)
        }
        if suite.signature == .ed25519 {  // deterministic: the bytes must match the vector
            #expect(Hex.encode(ours) == s.signature)
        }
    }
}

extension CryptoBasicsVector: CustomTestStringConvertible {
    var testDescription: String { "suite \(cipherSuite)" }
}
