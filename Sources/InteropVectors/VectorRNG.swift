import MLSCore
import MLSCrypto

/// The labelled deterministic generator behind every generated vector value (never the system RNG):
/// `value(label, n) = HKDF-Expand(PRK, label, n)` with HMAC-SHA-256 and
/// `PRK = HKDF-Extract(salt = "", IKM = "mls-pprf vectors/" + file name)`; labels name the file's entry and
/// field, for example `"suite 1 mls b=64/root_secret"`.
public struct VectorRNG: Sendable {
    let prk: SecretBytes

    /// The generator for one file.
    public init(file: String) throws(CryptoError) {
        prk = try HKDF.extract(
            hash: .sha256, salt: SecretBytes(copying: []),
            ikm: SecretBytes(copying: Array("mls-pprf vectors/\(file)".utf8)))
    }

    /// `n` bytes for `label` (n <= 8160).
    public func bytes(_ label: String, _ n: Int) throws(CryptoError) -> [UInt8] {
        try HKDF.expand(hash: .sha256, prk: prk, info: Array(label.utf8), length: n).exportedForTestVectors()
    }

    /// A secret of `n` bytes for `label`.
    public func secret(_ label: String, _ n: Int) throws(CryptoError) -> SecretBytes {
        try HKDF.expand(hash: .sha256, prk: prk, info: Array(label.utf8), length: n)
    }

    /// A signature private key: Ed25519 takes the 32 bytes as a seed; for ECDSA, candidates `label/0`,
    /// `label/1`, ... are tried until one is a valid scalar.
    public func signatureKey(_ label: String, scheme: SignatureScheme) throws(CryptoError) -> SecretBytes {
        for counter in 0..<256 {
            let candidate = try secret("\(label)/\(counter)", scheme.privateKeySize)
            if (try? scheme.publicKey(for: candidate)) != nil { return candidate }
        }
        throw CryptoError.invalidPrivateKey
    }
}
