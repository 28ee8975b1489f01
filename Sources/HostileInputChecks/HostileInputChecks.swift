import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// The invariants the fuzz targets check on outside bytes (Fuzz/), also replayed over the committed corpus by
/// the tests: decoders never crash, what decodes re-encodes to the same bytes, and a failed unprotect leaves
/// the receiver's state unchanged. Each function returns the violated invariant, or `nil`.
public enum HostileInputChecks {
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
            let pprf = try? PPRF(suite: suite, depth: depth, profile: .blake2b, encoded: encoded, maxStoredNodes: 4096)
        else {
            return nil
        }
        if (try? pprf.encoded()) != encoded { return "PPRFState re-encoding differs" }
        if let x = try? Challenge(bytes: [UInt8](repeating: 0, count: (depth + 7) / 8), bitCount: depth) {
            _ = try? pprf.evaluateAndPuncture(at: x)
        }
        return nil
    }

    /// An RFC 9420 receiver with fixed epoch secrets.
    public static func unprotectRFC(_ bytes: [UInt8]) -> String? {
        guard case .privateMessage(let message)? = try? MLSMessage(tlsDecoding: bytes),
            let suite = try? CipherSuite(id: 1)
        else {
            return nil
        }
        let context = GroupContext(
            cipherSuite: 1, groupID: [1, 2, 3, 4], epoch: 1, treeHash: [], confirmedTranscriptHash: [])
        let epoch = EpochContext(
            suite: suite, groupContext: context,
            senderDataSecret: SecretBytes(copying: [UInt8](repeating: 2, count: 32)),
            membershipKey: nil)
        var receiver = RFC9420Protection(
            epoch: epoch, encryptionSecret: SecretBytes(copying: [UInt8](repeating: 3, count: 32)), leafCount: 4)
        let tree = receiver.secretTree
        let before = [tree.storedNodeCount, tree.retainedKeyCount, tree.secretBytesHeld]
        let key = [UInt8](repeating: 9, count: 32)
        if (try? receiver.unprotect(message, signaturePublicKey: { _ in key })) == nil {
            let t = receiver.secretTree
            if [t.storedNodeCount, t.retainedKeyCount, t.secretBytesHeld] != before {
                return "a failed unprotect changed the tree"
            }
        }
        return nil
    }

    /// A PPRF-mode receiver (suite 3, b = 16, blake2b) with fixed epoch secrets.
    public static func unprotectPPRF(_ bytes: [UInt8]) -> String? {
        guard case .privateMessage(let message)? = try? MLSMessage(tlsDecoding: bytes),
            let suite = try? CipherSuite(id: 3)
        else {
            return nil
        }
        let context = GroupContext(
            cipherSuite: 3, groupID: [1, 2, 3, 4], epoch: 1, treeHash: [], confirmedTranscriptHash: [],
            extensions: [PPRFParameters(challengeBits: 16, profile: .blake2b).groupContextExtension])
        let epoch = EpochContext(
            suite: suite, groupContext: context,
            senderDataSecret: SecretBytes(copying: [UInt8](repeating: 2, count: 32)),
            membershipKey: nil)
        guard
            let receiver = try? PPRFProtection(
                epoch: epoch, encryptionSecret: SecretBytes(copying: [UInt8](repeating: 3, count: 32)))
        else { return "receiver construction failed" }
        let before = try? receiver.state.encoded()
        let key = [UInt8](repeating: 9, count: 32)
        if (try? receiver.unprotect(message, signaturePublicKey: { _ in key })) == nil,
            (try? receiver.state.encoded()) != before
        {
            return "a failed unprotect changed the PPRF state"
        }
        return nil
    }

    /// The check for a fuzz target's name.
    public static func check(target: String) -> (([UInt8]) -> String?)? {
        switch target {
        case "FuzzCodec": codec
        case "FuzzPPRFState": pprfState
        case "FuzzUnprotectRFC": unprotectRFC
        case "FuzzUnprotectPPRF": unprotectPPRF
        default: nil
        }
    }
}
