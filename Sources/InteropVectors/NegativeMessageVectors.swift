import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

/// `Vectors/pprf-message-negative.json`: messages a receiver must refuse (SPEC.md sections 1 and 7), each
/// with the receiver's inputs, the messages it accepted before, the error it must raise and its state
/// encoding before and after (identical).
///
/// The generator runs every case through `PPRFMessageProtector` and refuses to write a case whose error
/// differs from the one it was built to provoke.
public enum NegativeMessageVectors {
    /// The file name.
    public static let fileName = "pprf-message-negative.json"
    /// (suite, profile, b) covered by default: b = 13 has unused challenge bits, suite 5 (KDF.Nh = 64) cannot
    /// run `blake2b`.
    static let defaults: [(UInt16, PRGProfile, Int)] = [(1, .mls, 13), (3, .blake2b, 96), (5, .mls, 64)]

    /// One case: its name, the error, the receiver's GroupContext (when not the group's), the messages the
    /// receiver accepts first and the refused message.
    struct Case {
        let name: String
        let error: String
        var groupContext: GroupContext?
        var prior: [[UInt8]] = []
        let message: [UInt8]
    }

    /// Generates every entry.
    public static func generate(_ options: GeneratorOptions = .committed) throws -> JSONValue {
        let rng = try options.rng(file: fileName)
        var entries: [JSONValue] = []
        for (suiteID, profile, b) in options.configurations(defaults) {
            let label = "suite \(suiteID) \(profile) b=\(b)"
            let group = try MessageGroup(suiteID: suiteID, profile: profile, bits: b, label: label, rng: rng)
            for c in try cases(group, label: label, rng: rng) {
                entries.append(try entry(c, group: group))
            }
        }
        return .array(entries)
    }

    /// Runs the case on a fresh receiver and writes it, after checking that the receiver raises `c.error`
    /// and keeps its state.
    static func entry(_ c: Case, group: MessageGroup) throws -> JSONValue {
        let context = c.groupContext ?? group.context
        let outcome = try NegativeMessageVectors.run(
            suite: group.suite, context: context, senderDataSecret: group.senderDataSecret,
            encryptionSecret: group.encryptionSecret, members: group.publicKey, prior: c.prior, message: c.message)
        guard outcome.error == c.error, outcome.stateBefore == outcome.stateAfter else {
            throw FieldMismatch(field: "\(c.name): raised \(outcome.error), expected \(c.error)")
        }
        let state: ([UInt8]?) -> JSONValue = { $0.map { JSONValue.hex($0) } ?? JSONValue.null }
        return .object([
            ("cipher_suite", .int(Int64(group.suite.id))), ("profile", .string("\(group.profile)")),
            ("challenge_bits", .int(Int64(group.bits))), ("case", .string(c.name)), ("error", .string(c.error)),
            ("group_context", .hex(context.tlsEncoded)),
            ("encryption_secret", .hex(group.encryptionSecret.exportedForTestVectors())),
            ("sender_data_secret", .hex(group.senderDataSecret.exportedForTestVectors())),
            (
                "members",
                .array(
                    group.senders.map { .object([("leaf", .int(Int64($0.leaf))), ("signature_pub", .hex($0.pub))]) })
            ),
            ("prior_messages", .array(c.prior.map { .hex($0) })), ("state_before", state(outcome.stateBefore)),
            ("message", .hex(c.message)), ("state_after", state(outcome.stateAfter)),
        ])
    }

    /// Every case for one group: each error of SPEC.md section 7 (and section 1's parameter errors) at least
    /// once, and each field of the PrivateMessage a tamper can hit.
    static func cases(_ group: MessageGroup, label: String, rng: VectorRNG) throws -> [Case] {
        let suite = group.suite
        let n = (group.bits + 7) / 8
        let x = try group.challenge("\(label)/challenge", rng: rng, avoiding: [])
        let aad = try rng.bytes("\(label)/authenticated_data", 5)
        let content = ContentBody.application(try rng.bytes("\(label)/content", 42))
        let base = try protect(group, body: content, aad: aad, challenge: x, from: 1)
        let encoded = { (m: PrivateMessage) in MLSMessage.privateMessage(m).tlsEncoded }
        func tampered(_ change: (inout PrivateMessage) -> Void) -> [UInt8] {
            var m = base
            change(&m)
            return encoded(m)
        }
        var list: [Case] = [
            Case(name: "replayed message", error: "challenge_reused", prior: [encoded(base)], message: encoded(base)),
            Case(
                name: "a second sender drew the same challenge", error: "challenge_reused", prior: [encoded(base)],
                message: encoded(
                    try protect(group, body: .application(Array("other".utf8)), aad: [], challenge: x, from: 3))),
            Case(name: "wrong group_id", error: "wrong_group", message: tampered { $0.groupID[0] ^= 0x01 }),
            Case(name: "wrong epoch", error: "wrong_epoch", message: tampered { $0.epoch += 1 }),
            Case(
                name: "authenticated_data shorter than the challenge", error: "missing_challenge",
                message: tampered { $0.authenticatedData = Array(x.bytes.prefix(n - 1)) }),
            Case(
                name: "encrypted_sender_data one byte short", error: "sender_data_length",
                message: tampered { $0.encryptedSenderData.removeLast() }),
            Case(
                name: "encrypted_sender_data one byte long", error: "sender_data_length",
                message: tampered { $0.encryptedSenderData.append(0) }),
            Case(
                name: "ciphertext shorter than an AEAD tag", error: "ciphertext_too_short",
                message: tampered { $0.ciphertext = Array($0.ciphertext.prefix(suite.aead.tagSize - 1)) }),
            Case(
                name: "tampered encrypted_sender_data", error: "sender_data_decryption_failed",
                message: tampered { $0.encryptedSenderData[0] ^= 0x01 }),
            Case(
                name: "tampered ciphertext inside the sender-data sample", error: "sender_data_decryption_failed",
                message: tampered { $0.ciphertext[0] ^= 0x01 }),
            Case(
                name: "tampered content_type (application to proposal)", error: "sender_data_decryption_failed",
                message: tampered { $0.contentType = .proposal }),
            Case(
                name: "tampered ciphertext after the sample (the AEAD tag)", error: "content_decryption_failed",
                message: tampered { $0.ciphertext[$0.ciphertext.count - 1] ^= 0x01 }),
            Case(
                name: "tampered challenge (first bit flipped)", error: "content_decryption_failed",
                message: tampered { $0.authenticatedData[0] ^= 0x80 }),
            Case(
                name: "tampered application authenticated_data", error: "content_decryption_failed",
                message: tampered { $0.authenticatedData[n] ^= 0x01 }),
            Case(
                name: "unknown content_type byte", error: "malformed_message",
                message: contentTypeByte(4, in: encoded(base), groupIDLength: base.groupID.count)),
            Case(
                name: "non-zero padding", error: "non_zero_padding",
                message: encoded(
                    try craft(group, challenge: x, aad: aad) { auth in
                        var plaintext = PrivateMessageContent(body: content, auth: auth, paddingLength: 4).encoded
                        plaintext[plaintext.count - 1] = 0x01
                        return plaintext
                    })),
            Case(
                name: "content that does not parse (length beyond the plaintext)", error: "malformed_content",
                message: encoded(try craft(group, challenge: x, aad: aad) { _ in [0x3F, 0x01, 0x02, 0x03] })),
            Case(
                name: "signature by another member's key", error: "invalid_signature",
                message: encoded(try protect(group, body: content, aad: aad, challenge: x, from: 1, keyOf: 3))),
            Case(
                name: "sender leaf without a signature key", error: "unknown_sender",
                message: encoded(try protect(group, body: content, aad: aad, challenge: x, from: 5, keyOf: 1))),
        ]
        if group.bits % 8 != 0 {
            list.insert(
                Case(
                    name: "unused challenge bits set", error: "challenge_padding_bits_set",
                    message: tampered { $0.authenticatedData[n - 1] |= 0x01 }), at: 4)
        }
        list += try parameterCases(group, message: encoded(base))
        return list
    }

    /// The receiver's GroupContext carries no, two, or a malformed PPRFParameters extension: the receiver
    /// cannot be built, so there is no state (`null`).
    static func parameterCases(_ group: MessageGroup, message: [UInt8]) throws -> [Case] {
        let good = try PPRFParameters(challengeBits: group.bits, profile: group.profile).groupContextExtension
        let type = PPRFParameters.extensionType
        func with(_ extensions: [Extension]) -> GroupContext {
            var context = group.context
            context.extensions = extensions
            return context
        }
        func data(_ bytes: [UInt8]) -> Extension { Extension(type: type, data: bytes) }
        var list = [
            Case(
                name: "no PPRFParameters extension", error: "missing_parameters", groupContext: with([]),
                message: message),
            Case(
                name: "two equal PPRFParameters extensions", error: "duplicate_parameters",
                groupContext: with([good, good]), message: message),
            Case(
                name: "PPRFParameters challenge_bits = 0", error: "invalid_parameters",
                groupContext: with([data([0, 0, 0, 1])]), message: message),
            Case(
                name: "PPRFParameters challenge_bits = 257", error: "invalid_parameters",
                groupContext: with([data([1, 1, 0, 1])]), message: message),
            Case(
                name: "PPRFParameters profile = 0", error: "invalid_parameters",
                groupContext: with([data([0, 64, 0, 0])]), message: message),
            Case(
                name: "PPRFParameters profile = 5", error: "invalid_parameters",
                groupContext: with([data([0, 64, 0, 5])]), message: message),
            Case(
                name: "PPRFParameters truncated (3 bytes)", error: "invalid_parameters",
                groupContext: with([data(Array(good.data.prefix(3)))]), message: message),
            Case(
                name: "PPRFParameters with a trailing byte", error: "invalid_parameters",
                groupContext: with([data(good.data + [0])]), message: message),
        ]
        if group.suite.nh != 32 {
            list.append(
                Case(
                    name: "profile blake2b in a suite with KDF.Nh = \(group.suite.nh)",
                    error: "profile_unsupported_for_suite",
                    groupContext: with([
                        try PPRFParameters(challengeBits: group.bits, profile: .blake2b).groupContextExtension
                    ]),
                    message: message))
        }
        return list
    }

    /// A valid message from `leaf`, signed with `keyOf`'s key (the same leaf unless a case forges it).
    static func protect(
        _ group: MessageGroup, body: ContentBody, aad: [UInt8], challenge: Challenge, from leaf: UInt32,
        keyOf signer: UInt32? = nil
    ) throws -> PrivateMessage {
        guard let key = group.privateKey(signer ?? leaf) else { throw FieldMismatch(field: "signer") }
        return try group.member().protect(
            body: body, authenticatedData: aad, senderLeaf: leaf, signaturePrivateKey: key, challenge: challenge)
    }

    /// A message from leaf 1 whose PrivateMessageContent plaintext is `plaintext(auth)` instead of the
    /// encoding of its content, encrypted with x's key and nonce: for content errors past the AEAD.
    static func craft(
        _ group: MessageGroup, challenge x: Challenge, aad: [UInt8], plaintext: (FramedContentAuthData) -> [UInt8]
    ) throws -> PrivateMessage {
        let suite = group.suite
        guard let key = group.privateKey(1) else { throw FieldMismatch(field: "signer") }
        let framed = FramedContent(
            groupID: group.context.groupID, epoch: group.context.epoch, sender: .member(1),
            authenticatedData: x.bytes + aad, body: .application(Array("crafted".utf8)))
        let auth = try group.epoch.sign(framed, wireFormat: .privateMessage, privateKey: key, confirmationTag: nil)
        let tree = try PPRF(
            secret: group.encryptionSecret, suite: suite,
            parameters: PPRFParameters(challengeBits: group.bits, profile: group.profile))
        let keys = try ChallengeKeys.derive(
            suite: suite, leafSecret: try tree.evaluate(at: x), type: .application, profile: group.profile)
        var message = PrivateMessage(
            groupID: framed.groupID, epoch: framed.epoch, contentType: .application,
            authenticatedData: framed.authenticatedData, encryptedSenderData: [], ciphertext: [])
        message.ciphertext = try suite.aead.seal(
            key: keys.key, nonce: keys.nonce, aad: message.contentAAD, plaintext: plaintext(auth))
        let (sdKey, sdNonce) = try group.epoch.senderDataKeyNonce(ciphertext: message.ciphertext)
        message.encryptedSenderData = try suite.aead.seal(
            key: sdKey, nonce: sdNonce, aad: message.senderDataAAD, plaintext: PPRFSenderData(leafIndex: 1).tlsEncoded)
        return message
    }

    /// The MLSMessage with its PrivateMessage's `content_type` byte replaced: after version (2), wire format
    /// (2), the group_id's varint length and bytes, and the epoch (8).
    static func contentTypeByte(_ value: UInt8, in encoded: [UInt8], groupIDLength: Int) -> [UInt8] {
        var bytes = encoded
        let varint = groupIDLength < 64 ? 1 : (groupIDLength < 16384 ? 2 : 4)
        bytes[4 + varint + groupIDLength + 8] = value
        return bytes
    }
}
