import MLSCrypto

/// FF1 format-preserving encryption, NIST SP 800-38G section 5.1 (Algorithms 7 and 8), over AES.
///
/// A numeral string is an array of numerals, each below ``radix``; numeral 0 is the most significant
/// (NIST's `NUM_radix` reads `X[1]` first). The block cipher `CIPH_K` is `AESBlockCipher` (OpenSSL's
/// AES); the key length (16, 24 or 32 bytes) selects AES-128, AES-192 or AES-256. Everything else (the
/// CBC-MAC PRF of section 4.3, the Feistel rounds, `NUM`, `STR`) is written here from the standard:
///
/// ```
/// u = floor(n/2); v = n - u; A = X[1..u]; B = X[u+1..n]
/// b = ceil(ceil(v * log2(radix)) / 8); d = 4 * ceil(b/4) + 4
/// P = [1]^1 || [2]^1 || [1]^1 || [radix]^3 || [10]^1 || [u mod 256]^1 || [n]^4 || [t]^4
/// for i in 0..<10:
///     Q = T || [0]^((-t-b-1) mod 16) || [i]^1 || [NUM_radix(B)]^b
///     R = PRF(P || Q); S = first d bytes of R || CIPH(R xor [1]^16) || CIPH(R xor [2]^16) || ...
///     m = u if i even else v; C = STR^m_radix((NUM_radix(A) + NUM(S)) mod radix^m); A = B; B = C
/// return A || B
/// ```
///
/// `(NUM_radix(A) + y) mod radix^m` is computed digit by digit: the low m radix digits of y (long division
/// of S by the radix) are added to A with a carry that is dropped at the top, which is the same residue
/// without a general big-integer type. The keyed temporaries (R, S, the radix digits of y, every intermediate
/// Feistel half) live in one scratch allocation that is wiped with `sodium_memzero` before every return.
///
/// Not `Sendable`, because the AES context is not.
public struct FF1 {
    /// The longest numeral string accepted. NIST SP 800-38G allows up to 2^32 numerals; this cap bounds the
    /// memory and time one call can take (a 1024-numeral string of radix 2^16 takes about a millisecond).
    public static let maximumLength = 1024
    /// The longest tweak accepted, in bytes (NIST SP 800-38G leaves maxTlen to the implementation).
    public static let maximumTweakLength = 1024
    /// FF1's rounds (NIST SP 800-38G section 5.1: ten Feistel rounds).
    static let rounds = 10

    /// The radix, in [2, 2^16].
    public let radix: Int
    /// The shortest accepted numeral string: the least n >= 2 with radix^n >= 1,000,000 (NIST SP 800-38G
    /// Rev. 1, section 5.2). For radix 2 it is 20, so the draft's 32-numeral strings qualify.
    public let minimumLength: Int
    let cipher: AESBlockCipher

    /// FF1 with `key` (16, 24 or 32 bytes: AES-128, AES-192, AES-256) and `radix`.
    ///
    /// Throws ``WorkingGroupError/radixOutOfRange(radix:)`` for a radix outside [2, 65536] and
    /// ``WorkingGroupError/crypto(_:)`` for a key of another length.
    public init(key: SecretBytes, radix: Int) throws(WorkingGroupError) {
        guard (2...65536).contains(radix) else { throw WorkingGroupError.radixOutOfRange(radix: radix) }
        self.radix = radix
        var power = 1
        var length = 0
        while power < 1_000_000 {
            power *= radix
            length += 1
        }
        minimumLength = max(length, 2)
        cipher = try primitive { () throws(CryptoError) in try AESBlockCipher(key: key) }
    }

    /// FF1.Encrypt(K, T, X) (NIST SP 800-38G Algorithm 7).
    ///
    /// Throws ``WorkingGroupError/lengthOutOfRange(length:minimum:maximum:)``,
    /// ``WorkingGroupError/numeralOutOfRange(index:radix:)`` or ``WorkingGroupError/tweakTooLong(length:maximum:)``
    /// for inputs outside the domain; nothing is computed then.
    public func encrypt(_ numerals: [UInt32], tweak: [UInt8] = []) throws(WorkingGroupError) -> [UInt32] {
        try transform(numerals, tweak: tweak, encrypting: true)
    }

    /// FF1.Decrypt(K, T, Y) (NIST SP 800-38G Algorithm 8), the inverse of ``encrypt(_:tweak:)``; same errors.
    public func decrypt(_ numerals: [UInt32], tweak: [UInt8] = []) throws(WorkingGroupError) -> [UInt32] {
        try transform(numerals, tweak: tweak, encrypting: false)
    }

    /// Checks the domain before any computation.
    func validate(_ numerals: [UInt32], tweak: [UInt8]) throws(WorkingGroupError) {
        guard (minimumLength...Self.maximumLength).contains(numerals.count) else {
            throw WorkingGroupError.lengthOutOfRange(
                length: numerals.count, minimum: minimumLength, maximum: Self.maximumLength)
        }
        if let index = numerals.firstIndex(where: { Int($0) >= radix }) {
            throw WorkingGroupError.numeralOutOfRange(index: index, radix: radix)
        }
        guard tweak.count <= Self.maximumTweakLength else {
            throw WorkingGroupError.tweakTooLong(length: tweak.count, maximum: Self.maximumTweakLength)
        }
    }

    private func transform(_ numerals: [UInt32], tweak: [UInt8], encrypting: Bool) throws(WorkingGroupError)
        -> [UInt32]
    {
        try validate(numerals, tweak: tweak)
        let layout = FF1Layout(radix: radix, length: numerals.count, tweakLength: tweak.count)
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: layout.scratchSize, alignment: 16)
        scratch.initializeMemory(as: UInt8.self, repeating: 0)
        defer {
            SecureMemory.wipe(scratch)
            scratch.deallocate()
        }
        layout.writeP(into: scratch)
        for (offset, byte) in tweak.enumerated() { scratch[layout.qOffset + offset] = byte }

        // A, B and C live in three scratch slots that rotate, so every intermediate Feistel half is wiped too.
        let slots = (0..<3).map {
            UnsafeMutableRawBufferPointer(rebasing: scratch[layout.halfRange($0)]).bindMemory(to: UInt32.self)
        }
        var (a, b, c) = (0, 1, 2)
        var (aLength, bLength) = (layout.u, layout.v)
        for index in 0..<layout.u { slots[a][index] = numerals[index] }
        for index in 0..<layout.v { slots[b][index] = numerals[layout.u + index] }
        let order = encrypting ? Array(0..<Self.rounds) : Array((0..<Self.rounds).reversed())
        for round in order {
            let m = round % 2 == 0 ? layout.u : layout.v
            // Q's last b bytes hold NUM_radix of the half that is not being changed this round.
            scratch[layout.roundByteOffset] = UInt8(round)
            FF1Arithmetic.writeNumber(
                slots[encrypting ? b : a], count: encrypting ? bLength : aLength, radix: radix,
                into: UnsafeMutableRawBufferPointer(rebasing: scratch[layout.numberRange]))
            try pseudorandomDigits(layout: layout, scratch: scratch, count: m)
            let pad = UnsafeMutableRawBufferPointer(rebasing: scratch[layout.digitRange(m)])
                .bindMemory(to: UInt32.self)
            if encrypting {
                // C = A + y; A = B; B = C.
                FF1Arithmetic.add(slots[a], pad, count: m, radix: radix, into: slots[c])
                (a, b, c) = (b, c, a)
                (aLength, bLength) = (bLength, m)
            } else {
                // C = B - y; B = A; A = C.
                FF1Arithmetic.subtract(slots[b], pad, count: m, radix: radix, into: slots[c])
                (a, b, c) = (c, a, b)
                (aLength, bLength) = (m, aLength)
            }
        }
        return Array(slots[a].prefix(aLength)) + Array(slots[b].prefix(bLength))
    }

    /// Steps 6.ii to 6.vi up to the radix digits: R = PRF(P || Q), S, y = NUM(S), and the low `count`
    /// radix digits of y (most significant first) into the scratch's digit area.
    private func pseudorandomDigits(layout: FF1Layout, scratch: UnsafeMutableRawBufferPointer, count: Int)
        throws(WorkingGroupError)
    {
        let block = AESBlockCipher.blockSize
        let r = UnsafeMutableRawBufferPointer(rebasing: scratch[layout.rRange])
        // PRF (section 4.3): CBC-MAC with a zero IV over the 16-byte blocks of P || Q.
        for index in 0..<r.count { r[index] = 0 }
        for blockStart in stride(from: 0, to: layout.pqLength, by: block) {
            for index in 0..<block { r[index] ^= scratch[blockStart + index] }
            try primitive { () throws(CryptoError) in try cipher.encryptBlock(UnsafeRawBufferPointer(r), into: r) }
        }
        // S = R || CIPH(R xor [1]^16) || ... ; [j]^16 is j as a 16-byte big-endian integer.
        let s = UnsafeMutableRawBufferPointer(rebasing: scratch[layout.sRange])
        s.copyMemory(from: UnsafeRawBufferPointer(r))
        for j in 1..<layout.sBlocks {
            let out = UnsafeMutableRawBufferPointer(rebasing: s[(j * block)..<((j + 1) * block)])
            out.copyMemory(from: UnsafeRawBufferPointer(r))
            for k in 0..<4 { out[block - 1 - k] ^= UInt8(truncatingIfNeeded: j >> (8 * k)) }
            try primitive { () throws(CryptoError) in
                try cipher.encryptBlock(UnsafeRawBufferPointer(out), into: out)
            }
        }
        // y = NUM(S[0..<d]); its low `count` radix digits by repeated long division (on a copy of S).
        let y = UnsafeMutableRawBufferPointer(rebasing: scratch[layout.yRange])
        y.copyMemory(from: UnsafeRawBufferPointer(rebasing: s[0..<layout.d]))
        let digits = UnsafeMutableRawBufferPointer(rebasing: scratch[layout.digitRange(count)])
            .bindMemory(to: UInt32.self)
        FF1Arithmetic.lowDigits(of: y, radix: radix, into: digits)
    }
}
