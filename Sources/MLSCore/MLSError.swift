import MLSCrypto

/// Errors raised by the RFC 9420 layer: key schedule, secret tree and message framing.
///
/// Payloads carry indices, generations and names, never key material.
public enum MLSError: Error, Equatable, Sendable {
    /// The cipher suite is not implemented (suites 4 and 6 need X448/Ed448, which none of our libraries has).
    case unsupportedCipherSuite(UInt16)
    /// A primitive failed (wrong key size, AEAD tag mismatch, undecodable key).
    case crypto(CryptoError)
    /// A structure could not be decoded.
    case codec(CodecError)
    /// A label or context made a KDFLabel longer than the encoding allows, or a length exceeded 65535.
    case labelTooLong(length: Int)
    /// A leaf index is outside the tree (RFC 9420 section 9).
    case leafOutOfRange(leaf: UInt32, leafCount: UInt32)
    /// The key for this generation was already used and deleted (RFC 9420 section 9.2).
    case keyAlreadyConsumed(leaf: UInt32, generation: UInt32)
    /// A generation lies further ahead than the configured maximum forward distance.
    case generationTooFarAhead(leaf: UInt32, generation: UInt32, limit: UInt32)
    /// The ratchet reached the last generation of 2^32.
    case generationExhausted(leaf: UInt32)
    /// A signature did not verify (RFC 9420 section 6.1).
    case invalidSignature
    /// A PublicMessage's membership tag did not verify (RFC 9420 section 6.2).
    case invalidMembershipTag
    /// A message belongs to another group (group_id mismatch).
    case wrongGroup
    /// A message belongs to another epoch.
    case wrongEpoch(expected: UInt64, actual: UInt64)
    /// The sender in a message is not a member or has no known signature key.
    case unknownSender(leaf: UInt32)
    /// The content type is not allowed in this form (for example application data in a PublicMessage).
    case contentTypeNotAllowed(UInt8)
    /// The sender type is not allowed for this message form.
    case senderTypeNotAllowed(UInt8)
    /// An epoch secret (`name`: for example `sender_data_secret`) does not have the KDF.Nh bytes RFC 9420
    /// section 8 derives it with.
    case wrongSecretLength(name: String, expected: Int, actual: Int)
    /// The GroupContext names another cipher suite than the one the epoch is built with (RFC 9420 section
    /// 8.1: the GroupContext carries the group's suite).
    case cipherSuiteMismatch(suite: UInt16, groupContext: UInt16)
    /// A secret tree's leaf count is outside 1...2^31 (RFC 9420 section 9: node indices are uint32, so a tree
    /// has at most 2^31 leaves).
    case invalidLeafCount(UInt32)
    /// A sender asked for a padding length outside 0...limit (`PrivateMessageContent.maxPaddingLength`, our
    /// bound: RFC 9420 section 6.3.1 leaves padding to the sender).
    case invalidPaddingLength(Int, limit: Int)
    /// Retaining the keys a message skips over would make the secret tree hold more retained keys, over all
    /// ratchets, than its limit ``SecretTree/maxRetainedKeys`` (RFC 9420 section 9.2 leaves the bound to
    /// the application).
    case tooManyRetainedKeys(limit: UInt32)
}

/// Runs a primitive-layer call and maps its error into ``MLSError/crypto(_:)``: the one bridge from
/// `CryptoError` to `MLSError`, for this layer and the layers above it that throw `MLSError`.
@inline(__always)
public func crypto<T>(_ body: () throws(CryptoError) -> T) throws(MLSError) -> T {
    do { return try body() } catch { throw MLSError.crypto(error) }
}

/// Runs a decoder and maps its error into ``MLSError/codec(_:)``.
@inline(__always)
func decoding<T>(_ body: () throws(CodecError) -> T) throws(MLSError) -> T {
    do { return try body() } catch { throw MLSError.codec(error) }
}
