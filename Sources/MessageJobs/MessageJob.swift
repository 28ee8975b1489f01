import Foundation
import JSONSupport
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// A `pprf message protect|unprotect` job, read from a JSON object (README, "Message jobs").
///
/// The decoder is strict (`StrictJSON` (JSONSupport), not `JSONSerialization`, whose `NSNumber` blurs booleans, integers
/// and fractions): every field is type- and range-checked before anything is converted or allocated, every
/// field this type does not define is refused, and a job that decodes is one the library can run. The
/// limits:
///
/// | field | rule |
/// |---|---|
/// | `cipher_suite` | an integer, an implemented suite (1, 2, 3, 5, 7), equal to the GroupContext's |
/// | `mode` | `"rfc9420"` or `"pprf"` |
/// | `group_context` | hex of a GroupContext; in pprf mode at most one PPRFParameters extension, equal to the job's |
/// | `encryption_secret`, `sender_data_secret` | hex of exactly KDF.Nh bytes |
/// | `sender_leaf` | protect: an integer in 0...2^32-1 (rfc9420 mode: below `n_leaves`) |
/// | `n_leaves` | rfc9420 mode: an integer in 1...2^31 |
/// | `challenge_bits` | pprf mode: an integer in 1...256 |
/// | `profile` | pprf mode: `"mls"`, `"blake2b"` (KDF.Nh = 32 only) or `"cbst"` |
/// | `signature_private_key` | protect: hex of the scheme's private key size |
/// | `signature_public_keys` | unprotect: an array of hex strings |
/// | `plaintexts` / `messages` | protect / unprotect: arrays of hex strings |
/// | `authenticated_data` | optional hex |
/// | `padding` | optional, protect: an integer in 0...``maxPadding`` |
///
/// Fields of the other mode or operation are checked too when present.
public struct MessageJob {
    /// What the job does.
    public enum Operation: String, Sendable {
        /// Protect `plaintexts` from `sender_leaf`.
        case protect
        /// Unprotect `messages`.
        case unprotect
    }

    /// The most zero padding bytes a job may ask for per message: 2^16, far above any padding policy and far
    /// below what could exhaust memory.
    public static let maxPadding = 1 << 16
    /// The largest job accepted, in bytes: 2^26 (64 MiB).
    public static let maxInputBytes = 1 << 26
    /// Every field a job may carry.
    public static let knownFields: Set<String> = [
        "cipher_suite", "mode", "group_context", "encryption_secret", "sender_data_secret", "sender_leaf",
        "n_leaves", "challenge_bits", "profile", "signature_private_key", "signature_public_keys", "plaintexts",
        "messages", "authenticated_data", "padding",
    ]

    /// Errors in a job. Payloads name fields and give lengths and ranges, never secret values;
    /// `description` (JobError+Description.swift) is a sentence for the command line.
    public enum JobError: Error, Equatable, Sendable {
        /// The input is larger than ``MessageJob/maxInputBytes``.
        case tooLarge(bytes: Int, limit: Int)
        /// The input is not JSON.
        case malformedJSON(StrictJSONError)
        /// The JSON value is not an object.
        case notAnObject
        /// A field required for this mode and operation is absent.
        case missingField(String)
        /// A field this job format does not define.
        case unknownField(String)
        /// A field has the wrong type, encoding, length or range.
        case invalidField(String, reason: String)
        /// Message `index` failed; `error` is the library error's name.
        case messageFailed(index: Int, error: String)

        /// The field the error is about, if any.
        public var field: String? {
            switch self {
            case .missingField(let f), .unknownField(let f), .invalidField(let f, _): f
            default: nil
            }
        }
    }

    /// protect or unprotect.
    public let operation: Operation
    /// The cipher suite (equal to the GroupContext's).
    public let suite: CipherSuite
    /// true for pprf mode, false for rfc9420 mode.
    public let pprfMode: Bool
    /// The GroupContext; in pprf mode it carries exactly one PPRFParameters extension.
    public let groupContext: GroupContext
    let encryptionSecret: SecretBytes
    let senderDataSecret: SecretBytes
    /// protect: the sender's leaf.
    public let senderLeaf: UInt32
    /// rfc9420 mode: the tree's leaf count (1...2^31); 0 in pprf mode.
    public let leafCount: UInt32
    /// pprf mode: the group's parameters.
    public let parameters: PPRFParameters?
    let signaturePrivateKey: SecretBytes?
    /// unprotect: the signature public keys, indexed by leaf.
    public let signaturePublicKeys: [[UInt8]]
    /// protect: the plaintexts; unprotect: the encoded MLSMessages.
    public let inputs: [[UInt8]]
    /// The application's authenticated data.
    public let authenticatedData: [UInt8]
    /// Zero padding bytes per message (0...``maxPadding``).
    public let padding: Int

    /// Decodes a job for `operation`; see the type's documentation for every field's rule.
    public init(json: Data, operation: Operation) throws(JobError) {
        guard json.count <= Self.maxInputBytes else {
            throw JobError.tooLarge(bytes: json.count, limit: Self.maxInputBytes)
        }
        let document: StrictJSON
        do { document = try StrictJSON.parse(Array(json)) } catch { throw JobError.malformedJSON(error) }
        guard case .object(let object) = document else { throw JobError.notAnObject }
        if let unknown = object.keys.sorted().first(where: { !Self.knownFields.contains($0) }) {
            throw JobError.unknownField(unknown)
        }
        let f = MessageJobFields(object: object)
        self.operation = operation

        let suiteID = try f.requiredInteger("cipher_suite", in: 0...Int64(UInt16.max))
        do { suite = try CipherSuite(id: UInt16(suiteID)) } catch {
            throw JobError.invalidField("cipher_suite", reason: "names suite \(suiteID), which is not implemented")
        }
        let mode = try f.requiredString("mode")
        guard mode == "rfc9420" || mode == "pprf" else {
            throw JobError.invalidField("mode", reason: "must be \"rfc9420\" or \"pprf\"")
        }
        pprfMode = mode == "pprf"
        var context: GroupContext
        do { context = try GroupContext(tlsDecoding: try f.requiredHex("group_context")) } catch let error as JobError {
            throw error
        } catch {
            throw JobError.invalidField("group_context", reason: "is not a TLS-encoded GroupContext (\(error))")
        }
        guard context.cipherSuite == suite.id else {
            throw JobError.invalidField(
                "cipher_suite", reason: "is \(suite.id) but the group_context names suite \(context.cipherSuite)")
        }
        let nhWhat = "KDF.Nh of suite \(suite.id)"
        encryptionSecret = try f.requiredSecret("encryption_secret", length: suite.nh, what: nhWhat)
        senderDataSecret = try f.requiredSecret("sender_data_secret", length: suite.nh, what: nhWhat)

        // Fields of either mode and operation are range-checked whenever present.
        let leaf = try f.integer("sender_leaf", in: 0...Int64(UInt32.max))
        let leaves = try f.integer("n_leaves", in: 1...Int64(SecretTree.maxLeafCount))
        let bits = try f.integer("challenge_bits", in: 1...256)
        let profileName = try f.string("profile")
        let paddingValue = try f.integer("padding", in: 0...Int64(Self.maxPadding))
        let privateKeyBytes = try f.hex("signature_private_key")
        let publicKeys = try f.hexList("signature_public_keys")
        let plaintexts = try f.hexList("plaintexts")
        let messages = try f.hexList("messages")
        authenticatedData = try f.hex("authenticated_data") ?? []
        padding = Int(paddingValue ?? 0)

        if pprfMode {
            guard let bits else { throw JobError.missingField("challenge_bits") }
            guard let profileName else { throw JobError.missingField("profile") }
            guard let profile = PRGProfile(name: profileName) else {
                throw JobError.invalidField("profile", reason: "must be \"mls\", \"blake2b\" or \"cbst\"")
            }
            guard profile != .blake2b || suite.nh == 32 else {
                throw JobError.invalidField(
                    "profile", reason: "blake2b needs KDF.Nh = 32; suite \(suite.id) has \(suite.nh)")
            }
            let p: PPRFParameters
            do { p = try PPRFParameters(challengeBits: Int(bits), profile: profile) } catch {
                throw JobError.invalidField("challenge_bits", reason: "\(error)")
            }
            let existing = context.extensions.filter { $0.type == PPRFParameters.extensionType }
            guard existing.count <= 1 else {
                throw JobError.invalidField(
                    "group_context",
                    reason: "carries \(existing.count) PPRFParameters extensions; exactly one is allowed")
            }
            if let ext = existing.first {
                guard ext.data == p.tlsEncoded else {
                    throw JobError.invalidField(
                        "group_context", reason: "carries PPRFParameters that differ from challenge_bits and profile")
                }
            } else {
                context.extensions.append(p.groupContextExtension)
            }
            parameters = p
            leafCount = 0
        } else {
            guard let leaves else { throw JobError.missingField("n_leaves") }
            parameters = nil
            leafCount = UInt32(leaves)
        }
        groupContext = context

        switch operation {
        case .protect:
            guard let leaf else { throw JobError.missingField("sender_leaf") }
            if !pprfMode, leaf >= Int64(leafCount) {
                throw JobError.invalidField("sender_leaf", reason: "must be below n_leaves (\(leafCount)), got \(leaf)")
            }
            senderLeaf = UInt32(leaf)
            guard let privateKeyBytes else { throw JobError.missingField("signature_private_key") }
            let size = suite.signature.privateKeySize
            guard privateKeyBytes.count == size else {
                throw JobError.invalidField(
                    "signature_private_key",
                    reason: "must be \(size) bytes for suite \(suite.id), got \(privateKeyBytes.count)")
            }
            signaturePrivateKey = SecretBytes(copying: privateKeyBytes)
            guard let plaintexts else { throw JobError.missingField("plaintexts") }
            inputs = plaintexts
            signaturePublicKeys = publicKeys ?? []
        case .unprotect:
            senderLeaf = UInt32(leaf ?? 0)
            signaturePrivateKey = nil
            guard let publicKeys else { throw JobError.missingField("signature_public_keys") }
            signaturePublicKeys = publicKeys
            guard let messages else { throw JobError.missingField("messages") }
            inputs = messages
        }
    }

    /// The epoch's framing inputs (the secrets' lengths were checked while decoding).
    func epoch() throws(JobError) -> EpochContext {
        do {
            return try EpochContext(
                suite: suite, groupContext: groupContext, senderDataSecret: senderDataSecret, membershipKey: nil)
        } catch {
            throw JobError.messageFailed(index: 0, error: "\(error)")
        }
    }

    /// Runs the job: one hex MLSMessage per plaintext (protect) or one hex plaintext per message (unprotect).
    public func run() throws(JobError) -> [String] {
        switch operation {
        case .protect: try protect()
        case .unprotect: try unprotect()
        }
    }
}
