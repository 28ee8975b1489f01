import MLSCore
import MLSCrypto
import PuncturablePRF

extension Invariant {
    /// The compact state decoder (SPEC section 3.2), fuzz target `FuzzPPRFCompactState`; the first byte picks
    /// the depth (1...256). What decodes must re-encode to the same bytes, survive the canonical encoding and
    /// back unchanged, and stay consistent after a puncture (compact and canonical still describe one state).
    public static func pprfCompactState(_ bytes: [UInt8]) -> String? {
        guard let first = bytes.first, let suite = try? CipherSuite(id: 1) else { return nil }
        let depth = Int(first) + 1
        let encoded = SecretBytes(copying: bytes.dropFirst())
        guard
            let pprf = try? PPRF(
                compactEncoded: encoded, suite: suite,
                parameters: PPRFParameters(challengeBits: depth, profile: .blake2b), maxStoredNodes: 4096)
        else {
            return nil
        }
        guard (try? pprf.compactEncoded()) == encoded else { return "compact re-encoding differs" }
        guard let canonical = try? pprf.encoded(),
            let back = try? PPRF(
                encoded: canonical, suite: suite, parameters: PPRFParameters(challengeBits: depth, profile: .blake2b),
                maxStoredNodes: 4096)
        else { return "a decoded compact state has no canonical encoding" }
        guard (try? back.compactEncoded()) == encoded else { return "compact -> canonical -> compact differs" }
        guard back.storedNodeCount == pprf.storedNodeCount, back.innerNodeCount == pprf.innerNodeCount else {
            return "compact and canonical decodings build different tries"
        }
        if let x = try? Challenge(
            bytes: [UInt8](repeating: 0, count: Challenge.byteCount(bits: depth)), challengeBits: depth),
            (try? pprf.evaluateAndPuncture(at: x)) != nil
        {
            guard let again = try? pprf.compactEncoded(),
                let reread = try? PPRF(
                    compactEncoded: again, suite: suite,
                    parameters: PPRFParameters(challengeBits: depth, profile: .blake2b), maxStoredNodes: 4096),
                (try? reread.encoded()) == (try? pprf.encoded())
            else { return "after a puncture, the compact round trip differs" }
        }
        return nil
    }
}
