import CBlake2
import COpenSSL
import CSodium

/// Raw compression functions and single-call primitives that bound what one GGM tree level can cost on this
/// machine: the floors of `pprf bench` and of the report's "Measured costs" (issue 14).
///
/// Every function here works on constant, non-secret blocks and chains its calls through one state, as a
/// tree walk chains its levels; nothing in the protocol calls them. A level of profile `mls` (SPEC.md
/// section 3, RFC 9420 section 9) is one HMAC key setup (the compressions of `key ^ ipad` and `key ^ opad`)
/// and, for each child, an inner compression of the one-block `KDFLabel || 0x01` and an outer compression of
/// the inner digest: 6 compressions, whatever the implementation. A level of profile `blake2b` is one keyed
/// BLAKE2b-512 call, a single compression (RFC 7693 section 2.5: the key block is the last block). The states
/// are wiped when each call returns, like every temporary C state of this module.
public enum RawCompression {
    /// The SHA-2 compression widths: SHA-256 (suites 1, 2, 3) and SHA-512, which SHA-384 shares (suites 5, 7).
    public enum SHA2Width: Sendable, CaseIterable, CustomStringConvertible {
        /// The SHA-256 compression of a 64-byte block.
        case sha256
        /// The SHA-512 compression of a 128-byte block (SHA-384 uses the same function with another IV).
        case sha512

        /// The block size in bytes (FIPS 180-4 section 1).
        public var blockSize: Int { self == .sha256 ? 64 : 128 }

        /// "SHA-256" or "SHA-512".
        public var description: String { self == .sha256 ? "SHA-256" : "SHA-512" }
    }

    /// Compressions per GGM level of profile `mls` with HMAC: two pads, then an inner and an outer compression
    /// for each child (the labels and digests of every RFC 9420 suite fit in one block).
    public static let compressionsPerMLSLevel = 6

    /// Runs `count` compressions of one constant block, chained through one state, with OpenSSL libcrypto's
    /// low-level `SHA256_Transform` / `SHA512_Transform`: the fastest SHA-2 compression on the machine (OpenSSL
    /// dispatches to SHA-NI, AVX2 or SSSE3 code by the CPU; ``CryptoLibrary/openSSLSeesSHAExtensions``). A
    /// `count` below 1 does nothing.
    public static func sha2Compressions(_ width: SHA2Width, count: Int) throws(CryptoError) {
        guard count > 0 else { return }
        let block = [UInt8](repeating: 0x5c, count: width.blockSize)
        switch width {
        case .sha256:
            var ctx = SHA256_CTX()
            defer { withUnsafeMutableBytes(of: &ctx) { wipe($0.baseAddress, $0.count) } }
            guard SHA256_Init(&ctx) == 1 else { throw CryptoError.primitiveFailure("SHA256_Init") }
            for _ in 0..<count { SHA256_Transform(&ctx, block) }
        case .sha512:
            var ctx = SHA512_CTX()
            defer { withUnsafeMutableBytes(of: &ctx) { wipe($0.baseAddress, $0.count) } }
            guard SHA512_Init(&ctx) == 1 else { throw CryptoError.primitiveFailure("SHA512_Init") }
            for _ in 0..<count { SHA512_Transform(&ctx, block) }
        }
    }

    /// The BLAKE2b implementations on the machine: libb2 (`blake2b`) and libsodium
    /// (`crypto_generichash_blake2b`).
    public enum BLAKE2bLibrary: Sendable, CaseIterable, CustomStringConvertible {
        /// libb2's `blake2b`.
        case libb2
        /// libsodium's `crypto_generichash_blake2b`.
        case libsodium

        /// The library's name.
        public var description: String { self == .libb2 ? "libb2" : "libsodium" }
    }

    /// Runs `count` one-block BLAKE2b-512 hashes (RFC 7693: parameter block, one compression of a 64-byte
    /// input, finalisation), each hashing the previous output, with `library`. A `count` below 1 does nothing.
    public static func blake2b512OneBlock(_ library: BLAKE2bLibrary, count: Int) throws(CryptoError) {
        guard count > 0 else { return }
        try Sodium.ensureInitialized()
        var rc: Int32 = 0
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 16) { buffer in
            buffer.initializeMemory(as: UInt8.self, repeating: 0x36)
            let a = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let b = a + 64
            for i in 0..<count where rc == 0 {
                // Two buffers alternate, so that no call reads the bytes it writes.
                let (input, output) = i & 1 == 0 ? (a, b) : (b, a)
                switch library {
                case .libb2: rc = blake2b(output, input, nil, 64, 64, 0)
                case .libsodium: rc = crypto_generichash_blake2b(output, 64, input, 64, nil, 0)
                }
            }
            wipe(buffer.baseAddress, buffer.count)
        }
        guard rc == 0 else { throw CryptoError.primitiveFailure(library == .libb2 ? "blake2b" : "crypto_generichash") }
    }

    /// Runs `levels` GGM levels of profile `mls` with libsodium's portable HMAC (`crypto_auth_hmacsha256_*` or
    /// `crypto_auth_hmacsha512_*`): one key setup from the node, then both children from copies of the keyed
    /// state, the left child keying the next level. `leftInfo` and `rightInfo` are the one-block HKDF-Expand
    /// inputs `KDFLabel || 0x01`. The second reference of the benchmark, which shows what the SHA-NI path
    /// gains. A `levels` below 1 does nothing.
    public static func sodiumHMACLevels(
        _ width: SHA2Width, levels: Int, leftInfo: [UInt8], rightInfo: [UInt8]
    ) throws(CryptoError) {
        guard levels > 0 else { return }
        try Sodium.ensureInitialized()
        var node = [UInt8](repeating: 7, count: width == .sha256 ? 32 : 64)
        var right = node
        defer {
            node.withUnsafeMutableBytes { wipe($0.baseAddress, $0.count) }
            right.withUnsafeMutableBytes { wipe($0.baseAddress, $0.count) }
        }
        switch width {
        case .sha256:
            hmacLevels(
                crypto_auth_hmacsha256_state(), levels: levels, node: &node, right: &right, leftInfo: leftInfo,
                rightInfo: rightInfo, initialize: { _ = crypto_auth_hmacsha256_init(&$0, $1, $1.count) },
                update: { _ = crypto_auth_hmacsha256_update(&$0, $1, UInt64($1.count)) },
                final: { _ = crypto_auth_hmacsha256_final(&$0, &$1) })
        case .sha512:
            hmacLevels(
                crypto_auth_hmacsha512_state(), levels: levels, node: &node, right: &right, leftInfo: leftInfo,
                rightInfo: rightInfo, initialize: { _ = crypto_auth_hmacsha512_init(&$0, $1, $1.count) },
                update: { _ = crypto_auth_hmacsha512_update(&$0, $1, UInt64($1.count)) },
                final: { _ = crypto_auth_hmacsha512_final(&$0, &$1) })
        }
    }

    /// The loop of ``sodiumHMACLevels(_:levels:leftInfo:rightInfo:)`` for one libsodium HMAC state type: per
    /// level, key a state with the node once and finish two copies of it (right, then left). The keyed state
    /// and its copy are wiped when the loop ends.
    @inline(__always)
    private static func hmacLevels<State>(
        _ empty: State, levels: Int, node: inout [UInt8], right: inout [UInt8], leftInfo: [UInt8],
        rightInfo: [UInt8], initialize: (inout State, [UInt8]) -> Void, update: (inout State, [UInt8]) -> Void,
        final: (inout State, inout [UInt8]) -> Void
    ) {
        var keyed = empty
        var copy = keyed
        defer {
            withUnsafeMutableBytes(of: &keyed) { wipe($0.baseAddress, $0.count) }
            withUnsafeMutableBytes(of: &copy) { wipe($0.baseAddress, $0.count) }
        }
        for _ in 0..<levels {
            initialize(&keyed, node)
            copy = keyed
            update(&copy, rightInfo)
            final(&copy, &right)
            copy = keyed
            update(&copy, leftInfo)
            final(&copy, &node)
        }
    }
}

extension CryptoLibrary {
    /// OpenSSL libcrypto's version text (`OpenSSL_version(OPENSSL_VERSION)`), for reports.
    public static var openSSLVersion: String {
        String(cString: OpenSSL_version(OPENSSL_VERSION))
    }

    /// OpenSSL's view of the CPU (`OpenSSL_version(OPENSSL_CPU_INFO)`, "CPUINFO: OPENSSL_ia32cap=0x..:0x.."
    /// on x86), for reports.
    public static var openSSLCPUInfo: String {
        String(cString: OpenSSL_version(OPENSSL_CPU_INFO))
    }

    /// Whether OpenSSL's capability vector has the SHA extensions bit (CPUID leaf 7, EBX bit 29, bit 29 of the
    /// second word of ``openSSLCPUInfo``), so that its SHA-256 code uses SHA-NI; nil when the text is not in
    /// the x86 form.
    public static var openSSLSeesSHAExtensions: Bool? {
        openSSLSeesSHAExtensions(cpuInfo: openSSLCPUInfo)
    }

    /// Parses an `OPENSSL_CPU_INFO` text as ``openSSLSeesSHAExtensions`` does.
    public static func openSSLSeesSHAExtensions(cpuInfo: String) -> Bool? {
        guard let equals = cpuInfo.range(of: "OPENSSL_ia32cap=") else { return nil }
        let words = cpuInfo[equals.upperBound...].split(separator: ":")
        guard words.count >= 2 else { return nil }
        let text = words[1].prefix(while: { !$0.isWhitespace })
        guard text.hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16) else { return nil }
        return value & (1 << 29) != 0
    }
}
