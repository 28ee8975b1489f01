/// An HMAC key that has been set up once (RFC 2104) and can authenticate many messages.
///
/// The key setup computes the midstates of the inner and outer padded keys (`K ^ ipad`, `K ^ opad`: one
/// compression each) with OpenSSL libcrypto's low-level SHA-256/SHA-384/SHA-512, which uses SHA-NI where the
/// CPU has it (SPEC.md, "Secrets in memory: primitives"). Each message then costs an inner and an outer
/// compression from copies of the two midstates. The GGM tree, whose key changes at every level, uses
/// ``HMACPairDeriver`` instead.
///
/// All state lives in one allocation that this object owns: the two pads, a working context, an inner digest
/// and a block buffer for the padded key. After every public method returns, everything but the
/// two pads is zero (wiped with `sodium_memzero`); ``wipeKey()`` and `deinit` wipe the pads too. Nothing is
/// copied into Swift values, so no unwiped copy of a keyed state exists elsewhere (SPEC.md, "Secrets in
/// memory: primitives").
///
/// Not thread safe: authenticating writes to the object's working contexts. Each owner keeps its own object.
public final class KeyedHMAC {
    /// The hash function underneath.
    public let hash: HashFunction
    /// Whether a key is set: true after ``rekey(with:)`` or a keyed initialiser, false after ``wipeKey()``.
    public var isKeyed: Bool { keyed.pointee }

    /// Behind a pointer, not a stored `var`: reading a class's stored `var` costs two dynamic exclusivity checks,
    /// which a per-message call should not pay.
    private let keyed: UnsafeMutablePointer<Bool>

    private let context: SHA2Context
    private let memory: UnsafeMutableRawPointer
    /// A started context (`SHAxxx_Init`: the IV, no key material), copied into each pad at every key setup.
    private let initialState: UnsafeMutableRawPointer
    private let layout: Layout

    /// Offsets into ``memory``. Contexts are rounded up to 16 bytes; the digest slot and the block hold the
    /// largest block (128) of the three hashes: the digest slot doubles as the padded block of the one-block
    /// path of the one-message `authenticate(_:into:)`.
    private struct Layout {
        let contextStride: Int
        var inner: Int { 0 }
        var outer: Int { contextStride }
        var work1: Int { 2 * contextStride }
        var digest1: Int { 3 * contextStride }
        var block: Int { 3 * contextStride + 128 }
        var total: Int { 3 * contextStride + 256 }
        /// The pads: the only bytes that may be non-zero between calls.
        var padsEnd: Int { 2 * contextStride }
        /// work1 and digest1: what a one-message HMAC writes.
        var oneMessageScratch: Int { contextStride + 128 }
    }

    /// Allocates an unkeyed, zeroed state; ``rekey(with:)`` must run before use.
    private init(hash: HashFunction) throws(CryptoError) {
        try Sodium.ensureInitialized()
        self.hash = hash
        context = SHA2Context(hash: hash)
        layout = Layout(contextStride: (context.size + 15) & ~15)
        memory = .allocate(byteCount: layout.total, alignment: 64)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: layout.total)
        keyed = .allocate(capacity: 1)
        keyed.initialize(to: false)
        initialState = .allocate(byteCount: layout.contextStride, alignment: 64)
        initialState.initializeMemory(as: UInt8.self, repeating: 0, count: layout.contextStride)
        context.bind(initialState, count: 1)
        context.start(initialState)
        for offset in [layout.inner, layout.outer, layout.work1] {
            context.bind(memory + offset, count: 1)
        }
    }

    /// Sets up HMAC with a secret `key` (any length; RFC 2104 hashes keys longer than the block).
    public convenience init(hash: HashFunction, key: SecretBytes) throws(CryptoError) {
        try self.init(hash: hash)
        key.withUnsafeBytes { rekey(with: $0) }
    }

    /// Sets up HMAC with a non-secret key (for example an HKDF salt that is public).
    public convenience init(hash: HashFunction, publicKey: [UInt8]) throws(CryptoError) {
        try self.init(hash: hash, key: SecretBytes(copying: publicKey))
    }

    /// Replaces the key in place, reusing this object's memory (RFC 2104 section 2, steps 1-2 and 5 for both
    /// pads): two compressions. A tree walk that changes the key at every level keys one object per walk
    /// instead of one per level. The padded key and any hashed long key are wiped before this returns.
    public func rekey(with key: UnsafeRawBufferPointer) {
        let blockSize = context.blockSize
        let block = memory + layout.block
        block.initializeMemory(as: UInt8.self, repeating: 0, count: blockSize)
        if key.count > blockSize {
            // RFC 2104 section 2: a key longer than B bytes is first hashed.
            let digest = memory + layout.digest1
            context.digest(key, scratch: memory + layout.work1, into: digest)
            block.copyMemory(from: digest, byteCount: hash.digestSize)
            wipe(digest, hash.digestSize)
        } else if let keyBytes = key.baseAddress, key.count > 0 {
            block.copyMemory(from: keyBytes, byteCount: key.count)
        }
        // Each pad state starts as a copy of the started (IV) context, which is public, instead of a fresh
        // Init, and takes its one block by the bare compression (``SHA2Context/compressFirstBlock(_:_:)``).
        let size = context.size
        xorWords(block, blockSize, with: 0x3636_3636_3636_3636)
        (memory + layout.inner).copyMemory(from: initialState, byteCount: size)
        context.compressFirstBlock(memory + layout.inner, block)
        // (K ^ ipad) ^ (ipad ^ opad) = K ^ opad.
        xorWords(block, blockSize, with: 0x6A6A_6A6A_6A6A_6A6A)
        (memory + layout.outer).copyMemory(from: initialState, byteCount: size)
        context.compressFirstBlock(memory + layout.outer, block)
        wipe(block, blockSize)
        keyed.pointee = true
    }

    /// Wipes the whole state, pads included, so that nothing derived from the last key stays in memory (a PPRF
    /// walk calls this when it ends: the last key is a node on the punctured path). ``rekey(with:)`` must run
    /// before the next use.
    public func wipeKey() {
        wipe(memory, layout.total)
        keyed.pointee = false
    }

    /// Test hook for the PPRF's forward-secrecy tests (issue 13), package-visible only: calls `body` with all
    /// the state memory this object owns (midstates, working contexts, digests, the key block) and whether it
    /// holds state outside that memory (never: every hash runs on OpenSSL contexts inside it).
    package func withOwnedState<R>(_ body: (UnsafeRawBufferPointer, _ holdsForeignState: Bool) -> R) -> R {
        body(UnsafeRawBufferPointer(start: memory, count: layout.total), false)
    }

    deinit {
        wipe(memory, layout.total)
        memory.deallocate()
        keyed.deallocate()
        initialState.deallocate()
    }

    /// Computes HMAC(key, parts[0] || parts[1] || ...) into `out`, which must hold `hash.digestSize` bytes.
    /// `out` may overlap a part: every part is read before the tag is written.
    public func authenticate(_ parts: [UnsafeRawBufferPointer], into out: UnsafeMutableRawBufferPointer) {
        precondition(keyed.pointee, "KeyedHMAC used after wipeKey() without rekey(with:)")
        precondition(out.count >= hash.digestSize, "output buffer too small")
        let work = memory + layout.work1
        let digest = memory + layout.digest1
        work.copyMemory(from: memory + layout.inner, byteCount: context.size)
        for part in parts { context.update(work, part.baseAddress, part.count) }
        context.finish(work, into: digest)
        work.copyMemory(from: memory + layout.outer, byteCount: context.size)
        context.update(work, digest, hash.digestSize)
        context.finish(work, into: out.baseAddress!)
        wipe(work, layout.oneMessageScratch)
    }

    /// Computes HMAC(key, message) into `out` (one part, no array allocation). `out` may overlap `message`.
    public func authenticate(_ message: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        precondition(keyed.pointee, "KeyedHMAC used after wipeKey() without rekey(with:)")
        precondition(out.count >= hash.digestSize, "output buffer too small")
        let work = memory + layout.work1
        let digest = memory + layout.digest1
        if message.count < context.blockSize - context.lengthFieldSize {
            // One padded block: two bare compressions instead of Update/Final, whose buffering and cleansing
            // cost about as much again as the compression on SHA-NI hardware. Same bytes out.
            let blockSize = context.blockSize
            let chain = context.chainingValueSize
            copy(message, into: digest)
            context.pad(digest, messageBytes: message.count, prefixBytes: blockSize)
            work.copyMemory(from: memory + layout.inner, byteCount: chain)
            context.compress(work, digest)
            context.storeDigest(work, into: digest)
            context.pad(digest, messageBytes: hash.digestSize, prefixBytes: blockSize)
            work.copyMemory(from: memory + layout.outer, byteCount: chain)
            context.compress(work, digest)
            context.storeDigest(work, into: out.baseAddress!)
            wipe(work, layout.oneMessageScratch)
            return
        }
        work.copyMemory(from: memory + layout.inner, byteCount: context.size)
        context.update(work, message.baseAddress, message.count)
        context.finish(work, into: digest)
        work.copyMemory(from: memory + layout.outer, byteCount: context.size)
        context.update(work, digest, hash.digestSize)
        context.finish(work, into: out.baseAddress!)
        wipe(work, layout.oneMessageScratch)
    }

    /// HMAC of `message` as a plain (non-secret) tag, for MACs such as the membership tag.
    public func tag(_ message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: hash.digestSize)
        message.withUnsafeBytes { m in out.withUnsafeMutableBytes { authenticate(m, into: $0) } }
        return out
    }

    /// Whether every byte of this object's state memory is zero, pads included: true after ``wipeKey()``, false
    /// while keyed. For tests and invariant checks that a walk left nothing behind (issue 13: after a PPRF
    /// operation returns, its HMAC holds no midstate keyed by a node).
    public var isWiped: Bool {
        UnsafeRawBufferPointer(start: memory, count: layout.total).allSatisfy { $0 == 0 }
    }

    /// Test hook: the whole state memory (pads first, then the working area) and the number of bytes the two
    /// pads take. Between calls only the pads may be non-zero, and only while keyed.
    func withUnsafeStateBytes<R>(_ body: (_ state: UnsafeRawBufferPointer, _ padsByteCount: Int) -> R) -> R {
        body(UnsafeRawBufferPointer(start: memory, count: layout.total), layout.padsEnd)
    }
}

/// Copies `message` to `destination` (nothing when it is empty).
@inline(__always)
private func copy(_ message: UnsafeRawBufferPointer, into destination: UnsafeMutableRawPointer) {
    guard let bytes = message.baseAddress, message.count > 0 else { return }
    destination.copyMemory(from: bytes, byteCount: message.count)
}

/// XORs `pattern` into each of the `count / 8` 64-bit words at `pointer` (the HMAC pads; `count` is 64 or 128).
@inline(__always)
private func xorWords(_ pointer: UnsafeMutableRawPointer, _ count: Int, with pattern: UInt64) {
    for offset in stride(from: 0, to: count, by: 8) {
        let word = pointer.load(fromByteOffset: offset, as: UInt64.self)
        pointer.storeBytes(of: word ^ pattern, toByteOffset: offset, as: UInt64.self)
    }
}
