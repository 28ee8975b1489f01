import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF
import Testing

/// SPEC.md sections 5.1 and 7: in a Safe AAD group every malformed `authenticated_data` is a typed error raised
/// before the tree walk, and the receiver's state stays byte-identical.
@Suite("Safe AAD receivers refuse malformed framing before walking the tree")
struct SafeAADReceiverTests {
    /// b = 60: eight challenge bytes whose four low bits are unused.
    static let x: [UInt8] = [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xE0]
    static let challengeItem = SafeAADItem(componentID: 0x667A, data: x)

    /// (name, authenticated_data, expected error).
    static let cases: [(String, [UInt8], PPRFMessageError)] = [
        ("unsorted", rawSafeAAD([(0x8000, [1]), (0x667A, x)]), .safeAADUnsorted(index: 1)),
        (
            "duplicate challenge", rawSafeAAD([(0x667A, x), (0x667A, x)]),
            .safeAADDuplicateComponent(componentID: 0x667A)
        ),
        (
            "duplicate application item", rawSafeAAD([(1, []), (1, [2]), (0x667A, x)]),
            .safeAADDuplicateComponent(componentID: 1)
        ),
        ("missing challenge item", rawSafeAAD([(0x0001, [1])]), .missingChallengeItem),
        ("empty SafeAAD", [0x00], .missingChallengeItem),
        ("short challenge", rawSafeAAD([(0x667A, Array(x[0..<7]))]), .challengeItemLength(length: 7, expected: 8)),
        ("long challenge", rawSafeAAD([(0x667A, x + [0])]), .challengeItemLength(length: 9, expected: 8)),
        (
            "unused bits set", rawSafeAAD([(0x667A, Array(x[0..<7]) + [0xE1])]),
            .pprf(.challengePaddingBitsSet)
        ),
        ("trailing bytes", rawSafeAAD([(0x667A, x)]) + [0xAA], .safeAADTrailingBytes(count: 1)),
        ("raw-prefix framing", x + [0x77], .safeAADMalformed(.truncated(needed: 2, available: 1))),
        ("empty authenticated_data", [], .safeAADMalformed(.truncated(needed: 1, available: 0))),
        (
            "reserved varint prefix", [0xC0] + Array(rawSafeAAD([(0x667A, x)]).dropFirst()),
            .safeAADMalformed(.reservedLengthPrefix)
        ),
        (
            "non-minimal outer length", [0x40] + rawSafeAAD([(0x667A, x)]),
            .safeAADMalformed(.nonMinimalLength(length: 11))
        ),
        (
            "outer length past the end", [0x0C] + Array(rawSafeAAD([(0x667A, x)]).dropFirst()),
            .safeAADMalformed(.lengthExceedsInput(length: 12, available: 11))
        ),
        (
            "item length past the vector", [0x03, 0x66, 0x7A, 0x08] + x,
            .safeAADMalformed(.lengthExceedsInput(length: 8, available: 0))
        ),
        (
            "non-minimal item length", [0x0C, 0x66, 0x7A, 0x40, 0x08] + x,
            .safeAADMalformed(.nonMinimalLength(length: 8))
        ),
    ]

    @Test("each malformed SafeAAD is its own error, with no tree walk and the state unchanged", arguments: 0..<16)
    func malformed(_ index: Int) throws {
        let (name, aad, expected) = Self.cases[index]
        let group = try SafeAADGroup(suiteID: 3, challengeBits: 60)
        let genuine = try group.member().protect(
            body: .application([5, 6]), safeAADItems: [SafeAADItem(componentID: 0x8000, data: [1])], senderLeaf: 0,
            signaturePrivateKey: group.signatureKey, challenge: try Challenge(bytes: Self.x, challengeBits: 60))
        let receiver = try group.member()
        let before = try receiver.state.encoded()
        var message = genuine
        message.authenticatedData = aad
        #expect(throws: expected, "\(name)") { try receiver.unprotect(message, signaturePublicKey: group.keys) }
        #expect(receiver.treeWalks == 0, "\(name): the receiver walked the tree")
        #expect(try receiver.state.encoded() == before, "\(name): the state changed")
        // The genuine message still opens afterwards.
        let opened = try receiver.unprotect(genuine, signaturePublicKey: group.keys)
        #expect(receiver.applicationSafeAADItems(of: opened) == [SafeAADItem(componentID: 0x8000, data: [1])])
    }

    @Test("a well-formed but altered SafeAAD fails the content AEAD after one walk, state unchanged")
    func alteredItem() throws {
        let group = try SafeAADGroup(suiteID: 1, challengeBits: 60)
        let genuine = try group.member().protect(
            body: .application([5, 6]), safeAADItems: [SafeAADItem(componentID: 0x8000, data: [1])], senderLeaf: 0,
            signaturePrivateKey: group.signatureKey, challenge: try Challenge(bytes: Self.x, challengeBits: 60))
        let receiver = try group.member()
        let before = try receiver.state.encoded()
        var message = genuine
        message.authenticatedData = try SafeAAD(items: [
            Self.challengeItem, SafeAADItem(componentID: 0x8000, data: [2]),
        ])
        .encoded
        #expect(throws: PPRFMessageError.mls(.crypto(.authenticationFailure))) {
            try receiver.unprotect(message, signaturePublicKey: group.keys)
        }
        #expect(receiver.treeWalks == 1)
        #expect(try receiver.state.encoded() == before)
    }

    @Test("the malformed table has 16 cases with distinct names (the arguments range covers each)")
    func tableIsComplete() {
        #expect(Self.cases.count == 16)
        #expect(Set(Self.cases.map(\.0)).count == Self.cases.count)
    }
}
