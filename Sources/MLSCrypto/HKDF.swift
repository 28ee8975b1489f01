/// HKDF (RFC 5869) over HMAC with the cipher suite's hash, as RFC 9420 section 5.1 uses it.
///
/// libsodium 1.0.18 has no HKDF, so the construction is ours, built on ``KeyedHMAC``.
public enum HKDF {
    /// HKDF-Extract(salt, IKM) = HMAC(salt, IKM) (RFC 5869 section 2.2). An empty salt acts as Nh zero bytes.
    public static func extract(hash: HashFunction, salt: SecretBytes, ikm: SecretBytes) throws(CryptoError)
        -> SecretBytes
    {
        let mac = try KeyedHMAC(hash: hash, key: salt)
        return SecretBytes(count: hash.digestSize) { out in
            ikm.withUnsafeBytes { mac.authenticate([$0], into: out) }
        }
    }

    /// HKDF-Expand(PRK, info, L) (RFC 5869 section 2.3). Throws ``CryptoError/outputTooLong(requested:maximum:)``
    /// when `length > 255 * Nh`.
    public static func expand(hash: HashFunction, prk: SecretBytes, info: [UInt8], length: Int) throws(CryptoError)
        -> SecretBytes
    {
        let nh = hash.digestSize
        guard length >= 0, length <= 255 * nh else {
            throw CryptoError.outputTooLong(requested: length, maximum: 255 * nh)
        }
        let mac = try KeyedHMAC(hash: hash, key: prk)
        return expand(mac: mac, info: info, length: length)
    }

    /// HKDF-Expand with an already keyed PRK; `length` must be at most 255 * Nh (checked by callers).
    static func expand(mac: KeyedHMAC, info: [UInt8], length: Int) -> SecretBytes {
        let nh = mac.hash.digestSize
        return SecretBytes(count: length) { out in
            withUnsafeTemporaryAllocation(byteCount: nh, alignment: 16) { block in
                var produced = 0
                var counter: UInt8 = 1
                info.withUnsafeBytes { infoBytes in
                    while produced < length {
                        withUnsafeBytes(of: counter) { c in
                            if produced == 0 {
                                mac.authenticate([infoBytes, c], into: block)
                            } else {
                                let previous = UnsafeRawBufferPointer(block)
                                mac.authenticate([previous, infoBytes, c], into: block)
                            }
                        }
                        let take = min(nh, length - produced)
                        UnsafeMutableRawBufferPointer(rebasing: out[produced..<(produced + take)])
                            .copyMemory(from: UnsafeRawBufferPointer(rebasing: block[0..<take]))
                        produced += take
                        counter &+= 1
                    }
                }
                wipe(block.baseAddress, block.count)
            }
        }
    }
}
