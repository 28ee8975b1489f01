import MLSCore
import MLSCrypto

/// `struct { uint32 leaf_index; opaque reuse_guard[4]; } PPRFGuardedSenderData;`: the sender data of a group
/// whose PPRFParameters set the reuse-guard option (SPEC.md section 10, ours, not the draft's). It is
/// encrypted exactly as PPRFSenderData (SPEC.md section 5), so the guard stays as hidden as RFC 9420's.
public struct PPRFGuardedSenderData: Sendable, Equatable, TLSCodable {
    /// The sender's leaf index.
    public var leafIndex: UInt32
    /// The 4-byte reuse guard XORed into the first 4 bytes of the content nonce.
    public let reuseGuard: [UInt8]

    /// The encoded size: 8 bytes (the uint32 and the 4 guard bytes).
    public static let encodedLength = 8
    /// The length of `reuse_guard`.
    public static let reuseGuardLength = 4

    /// Sender data for `leafIndex` with `reuseGuard`, which must have 4 bytes (otherwise
    /// `CodecError.wrongSize(field: "reuse_guard", ...)`).
    public init(leafIndex: UInt32, reuseGuard: [UInt8]) throws(CodecError) {
        guard reuseGuard.count == Self.reuseGuardLength else {
            throw CodecError.wrongSize(
                field: "reuse_guard", expected: Self.reuseGuardLength, actual: reuseGuard.count)
        }
        self.leafIndex = leafIndex
        self.reuseGuard = reuseGuard
    }

    /// Encodes the uint32 and the 4 raw guard bytes.
    public func encode(to writer: inout TLSWriter) {
        writer.write(leafIndex)
        writer.writeRaw(reuseGuard)
    }

    /// Decodes the uint32 and the 4 guard bytes.
    public init(from reader: inout TLSReader) throws(CodecError) {
        leafIndex = try reader.readUInt32()
        reuseGuard = try reader.readRaw(Self.reuseGuardLength)
    }
}

extension ChallengeKeys {
    /// The content nonce of a guarded message (SPEC.md section 10): the derived nonce (section 4) with
    /// `reuseGuard` XORed into its first 4 bytes, exactly as RFC 9420 section 6.3.2 applies its guard.
    public static func guardedNonce(_ nonce: SecretBytes, reuseGuard: [UInt8]) throws(CodecError) -> SecretBytes {
        guard reuseGuard.count == PPRFGuardedSenderData.reuseGuardLength else {
            throw CodecError.wrongSize(
                field: "reuse_guard", expected: PPRFGuardedSenderData.reuseGuardLength, actual: reuseGuard.count)
        }
        return nonce.xoringPrefix(reuseGuard)  // AEAD.Nn is 12 for every suite, so 4 bytes always fit
    }
}

extension PPRFWireOverhead {
    /// The overhead of SPEC.md section 8 for a group with or without the reuse guard (section 10): the
    /// guard adds 4 bytes of sender-data plaintext, so 4 bytes of AEAD output.
    public static func bytes(challengeBits: Int, applicationAADLength: Int = 0, reuseGuard: Bool) -> Int {
        bytes(challengeBits: challengeBits, applicationAADLength: applicationAADLength)
            + (reuseGuard ? PPRFGuardedSenderData.reuseGuardLength : 0)
    }
}

/// The sender-data and nonce steps of SPEC.md section 10, for both settings of the reuse-guard option.
extension PPRFMessageProtector {
    /// The guard a sender uses: `nil` without the option (a given guard is then refused with
    /// ``PPRFMessageError/reuseGuardNotEnabled``), else `given` (4 bytes) or 4 bytes from libsodium's generator.
    /// Runs before the sender punctures, so a refused guard leaves the state unchanged.
    func sendingReuseGuard(_ given: [UInt8]?) throws(PPRFMessageError) -> [UInt8]? {
        guard parameters.reuseGuard else {
            if let given { throw PPRFMessageError.reuseGuardNotEnabled(length: given.count) }
            return nil
        }
        let bytes: [UInt8]
        if let given {
            bytes = given
        } else {
            do throws(CryptoError) {
                bytes = try SystemRandom.bytes(count: PPRFGuardedSenderData.reuseGuardLength)
            } catch {
                throw PPRFMessageError.mls(.crypto(error))
            }
        }
        guard bytes.count == PPRFGuardedSenderData.reuseGuardLength else {
            throw PPRFMessageError.mls(
                .codec(
                    .wrongSize(
                        field: "reuse_guard", expected: PPRFGuardedSenderData.reuseGuardLength, actual: bytes.count)))
        }
        return bytes
    }

    /// The sender data's plaintext: PPRFSenderData, or PPRFGuardedSenderData when `reuseGuard` is given.
    static func senderDataPlaintext(leaf: UInt32, reuseGuard: [UInt8]?) throws(MLSError) -> [UInt8] {
        guard let reuseGuard else { return PPRFSenderData(leafIndex: leaf).tlsEncoded }
        do throws(CodecError) {
            return try PPRFGuardedSenderData(leafIndex: leaf, reuseGuard: reuseGuard).tlsEncoded
        } catch {
            throw MLSError.codec(error)
        }
    }

    /// Decodes the sender data's plaintext as the group's parameters say: (leaf index, guard or `nil`).
    func decodeSenderData(_ bytes: [UInt8]) throws(MLSError) -> (leafIndex: UInt32, reuseGuard: [UInt8]?) {
        do throws(CodecError) {
            if parameters.reuseGuard {
                let data = try PPRFGuardedSenderData(tlsDecoding: bytes)
                return (data.leafIndex, data.reuseGuard)
            }
            return (try PPRFSenderData(tlsDecoding: bytes).leafIndex, nil)
        } catch {
            throw MLSError.codec(error)
        }
    }

    /// The content nonce: the derived nonce, with the guard XORed in when there is one.
    static func contentNonce(_ nonce: SecretBytes, reuseGuard: [UInt8]?) throws(MLSError) -> SecretBytes {
        guard let reuseGuard else { return nonce }
        do throws(CodecError) {
            return try ChallengeKeys.guardedNonce(nonce, reuseGuard: reuseGuard)
        } catch {
            throw MLSError.codec(error)
        }
    }
}
