import COpenSSL

/// OpenSSL libcrypto's low-level SHA-2 contexts (`SHA256_CTX`, and `SHA512_CTX` for SHA-384 and SHA-512),
/// driven through pointers into memory that the caller owns and wipes.
///
/// The low-level interface is the only one in OpenSSL 3.0 whose midstate is a plain struct that can be copied
/// and wiped, which is what HMAC with one key setup per key needs (RFC 2104 section 4: the inner and outer
/// padded keys are one block each, so their midstates can be precomputed). Underneath, libcrypto picks the
/// fastest compression the CPU has at run time (SHA-NI for SHA-256 where present, AVX2 or SSSE3 otherwise).
/// Every call's return code is checked: these functions return 1 and fail only on a null context, which
/// this type never passes, so a failure is an impossible state and stops the process.
struct SHA2Context {
    /// The hash function.
    let hash: HashFunction

    /// Bytes of one context: `SHA256_CTX` or `SHA512_CTX`.
    var size: Int {
        hash == .sha256 ? MemoryLayout<SHA256_CTX>.size : MemoryLayout<SHA512_CTX>.size
    }

    /// Alignment of one context.
    var alignment: Int {
        hash == .sha256 ? MemoryLayout<SHA256_CTX>.alignment : MemoryLayout<SHA512_CTX>.alignment
    }

    /// The hash's block size in bytes (RFC 2104's B): 64 for SHA-256, 128 for SHA-384 and SHA-512.
    var blockSize: Int { hash == .sha256 ? 64 : 128 }

    /// Binds `count` consecutive contexts at `pointer` to the C type (done once per allocation).
    func bind(_ pointer: UnsafeMutableRawPointer, count: Int) {
        switch hash {
        case .sha256: _ = pointer.bindMemory(to: SHA256_CTX.self, capacity: count)
        case .sha384, .sha512: _ = pointer.bindMemory(to: SHA512_CTX.self, capacity: count)
        }
    }

    /// `SHAxxx_Init` on the context at `context`.
    @inline(__always)
    func start(_ context: UnsafeMutableRawPointer) {
        let rc: Int32
        switch hash {
        case .sha256: rc = SHA256_Init(context.assumingMemoryBound(to: SHA256_CTX.self))
        case .sha384: rc = SHA384_Init(context.assumingMemoryBound(to: SHA512_CTX.self))
        case .sha512: rc = SHA512_Init(context.assumingMemoryBound(to: SHA512_CTX.self))
        }
        precondition(rc == 1, "SHA-2 init failed")
    }

    /// `SHAxxx_Update` with `count` bytes at `bytes` (nothing when `count` is 0).
    @inline(__always)
    func update(_ context: UnsafeMutableRawPointer, _ bytes: UnsafeRawPointer?, _ count: Int) {
        guard count > 0, let bytes else { return }
        let rc: Int32
        switch hash {
        case .sha256: rc = SHA256_Update(context.assumingMemoryBound(to: SHA256_CTX.self), bytes, count)
        case .sha384: rc = SHA384_Update(context.assumingMemoryBound(to: SHA512_CTX.self), bytes, count)
        case .sha512: rc = SHA512_Update(context.assumingMemoryBound(to: SHA512_CTX.self), bytes, count)
        }
        precondition(rc == 1, "SHA-2 update failed")
    }

    /// `SHAxxx_Final`: writes `hash.digestSize` bytes to `digest`. The context's hash words stay behind; the
    /// caller wipes the context.
    @inline(__always)
    func finish(_ context: UnsafeMutableRawPointer, into digest: UnsafeMutableRawPointer) {
        let out = digest.assumingMemoryBound(to: UInt8.self)
        let rc: Int32
        switch hash {
        case .sha256: rc = SHA256_Final(out, context.assumingMemoryBound(to: SHA256_CTX.self))
        case .sha384: rc = SHA384_Final(out, context.assumingMemoryBound(to: SHA512_CTX.self))
        case .sha512: rc = SHA512_Final(out, context.assumingMemoryBound(to: SHA512_CTX.self))
        }
        precondition(rc == 1, "SHA-2 final failed")
    }

    /// Bytes of the length field that ends a padded block: 8 for SHA-256, 16 for SHA-384/512 (FIPS 180-4
    /// section 5.1).
    var lengthFieldSize: Int { hash == .sha256 ? 8 : 16 }

    /// `SHAxxx_Transform`: one compression of the `blockSize` bytes at `block` into the context's hash words
    /// (the first field of `SHA256_CTX` and `SHA512_CTX`), leaving its length and buffer fields alone. This is
    /// the bare compression that OpenSSL's `Update`/`Final` call underneath (SHA-NI where present).
    @inline(__always)
    func compress(_ context: UnsafeMutableRawPointer, _ block: UnsafeRawPointer) {
        let data = block.assumingMemoryBound(to: UInt8.self)
        switch hash {
        case .sha256: SHA256_Transform(context.assumingMemoryBound(to: SHA256_CTX.self), data)
        case .sha384, .sha512: SHA512_Transform(context.assumingMemoryBound(to: SHA512_CTX.self), data)
        }
    }

    /// Compresses one whole `blockSize`-byte block into a context that holds a copy of a freshly started one
    /// (``start(_:)``), then records the block in its length: the same state that `Update` with exactly
    /// one block leaves (the buffer and its count stay empty), without `Update`'s bookkeeping.
    @inline(__always)
    func compressFirstBlock(_ context: UnsafeMutableRawPointer, _ block: UnsafeRawPointer) {
        compress(context, block)
        switch hash {
        case .sha256: context.assumingMemoryBound(to: SHA256_CTX.self).pointee.Nl = 64 * 8
        case .sha384, .sha512: context.assumingMemoryBound(to: SHA512_CTX.self).pointee.Nl = 128 * 8
        }
    }

    /// Bytes of the hash words at the start of a context: 32 for SHA-256, 64 for SHA-384/512.
    var chainingValueSize: Int { hash == .sha256 ? 32 : 64 }

    /// Writes the digest held in the context's hash words (big-endian words, FIPS 180-4 section 6.2.2 step 4;
    /// SHA-384 keeps the first six) to `digest`: what `Final` writes after its last compression.
    @inline(__always)
    func storeDigest(_ context: UnsafeRawPointer, into digest: UnsafeMutableRawPointer) {
        if hash == .sha256 {
            for i in 0..<8 {
                let word = context.load(fromByteOffset: 4 * i, as: UInt32.self)
                digest.storeBytes(of: word.bigEndian, toByteOffset: 4 * i, as: UInt32.self)
            }
        } else {
            for i in 0..<(hash.digestSize / 8) {
                let word = context.load(fromByteOffset: 8 * i, as: UInt64.self)
                digest.storeBytes(of: word.bigEndian, toByteOffset: 8 * i, as: UInt64.self)
            }
        }
    }

    /// Finishes a block that holds `count` message bytes at its start (`count` at most `blockSize` minus the
    /// length field minus 1) after `prefixBytes` already compressed bytes: the 0x80 byte, zeros and the total
    /// length in bits, big-endian (FIPS 180-4 section 5.1). The block is then ready for ``compress(_:_:)``.
    @inline(__always)
    func pad(_ block: UnsafeMutableRawPointer, messageBytes count: Int, prefixBytes: Int) {
        let size = blockSize
        block.storeBytes(of: 0x80, toByteOffset: count, as: UInt8.self)
        (block + count + 1).initializeMemory(as: UInt8.self, repeating: 0, count: size - count - 9)
        let bits = UInt64(prefixBytes + count) &* 8
        block.storeBytes(of: bits.bigEndian, toByteOffset: size - 8, as: UInt64.self)
    }

    /// One-shot hash of `message` into `digest` (`hash.digestSize` bytes) through a context at `scratch`,
    /// which is wiped afterwards.
    func digest(
        _ message: UnsafeRawBufferPointer, scratch: UnsafeMutableRawPointer, into digest: UnsafeMutableRawPointer
    ) {
        start(scratch)
        update(scratch, message.baseAddress, message.count)
        finish(scratch, into: digest)
        wipe(scratch, size)
    }
}

extension HashFunction {
    /// One-shot SHA-2 through OpenSSL libcrypto, with the context in a wiped temporary.
    func openSSLDigest(_ message: [UInt8]) -> [UInt8] {
        let context = SHA2Context(hash: self)
        var out = [UInt8](repeating: 0, count: digestSize)
        withUnsafeTemporaryAllocation(byteCount: context.size, alignment: context.alignment) { scratch in
            let base = scratch.baseAddress!
            context.bind(base, count: 1)
            message.withUnsafeBytes { m in
                out.withUnsafeMutableBytes { context.digest(m, scratch: base, into: $0.baseAddress!) }
            }
        }
        return out
    }
}
