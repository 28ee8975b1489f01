import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

extension MessageJob {
    /// The job's protection state: RFC 9420 (a value) or PPRF mode (a class).
    private enum Protector {
        case rfc(RFC9420MessageProtector)
        case pprf(PPRFMessageProtector)

        mutating func protect(
            _ plaintext: [UInt8], aad: [UInt8], leaf: UInt32, key: SecretBytes, padding: Int
        ) throws -> PrivateMessage {
            switch self {
            case .pprf(let p):
                return try p.protect(
                    body: .application(plaintext), authenticatedData: aad, senderLeaf: leaf, signaturePrivateKey: key,
                    paddingLength: padding)
            case .rfc(var r):
                defer { self = .rfc(r) }
                return try r.protect(
                    body: .application(plaintext), authenticatedData: aad, senderLeaf: leaf, signaturePrivateKey: key,
                    paddingLength: padding)
            }
        }

        mutating func unprotect(_ message: PrivateMessage, keys: (UInt32) -> [UInt8]?) throws -> ContentBody {
            switch self {
            case .pprf(let p):
                return try p.unprotect(message, signaturePublicKey: keys).content.body
            case .rfc(var r):
                defer { self = .rfc(r) }
                return try r.unprotect(message, signaturePublicKey: keys).content.body
            }
        }
    }

    private func protector() throws(JobError) -> Protector {
        let epoch = try epoch()
        do {
            if pprfMode { return .pprf(try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryptionSecret)) }
            return .rfc(
                try RFC9420MessageProtector(epoch: epoch, encryptionSecret: encryptionSecret, leafCount: leafCount))
        } catch {
            throw JobError.messageFailed(index: 0, error: "\(error)")
        }
    }

    /// Protects every plaintext from `sender_leaf`; RFC 9420 mode uses generations 0, 1, 2, ...
    func protect() throws(JobError) -> [String] {
        guard let key = signaturePrivateKey else { throw JobError.missingField("signature_private_key") }
        var state = try protector()
        var out: [String] = []
        for (i, plaintext) in inputs.enumerated() {
            do {
                let message = try state.protect(
                    plaintext, aad: authenticatedData, leaf: senderLeaf, key: key, padding: padding)
                out.append(Hex.encode(MLSMessage.privateMessage(message).tlsEncoded))
            } catch {
                throw JobError.messageFailed(index: i, error: "\(error)")
            }
        }
        return out
    }

    /// Unprotects every message, from any sender and generation, in any order within the epoch.
    func unprotect() throws(JobError) -> [String] {
        let keys = signaturePublicKeys
        let lookup: (UInt32) -> [UInt8]? = { Int($0) < keys.count ? keys[Int($0)] : nil }
        var state = try protector()
        var out: [String] = []
        for (i, bytes) in inputs.enumerated() {
            do {
                guard case .privateMessage(let message) = try MLSMessage(tlsDecoding: bytes) else {
                    throw JobError.messageFailed(index: i, error: "notAPrivateMessage")
                }
                guard case .application(let data) = try state.unprotect(message, keys: lookup) else {
                    throw JobError.messageFailed(index: i, error: "notApplicationData")
                }
                out.append(Hex.encode(data))
            } catch let error as JobError {
                throw error
            } catch {
                throw JobError.messageFailed(index: i, error: "\(error)")
            }
        }
        return out
    }
}
