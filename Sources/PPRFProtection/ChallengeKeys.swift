import MLSCore
import MLSCrypto
import PuncturablePRF

/// The AEAD key and nonce for a PPRF leaf secret s (this package's specification):
/// as for an RFC 9420 leaf whose ratchet is used once,
/// `ratchet = ExpandWithLabel(s, "application" | "handshake", "", KDF.Nh)`,
/// `key = DeriveTreeSecret(ratchet, "key", 0, AEAD.Nk)`, `nonce = DeriveTreeSecret(ratchet, "nonce", 0, AEAD.Nn)`.
/// Profile `cbst` keeps the published drafts' (-00 to -03) derivation instead:
/// `key = ExpandWithLabel(s, "CBST", "key", AEAD.Nk)`, `nonce = ExpandWithLabel(s, "CBST", "nonce", AEAD.Nn)`
/// (their text writes KDF.Nh for both lengths, a slip: the AEAD needs Nk and Nn bytes).
public enum ChallengeKeys {
    /// The key and nonce (generation 0) of `type` for leaf secret `leafSecret` under `profile`.
    public static func derive(
        suite: CipherSuite, leafSecret: SecretBytes, type: RatchetType, profile: PRGProfile = .mls
    ) throws(MLSError) -> KeyAndNonce {
        if profile == .cbst {
            let key = try suite.expandWithLabel(leafSecret, label: "CBST", context: Array("key".utf8), length: suite.nk)
            let nonce = try suite.expandWithLabel(
                leafSecret, label: "CBST", context: Array("nonce".utf8), length: suite.nn)
            return KeyAndNonce(generation: 0, key: key, nonce: nonce)
        }
        let ratchet = try suite.expandWithLabel(leafSecret, label: type.rawValue, context: [], length: suite.nh)
        return KeyAndNonce(
            generation: 0, key: try suite.deriveTreeSecret(ratchet, label: "key", generation: 0, length: suite.nk),
            nonce: try suite.deriveTreeSecret(ratchet, label: "nonce", generation: 0, length: suite.nn))
    }

    /// `application` for application data, `handshake` for proposals and commits (as RFC 9420 section 9).
    public static func ratchetType(for contentType: ContentType) -> RatchetType {
        contentType == .application ? .application : .handshake
    }
}
