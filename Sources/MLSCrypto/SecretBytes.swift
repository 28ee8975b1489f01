import CSodium

/// A fixed-size buffer of secret bytes.
///
/// The bytes live in one allocation made at initialisation; the whole allocation is wiped with
/// `sodium_memzero` when the last copy is released. `==` is constant time (`sodium_memcmp`) once the
/// lengths agree, the description never shows the bytes, and the type is deliberately neither
/// `Codable` nor `Hashable`. The bytes are reachable only inside ``withUnsafeBytes(_:)``.
///
/// Copies share the immutable storage, so copying a `SecretBytes` never leaves an unwiped duplicate.
public struct SecretBytes: Sendable {
    final class Storage: @unchecked Sendable {
        // Immutable after initialisation: Sendable is sound because no one writes after `init` returns.
        let pointer: UnsafeMutableRawBufferPointer

        init(count: Int) {
            pointer = .allocate(byteCount: Swift.max(count, 1), alignment: 16)
            pointer.initializeMemory(as: UInt8.self, repeating: 0)
        }

        deinit {
            wipe(pointer.baseAddress, pointer.count)
            SecretBytes.releaseHook?(UnsafeRawBufferPointer(pointer))
            pointer.deallocate()
        }
    }

    /// Test hook: called with the storage after wiping and before deallocation (issue 8's wipe test).
    nonisolated(unsafe) static var releaseHook: ((UnsafeRawBufferPointer) -> Void)?

    let storage: Storage

    /// The number of secret bytes.
    public let count: Int

    /// Creates a secret by letting `body` write exactly `count` bytes into fresh zeroed storage.
    public init<E: Error>(
        count: Int, initializingWith body: (UnsafeMutableRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        let storage = Storage(count: count)
        try body(UnsafeMutableRawBufferPointer(rebasing: storage.pointer[0..<count]))
        self.storage = storage
        self.count = count
    }

    /// Creates a secret by copying `bytes`. The caller remains responsible for the source array,
    /// which Swift cannot wipe reliably; prefer producing secrets directly into a `SecretBytes`.
    public init(copying bytes: some Collection<UInt8>) {
        let storage = Storage(count: bytes.count)
        _ = storage.pointer.initializeMemory(as: UInt8.self, from: bytes)
        self.storage = storage
        self.count = bytes.count
    }

    /// `count` bytes from libsodium's `randombytes_buf`.
    public static func random(count: Int) throws(CryptoError) -> SecretBytes {
        try Sodium.ensureInitialized()
        return SecretBytes(count: count) { randombytes_buf($0.baseAddress!, $0.count) }
    }

    /// Calls `body` with a read-only view of the bytes. Do not let the pointer escape.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(rebasing: storage.pointer[0..<count]))
    }

    /// This secret with `mask` XORed into its first `mask.count` bytes (RFC 9420 section 6.3.2: the
    /// reuse guard is XORed into the first four bytes of the nonce).
    public func xoringPrefix(_ mask: [UInt8]) -> SecretBytes {
        precondition(mask.count <= count, "mask longer than the secret")
        return SecretBytes(count: count) { out in
            out.copyMemory(from: UnsafeRawBufferPointer(rebasing: storage.pointer[0..<count]))
            for (i, m) in mask.enumerated() { out[i] ^= m }
        }
    }

    /// Exports the bytes as a plain array. Only for test-vector generation and verification, which must
    /// print secrets; the name says so.
    public func exportedForTestVectors() -> [UInt8] {
        withUnsafeBytes { Array($0) }
    }
}

extension SecretBytes: Equatable {
    /// Constant-time comparison (`sodium_memcmp`) once the lengths agree; lengths are not secret.
    public static func == (lhs: SecretBytes, rhs: SecretBytes) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.count == 0 { return true }
        return lhs.withUnsafeBytes { a in
            rhs.withUnsafeBytes { b in sodium_memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        }
    }
}

extension SecretBytes: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `SecretBytes(N bytes, redacted)`: never the bytes.
    public var description: String { "SecretBytes(\(count) bytes, redacted)" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// A mirror without children, so `dump` and reflection never reach the storage.
    public var customMirror: Mirror { Mirror(self, children: [:], displayStyle: .struct) }
}
