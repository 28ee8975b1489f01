import CSodium
import Crypto
import Foundation

/// An HMAC key that has been set up once (RFC 2104) and can authenticate many messages.
///
/// For SHA-256 and SHA-512 the keyed state is libsodium's `crypto_auth_hmacsha*_state`; each message
/// starts from a copy of it, so one key setup (about half the cost of an HMAC) serves all messages under
/// the same key. HMAC-SHA-384 is not in libsodium 1.0.18 and comes from swift-crypto. The keyed state and
/// every temporary copy are wiped with `sodium_memzero`.
public final class KeyedHMAC {
    /// The hash function underneath.
    public let hash: HashFunction
    private let state: UnsafeMutableRawPointer
    private let stateSize: Int
    private var sha384: Crypto.HMAC<SHA384>?

    /// Allocates an unkeyed state; ``rekey(with:)`` must run before use.
    private init(hash: HashFunction) throws(CryptoError) {
        try Sodium.ensureInitialized()
        self.hash = hash
        switch hash {
        case .sha256: stateSize = MemoryLayout<crypto_auth_hmacsha256_state>.size
        case .sha512: stateSize = MemoryLayout<crypto_auth_hmacsha512_state>.size
        case .sha384: stateSize = 1
        }
        state = .allocate(byteCount: stateSize, alignment: 64)
        state.initializeMemory(as: UInt8.self, repeating: 0, count: stateSize)
    }

    /// Sets up HMAC with a secret `key` (any length; RFC 2104 hashes keys longer than the block).
    public convenience init(hash: HashFunction, key: SecretBytes) throws(CryptoError) {
        try self.init(hash: hash)
        key.withUnsafeBytes { rekey(with: $0) }
    }

    /// Replaces the key in place, reusing this object's state memory (the old keyed state is overwritten).
    /// A tree walk that changes the key at every level keys one object per walk instead of one per level.
    public func rekey(with key: UnsafeRawBufferPointer) {
        // An empty key may have no base address; libsodium still wants a valid pointer.
        var empty: UInt8 = 0
        withUnsafeMutablePointer(to: &empty) { emptyPointer in
            let keyPointer = key.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(emptyPointer)
            switch hash {
            case .sha256:
                let st = state.bindMemory(to: crypto_auth_hmacsha256_state.self, capacity: 1)
                _ = crypto_auth_hmacsha256_init(st, keyPointer, key.count)
            case .sha512:
                let st = state.bindMemory(to: crypto_auth_hmacsha512_state.self, capacity: 1)
                _ = crypto_auth_hmacsha512_init(st, keyPointer, key.count)
            case .sha384:
                sha384 = Crypto.HMAC<SHA384>(key: SymmetricKey(data: Data(key)))
            }
        }
    }

    /// Sets up HMAC with a non-secret key (for example an HKDF salt that is public).
    public convenience init(hash: HashFunction, publicKey: [UInt8]) throws(CryptoError) {
        try self.init(hash: hash, key: SecretBytes(copying: publicKey))
    }

    /// Wipes the keyed state, so that nothing derived from the last key stays in memory (a PPRF walk calls
    /// this when it ends: the last key is a node on the punctured path). ``rekey(with:)`` must run before the
    /// next use.
    public func wipeKey() {
        wipe(state, stateSize)
        sha384 = nil
    }

    /// Test hook for the PPRF's forward-secrecy tests (issue 13), package-visible only: calls `body` with the
    /// keyed state this object owns and whether it holds a keyed swift-crypto object (HMAC-SHA-384).
    package func withOwnedState<R>(_ body: (UnsafeRawBufferPointer, _ holdsForeignState: Bool) -> R) -> R {
        body(UnsafeRawBufferPointer(start: state, count: stateSize), sha384 != nil)
    }

    deinit {
        wipe(state, stateSize)
        state.deallocate()
    }

    /// Computes HMAC(key, parts[0] || parts[1] || ...) into `out`, which must hold `hash.digestSize` bytes.
    public func authenticate(_ parts: [UnsafeRawBufferPointer], into out: UnsafeMutableRawBufferPointer) {
        precondition(out.count >= hash.digestSize, "output buffer too small")
        let outPtr = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
        switch hash {
        case .sha256:
            var copy = state.load(as: crypto_auth_hmacsha256_state.self)
            for p in parts where p.count > 0 {
                _ = crypto_auth_hmacsha256_update(
                    &copy, p.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(p.count))
            }
            _ = crypto_auth_hmacsha256_final(&copy, outPtr)
            withUnsafeMutableBytes(of: &copy) { wipe($0.baseAddress, $0.count) }
        case .sha512:
            var copy = state.load(as: crypto_auth_hmacsha512_state.self)
            for p in parts where p.count > 0 {
                _ = crypto_auth_hmacsha512_update(
                    &copy, p.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(p.count))
            }
            _ = crypto_auth_hmacsha512_final(&copy, outPtr)
            withUnsafeMutableBytes(of: &copy) { wipe($0.baseAddress, $0.count) }
        case .sha384:
            guard var mac = sha384 else { preconditionFailure("HMAC-SHA384 state missing") }
            for p in parts { mac.update(data: p) }
            let tag = mac.finalize()
            tag.withUnsafeBytes { out.copyMemory(from: $0) }
        }
    }

    /// Computes HMAC(key, message) into `out` (one part, no array allocation: the PPRF's hot path).
    public func authenticate(_ message: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        precondition(out.count >= hash.digestSize, "output buffer too small")
        let outPtr = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let messagePtr = message.baseAddress?.assumingMemoryBound(to: UInt8.self)
        switch hash {
        case .sha256:
            var copy = state.load(as: crypto_auth_hmacsha256_state.self)
            if let messagePtr { _ = crypto_auth_hmacsha256_update(&copy, messagePtr, UInt64(message.count)) }
            _ = crypto_auth_hmacsha256_final(&copy, outPtr)
            withUnsafeMutableBytes(of: &copy) { wipe($0.baseAddress, $0.count) }
        case .sha512:
            var copy = state.load(as: crypto_auth_hmacsha512_state.self)
            if let messagePtr { _ = crypto_auth_hmacsha512_update(&copy, messagePtr, UInt64(message.count)) }
            _ = crypto_auth_hmacsha512_final(&copy, outPtr)
            withUnsafeMutableBytes(of: &copy) { wipe($0.baseAddress, $0.count) }
        case .sha384:
            authenticate([message], into: out)
        }
    }

    /// HMAC of `message` as a plain (non-secret) tag, for MACs such as the membership tag.
    public func tag(_ message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: hash.digestSize)
        message.withUnsafeBytes { m in out.withUnsafeMutableBytes { authenticate([m], into: $0) } }
        return out
    }
}
