import MLSCore
import MLSCrypto
import RFC9420Vectors

/// Verifiers for the official RFC 9420 interop vector kinds (mlswg/mls-implementations): each entry is read
/// into its `RFC9420Vectors` model (a field that cannot be read fails the entry, named), then every output is
/// recomputed by our implementation and compared; the first disagreeing field is named as a path from the entry
/// (`epochs[2].membership_key`).
enum OfficialVerifiers {
    /// Throws a mismatch naming `field` unless `computed` equals the vector's bytes.
    static func expect(_ field: String, _ expected: HexBytes, _ computed: [UInt8]) throws(FieldMismatch) {
        guard expected.bytes == computed else { throw FieldMismatch(field: field) }
    }

    /// Same as ``expect(_:_:_:)-(String,HexBytes,[UInt8])`` for a secret, compared in constant time.
    static func expect(_ field: String, _ expected: HexBytes, _ computed: SecretBytes) throws(FieldMismatch) {
        guard expected.secret == computed else { throw FieldMismatch(field: field) }
    }

    /// Throws a mismatch naming `field` unless `condition` holds.
    static func require(_ condition: Bool, _ field: String) throws(FieldMismatch) {
        guard condition else { throw FieldMismatch(field: field) }
    }

    static func cryptoBasics(_ e: VectorEntry, _ suite: CipherSuite) throws(FieldMismatch) {
        let v = try e.model(CryptoBasicsVector.self)
        let r = v.refHash
        try expect(
            "ref_hash.out", r.out,
            try attempt("ref_hash.out") { try suite.refHash(label: r.label, value: r.value.bytes) })
        let x = v.expandWithLabel
        try expect(
            "expand_with_label.out", x.out,
            try attempt("expand_with_label.out") {
                try suite.expandWithLabel(
                    x.secret.secret, label: x.label, context: x.context.bytes, length: Int(x.length))
            })
        let d = v.deriveSecret
        try expect(
            "derive_secret.out", d.out,
            try attempt("derive_secret.out") { try suite.deriveSecret(d.secret.secret, label: d.label) })
        let t = v.deriveTreeSecret
        try expect(
            "derive_tree_secret.out", t.out,
            try attempt("derive_tree_secret.out") {
                try suite.deriveTreeSecret(
                    t.secret.secret, label: t.label, generation: t.generation, length: Int(t.length))
            })
        try signWithLabel(v.signWithLabel, suite)
        try encryptWithLabel(v.encryptWithLabel, suite)
    }

    /// `sign_with_label`: the public key from the private one, and the signature verifies (ECDSA signatures are
    /// random, so they are verified, not compared).
    static func signWithLabel(_ s: CryptoBasicsVector.SignWithLabel, _ suite: CipherSuite) throws(FieldMismatch) {
        try expect(
            "sign_with_label.pub", s.pub,
            try attempt("sign_with_label.pub") { try suite.signature.publicKey(for: s.priv.secret) })
        let valid = try attempt("sign_with_label.signature") {
            try suite.verifyWithLabel(
                publicKey: s.pub.bytes, label: s.label, content: s.content.bytes, signature: s.signature.bytes)
        }
        try require(valid, "sign_with_label.signature")
    }

    /// `encrypt_with_label`: the ciphertext opens to the plaintext, and the public key matches the private one.
    static func encryptWithLabel(_ h: CryptoBasicsVector.EncryptWithLabel, _ suite: CipherSuite)
        throws(FieldMismatch)
    {
        let opened = try attempt("encrypt_with_label.ciphertext") {
            try suite.decryptWithLabel(
                privateKey: h.priv.secret, label: h.label, context: h.context.bytes, kemOutput: h.kemOutput.bytes,
                ciphertext: h.ciphertext.bytes)
        }
        try expect("encrypt_with_label.plaintext", h.plaintext, opened)
        try expect(
            "encrypt_with_label.pub", h.pub,
            try attempt("encrypt_with_label.pub") { try suite.kem.publicKey(privateScalar: h.priv.secret) })
    }

    static func secretTree(_ e: VectorEntry, _ suite: CipherSuite) throws(FieldMismatch) {
        let v = try e.model(SecretTreeVector.self)
        let sd = v.senderData
        let epoch = try attempt("sender_data.sender_data_secret") {
            try EpochContext(
                suite: suite,
                groupContext: GroupContext(
                    cipherSuite: suite.id, groupID: [], epoch: 0, treeHash: [], confirmedTranscriptHash: []),
                senderDataSecret: sd.senderDataSecret.secret, membershipKey: nil)
        }
        let (key, nonce) = try attempt("sender_data.key") {
            try epoch.senderDataKeyNonce(ciphertext: sd.ciphertext.bytes)
        }
        try expect("sender_data.key", sd.key, key)
        try expect("sender_data.nonce", sd.nonce, nonce)
        guard let leafCount = UInt32(exactly: v.leaves.count) else { throw FieldMismatch(field: "leaves") }
        var tree = try attempt("encryption_secret") {
            try SecretTree(suite: suite, encryptionSecret: v.encryptionSecret.secret, leafCount: leafCount)
        }
        for (leaf, generations) in zip(0..<leafCount, v.leaves) {
            for (i, g) in generations.enumerated() {
                let path = "leaves[\(leaf)][\(i)]."
                for type in RatchetType.allCases {
                    let kn = try attempt(path + "\(type.rawValue)_key") {
                        try tree.consumeKey(leaf: leaf, type: type, generation: g.generation)
                    }
                    let (expectedKey, expectedNonce) =
                        type == .handshake ? (g.handshakeKey, g.handshakeNonce) : (g.applicationKey, g.applicationNonce)
                    try expect(path + "\(type.rawValue)_key", expectedKey, kn.key)
                    try expect(path + "\(type.rawValue)_nonce", expectedNonce, kn.nonce)
                }
            }
        }
    }

    static func keySchedule(_ e: VectorEntry, _ suite: CipherSuite) throws(FieldMismatch) {
        let v = try e.model(KeyScheduleVector.self)
        var initSecret = v.initialInitSecret.secret
        for (i, ep) in v.epochs.enumerated() {
            let path = "epochs[\(i)]."
            let context = GroupContext(
                cipherSuite: suite.id, groupID: v.groupId.bytes, epoch: UInt64(i), treeHash: ep.treeHash.bytes,
                confirmedTranscriptHash: ep.confirmedTranscriptHash.bytes)
            try expect(path + "group_context", ep.groupContext, context.tlsEncoded)
            let s = try attempt(path + "joiner_secret") {
                try KeySchedule.epochSecrets(
                    suite: suite, initSecret: initSecret, commitSecret: ep.commitSecret.secret,
                    pskSecret: ep.pskSecret.secret, groupContext: context)
            }
            let fields: [(String, HexBytes, SecretBytes)] = [
                ("joiner_secret", ep.joinerSecret, s.joinerSecret),
                ("welcome_secret", ep.welcomeSecret, s.welcomeSecret),
                ("init_secret", ep.initSecret, s.initSecret),
                ("sender_data_secret", ep.senderDataSecret, s.senderDataSecret),
                ("encryption_secret", ep.encryptionSecret, s.encryptionSecret),
                ("exporter_secret", ep.exporterSecret, s.exporterSecret),
                ("epoch_authenticator", ep.epochAuthenticator, s.epochAuthenticator),
                ("external_secret", ep.externalSecret, s.externalSecret),
                ("confirmation_key", ep.confirmationKey, s.confirmationKey),
                ("membership_key", ep.membershipKey, s.membershipKey),
                ("resumption_psk", ep.resumptionPsk, s.resumptionPSK),
            ]
            for (key, expected, value) in fields { try expect(path + key, expected, value) }
            try expect(
                path + "external_pub", ep.externalPub,
                try attempt(path + "external_pub") { try suite.kem.deriveKeyPair(ikm: s.externalSecret).publicKey })
            let x = ep.exporter
            try expect(
                path + "exporter.secret", x.secret,
                try attempt(path + "exporter.secret") {
                    try KeySchedule.export(
                        suite: suite, exporterSecret: s.exporterSecret, label: x.label, context: x.context.bytes,
                        length: Int(x.length))
                })
            initSecret = s.initSecret
        }
    }

    static func pskSecret(_ e: VectorEntry, _ suite: CipherSuite) throws(FieldMismatch) {
        let v = try e.model(PSKSecretVector.self)
        let psks = v.psks.map {
            KeySchedule.ExternalPSK(id: $0.pskId.bytes, secret: $0.psk.secret, nonce: $0.pskNonce.bytes)
        }
        try expect(
            "psk_secret", v.pskSecret, try attempt("psk_secret") { try KeySchedule.pskSecret(suite: suite, psks: psks) }
        )
    }

    static func messageProtection(_ e: VectorEntry, _ suite: CipherSuite) throws(FieldMismatch) {
        let v = try e.model(MessageProtectionVector.self)
        let context = GroupContext(
            cipherSuite: suite.id, groupID: v.groupId.bytes, epoch: v.epoch, treeHash: v.treeHash.bytes,
            confirmedTranscriptHash: v.confirmedTranscriptHash.bytes)
        let epoch = try attempt("sender_data_secret") {
            try EpochContext(
                suite: suite, groupContext: context, senderDataSecret: v.senderDataSecret.secret,
                membershipKey: v.membershipKey.secret)
        }
        let pub = v.signaturePub.bytes
        let keys: (UInt32) -> [UInt8]? = { $0 == 1 ? pub : nil }
        let proposal = try attempt("proposal") { ContentBody.proposal(try Proposal(tlsDecoding: v.proposal.bytes)) }
        let commit = try attempt("commit") { ContentBody.commit(try Commit(tlsDecoding: v.commit.bytes)) }
        for (field, bytes, body) in [("proposal_pub", v.proposalPub, proposal), ("commit_pub", v.commitPub, commit)] {
            try attempt(field) {
                let message = try MLSMessage(tlsDecoding: bytes.bytes)
                guard message.tlsEncoded == bytes.bytes, case .publicMessage(let m) = message,
                    try epoch.verifyPublic(m, signaturePublicKey: keys).body == body
                else { throw FieldMismatch(field: field) }
            }
        }
        let privateForms = [
            ("proposal_priv", v.proposalPriv, proposal), ("commit_priv", v.commitPriv, commit),
            ("application_priv", v.applicationPriv, ContentBody.application(v.application.bytes)),
        ]
        for (field, bytes, body) in privateForms {
            try attempt(field) {
                let message = try MLSMessage(tlsDecoding: bytes.bytes)
                guard message.tlsEncoded == bytes.bytes, case .privateMessage(let m) = message else {
                    throw FieldMismatch(field: field)
                }
                var receiver = try RFC9420MessageProtector(
                    epoch: epoch, encryptionSecret: v.encryptionSecret.secret, leafCount: 2)
                guard try receiver.unprotect(m, signaturePublicKey: keys).content.body == body else {
                    throw FieldMismatch(field: field)
                }
            }
        }
    }

    static func transcriptHashes(_ e: VectorEntry, _ suite: CipherSuite) throws(FieldMismatch) {
        let v = try e.model(TranscriptHashesVector.self)
        let update = try attempt("authenticated_content") {
            try TranscriptHash.update(
                suite: suite, interimBefore: v.interimTranscriptHashBefore.bytes,
                authenticatedContent: v.authenticatedContent.bytes)
        }
        try expect("confirmed_transcript_hash_after", v.confirmedTranscriptHashAfter, update.confirmedTranscriptHash)
        let tag = try attempt("confirmation_key") {
            try suite.mac(key: v.confirmationKey.secret, data: update.confirmedTranscriptHash)
        }
        try require(tag == update.confirmationTag, "confirmation_key")
        try expect("interim_transcript_hash_after", v.interimTranscriptHashAfter, update.interimTranscriptHash)
    }

    static func treeMath(_ e: VectorEntry) throws(FieldMismatch) {
        let v = try e.model(TreeMathVector.self)
        // TreeMath's width 2(n - 1) + 1 fits 32 bits only up to 2^31 leaves: refuse more before computing it.
        try require(v.nLeaves <= 1 << 31, "n_leaves")
        let tree = TreeMath(leafCount: max(v.nLeaves, 1))
        try require(tree.width == v.nNodes, "n_nodes")
        try require(tree.root == v.root, "root")
        let functions: [(String, [UInt32?], (UInt32) -> UInt32?)] = [
            ("left", v.left, tree.left), ("right", v.right, tree.right), ("parent", v.parent, tree.parent),
            ("sibling", v.sibling, tree.sibling),
        ]
        for (key, values, function) in functions {
            try require(values.count == Int(tree.width), key)
            for (x, expected) in zip(0..<tree.width, values) {
                try require(function(x) == expected, "\(key)[\(x)]")
            }
        }
    }

    static func deserialization(_ e: VectorEntry) throws(FieldMismatch) {
        let v = try e.model(DeserializationVector.self)
        var reader = TLSReader(v.vlbytesHeader.bytes)
        let length = try attempt("vlbytes_header") { () throws -> Int in
            let n = try reader.readVarint()
            try reader.finish()
            return n
        }
        try require(UInt64(length) == UInt64(v.length), "length")
    }
}
