import MLSCore

/// The one value that makes, decodes and describes a PPRF (SPEC.md sections 1, 3 and 10): b, the PRG
/// profile and the options, carried in a GroupContext extension as
/// `struct { uint16 challenge_bits; uint8 options; uint8 profile; } PPRFParameters;`.
///
/// The extension type is ``extensionType`` (0xF0A0, from RFC 9420's private-use range 0xF000-0xFFFF): the
/// construction changes how every member derives PrivateMessage keys, so it must be in the GroupContext that
/// the key schedule and every signature bind. `options` is the high byte of what was one `uint16 profile`:
/// every encoding without options is byte-identical to the earlier format, and a decoder of that format reads
/// an option as an unknown profile and refuses the group rather than misreading it.
///
/// A value always holds a b in ``challengeBitsRange``: both initialisers check it, and the fields are
/// constants, so ``encode(to:)`` never meets a b that its `uint16` cannot carry. The profile's pairing with a
/// cipher suite needs the suite, which this value does not carry: ``check(for:)`` tests it, and every PPRF
/// initialiser calls it.
public struct PPRFParameters: Sendable, Equatable, TLSCodable {
    /// The GroupContext extension type of PPRFParameters.
    public static let extensionType: UInt16 = 0xF0A0
    /// The `options` bit of the reuse guard (SPEC.md section 10, ours, not the draft's).
    public static let reuseGuardOption: UInt8 = 0x01
    /// Every `options` bit this version knows; a decoder refuses any other (SPEC.md section 10).
    public static let knownOptions: UInt8 = reuseGuardOption
    /// The challenge lengths a PPRF supports, 1...256 bits (SPEC.md section 2).
    public static let challengeBitsRange = 1...256

    /// b, the challenge length in bits and the depth of the GGM tree (``challengeBitsRange``).
    public let challengeBits: Int
    /// The PRG profile.
    public let profile: PRGProfile
    /// Whether senders draw a 4-byte reuse guard, carry it in the guarded sender data and XOR it into the
    /// nonce (SPEC.md section 10; appendix B.1 quantifies what it buys). The PPRF itself ignores it.
    public let reuseGuard: Bool

    /// Parameters for b-bit challenges with the given profile, with or without the reuse guard. A b outside
    /// ``challengeBitsRange`` throws ``PPRFError/invalidChallengeBits(_:)``.
    public init(challengeBits: Int, profile: PRGProfile, reuseGuard: Bool = false) throws(PPRFError) {
        guard Self.challengeBitsRange.contains(challengeBits) else {
            throw PPRFError.invalidChallengeBits(challengeBits)
        }
        self.challengeBits = challengeBits
        self.profile = profile
        self.reuseGuard = reuseGuard
    }

    /// Throws unless the profile is defined for `suite` (SPEC.md sections 3 and 3.1): `blake2b` needs
    /// KDF.Nh = 32 (``PPRFError/profileUnsupportedForSuite(profile:hashSize:)``), `mls32` KDF.Nh > 32
    /// (``PPRFError/profileNeedsLongerHash(profile:hashSize:)``).
    public func check(for suite: CipherSuite) throws(PPRFError) {
        try profile.check(suite)
    }

    /// The `options` byte: ``reuseGuardOption`` when ``reuseGuard`` is set, else 0.
    public var options: UInt8 { reuseGuard ? Self.reuseGuardOption : 0 }

    /// Encodes `challenge_bits` (uint16), `options` and `profile` (one byte each).
    public func encode(to writer: inout TLSWriter) {
        writer.write(UInt16(challengeBits))  // in 1...256 by construction
        writer.write(options)
        writer.write(UInt8(profile.rawValue))  // every profile value fits the one byte SPEC.md section 1 gives it
    }

    /// Decodes, strictly: a b outside 1...256, an unknown `options` bit or an unknown profile is an
    /// invalid value (checked in that order).
    public init(from reader: inout TLSReader) throws(CodecError) {
        let bits = try reader.readUInt16()
        guard Self.challengeBitsRange.contains(Int(bits)) else {
            throw CodecError.invalidValue(field: "challenge_bits", value: UInt64(bits))
        }
        let options = try reader.readUInt8()
        guard options & ~Self.knownOptions == 0 else {
            throw CodecError.invalidValue(field: "options", value: UInt64(options))
        }
        let profileValue = try reader.readUInt8()
        guard let profile = PRGProfile(rawValue: UInt16(profileValue)) else {
            throw CodecError.invalidValue(field: "profile", value: UInt64(profileValue))
        }
        self.challengeBits = Int(bits)
        self.profile = profile
        self.reuseGuard = options & Self.reuseGuardOption != 0
    }

    /// The GroupContext extension carrying these parameters (SPEC.md section 1).
    public var groupContextExtension: Extension { Extension(type: Self.extensionType, data: tlsEncoded) }

    /// The challenge length in bytes, ceil(b/8) (SPEC.md section 2).
    public var challengeBytes: Int { Challenge.byteCount(bits: challengeBits) }
}
