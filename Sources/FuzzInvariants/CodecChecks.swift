import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// The invariants the fuzz targets (``FuzzTarget``) check on outside bytes (Fuzz/), also replayed over the
/// committed corpus by the tests: decoders never crash, what decodes re-encodes to the same bytes, a failed
/// unprotect leaves the receiver's whole state unchanged and a successful one leaves exactly a reference
/// receiver's state, and a message job either fails with a typed error or decodes to a job within every
/// documented limit. Each check is a static function over arbitrary bytes; new checks go in their own file as an
/// `extension Invariant`.
public enum Invariant {
    /// MLSMessage, GroupContext and generic vector decoding.
    public static func codec(_ bytes: [UInt8]) -> String? {
        if let message = try? MLSMessage(tlsDecoding: bytes), message.tlsEncoded != bytes {
            return "MLSMessage re-encoding differs"
        }
        if let context = try? GroupContext(tlsDecoding: bytes), context.tlsEncoded != bytes {
            return "GroupContext re-encoding differs"
        }
        var reader = TLSReader(bytes)
        let element = { (r: inout TLSReader) throws(CodecError) -> [UInt8]? in
            try r.readOptional { (r: inout TLSReader) throws(CodecError) in try r.readOpaque() }
        }
        if let vector = try? reader.readVector(element) {
            var writer = TLSWriter()
            writer.writeVector { w in for v in vector { w.writeOptional(v) { $0.writeOpaque($1) } } }
            if writer.bytes != Array(bytes[0..<reader.position]) { return "vector re-encoding differs" }
        }
        return nil
    }

    /// PPRFState decoding; the first byte picks the depth (1...256).
    public static func pprfState(_ bytes: [UInt8]) -> String? {
        guard let first = bytes.first, let suite = try? CipherSuite(id: 1) else { return nil }
        let depth = Int(first) + 1
        let encoded = SecretBytes(copying: bytes.dropFirst())
        guard
            let pprf = try? PPRF(
                encoded: encoded, suite: suite, parameters: PPRFParameters(challengeBits: depth, profile: .blake2b),
                maxStoredNodes: 4096)
        else {
            return nil
        }
        if (try? pprf.encoded()) != encoded { return "PPRFState re-encoding differs" }
        if let x = try? Challenge(
            bytes: [UInt8](repeating: 0, count: Challenge.byteCount(bits: depth)), challengeBits: depth)
        {
            _ = try? pprf.evaluateAndPuncture(at: x)
        }
        return nil
    }
}
