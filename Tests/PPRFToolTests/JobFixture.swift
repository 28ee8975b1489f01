import Foundation
import MLSCore
import MLSCrypto

/// Message jobs as raw JSON text, so that tests can put any literal (1.5, true, 2^63, a duplicate key) in any
/// field: `JSONSerialization` would normalise or refuse some of them.
enum JobFixture {
    /// Suite 1, group [1, 2, 3], epoch 9; leaf 1 signs with a fixed Ed25519 seed.
    static func fields(mode: String) throws -> [(String, String)] {
        let suite = try CipherSuite(id: 1)
        let context = GroupContext(
            cipherSuite: 1, groupID: [1, 2, 3], epoch: 9, treeHash: [UInt8](repeating: 4, count: 32),
            confirmedTranscriptHash: [5])
        let seed = SecretBytes(copying: [UInt8](repeating: 7, count: 32))
        return [
            ("cipher_suite", "1"), ("mode", "\"\(mode)\""), ("group_context", quoted(context.tlsEncoded)),
            ("encryption_secret", "\"" + String(repeating: "11", count: 32) + "\""),
            ("sender_data_secret", "\"" + String(repeating: "22", count: 32) + "\""),
            ("sender_leaf", "1"), ("n_leaves", "4"), ("challenge_bits", "64"), ("profile", "\"blake2b\""),
            ("signature_private_key", quoted(seed.exportedForTestVectors())),
            ("signature_public_keys", "[\"00\", \(quoted(try suite.signature.publicKey(for: seed)))]"),
            ("authenticated_data", "\"abcd\""), ("padding", "4"),
        ]
    }

    static func quoted(_ bytes: [UInt8]) -> String { "\"\(Hex.encode(bytes))\"" }

    static func list(_ items: [String]) -> String { "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }

    /// The job of `mode` with `changes` applied: a value replaces (or adds) the field, nil removes it.
    static func job(mode: String, _ changes: [String: String?] = [:]) throws -> Data {
        var fields = try fields(mode: mode)
        for (key, value) in changes.sorted(by: { $0.key < $1.key }) {
            fields.removeAll { $0.0 == key }
            if let value { fields.append((key, value)) }
        }
        return render(fields)
    }

    static func render(_ fields: [(String, String)]) -> Data {
        Data(("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}").utf8)
    }
}
