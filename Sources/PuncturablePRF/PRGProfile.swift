import MLSCore
import MLSCrypto

/// How a GGM node expands into its two children (this package's specification of the draft's
/// "GGM-style PPRF").
///
/// - `mls`: `left = ExpandWithLabel(node, "tree", "left", KDF.Nh)` and the same with `"right"`, the cipher
///   suite's KDF: exactly the RFC 9420 secret tree's derivation (section 9), so the PPRF at depth log2(n)
///   equals the secret tree's leaf secrets for n leaves.
/// - `blake2b`: `left || right = BLAKE2b(key = node, salt = 0^16, personal = "MLS1.0 PPRF tree", input = "",
///   64 bytes)`, one compression per level; defined only for suites with KDF.Nh = 32.
/// - `cbst`: the published drafts' (-00 to -03) challenge-based secret tree,
///   `ExpandWithLabel(node, "CBST", "left" | "right", KDF.Nh)`.
/// - `mls32` (ours, SPEC section 3.1): 32-byte nodes for suites with KDF.Nh > 32, the root being the first 32
///   bytes of the epoch's `encryption_secret` and `ExpandWithLabel(node, "tree", "left" | "right", 32)` below it;
///   the 32-byte leaf is expanded to KDF.Nh by SPEC section 4's ratchet derivation.
public enum PRGProfile: UInt16, Sendable, CaseIterable, CustomStringConvertible {
    /// RFC 9420 secret-tree derivation.
    case mls = 1
    /// Keyed, personalised BLAKE2b-512 giving both children at once.
    case blake2b = 2
    /// The CBST labels of draft-kohbrok-mls-virtual-clients-00 to -03.
    case cbst = 3
    /// 32-byte nodes with the RFC 9420 labels, for suites with KDF.Nh > 32 (ours; SPEC section 3.1).
    case mls32 = 4

    /// Looks a profile up by its `PPRFParameters.profile` value.
    public init(value: UInt16) throws(PPRFError) {
        guard let profile = PRGProfile(rawValue: value) else { throw PPRFError.unknownProfile(value) }
        self = profile
    }

    /// The profile's name as used in vectors and on the command line.
    public var description: String {
        switch self {
        case .mls: "mls"
        case .blake2b: "blake2b"
        case .cbst: "cbst"
        case .mls32: "mls32"
        }
    }

    /// Looks a profile up by name.
    public init?(name: String) {
        guard let profile = PRGProfile.allCases.first(where: { $0.description == name }) else { return nil }
        self = profile
    }

    /// The BLAKE2b personalisation: the 16 ASCII bytes `MLS1.0 PPRF tree`.
    public static let blake2bPersonalization: [UInt8] = Array("MLS1.0 PPRF tree".utf8)

    /// The bytes of every node secret (the root included) and of the leaf PPRF(x): KDF.Nh, or 32 for `mls32`
    /// (SPEC sections 3 and 3.1).
    public func nodeSize(for suite: CipherSuite) -> Int { self == .mls32 ? 32 : suite.nh }

    /// The root node of an epoch's tree (SPEC.md sections 3 and 3.1): `secret` (the epoch's `encryption_secret`,
    /// KDF.Nh bytes) itself, or for profile `mls32` its first 32 bytes. The one place that truncation is
    /// written: the PPRF and the tree vectors both call it. Throws when the profile is not defined for the
    /// suite, and ``PPRFError/wrongRootSecretLength(expected:actual:)`` unless `secret` has KDF.Nh bytes.
    public func rootNode(from secret: SecretBytes, suite: CipherSuite) throws(PPRFError) -> SecretBytes {
        try check(suite)
        guard secret.count == suite.nh else {
            throw PPRFError.wrongRootSecretLength(expected: suite.nh, actual: secret.count)
        }
        let size = nodeSize(for: suite)
        guard size < secret.count else { return secret }
        return SecretBytes(count: size) { out in
            secret.withUnsafeBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<size])) }
        }
    }

    /// Throws when the profile is not defined for the suite: `blake2b` needs KDF.Nh = 32, and `mls32` needs
    /// KDF.Nh > 32 (with KDF.Nh = 32 it would be profile `mls` under another number).
    func check(_ suite: CipherSuite) throws(PPRFError) {
        if self == .blake2b, suite.nh != 32 {
            throw PPRFError.profileUnsupportedForSuite(profile: description, hashSize: suite.nh)
        }
        if self == .mls32, suite.nh <= 32 {
            throw PPRFError.profileNeedsLongerHash(profile: description, hashSize: suite.nh)
        }
    }
}

/// Expands GGM nodes into children for one suite and profile, reusing one HMAC state object and
/// precomputed labels. Not thread safe: each PPRF owns one. Public so that benchmarks can measure the floor
/// (the bare cost of the child derivations) with exactly the code the tree uses.
///
/// Between calls the HMAC state stays keyed by the last node; a caller ends every walk with ``endWalk()``
/// so that no keyed state outlives the operation (SPEC section 9, "Forward secrecy in memory").
public final class GGMExpander {
    /// The cipher suite.
    public let suite: CipherSuite
    /// The PRG profile.
    public let profile: PRGProfile
    /// The node size (``PRGProfile/nodeSize(for:)``): the bytes of every input and output node.
    let nh: Int
    /// Both children's HMACs with `KDFLabel || 0x01` of each side pre-padded (HKDF-Expand of Nh bytes is one
    /// HMAC block; profile `mls32` keeps the first 32 bytes); nil for profile `blake2b`.
    private let hmac: HMACPairDeriver?
    private static let zeroSalt = [UInt8](repeating: 0, count: 16)

    /// An expander; throws when the profile is not defined for the suite.
    public init(suite: CipherSuite, profile: PRGProfile) throws(PPRFError) {
        try profile.check(suite)
        self.suite = suite
        self.profile = profile
        self.nh = profile.nodeSize(for: suite)
        let label = profile == .cbst ? "CBST" : "tree"
        // Labels of a few bytes with length Nh (or 32) never exceed the KDFLabel limits. The length is part of
        // KDFLabel, so profile mls32's children are not truncations of profile mls's (SPEC section 3.1).
        let left = try! suite.kdfLabel(label: label, context: Array("left".utf8), length: nh) + [1]
        let right = try! suite.kdfLabel(label: label, context: Array("right".utf8), length: nh) + [1]
        do {
            hmac =
                profile == .blake2b
                ? nil
                : try HMACPairDeriver(hash: suite.hash, keyLength: nh, first: left, second: right, outputLength: nh)
        } catch {
            throw PPRFError.crypto(error)
        }
    }

    /// Writes both children of `node` (Nh bytes) into `left` and `right` (Nh bytes each): one key setup and
    /// two keyed HMACs, or one BLAKE2b call. Both children are needed when puncturing, which keeps the
    /// sibling on the co-path. `node` is read in full before either child is written, so one of `left` and
    /// `right` may be `node` itself (a walk overwrites the parent by the child on its path).
    public func children(
        of node: UnsafeRawBufferPointer, left: UnsafeMutableRawBufferPointer, right: UnsafeMutableRawBufferPointer
    ) {
        // Release builds check no copyMemory bounds: sizes are enforced here for both profiles.
        precondition(node.count == nh && left.count >= nh && right.count >= nh, "GGM node buffers of the wrong size")
        if let hmac {
            // One key setup (two pad compressions), then both children interleaved (four compressions).
            hmac.derive(key: node, into: left, right)
        } else {
            withUnsafeTemporaryAllocation(byteCount: 64, alignment: 16) { out in
                // Sizes were validated at construction (Nh = 32, 16-byte salt and personalisation).
                try! BLAKE2b.hash(
                    key: node, salt: Self.zeroSalt, personalization: PRGProfile.blake2bPersonalization,
                    input: UnsafeRawBufferPointer(start: nil, count: 0), into: out)
                left.copyMemory(from: UnsafeRawBufferPointer(rebasing: out[0..<32]))
                right.copyMemory(from: UnsafeRawBufferPointer(rebasing: out[32..<64]))
                wipe(out)
            }
        }
    }

    /// Ends a walk: wipes the HMAC state (pad and working states, key blocks, inner digests of the last level).
    /// Forward secrecy (SPEC section 9): the last key a walk uses is the node at depth b-1 on the punctured path,
    /// and finishing the HMAC from that state gives the punctured leaf. Every walk of the PPRF calls this before
    /// it returns; the levels of a walk overwrite each other's state, so the wipe costs one `sodium_memzero` of
    /// about a kilobyte per walk instead of one per level.
    public func endWalk() {
        hmac?.wipe()
    }

    /// Test hook: calls `body` with the keyed state this expander owns (empty for profile `blake2b`, which
    /// keeps none between calls) and whether a keyed swift-crypto object is held.
    func withOwnedState<R>(_ body: (UnsafeRawBufferPointer, _ holdsForeignState: Bool) -> R) -> R {
        guard let hmac else { return body(UnsafeRawBufferPointer(start: nil, count: 0), false) }
        return hmac.withOwnedState(body)
    }

    /// Writes one child of `node`: for the HMAC profiles only the needed label is computed. `out` may be
    /// `node` itself: the node is read in full first.
    func child(of node: UnsafeRawBufferPointer, bit: Int, into out: UnsafeMutableRawBufferPointer) {
        precondition(node.count == nh && out.count >= nh, "GGM node buffers of the wrong size")
        if let hmac {
            hmac.deriveOne(key: node, second: bit == 1, into: out)
        } else {
            withUnsafeTemporaryAllocation(byteCount: 32, alignment: 16) { other in
                if bit == 0 {
                    children(of: node, left: out, right: other)
                } else {
                    children(of: node, left: other, right: out)
                }
                wipe(other)
            }
        }
    }
}

/// Wipes a temporary buffer.
func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
    SecureMemory.wipe(buffer)
}
