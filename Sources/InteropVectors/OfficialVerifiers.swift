import Foundation
import MLSCore
import MLSCrypto

/// Verifiers for the official RFC 9420 interop vector kinds (mlswg/mls-implementations).
enum OfficialVerifiers {
    static func cryptoBasics(_ e: VectorEntry, _ suite: CipherSuite) throws(FieldMismatch) {
        let r = try e.child("ref_hash")
        try r.expect(
            "out",
            try attempt(r.name("out")) { try suite.refHash(label: try r.string("label"), value: try r.hex("value")) })
        let x = try e.child("expand_with_label")
        try x.expect(
            "out",
            try attempt(x.name("out")) {
                try suite.expandWithLabel(
                    try x.secret("secret"), label: try x.string("label"), context: try x.hex("context"),
                    length: try x.int("length", max: 65535))
            })
        let d = try e.child("derive_secret")
        try d.expect(
            "out",
            try attempt(d.name("out")) { try suite.deriveSecret(try d.secret("secret"), label: try d.string("label")) })
        let t = try e.child("derive_tree_secret")
        try t.expect(
            "out",
            try attempt(t.name("out")) {
                try suite.deriveTreeSecret(
                    try t.secret("secret"), label: try t.string("label"),
                    generation: UInt32(truncatingIfNeeded: try t.int("generation")),
                    length: try t.int("length", max: 65535))
            })
        let s = try e.child("sign_with_label")
        let pub = try s.hex("pub")
        try s.expect("pub", try attempt(s.name("pub")) { try suite.signature.publicKey(for: try s.secret("priv")) })
        let valid = try attempt(s.name("signature")) {
            try suite.verifyWithLabel(
                publicKey: pub, label: try s.string("label"), content: try s.hex("content"),
                signature: try s.hex("signature"))
        }
        try s.require(valid, "signature")
        let h = try e.child("encrypt_with_label")
        let opened = try attempt(h.name("ciphertext")) {
            try suite.decryptWithLabel(
                privateKey: try h.secret("priv"), label: try h.string("label"), context: try h.hex("context"),
                kemOutput: try h.hex("kem_output"), ciphertext: try h.hex("ciphertext"))
        }
        try h.expect("plaintext", opened)
        try h.expect("pub", try attempt(h.name("pub")) { try suite.kem.publicKey(privateScalar: try h.secret("priv")) })
    }

    static func secretTree(_ e: VectorEntry, _ suite: CipherSuite) throws(FieldMismatch) {
        let sd = try e.child("sender_data")
        let senderDataSecret = try sd.secret("sender_data_secret")
        let epoch = try attempt(sd.name("sender_data_secret")) {
            try EpochContext(
                suite: suite,
                groupContext: GroupContext(
                    cipherSuite: suite.id, groupID: [], epoch: 0, treeHash: [], confirmedTranscriptHash: []),
                senderDataSecret: senderDataSecret, membershipKey: nil)
        }
        let (key, nonce) = try attempt(sd.name("key")) {
            try epoch.senderDataKeyNonce(ciphertext: try sd.hex("ciphertext"))
        }
        try sd.expect("key", key)
        try sd.expect("nonce", nonce)
        let leaves = try e.list("leaves")
        let encryptionSecret = try e.secret("encryption_secret")
        guard let leafCount = UInt32(exactly: leaves.count) else { throw FieldMismatch(field: "leaves") }
        var tree = try attempt("encryption_secret") {
            try SecretTree(suite: suite, encryptionSecret: encryptionSecret, leafCount: leafCount)
        }
        for (leaf, generations) in leaves.enumerated() {
            guard let list = generations as? [[String: Any]] else { throw FieldMismatch(field: "leaves[\(leaf)]") }
            for (i, object) in list.enumerated() {
                let g = VectorEntry(object, path: "leaves[\(leaf)][\(i)]")
                let generation = UInt32(truncatingIfNeeded: try g.int("generation"))
                for type in RatchetType.allCases {
                    let kn = try attempt(g.name("\(type.rawValue)_key")) {
                        try tree.consumeKey(leaf: UInt32(leaf), type: type, generation: generation)
                    }
                    try g.expect("\(type.rawValue)_key", kn.key)
                    try g.expect("\(type.rawValue)_nonce", kn.nonce)
                }
            }
        }
    }

    static func keySchedule(_ e: VectorEntry, _ suite: CipherSuite) throws(FieldMismatch) {
        var initSecret = try e.secret("initial_init_secret")
        for (i, ep) in try e.children("epochs").enumerated() {
            let context = GroupContext(
                cipherSuite: suite.id, groupID: try e.hex("group_id"), epoch: UInt64(i),
                treeHash: try ep.hex("tree_hash"),
                confirmedTranscriptHash: try ep.hex("confirmed_transcript_hash"))
            try ep.expect("group_context", context.tlsEncoded)
            let s = try attempt(ep.name("joiner_secret")) {
                try KeySchedule.epochSecrets(
                    suite: suite, initSecret: initSecret, commitSecret: try ep.secret("commit_secret"),
                    pskSecret: try ep.secret("psk_secret"), groupContext: context)
            }
            let fields: [(String, SecretBytes)] = [
                ("joiner_secret", s.joinerSecret), ("welcome_secret", s.welcomeSecret), ("init_secret", s.initSecret),
                ("sender_data_secret", s.senderDataSecret), ("encryption_secret", s.encryptionSecret),
                ("exporter_secret", s.exporterSecret), ("epoch_authenticator", s.epochAuthenticator),
                ("external_secret", s.externalSecret), ("confirmation_key", s.confirmationKey),
                ("membership_key", s.membershipKey), ("resumption_psk", s.resumptionPSK),
            ]
            for (key, value) in fields { try ep.expect(key, value) }
            try ep.expect(
                "external_pub",
                try attempt(ep.name("external_pub")) { try suite.kem.deriveKeyPair(ikm: s.externalSecret).publicKey })
            let x = try ep.child("exporter")
            try x.expect(
                "secret",
                try attempt(x.name("secret")) {
                    try KeySchedule.export(
                        suite: suite, exporterSecret: s.exporterSecret, label: try x.string("label"),
                        context: try x.hex("context"),
                        length: try x.int("length", max: 65535))
                })
            initSecret = s.initSecret
        }
    }

    static func pskSecret(_ e: VectorEntry, _ suite: CipherSuite) throws(FieldMismatch) {
        var psks: [KeySchedule.ExternalPSK] = []
        for p in try e.children("psks") {
            psks.append(
                KeySchedule.ExternalPSK(
                    id: try p.hex("psk_id"), secret: try p.secret("psk"), nonce: try p.hex("psk_nonce")))
        }
        try e.expect("psk_secret", try attempt("psk_secret") { try KeySchedule.pskSecret(suite: suite, psks: psks) })
    }

    static func messageProtection(_ e: VectorEntry, _ suite: CipherSuite) throws(FieldMismatch) {
        let context = GroupContext(
            cipherSuite: suite.id, groupID: try e.hex("group_id"), epoch: try e.int("epoch"),
            treeHash: try e.hex("tree_hash"),
            confirmedTranscriptHash: try e.hex("confirmed_transcript_hash"))
        let senderDataSecret = try e.secret("sender_data_secret")
        let membershipKey = try e.secret("membership_key")
        let epoch = try attempt("sender_data_secret") {
            try EpochContext(
                suite: suite, groupContext: context, senderDataSecret: senderDataSecret, membershipKey: membershipKey)
        }
        let pub = try e.hex("signature_pub")
        let keys: (UInt32) -> [UInt8]? = { $0 == 1 ? pub : nil }
        let proposal = try attempt("proposal") {
            ContentBody.proposal(try Proposal(tlsDecoding: try e.hex("proposal")))
        }
        let commit = try attempt("commit") { ContentBody.commit(try Commit(tlsDecoding: try e.hex("commit"))) }
        for (field, body) in [("proposal_pub", proposal), ("commit_pub", commit)] {
            let bytes = try e.hex(field)
            try attempt(field) {
                let message = try MLSMessage(tlsDecoding: bytes)
                guard message.tlsEncoded == bytes, case .publicMessage(let m) = message,
                    try epoch.verifyPublic(m, signaturePublicKey: keys).body == body
                else { throw FieldMismatch(field: field) }
            }
        }
        let application = ContentBody.application(try e.hex("application"))
        for (field, body) in [("proposal_priv", proposal), ("commit_priv", commit), ("application_priv", application)] {
            let bytes = try e.hex(field)
            try attempt(field) {
                let message = try MLSMessage(tlsDecoding: bytes)
                guard message.tlsEncoded == bytes, case .privateMessage(let m) = message else {
                    throw FieldMismatch(field: field)
                }
                var receiver = try RFC9420MessageProtector(
                    epoch: epoch, encryptionSecret: try e.secret("encryption_secret"), leafCount: 2)
                guard try receiver.unprotect(m, signaturePublicKey: keys).content.body == body else {
                    throw FieldMismatch(field: field)
                }
            }
        }
    }

    static func transcriptHashes(_ e: VectorEntry, _ suite: CipherSuite) throws(FieldMismatch) {
        let update = try attempt("authenticated_content") {
            try TranscriptHash.update(
                suite: suite, interimBefore: try e.hex("interim_transcript_hash_before"),
                authenticatedContent: try e.hex("authenticated_content"))
        }
        try e.expect("confirmed_transcript_hash_after", update.confirmedTranscriptHash)
        let tag = try attempt("confirmation_key") {
            try suite.mac(key: try e.secret("confirmation_key"), data: update.confirmedTranscriptHash)
        }
        try e.require(tag == update.confirmationTag, "confirmation_key")
        try e.expect("interim_transcript_hash_after", update.interimTranscriptHash)
    }

    static func treeMath(_ e: VectorEntry) throws(FieldMismatch) {
        let tree = TreeMath(leafCount: UInt32(truncatingIfNeeded: max(try e.int("n_leaves"), 1)))
        try e.require(UInt64(tree.width) == (try e.int("n_nodes")), "n_nodes")
        try e.require(UInt64(tree.root) == (try e.int("root")), "root")
        let functions: [(String, (UInt32) -> UInt32?)] = [
            ("left", tree.left), ("right", tree.right), ("parent", tree.parent), ("sibling", tree.sibling),
        ]
        for (key, function) in functions {
            let values = try e.list(key)
            try e.require(values.count == Int(tree.width), key)
            for (x, value) in values.enumerated() {
                let expected = (value as? NSNumber)?.uint32Value
                try e.require(function(UInt32(x)).map(UInt64.init) == expected.map(UInt64.init), "\(key)[\(x)]")
            }
        }
    }

    static func deserialization(_ e: VectorEntry) throws(FieldMismatch) {
        var reader = TLSReader(try e.hex("vlbytes_header"))
        let length = try attempt("vlbytes_header") { () throws -> Int in
            let n = try reader.readVarint()
            try reader.finish()
            return n
        }
        try e.require(UInt64(length) == (try e.int("length")), "length")
    }
}
