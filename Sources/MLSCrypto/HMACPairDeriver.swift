/// HMAC of two fixed one-block messages under a key that changes at every call: both children of a GGM node of
/// the HMAC profiles (SPEC.md section 3; RFC 9420 section 9: `ExpandWithLabel(node, "tree", "left" | "right",
/// KDF.Nh)` is HKDF-Expand of at most one hash output, so HMAC(node, KDFLabel || 0x01), RFC 5869 section 2.3).
///
/// Every block that OpenSSL compresses is built once, when the object is made or after ``wipe()``: the two
/// messages are padded (FIPS 180-4 section 5.1), the key blocks keep the pad bytes after the key (`0x36`,
/// `0x5c`, RFC 2104 section 2) so that a call writes only the key's bytes into them, and the outer blocks keep
/// their padding after the inner digest. A call of ``derive(key:into:_:)`` is then exactly six
/// `SHA256_Transform` / `SHA512_Transform` compressions (SHA-NI where the CPU has it): the key setup
/// (`K ^ ipad`, `K ^ opad`), and for each message an inner and an outer compression from copies of the two
/// pad states, interleaved so that the CPU can overlap the independent ones. No Update/Final bookkeeping, no
/// allocation and no per-call wipe: a level of profile `mls` costs what its compressions cost.
///
/// Secrets (the key blocks, pad and working states, inner digests) stay in the object's one allocation between
/// the calls of a walk; each call overwrites the last one's. ``wipe()`` zeroes the whole allocation with
/// `sodium_memzero`: a tree walk calls it once when it ends (SPEC.md section 9, "Forward secrecy in memory"), so
/// that after the operation returns nothing derived from a node it destroyed is left here.
///
/// Not thread safe: each owner (a PPRF's expander) keeps its own object.
public final class HMACPairDeriver {
    /// The hash function underneath.
    public let hash: HashFunction
    /// The key length every call takes (a GGM node: KDF.Nh or 32 bytes).
    public let keyLength: Int
    /// Bytes written per output: the first `outputLength` bytes of each HMAC (all of it, or 32 for `mls32`).
    public let outputLength: Int

    private let context: SHA2Context
    private let layout: Layout
    private let memory: UnsafeMutableRawPointer
    /// The two messages, kept to rebuild their padded blocks after ``wipe()``.
    private let messages: (first: [UInt8], second: [UInt8])
    /// Whether the constant blocks are in place (false after ``wipe()``); behind a pointer so that the per-call
    /// read costs no dynamic exclusivity check.
    private let ready: UnsafeMutablePointer<Bool>

    /// Offsets into ``memory``: four states (the two pads, two working states) a cache line apart, then six
    /// blocks (two key blocks, two padded messages, two outer blocks) and the hash's initial words.
    private struct Layout {
        let stride: Int
        let blockSize: Int
        var innerPad: Int { 0 }
        var outerPad: Int { stride }
        var work1: Int { 2 * stride }
        var work2: Int { 3 * stride }
        var innerKey: Int { 4 * stride }
        var outerKey: Int { innerKey + blockSize }
        var message1: Int { innerKey + 2 * blockSize }
        var message2: Int { innerKey + 3 * blockSize }
        var outer1: Int { innerKey + 4 * blockSize }
        var outer2: Int { innerKey + 5 * blockSize }
        var initialWords: Int { innerKey + 6 * blockSize }
        var total: Int { initialWords + 64 }
    }

    /// A deriver for keys of `keyLength` bytes and the messages `first` and `second`, writing the first
    /// `outputLength` bytes of each HMAC. Throws ``CryptoError/outsideOneBlockRange(what:range:actual:)`` when
    /// the key is longer than a block (RFC 2104 would hash it), a message does not fit in one block with its
    /// padding, or the output is empty or longer than the digest.
    public init(hash: HashFunction, keyLength: Int, first: [UInt8], second: [UInt8], outputLength: Int)
        throws(CryptoError)
    {
        try Sodium.ensureInitialized()
        let context = SHA2Context(hash: hash)
        let messageLimit = context.blockSize - context.lengthFieldSize - 1
        guard (0...context.blockSize).contains(keyLength) else {
            throw CryptoError.outsideOneBlockRange(what: "HMAC key", range: 0...context.blockSize, actual: keyLength)
        }
        for message in [first, second] where message.count > messageLimit {
            throw CryptoError.outsideOneBlockRange(what: "HMAC message", range: 0...messageLimit, actual: message.count)
        }
        guard (1...hash.digestSize).contains(outputLength) else {
            throw CryptoError.outsideOneBlockRange(
                what: "HMAC output", range: 1...hash.digestSize, actual: outputLength)
        }
        self.hash = hash
        self.keyLength = keyLength
        self.outputLength = outputLength
        self.context = context
        self.messages = (first, second)
        layout = Layout(stride: (context.size + 63) & ~63, blockSize: context.blockSize)
        memory = .allocate(byteCount: layout.total, alignment: 64)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: layout.total)
        for offset in [layout.innerPad, layout.outerPad, layout.work1, layout.work2] {
            context.bind(memory + offset, count: 1)
        }
        ready = .allocate(capacity: 1)
        ready.initialize(to: false)
    }

    deinit {
        MLSCrypto.wipe(memory, layout.total)
        memory.deallocate()
        ready.deallocate()
    }

    /// Zeroes the whole state, constants included (they are rebuilt by the next call): the end of a walk.
    public func wipe() {
        MLSCrypto.wipe(memory, layout.total)
        ready.pointee = false
    }

    /// Whether every byte of the state is zero: true after ``wipe()`` (and before the first call).
    public var isWiped: Bool {
        UnsafeRawBufferPointer(start: memory, count: layout.total).allSatisfy { $0 == 0 }
    }

    /// Test hook for the PPRF's forward-secrecy tests (issue 13), package-visible only: calls `body` with all the
    /// state memory this object owns and whether it holds state outside it (never).
    package func withOwnedState<R>(_ body: (UnsafeRawBufferPointer, _ holdsForeignState: Bool) -> R) -> R {
        body(UnsafeRawBufferPointer(start: memory, count: layout.total), false)
    }

    /// Writes the constant blocks: the hash's initial words, the pad bytes after the key, the padded messages
    /// and the outer blocks' padding (the inner digest, `hash.digestSize` bytes, follows a block of `K ^ opad`).
    private func prepare() {
        let blockSize = layout.blockSize
        let work = memory + layout.work1
        context.start(work)
        (memory + layout.initialWords).copyMemory(from: work, byteCount: context.chainingValueSize)
        MLSCrypto.wipe(work, context.size)
        (memory + layout.innerKey).initializeMemory(as: UInt8.self, repeating: 0x36, count: blockSize)
        (memory + layout.outerKey).initializeMemory(as: UInt8.self, repeating: 0x5c, count: blockSize)
        for (offset, message) in [(layout.message1, messages.first), (layout.message2, messages.second)] {
            message.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress, bytes.count > 0 {
                    (memory + offset).copyMemory(from: base, byteCount: bytes.count)
                }
            }
            context.pad(memory + offset, messageBytes: message.count, prefixBytes: blockSize)
        }
        for offset in [layout.outer1, layout.outer2] {
            (memory + offset).initializeMemory(as: UInt8.self, repeating: 0, count: hash.digestSize)
            context.pad(memory + offset, messageBytes: hash.digestSize, prefixBytes: blockSize)
        }
        ready.pointee = true
    }

    /// Writes the first ``outputLength`` bytes of HMAC(key, first) to `first` and of HMAC(key, second) to
    /// `second`: six compressions. `key` (``keyLength`` bytes) is read in full before either output is written,
    /// so an output may be the key itself (a walk overwrites the node by its child on the path); the outputs
    /// must not overlap each other. The state keeps this key's secrets until the next call or ``wipe()``.
    public func derive(
        key: UnsafeRawBufferPointer, into first: UnsafeMutableRawBufferPointer, _ second: UnsafeMutableRawBufferPointer
    ) {
        precondition(key.count == keyLength, "HMACPairDeriver: wrong key length")
        precondition(first.count >= outputLength && second.count >= outputLength, "output buffer too small")
        setUpKey(key)
        let chain = context.chainingValueSize
        let work1 = memory + layout.work1
        let work2 = memory + layout.work2
        work1.copyMemory(from: memory + layout.innerPad, byteCount: chain)
        work2.copyMemory(from: memory + layout.innerPad, byteCount: chain)
        context.compress(work1, memory + layout.message1)
        context.compress(work2, memory + layout.message2)
        // The inner digests go into the outer blocks, whose padding is already in place.
        context.storeDigest(work1, into: memory + layout.outer1)
        context.storeDigest(work2, into: memory + layout.outer2)
        work1.copyMemory(from: memory + layout.outerPad, byteCount: chain)
        work2.copyMemory(from: memory + layout.outerPad, byteCount: chain)
        context.compress(work1, memory + layout.outer1)
        context.compress(work2, memory + layout.outer2)
        store(work1, into: first.baseAddress!)
        store(work2, into: second.baseAddress!)
    }

    /// Writes the first ``outputLength`` bytes of HMAC(key, message) for one of the two messages (`second`
    /// false: the first) to `out`: four compressions, for a walk that needs only the child on its path. The
    /// same aliasing rule and state lifetime as ``derive(key:into:_:)``.
    public func deriveOne(key: UnsafeRawBufferPointer, second: Bool, into out: UnsafeMutableRawBufferPointer) {
        precondition(key.count == keyLength, "HMACPairDeriver: wrong key length")
        precondition(out.count >= outputLength, "output buffer too small")
        setUpKey(key)
        let chain = context.chainingValueSize
        let work = memory + layout.work1
        let outerBlock = memory + layout.outer1
        work.copyMemory(from: memory + layout.innerPad, byteCount: chain)
        context.compress(work, memory + (second ? layout.message2 : layout.message1))
        context.storeDigest(work, into: outerBlock)
        work.copyMemory(from: memory + layout.outerPad, byteCount: chain)
        context.compress(work, outerBlock)
        store(work, into: out.baseAddress!)
    }

    /// The key setup (RFC 2104 section 2, steps 1-2 and 5): `K ^ ipad` and `K ^ opad` into the key blocks, whose
    /// bytes after the key already hold the pads, and one compression of each from the initial words.
    @inline(__always)
    private func setUpKey(_ key: UnsafeRawBufferPointer) {
        if !ready.pointee { prepare() }
        let innerKey = memory + layout.innerKey
        let outerKey = memory + layout.outerKey
        let count = key.count
        if let bytes = key.baseAddress, count > 0 {
            let words = count / 8
            for i in 0..<words {
                let word = bytes.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)
                innerKey.storeBytes(of: word ^ 0x3636_3636_3636_3636, toByteOffset: 8 * i, as: UInt64.self)
                outerKey.storeBytes(of: word ^ 0x5C5C_5C5C_5C5C_5C5C, toByteOffset: 8 * i, as: UInt64.self)
            }
            for i in (8 * words)..<count {
                let byte = bytes.load(fromByteOffset: i, as: UInt8.self)
                innerKey.storeBytes(of: byte ^ 0x36, toByteOffset: i, as: UInt8.self)
                outerKey.storeBytes(of: byte ^ 0x5C, toByteOffset: i, as: UInt8.self)
            }
        }
        let chain = context.chainingValueSize
        (memory + layout.innerPad).copyMemory(from: memory + layout.initialWords, byteCount: chain)
        (memory + layout.outerPad).copyMemory(from: memory + layout.initialWords, byteCount: chain)
        context.compress(memory + layout.innerPad, innerKey)
        context.compress(memory + layout.outerPad, outerKey)
    }

    /// Writes the first ``outputLength`` bytes of the digest held in `state` (big-endian words, FIPS 180-4
    /// section 6.2.2 step 4) to `out`.
    @inline(__always)
    private func store(_ state: UnsafeRawPointer, into out: UnsafeMutableRawPointer) {
        if outputLength == hash.digestSize {
            context.storeDigest(state, into: out)
            return
        }
        let wordSize = hash == .sha256 ? 4 : 8
        for i in 0..<outputLength {
            let word: UInt64 =
                wordSize == 4
                ? UInt64(state.load(fromByteOffset: 4 * (i / 4), as: UInt32.self))
                : state.load(fromByteOffset: 8 * (i / 8), as: UInt64.self)
            let shift = 8 * (wordSize - 1 - i % wordSize)
            out.storeBytes(of: UInt8(truncatingIfNeeded: word >> UInt64(shift)), toByteOffset: i, as: UInt8.self)
        }
    }
}
