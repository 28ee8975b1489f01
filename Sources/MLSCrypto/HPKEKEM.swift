import CSodium
import Crypto
import Foundation

/// The DHKEMs of the RFC 9420 cipher suites without X448, with RFC 9180's DeriveKeyPair (section 7.1.3).
///
/// X25519 comes from libsodium; the NIST curves from swift-crypto. The labelled HKDF steps are ours.
public enum HPKEKEM: UInt16, Sendable, CaseIterable {
    /// DHKEM(P-256, HKDF-SHA256).
    case p256 = 0x0010
    /// DHKEM(P-384, HKDF-SHA384).
    case p384 = 0x0011
    /// DHKEM(P-521, HKDF-SHA512).
    case p521 = 0x0012
    /// DHKEM(X25519, HKDF-SHA256).
    case x25519 = 0x0020

    /// The KEM's KDF hash.
    public var hash: HashFunction {
        switch self {
        case .p256, .x25519: .sha256
        case .p384: .sha384
        case .p521: .sha512
        }
    }

    /// `Nsk`: the private key size.
    public var privateKeySize: Int {
        switch self {
        case .p256, .x25519: 32
        case .p384: 48
        case .p521: 66
        }
    }

    private var suiteID: [UInt8] { Array("KEM".utf8) + [UInt8(rawValue >> 8), UInt8(rawValue & 0xFF)] }

    /// `LabeledExtract("", label, ikm)` of RFC 9180 section 4, with the KEM's suite id.
    func labeledExtract(label: String, ikm: SecretBytes) throws(CryptoError) -> SecretBytes {
        try HPKELabels.extract(hash: hash, suiteID: suiteID, salt: SecretBytes(copying: []), label: label, ikm: ikm)
    }

    /// `LabeledExpand(prk, label, info, L)` of RFC 9180 section 4, with the KEM's suite id.
    func labeledExpand(prk: SecretBytes, label: String, info: [UInt8], length: Int) throws(CryptoError) -> SecretBytes {
        try HPKELabels.expand(hash: hash, suiteID: suiteID, prk: prk, label: label, info: info, length: length)
    }

    /// `DeriveKeyPair(ikm)` (RFC 9180 section 7.1.3): the serialized private key and the public key
    /// (raw for X25519, uncompressed SEC1 for the NIST curves).
    public func deriveKeyPair(ikm: SecretBytes) throws(CryptoError) -> (privateKey: SecretBytes, publicKey: [UInt8]) {
        try Sodium.ensureInitialized()
        let prk = try labeledExtract(label: "dkp_prk", ikm: ikm)
        if self == .x25519 {
            let sk = try labeledExpand(prk: prk, label: "sk", info: [], length: 32)
            var pk = [UInt8](repeating: 0, count: 32)
            let rc = sk.withUnsafeBytes {
                crypto_scalarmult_base(&pk, $0.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            guard rc == 0 else { throw CryptoError.invalidPrivateKey }
            return (sk, pk)
        }
        let bitmask: UInt8 = self == .p521 ? 0x01 : 0xFF
        for counter in 0...255 {
            let candidate = try labeledExpand(
                prk: prk, label: "candidate", info: [UInt8(counter)], length: privateKeySize)
            let masked = SecretBytes(count: privateKeySize) { out in
                candidate.withUnsafeBytes { out.copyMemory(from: $0) }
                out[0] &= bitmask
            }
            // swift-crypto rejects zero and scalars not below the group order, as DeriveKeyPair requires.
            if let pk = try? publicKey(privateScalar: masked) { return (masked, pk) }
        }
        throw CryptoError.invalidPrivateKey
    }

    /// The public key of a serialized private key.
    public func publicKey(privateScalar: SecretBytes) throws -> [UInt8] {
        switch self {
        case .x25519:
            var pk = [UInt8](repeating: 0, count: 32)
            _ = privateScalar.withUnsafeBytes {
                crypto_scalarmult_base(&pk, $0.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            return pk
        case .p256:
            return Array(
                try privateScalar.withUnsafeBytes { try P256.KeyAgreement.PrivateKey(rawRepresentation: $0) }.publicKey
                    .x963Representation)
        case .p384:
            return Array(
                try privateScalar.withUnsafeBytes { try P384.KeyAgreement.PrivateKey(rawRepresentation: $0) }.publicKey
                    .x963Representation)
        case .p521:
            return Array(
                try privateScalar.withUnsafeBytes { try P521.KeyAgreement.PrivateKey(rawRepresentation: $0) }.publicKey
                    .x963Representation)
        }
    }
}

/// RFC 9180 section 4's labelled HKDF steps, shared by the KEM (suite id "KEM" || kem_id) and the HPKE key
/// schedule (suite id "HPKE" || kem_id || kdf_id || aead_id).
enum HPKELabels {
    /// `LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1" || suite_id || label || ikm)`.
    static func extract(
        hash: HashFunction, suiteID: [UInt8], salt: SecretBytes, label: String, ikm: SecretBytes
    ) throws(CryptoError) -> SecretBytes {
        let prefix = Array("HPKE-v1".utf8) + suiteID + Array(label.utf8)
        let labeled = ikm.withUnsafeBytes { ikmBytes in
            SecretBytes(count: prefix.count + ikm.count) { out in
                out.copyBytes(from: prefix)
                UnsafeMutableRawBufferPointer(rebasing: out[prefix.count...]).copyMemory(from: ikmBytes)
            }
        }
        return try HKDF.extract(hash: hash, salt: salt, ikm: labeled)
    }

    /// `LabeledExpand(prk, label, info, L) = Expand(prk, I2OSP(L, 2) || "HPKE-v1" || suite_id || label || info, L)`.
    static func expand(
        hash: HashFunction, suiteID: [UInt8], prk: SecretBytes, label: String, info: [UInt8], length: Int
    ) throws(CryptoError) -> SecretBytes {
        let labeledInfo =
            [UInt8(length >> 8), UInt8(length & 0xFF)] + Array("HPKE-v1".utf8) + suiteID + Array(label.utf8) + info
        return try HKDF.expand(hash: hash, prk: prk, info: labeledInfo, length: length)
    }
}
