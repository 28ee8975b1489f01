import MLSCore
import MLSCrypto
import Testing

/// Epoch secrets are KDF.Nh bytes where they enter, leaf counts fit uint32 node indices, and the secret tree's
/// retained keys are bounded in total, not only per step.
@Suite("epoch inputs: secret lengths, leaf counts, the total bound on retained keys")
struct EpochInputTests {
    static func secret(_ count: Int, _ byte: UInt8 = 1) -> SecretBytes {
        SecretBytes(copying: [UInt8](repeating: byte, count: count))
    }

    static func context(_ suite: CipherSuite) -> GroupContext {
        GroupContext(cipherSuite: suite.id, groupID: [1], epoch: 1, treeHash: [], confirmedTranscriptHash: [])
    }

    @Test(
        "EpochContext refuses a sender_data_secret or membership_key that is not KDF.Nh bytes",
        arguments: [1, 5, 7] as [UInt16])
    func epochSecretLengths(_ suiteID: UInt16) throws {
        let suite = try CipherSuite(id: suiteID)
        let nh = suite.nh
        for wrong in [0, 5, nh - 1, nh + 1] {
            #expect(throws: MLSError.wrongSecretLength(name: "sender_data_secret", expected: nh, actual: wrong)) {
                try EpochContext(
                    suite: suite, groupContext: Self.context(suite), senderDataSecret: Self.secret(wrong),
                    membershipKey: nil)
            }
            #expect(throws: MLSError.wrongSecretLength(name: "membership_key", expected: nh, actual: wrong)) {
                try EpochContext(
                    suite: suite, groupContext: Self.context(suite), senderDataSecret: Self.secret(nh),
                    membershipKey: Self.secret(wrong))
            }
        }
        let epoch = try EpochContext(
            suite: suite, groupContext: Self.context(suite), senderDataSecret: Self.secret(nh),
            membershipKey: Self.secret(nh))
        #expect(epoch.senderDataSecret.count == nh)
    }

    @Test("EpochContext refuses a GroupContext of another cipher suite")
    func suiteMismatch() throws {
        let suite = try CipherSuite(id: 1)
        var context = Self.context(suite)
        context.cipherSuite = 3
        #expect(throws: MLSError.cipherSuiteMismatch(suite: 1, groupContext: 3)) {
            try EpochContext(suite: suite, groupContext: context, senderDataSecret: Self.secret(32), membershipKey: nil)
        }
    }

    @Test("the secret tree and RFC 9420 protection refuse an encryption_secret of the wrong length")
    func encryptionSecretLength() throws {
        let suite = try CipherSuite(id: 5)
        #expect(throws: MLSError.wrongSecretLength(name: "encryption_secret", expected: 64, actual: 32)) {
            try SecretTree(suite: suite, encryptionSecret: Self.secret(32), leafCount: 2)
        }
        let epoch = try EpochContext(
            suite: suite, groupContext: Self.context(suite), senderDataSecret: Self.secret(64), membershipKey: nil)
        #expect(throws: MLSError.wrongSecretLength(name: "encryption_secret", expected: 64, actual: 65)) {
            try RFC9420MessageProtector(epoch: epoch, encryptionSecret: Self.secret(65), leafCount: 2)
        }
    }

    @Test("leaf counts outside 1...2^31 are refused instead of trapping the tree arithmetic")
    func leafCounts() throws {
        let suite = try CipherSuite(id: 1)
        for bad: UInt32 in [0, (1 << 31) + 1, UInt32.max] {
            #expect(throws: MLSError.invalidLeafCount(bad)) {
                try SecretTree(suite: suite, encryptionSecret: Self.secret(32), leafCount: bad)
            }
        }
        var largest = try SecretTree(suite: suite, encryptionSecret: Self.secret(32), leafCount: 1 << 31)
        #expect(largest.tree.leafCount == 1 << 31)
        let last = try largest.consumeKey(leaf: (1 << 31) - 1, type: .application, generation: 0)
        #expect(last.key.count == suite.nk)
        #expect(largest.storedNodeCount == 31)  // the co-path of the last leaf
    }

    @Test("retained keys are bounded over all ratchets; the refused message changes nothing")
    func retainedKeysTotal() throws {
        let suite = try CipherSuite(id: 1)
        var tree = try SecretTree(
            suite: suite, encryptionSecret: Self.secret(32), leafCount: 4, maxForwardDistance: 10, maxRetainedKeys: 15)
        _ = try tree.consumeKey(leaf: 0, type: .application, generation: 10)  // retains 10
        #expect(tree.retainedKeyCount == 10)
        let before = tree.encodedState()
        // Each step is within maxForwardDistance, but the total would reach 16.
        #expect(throws: MLSError.tooManyRetainedKeys(limit: 15)) {
            try tree.consumeKey(leaf: 1, type: .application, generation: 6)
        }
        #expect(tree.encodedState() == before)
        #expect(tree.retainedKeyCount == 10)
        _ = try tree.consumeKey(leaf: 1, type: .handshake, generation: 5)  // exactly 15
        #expect(tree.retainedKeyCount == 15)
        #expect(throws: MLSError.tooManyRetainedKeys(limit: 15)) {
            try tree.consumeKey(leaf: 2, type: .application, generation: 1)
        }
        // Using a retained key frees its place; consuming in order never retains anything.
        _ = try tree.consumeKey(leaf: 0, type: .application, generation: 3)
        #expect(tree.retainedKeyCount == 14)
        _ = try tree.consumeKey(leaf: 2, type: .application, generation: 1)
        #expect(tree.retainedKeyCount == 15)
        _ = try tree.consumeKey(leaf: 3, type: .application, generation: 0)
        #expect(tree.retainedKeyCount == 15)
        #expect(SecretTree.defaultMaxRetainedKeys == 8192)
        #expect(
            try SecretTree(suite: suite, encryptionSecret: Self.secret(32), leafCount: 2).maxRetainedKeys
                == SecretTree.defaultMaxRetainedKeys)
    }

    @Test("the encoded tree state records nodes, ratchets and retained keys, and is order-independent")
    func encodedState() throws {
        let suite = try CipherSuite(id: 3)
        var a = try SecretTree(suite: suite, encryptionSecret: Self.secret(32, 7), leafCount: 4)
        var b = a
        #expect(a.encodedState() == b.encodedState())
        _ = try a.consumeKey(leaf: 1, type: .application, generation: 2)
        #expect(a.encodedState() != b.encodedState())
        _ = try a.consumeKey(leaf: 3, type: .handshake, generation: 0)
        _ = try b.consumeKey(leaf: 3, type: .handshake, generation: 0)
        _ = try b.consumeKey(leaf: 1, type: .application, generation: 2)
        #expect(a.encodedState() == b.encodedState())
        // 2 nodes left (leaf 0's and leaf 2's), 2 leaves x 2 ratchets, 2 retained keys (leaf 1, generations 0, 1).
        let expectedSize = 8 + 2 * (4 + 32) + 4 * (4 + 1 + 4 + 32 + 4) + 2 * (4 + 32 + 12)
        #expect(a.encodedState().count == expectedSize)
        var c = b
        _ = try c.consumeKey(leaf: 1, type: .application, generation: 0)  // a retained key is used
        #expect(c.encodedState() != b.encodedState())
        #expect(c.encodedState().count == expectedSize - (4 + 32 + 12))
    }
}
