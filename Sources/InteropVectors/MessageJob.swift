import Foundation
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// A `pprf message protect|unprotect` job, read from JSON (README, "Message jobs").
public struct MessageJob {
    /// Errors in a job; `description`-free payloads name the field, never secret values.
    public enum JobError: Error, Equatable, Sendable {
        /// The input is not a JSON object.
        case notAnObject
        /// A required field is missing or has the wrong type or encoding.
        case badField(String)
        /// `mode` is neither "rfc9420" nor "pprf".
        case unknownMode(String)
        /// Message `index` failed; `error` is the library error's name.
        case messageFailed(index: Int, error: String)
    }

    let suite: CipherSuite
    let pprfMode: Bool
    let groupContext: GroupContext
    let encryptionSecret: SecretBytes
    let senderDataSecret: SecretBytes
    let senderLeaf: UInt32
    let leafCount: UInt32
    let parameters: PPRFParameters?
    let entry: VectorEntry

    /// Parses a job. In pprf mode, a GroupContext without the PPRFParameters extension gets it appended
    /// (from `challenge_bits` and `profile`); one with a different extension is an error.
    public init(json: Data) throws(JobError) {
        guard let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw JobError.notAnObject
        }
        let e = VectorEntry(object)
        entry = e
        do {
            guard let suite = try e.suite() else { throw FieldMismatch(field: "cipher_suite") }
            self.suite = suite
            let mode = try e.string("mode")
            guard mode == "rfc9420" || mode == "pprf" else { throw JobError.unknownMode(mode) }
            pprfMode = mode == "pprf"
            var context = try attempt("group_context") { try GroupContext(tlsDecoding: try e.hex("group_context")) }
            encryptionSecret = try e.secret("encryption_secret")
            senderDataSecret = try e.secret("sender_data_secret")
            senderLeaf = UInt32(truncatingIfNeeded: (try? e.int("sender_leaf")) ?? 0)
            if pprfMode {
                guard let profile = PRGProfile(name: try e.string("profile")) else {
                    throw FieldMismatch(field: "profile")
                }
                let p = PPRFParameters(challengeBits: Int(try e.int("challenge_bits")), profile: profile)
                if let existing = context.extensions.first(where: { $0.type == PPRFParameters.extensionType }) {
                    guard existing.data == p.tlsEncoded else { throw FieldMismatch(field: "group_context") }
                } else {
                    context.extensions.append(p.groupContextExtension)
                }
                parameters = p
                leafCount = 0
            } else {
                parameters = nil
                leafCount = UInt32(truncatingIfNeeded: try e.int("n_leaves"))
            }
            groupContext = context
        } catch let error as JobError {
            throw error
        } catch let error as FieldMismatch {
            throw JobError.badField(error.field)
        } catch {
            throw JobError.badField("job")
        }
    }

    var epoch: EpochContext {
        EpochContext(suite: suite, groupContext: groupContext, senderDataSecret: senderDataSecret, membershipKey: nil)
    }

    func hexList(_ key: String) throws(JobError) -> [[UInt8]] {
        guard let list = entry.object[key] as? [String] else { throw JobError.badField(key) }
        var out: [[UInt8]] = []
        for text in list {
            guard let bytes = try? Hex.decode(text) else { throw JobError.badField(key) }
            out.append(bytes)
        }
        return out
    }

    func optionalHex(_ key: String) throws(JobError) -> [UInt8] {
        guard entry.object[key] != nil else { return [] }
        guard let bytes = try? entry.hex(key) else { throw JobError.badField(key) }
        return bytes
    }

    /// The job's protection state: RFC 9420 (a value) or PPRF mode (a class).
    private enum Protector {
        case rfc(RFC9420Protection)
        case pprf(PPRFProtection)

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
        guard pprfMode else {
            return .rfc(RFC9420Protection(epoch: epoch, encryptionSecret: encryptionSecret, leafCount: leafCount))
        }
        do { return .pprf(try PPRFProtection(epoch: epoch, encryptionSecret: encryptionSecret)) } catch {
            throw JobError.messageFailed(index: 0, error: "\(error)")
        }
    }

    /// Protects every plaintext from `sender_leaf`; RFC 9420 mode uses generations 0, 1, 2, ...
    public func protect() throws(JobError) -> [String] {
        let plaintexts = try hexList("plaintexts")
        let aad = try optionalHex("authenticated_data")
        let padding = (entry.object["padding"] as? Int) ?? 0
        guard let key = try? entry.secret("signature_private_key") else {
            throw JobError.badField("signature_private_key")
        }
        var state = try protector()
        var out: [String] = []
        for (i, plaintext) in plaintexts.enumerated() {
            do {
                let message = try state.protect(plaintext, aad: aad, leaf: senderLeaf, key: key, padding: padding)
                out.append(Hex.encode(MLSMessage.privateMessage(message).tlsEncoded))
            } catch {
                throw JobError.messageFailed(index: i, error: "\(error)")
            }
        }
        return out
    }

    /// Unprotects every message, from any sender and generation, in any order within the epoch.
    public func unprotect() throws(JobError) -> [String] {
        let messages = try hexList("messages")
        let keys = try hexList("signature_public_keys")
        let lookup: (UInt32) -> [UInt8]? = { Int($0) < keys.count ? keys[Int($0)] : nil }
        var state = try protector()
        var out: [String] = []
        for (i, bytes) in messages.enumerated() {
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
