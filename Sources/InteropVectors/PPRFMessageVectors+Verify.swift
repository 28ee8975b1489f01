import Foundation
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

extension PPRFMessageVectors {
    /// Checks one entry the way Vectors/README.md tells an implementer to: every intermediate value in a
    /// receiver's order, then the message through `PPRFMessageProtector` on one receiver for the whole
    /// sequence, then (Ed25519) protecting again gives the same bytes.
    static func verify(_ e: VectorEntry) throws(FieldMismatch) {
        let group = try Self.group(e)
        let receiver = try attempt("encryption_secret") { try group.member() }
        let tree = try attempt("encryption_secret") {
            try PPRF(
                secret: group.encryptionSecret, suite: group.suite,
                parameters: PPRFParameters(challengeBits: group.bits, profile: group.profile))
        }
        var senders: [UInt32: PPRFMessageProtector] = [:]
        for s in group.senders { senders[s.leaf] = try attempt("encryption_secret") { try group.member() } }
        let reproducible = group.suite.signature == .ed25519
        try e.require(
            (try e.string("signatures")) == (reproducible ? "reproducible" : "not reproducible"), "signatures")
        let messages = try e.children("messages")
        try e.require(!messages.isEmpty, "messages")
        for m in messages {
            try verifyMessage(m, group: group, tree: tree, receiver: receiver, senders: senders)
        }
    }

    /// The sequence's group: GroupContext from its fields (compared with `group_context`), the secrets and
    /// the senders' key pairs (each public key recomputed).
    static func group(_ e: VectorEntry) throws(FieldMismatch) -> VerifiedGroup {
        guard let suite = try e.suite() else { throw FieldMismatch(field: "cipher_suite") }
        guard let profile = PRGProfile(name: try e.string("profile")) else { throw FieldMismatch(field: "profile") }
        let b = try e.int("challenge_bits", max: 256)
        try e.require(b >= 1, "challenge_bits")
        let context = GroupContext(
            cipherSuite: suite.id, groupID: try e.hex("group_id"), epoch: try e.int("epoch"),
            treeHash: try e.hex("tree_hash"), confirmedTranscriptHash: try e.hex("confirmed_transcript_hash"),
            extensions: [
                try attempt("challenge_bits") { try PPRFParameters(challengeBits: b, profile: profile) }
                    .groupContextExtension
            ])
        try e.expect("group_context", context.tlsEncoded)
        let senderData = try e.secret("sender_data_secret")
        let epoch = try attempt("sender_data_secret") {
            try EpochContext(suite: suite, groupContext: context, senderDataSecret: senderData, membershipKey: nil)
        }
        var senders: [(leaf: UInt32, priv: SecretBytes, pub: [UInt8])] = []
        for s in try e.children("senders") {
            let leaf = UInt32(try s.int("leaf", max: Int(UInt32.max)))
            let priv = try s.secret("signature_priv")
            try s.expect(
                "signature_pub", try attempt(s.name("signature_pub")) { try suite.signature.publicKey(for: priv) })
            try s.require(!senders.contains { $0.leaf == leaf }, "leaf")
            senders.append((leaf, priv, try s.hex("signature_pub")))
        }
        return VerifiedGroup(
            suite: suite, profile: profile, bits: b, context: context,
            encryptionSecret: try e.secret("encryption_secret"),
            epoch: epoch, senders: senders)
    }

    static func verifyMessage(
        _ m: VectorEntry, group: VerifiedGroup, tree: PPRF, receiver: PPRFMessageProtector,
        senders: [UInt32: PPRFMessageProtector]
    ) throws(FieldMismatch) {
        let suite = group.suite
        let leafIndex = UInt32(try m.int("sender_leaf", max: Int(UInt32.max)))
        guard let sender = senders[leafIndex], let pub = group.publicKey(leafIndex),
            let priv = group.privateKey(leafIndex)
        else { throw FieldMismatch(field: m.name("sender_leaf")) }
        guard let type = contentType(try m.string("content_type")) else {
            throw FieldMismatch(field: m.name("content_type"))
        }
        let body = try attempt(m.name("content")) { try MessageGroup.body(type: type, content: try m.hex("content")) }
        let aad = try m.hex("authenticated_data")
        let padding = try m.int("padding", max: VectorEntry.maxPadding)
        var tag: [UInt8]? = nil
        if !(m.object["confirmation_tag"] is NSNull) { tag = try m.hex("confirmation_tag") }
        try m.require((tag != nil) == (type == .commit), "confirmation_tag")
        let pmBytes = try m.hex("private_message")
        let message = try attempt(m.name("private_message")) { () throws -> PrivateMessage in
            guard case .privateMessage(let pm) = try MLSMessage(tlsDecoding: pmBytes) else {
                throw FieldMismatch(field: m.name("private_message"))
            }
            return pm
        }
        try m.require(message.contentType == type, "content_type")
        // 1-2. The challenge: the first ceil(b/8) bytes of authenticated_data.
        let x = try attempt(m.name("challenge")) {
            try Challenge(bytes: try m.hex("challenge"), challengeBits: group.bits)
        }
        try m.require(message.authenticatedData == x.bytes + aad, "authenticated_data")
        // 5. Sender data: key and nonce from the ciphertext sample, AAD, plaintext.
        try m.expect("sender_data_aad", message.senderDataAAD)
        let (sdKey, sdNonce) = try attempt(m.name("sender_data_key")) {
            try group.epoch.senderDataKeyNonce(ciphertext: message.ciphertext)
        }
        try m.expect("sender_data_key", sdKey)
        try m.expect("sender_data_nonce", sdNonce)
        let senderData = try attempt(m.name("sender_data")) {
            try suite.aead.open(
                key: sdKey, nonce: sdNonce, aad: message.senderDataAAD, ciphertext: message.encryptedSenderData)
        }
        try m.expect("sender_data", senderData)
        try m.require(senderData == PPRFSenderData(leafIndex: leafIndex).tlsEncoded, "sender_data")
        // 6-7. PPRF(x), ratchet, key and nonce.
        let leaf = try attempt(m.name("leaf_secret")) { try tree.evaluate(at: x) }
        try m.expect("leaf_secret", leaf)
        let ratchetType = ChallengeKeys.ratchetType(for: type)
        if group.profile == .cbst {
            try m.require(m.object["ratchet_secret"] is NSNull, "ratchet_secret")
        } else {
            try m.expect(
                "ratchet_secret",
                try attempt(m.name("ratchet_secret")) {
                    try suite.expandWithLabel(leaf, label: ratchetType.rawValue, context: [], length: suite.nh)
                })
        }
        let keys = try attempt(m.name("key")) {
            try ChallengeKeys.derive(suite: suite, leafSecret: leaf, type: ratchetType, profile: group.profile)
        }
        try m.expect("key", keys.key)
        try m.expect("nonce", keys.nonce)
        try m.expect("private_content_aad", message.contentAAD)
        let plaintext = try attempt(m.name("private_message_content")) {
            try suite.aead.open(
                key: keys.key, nonce: keys.nonce, aad: message.contentAAD, ciphertext: message.ciphertext)
        }
        try m.expect("private_message_content", plaintext)
        let content = FramedContent(
            groupID: message.groupID, epoch: message.epoch, sender: .member(leafIndex),
            authenticatedData: message.authenticatedData, body: body)
        let tbs = content.toBeSigned(wireFormat: .privateMessage, groupContext: group.context)
        try m.expect("framed_content_tbs", tbs)
        let signature = try m.hex("signature")
        let valid = try attempt(m.name("signature")) {
            try suite.verifyWithLabel(publicKey: pub, label: "FramedContentTBS", content: tbs, signature: signature)
        }
        try m.require(valid, "signature")
        let auth = FramedContentAuthData(signature: signature, confirmationTag: tag)
        try m.require(
            plaintext == PrivateMessageContent(body: body, auth: auth, paddingLength: padding).encoded,
            "private_message_content")
        // The whole message on the sequence's one receiver, which punctures at x.
        let opened = try attempt(m.name("private_message")) {
            try receiver.unprotect(message, signaturePublicKey: group.publicKey)
        }
        try m.require(opened.content.body == body && opened.auth == auth, "content")
        try m.require(opened.applicationAuthenticatedData == aad, "authenticated_data")
        try m.require(
            UInt64(receiver.state.storedNodeCount) == (try m.int("stored_nodes_after")), "stored_nodes_after")
        if group.suite.signature == .ed25519 {  // deterministic signatures: protecting again gives the same bytes
            let again = try attempt(m.name("private_message")) {
                try sender.protect(
                    body: body, authenticatedData: aad, senderLeaf: leafIndex, signaturePrivateKey: priv,
                    confirmationTag: tag, paddingLength: padding, challenge: x)
            }
            try m.expect("private_message", MLSMessage.privateMessage(again).tlsEncoded)
        }
    }
}

/// A message group read back from a vector entry.
struct VerifiedGroup {
    let suite: CipherSuite
    let profile: PRGProfile
    let bits: Int
    let context: GroupContext
    let encryptionSecret: SecretBytes
    let epoch: EpochContext
    let senders: [(leaf: UInt32, priv: SecretBytes, pub: [UInt8])]

    func member() throws(PPRFMessageError) -> PPRFMessageProtector {
        try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryptionSecret)
    }

    func publicKey(_ leaf: UInt32) -> [UInt8]? { senders.first { $0.leaf == leaf }?.pub }

    func privateKey(_ leaf: UInt32) -> SecretBytes? { senders.first { $0.leaf == leaf }?.priv }
}
