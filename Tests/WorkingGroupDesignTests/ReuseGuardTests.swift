import MLSCore
import MLSCrypto
import Testing

@testable import WorkingGroupDesign

@Suite("draft-ietf-mls-virtual-clients-01 section 5.6: reuse guard and generation IDs")
struct ReuseGuardTests {
    static let suite = try! CipherSuite(id: 1)
    static let secret = SecretBytes(copying: [UInt8](repeating: 0x42, count: 32))

    @Test("SmallSpacePRP maps integers most significant bit first and inverts itself")
    func smallSpacePRP() throws {
        #expect(RadixTwo.numerals(of: 0x8000_0001) == [1] + [UInt32](repeating: 0, count: 30) + [1])
        #expect(RadixTwo.numerals(ofBytes: [0x80, 0x01]) == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(RadixTwo.value(of: RadixTwo.numerals(of: 0xdead_beef)) == 0xdead_beef)
        #expect(RadixTwo.numerals(ofBitString: "0120") == nil)
        let prp = try SmallSpacePRP(key: SecretBytes(copying: [UInt8](repeating: 3, count: 16)))
        for value: UInt32 in [0, 1, 0x7fff_ffff, 0x8000_0000, 0xffff_fffe, .max] {
            #expect(try prp.decrypt(prp.encrypt(value)) == value)
        }
        // The integer form equals FF1 on the 4-byte big-endian encoding's bits.
        let ff1 = try FF1(key: SecretBytes(copying: [UInt8](repeating: 3, count: 16)), radix: 2)
        let viaBytes = try ff1.encrypt(RadixTwo.numerals(ofBytes: [0x12, 0x34, 0x56, 0x78]))
        #expect(RadixTwo.value(of: viaBytes) == (try prp.encrypt(0x1234_5678)))
    }

    @Test("SmallSpacePRP refuses keys other than 16 bytes, although FF1 accepts 24 and 32")
    func prpKeyLength() throws {
        for count in [0, 15, 24, 32] {
            #expect(
                throws: WorkingGroupError.crypto(.invalidLength(what: "SmallSpacePRP key", expected: 16, actual: count))
            ) { try SmallSpacePRP(key: SecretBytes(copying: [UInt8](repeating: 1, count: count))) }
        }
    }

    @Test("every emulator of an 8-leaf group gets a distinct guard for one nonce, and every sibling recovers it")
    func distinctAndRecoverable() throws {
        let context = try ReuseGuardContext(suite: Self.suite, reuseGuardSecret: Self.secret, leafCount: 8)
        #expect(context.multiplierLimit == 1 << 29)
        for trial in 0..<20 {
            let nonce = SecretBytes(copying: [UInt8](repeating: UInt8(trial), count: 12))
            var guards = Set<[UInt8]>()
            for leaf in UInt32(0)..<8 {
                let guardBytes = try context.reuseGuard(keyScheduleNonce: nonce, leafIndex: leaf)
                #expect(guardBytes.count == 4)
                #expect(try context.senderLeafIndex(keyScheduleNonce: nonce, reuseGuard: guardBytes) == leaf)
                guards.insert(guardBytes)
            }
            #expect(guards.count == 8)
        }
    }

    @Test("the same emulator sending twice on one nonce gets random guards (x's high bits are random)")
    func randomMultiplier() throws {
        let context = try ReuseGuardContext(suite: Self.suite, reuseGuardSecret: Self.secret, leafCount: 2)
        let nonce = SecretBytes(copying: [UInt8](repeating: 9, count: 12))
        var guards = Set<[UInt8]>()
        for _ in 0..<64 { guards.insert(try context.reuseGuard(keyScheduleNonce: nonce, leafIndex: 1)) }
        // 64 draws from 2^31 values: a repeat has probability below 2^-19.
        #expect(guards.count == 64)
    }

    @Test("a one-leaf emulation group: x is r itself; the largest group: x = leaf + r * 2^31")
    func extremeLeafCounts() throws {
        let one = try ReuseGuardContext(suite: Self.suite, reuseGuardSecret: Self.secret, leafCount: 1)
        #expect(one.multiplierLimit == 1 << 32)
        #expect(try one.prpInput(leafIndex: 0, multiplier: 0xffff_ffff) == 0xffff_ffff)
        let largest = try ReuseGuardContext(suite: Self.suite, reuseGuardSecret: Self.secret, leafCount: 1 << 31)
        #expect(largest.multiplierLimit == 2)
        #expect(try largest.prpInput(leafIndex: 0x7fff_ffff, multiplier: 1) == 0xffff_ffff)
    }

    @Test("N_e, leaf index, multiplier and guard length outside their ranges are typed errors")
    func errors() throws {
        for count: UInt64 in [0, 3, 6, 1 << 32, (1 << 31) + 1, .max] {
            #expect(throws: WorkingGroupError.invalidLeafCount(count)) {
                try ReuseGuardContext(suite: Self.suite, reuseGuardSecret: Self.secret, leafCount: count)
            }
        }
        let context = try ReuseGuardContext(suite: Self.suite, reuseGuardSecret: Self.secret, leafCount: 4)
        let nonce = SecretBytes(copying: [UInt8](repeating: 0, count: 12))
        #expect(throws: WorkingGroupError.leafIndexOutOfRange(leaf: 4, leafCount: 4)) {
            try context.reuseGuard(keyScheduleNonce: nonce, leafIndex: 4)
        }
        #expect(throws: WorkingGroupError.multiplierOutOfRange(multiplier: 1 << 30, limit: 1 << 30)) {
            try context.prpInput(leafIndex: 0, multiplier: 1 << 30)
        }
        for count in [0, 3, 5] {
            #expect(throws: WorkingGroupError.invalidReuseGuardLength(count)) {
                try context.senderLeafIndex(keyScheduleNonce: nonce, reuseGuard: [UInt8](repeating: 0, count: count))
            }
        }
        #expect(WorkingGroupError.invalidLeafCount(3).description.contains("power of two"))
    }

    @Test("the PRP key depends on the nonce and the secret; ExpandWithLabel uses the emulation group's suite")
    func prpKeyInputs() throws {
        let nonceA = SecretBytes(copying: [UInt8](repeating: 1, count: 12))
        let nonceB = SecretBytes(copying: [UInt8](repeating: 2, count: 12))
        let sha256 = try ReuseGuardContext(suite: Self.suite, reuseGuardSecret: Self.secret, leafCount: 2)
        let sha512 = try ReuseGuardContext(
            suite: try CipherSuite(id: 5), reuseGuardSecret: SecretBytes(copying: [UInt8](repeating: 0x42, count: 64)),
            leafCount: 2)
        let keyA = try sha256.prpKey(keyScheduleNonce: nonceA)
        #expect(keyA.count == 16)
        #expect(keyA != (try sha256.prpKey(keyScheduleNonce: nonceB)))
        #expect(keyA != (try sha512.prpKey(keyScheduleNonce: nonceA)))
        let expected = try Self.suite.expandWithLabel(
            Self.secret, label: "reuse guard", context: [UInt8](repeating: 1, count: 12), length: 16)
        #expect(keyA == expected)
    }

    @Test("generation IDs separate group, epoch, generation and ratchet type, and are KDF.Nh bytes")
    func generationIDs() throws {
        func id(
            _ group: [UInt8], _ epoch: UInt64, _ generation: UInt32, _ type: GenerationIDRatchetType, suite: UInt16 = 1
        )
            throws -> [UInt8]
        {
            let cipherSuite = try CipherSuite(id: suite)
            return try GenerationID.derive(
                suite: cipherSuite,
                generationIDSecret: SecretBytes(copying: [UInt8](repeating: 5, count: cipherSuite.nh)),
                groupID: group, epoch: epoch, generation: generation, ratchetType: type)
        }
        let base = try id([1, 2], 3, 4, .application)
        #expect(base.count == 32)
        #expect(try id([1, 2], 3, 4, .application) == base)
        for other in [
            try id([1, 3], 3, 4, .application), try id([1, 2], 4, 4, .application),
            try id([1, 2], 3, 5, .application), try id([1, 2], 3, 4, .handshake),
        ] { #expect(other != base) }
        #expect(try id([], 0, 0, .handshake, suite: 7).count == 48)
        #expect(
            GenerationID.context(groupID: [0xaa], epoch: 1, generation: 2, ratchetType: .handshake)
                == [1, 0xaa, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 2])
    }
}
