import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF

extension Invariant {
    /// (body, confirmation tag) for an application message, a proposal and a commit.
    static func bodies(nh: Int) -> [(ContentBody, [UInt8]?)] {
        [
            (.application(Array("seed message".utf8)), nil), (.proposal(.remove(leaf: 2)), nil),
            (.commit(Commit(proposals: [.remove(leaf: 3)])), [UInt8](repeating: 7, count: nh)),
        ]
    }

    static func rfcSeeds() throws -> [[UInt8]] {
        var sender = try UnprotectFixture.rfcReceiver()
        let key = UnprotectFixture.signingKey
        var out: [[UInt8]] = []
        // Generations out of order and skipped, so that receivers retain keys; handshake bodies at i = 1 and 4.
        let plan: [(leaf: UInt32, generation: UInt32, padding: Int)] = [
            (0, 0, 0), (1, 3, 5), (3, 1, 0), (2, 9, 16), (0, 1, 0), (1, 0, 2),
        ]
        for (i, step) in plan.enumerated() {
            for (j, (body, tag)) in bodies(nh: 32).enumerated() where j == 0 || i == 1 || i == 4 {
                let message = try sender.protect(
                    body: body, authenticatedData: i == 2 ? [0xAA] : [], senderLeaf: step.leaf,
                    signaturePrivateKey: key,
                    confirmationTag: tag, paddingLength: step.padding, reuseGuard: [UInt8(i), UInt8(j), 0, 1],
                    generation: step.generation + UInt32(j))
                out.append(MLSMessage.privateMessage(message).tlsEncoded)
            }
        }
        return out
    }

    static func pprfSeeds() throws -> [[UInt8]] {
        let key = UnprotectFixture.signingKey
        var out: [[UInt8]] = []
        let challenges: [[UInt8]] = [
            [0x00, 0x00], [0xFF, 0xFF], [0x12, 0x34], [0x80, 0x01], [0x00, 0x01], [0x7F, 0xFE],
        ]
        for (i, bytes) in challenges.enumerated() {
            for (j, (body, tag)) in bodies(nh: 32).enumerated() where j == 0 || i == 2 || i == 5 {
                let sender = try UnprotectFixture.pprfReceiver()
                let message = try sender.protect(
                    body: body, authenticatedData: i == 1 ? [0xBB, 0xCC] : [], senderLeaf: UInt32(i),
                    signaturePrivateKey: key, confirmationTag: tag, paddingLength: i == 3 ? 9 : 0,
                    challenge: try Challenge(bytes: bytes, challengeBits: UnprotectFixture.challengeBits))
                out.append(MLSMessage.privateMessage(message).tlsEncoded)
            }
        }
        // Messages of a group with the reuse-guard option (SPEC.md section 10), after the earlier seeds.
        for (i, (body, tag)) in bodies(nh: 32).enumerated() {
            let sender = try UnprotectFixture.pprfReceiver(reuseGuard: true)
            let message = try sender.protect(
                body: body, authenticatedData: i == 1 ? [0xDD] : [], senderLeaf: UInt32(i + 1),
                signaturePrivateKey: key, confirmationTag: tag, paddingLength: i,
                challenge: try Challenge(bytes: [0x5A, UInt8(i) << 4], challengeBits: UnprotectFixture.challengeBits),
                reuseGuard: [0xA0 | UInt8(i), 0x0B, 0x0C, 0x0D])
            out.append(MLSMessage.privateMessage(message).tlsEncoded)
        }
        return out
    }

    /// Valid jobs of both modes, then one job for each hostile value (each replaces one field of a valid job).
    static func jobSeeds() throws -> [[UInt8]] {
        let rfcContext = try UnprotectFixture.rfcEpoch().groupContext
        var pprfContext = try UnprotectFixture.pprfEpoch().groupContext
        pprfContext.extensions = []
        let publicKey = try UnprotectFixture.publicKey()
        let secret = "\"" + String(repeating: "03", count: 32) + "\""
        let senderData = "\"" + String(repeating: "02", count: 32) + "\""
        let rfcMessages = try rfcSeeds().prefix(2).map { "\"\(Hex.encode($0))\"" }
        let pprfMessages = try pprfSeeds().prefix(2).map { "\"\(Hex.encode($0))\"" }
        let common: [(String, String)] = [
            ("encryption_secret", secret), ("sender_data_secret", senderData), ("sender_leaf", "1"),
            ("signature_private_key", "\"" + String(repeating: "09", count: 32) + "\""),
            ("signature_public_keys", "[\"\(Hex.encode(publicKey))\", \"\(Hex.encode(publicKey))\"]"),
            ("plaintexts", "[\"68656c6c6f\", \"\"]"), ("authenticated_data", "\"abcd\""), ("padding", "4"),
        ]
        let rfc =
            [
                ("cipher_suite", "1"), ("mode", "\"rfc9420\""),
                ("group_context", "\"\(Hex.encode(rfcContext.tlsEncoded))\""),
                ("n_leaves", "4"), ("messages", "[" + rfcMessages.joined(separator: ", ") + "]"),
            ] + common
        let pprf =
            [
                ("cipher_suite", "3"), ("mode", "\"pprf\""),
                ("group_context", "\"\(Hex.encode(pprfContext.tlsEncoded))\""),
                ("challenge_bits", "16"), ("profile", "\"blake2b\""),
                ("messages", "[" + pprfMessages.joined(separator: ", ") + "]"),
            ] + common
        let hostile: [(String, String)] = [
            ("padding", "-1"), ("padding", "1099511627776"), ("challenge_bits", "-1"), ("challenge_bits", "70000"),
            ("challenge_bits", "9223372036854775808"), ("sender_leaf", "-1"), ("sender_leaf", "4294967297"),
            ("sender_leaf", "\"x\""), ("cipher_suite", "1.5"), ("cipher_suite", "true"), ("cipher_suite", "2"),
            ("sender_data_secret", "\"0102030405\""), ("n_leaves", "4294967296"), ("authenticated_data", "\"abc\""),
            ("authenticated_data", "\"zz\""), ("padding", "1e0"),
        ]
        var out = [render(rfc), render(pprf)]
        for (key, value) in hostile {
            let base = key == "challenge_bits" ? pprf : rfc
            out.append(render(base.map { $0.0 == key ? ($0.0, value) : $0 }))
        }
        out.append(render(rfc.filter { $0.0 != "sender_leaf" }))
        out.append(Array("{\"cipher_suite\": 1, \"cipher_suite\": 1}".utf8))
        out.append(Array("[{\"mode\": \"pprf\"},]".utf8))
        return out
    }

    /// A JSON object from (key, raw JSON value) pairs, in order.
    static func render(_ fields: [(String, String)]) -> [UInt8] {
        Array(("{\n" + fields.map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n}\n").utf8)
    }
}
