import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF
import Testing

/// SPEC.md section 5.1: with the `safe_aad` component in the GroupContext the challenge is a SafeAADItem of
/// component 0x667A and the whole `authenticated_data` is a SafeAAD struct; without it nothing changes.
@Suite("the challenge as a SafeAAD item (draft-ietf-mls-extensions-10)")
struct SafeAADFramingTests {
    static let x64: [UInt8] = [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF]

    @Test("the group context decides the framing: no dictionary or no safe_aad is the raw prefix")
    func framingFromContext() throws {
        #expect(try SafeAADGroup(extensions: []).member().framing == .rawPrefix)
        #expect(try SafeAADGroup().member().framing == .safeAAD)
        // A dictionary with another component only (app_components, 0x0001) keeps the raw prefix.
        let other = Extension(type: 0x0006, data: [0x05, 0x00, 0x01, 0x02, 0x00, 0x00])
        #expect(try SafeAADGroup(extensions: [other]).member().framing == .rawPrefix)
        // The extension's exact bytes: one ComponentData (0x0002) holding ComponentsList [0x667A].
        #expect(try ChallengeFraming.appDataDictionaryExtension().data == Hex.decode("06000203" + "02667a"))
        let listed = ChallengeFraming.appDataDictionaryExtension(requiredSafeAADComponents: [0x0001, 0x667A])
        #expect(try SafeAADGroup(extensions: [listed]).member().framing == .safeAAD)
    }

    @Test(
        "a malformed, repeated or unsorted app_data_dictionary, or a safe_aad list without 0x667A, is refused",
        arguments: [
            ([0x04, 0x00, 0x02, 0x03, 0x02], "an entry cut short"),
            ([0x06, 0x00, 0x02, 0x03, 0x02, 0x66, 0x7A, 0x00], "a byte after the dictionary"),
            ([0x08, 0x00, 0x02, 0x00, 0x00, 0x01, 0x00], "a length past the end"),
            ([0xC0, 0x00], "a reserved varint prefix"),
            ([0x07, 0x00, 0x02, 0x01, 0x00, 0x00, 0x01, 0x00], "entries out of order"),
            ([0x06, 0x00, 0x02, 0x00, 0x00, 0x02, 0x00], "a repeated component"),
            ([0x05, 0x00, 0x02, 0x02, 0x01, 0x66], "a ComponentsList with an odd byte count"),
            ([0x07, 0x00, 0x02, 0x04, 0x02, 0x66, 0x7A, 0x00], "a ComponentsList with a byte after it"),
        ] as [([UInt8], String)])
    func invalidDictionary(_ data: [UInt8], _ name: String) throws {
        let group = try SafeAADGroup(extensions: [Extension(type: 0x0006, data: data)])
        #expect(throws: PPRFMessageError.invalidAppDataDictionary, "\(name)") { try group.member() }
    }

    @Test("two dictionaries, or safe_aad without the challenge component, cannot make a PPRF member")
    func contextErrors() throws {
        let ext = ChallengeFraming.appDataDictionaryExtension()
        #expect(throws: PPRFMessageError.invalidAppDataDictionary) {
            try SafeAADGroup(extensions: [ext, ext]).member()
        }
        let empty = ChallengeFraming.appDataDictionaryExtension(requiredSafeAADComponents: [])
        #expect(throws: PPRFMessageError.challengeComponentNotRequired) {
            try SafeAADGroup(extensions: [empty]).member()
        }
        let others = ChallengeFraming.appDataDictionaryExtension(requiredSafeAADComponents: [0x0001, 0x8000])
        #expect(throws: PPRFMessageError.challengeComponentNotRequired) {
            try SafeAADGroup(extensions: [others]).member()
        }
    }

    @Test("the challenge item sits among the application's items in component order, and round-trips")
    func roundTrip() throws {
        for suiteID in [1, 3] as [UInt16] {
            let group = try SafeAADGroup(suiteID: suiteID)
            let sender = try group.member()
            let receiver = try group.member()
            let items = [
                SafeAADItem(componentID: 0x0001, data: [0xAA]), SafeAADItem(componentID: 0x8000, data: [0xBB, 0xCC]),
            ]
            let x = try Challenge(bytes: Self.x64, challengeBits: 64)
            let message = try sender.protect(
                body: .application([1, 2, 3]), safeAADItems: items, senderLeaf: 0,
                signaturePrivateKey: group.signatureKey, challenge: x)
            // 0x14 bytes of items: 0001 01 aa | 667a 08 0123456789abcdef | 8000 02 bbcc.
            #expect(
                try message.authenticatedData == Hex.decode("14" + "000101aa" + "667a080123456789abcdef" + "800002bbcc")
            )
            let opened = try receiver.unprotect(message, signaturePublicKey: group.keys)
            #expect(opened.challenge?.bytes == Self.x64)
            #expect(opened.keySelection == .challenge(bytes: Self.x64, challengeBits: 64))
            #expect(receiver.applicationSafeAADItems(of: opened) == items)
            #expect(opened.applicationAuthenticatedData.isEmpty)
            #expect(opened.content.body == .application([1, 2, 3]))
            #expect(try receiver.state.isPunctured(x))
        }
    }

    @Test("with no application items the AAD is the challenge item alone: 0b 667a 08 <challenge>")
    func challengeOnly() throws {
        let group = try SafeAADGroup()
        let sender = try group.member()
        let message = try sender.protect(
            body: .application([9]), senderLeaf: 0, signaturePrivateKey: group.signatureKey,
            challenge: try Challenge(bytes: Self.x64, challengeBits: 64))
        #expect(try message.authenticatedData == Hex.decode("0b667a080123456789abcdef"))
        let receiver = try group.member()
        let opened = try receiver.unprotect(message, signaturePublicKey: group.keys)
        #expect(receiver.applicationSafeAADItems(of: opened).isEmpty)
        // Without safe AAD the same challenge is the raw prefix, exactly as before.
        let raw = try SafeAADGroup(extensions: [])
        let rawMessage = try raw.member().protect(
            body: .application([9]), authenticatedData: [0x77], senderLeaf: 0, signaturePrivateKey: raw.signatureKey,
            challenge: try Challenge(bytes: Self.x64, challengeBits: 64))
        #expect(rawMessage.authenticatedData == Self.x64 + [0x77])
        let rawReceiver = try raw.member()
        let rawOpened = try rawReceiver.unprotect(rawMessage, signaturePublicKey: raw.keys)
        #expect(rawOpened.applicationAuthenticatedData == [0x77])
        #expect(rawReceiver.applicationSafeAADItems(of: rawOpened).isEmpty)
    }

    @Test("a sender's wrong kind of AAD or badly ordered items are refused before its state changes")
    func senderErrors() throws {
        let group = try SafeAADGroup()
        let sender = try group.member()
        let before = try sender.state.encoded()
        func refuse(
            _ expected: PPRFMessageError, aad: [UInt8] = [], items: [SafeAADItem]?, on member: PPRFMessageProtector,
            sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            let start = try member.state.encoded()
            #expect(throws: expected, sourceLocation: sourceLocation) {
                try member.protect(
                    body: .application([1]), authenticatedData: aad, safeAADItems: items, senderLeaf: 0,
                    signaturePrivateKey: group.signatureKey)
            }
            #expect(member.treeWalks == 0, sourceLocation: sourceLocation)
            #expect(try member.state.encoded() == start, sourceLocation: sourceLocation)
        }
        try refuse(.rawAADInSafeAADGroup(length: 2), aad: [1, 2], items: nil, on: sender)
        try refuse(
            .safeAADUnsorted(index: 1),
            items: [SafeAADItem(componentID: 0x8000, data: []), SafeAADItem(componentID: 0x0001, data: [])], on: sender)
        try refuse(
            .safeAADDuplicateComponent(componentID: 0x0001),
            items: [SafeAADItem(componentID: 0x0001, data: [1]), SafeAADItem(componentID: 0x0001, data: [2])],
            on: sender)
        try refuse(
            .challengeComponentInApplicationItems, items: [SafeAADItem(componentID: 0x667A, data: Self.x64)],
            on: sender)
        #expect(try sender.state.encoded() == before)
        let raw = try SafeAADGroup(extensions: []).member()
        try refuse(.safeAADNotNegotiated, items: [SafeAADItem(componentID: 0x0001, data: [1])], on: raw)
        try refuse(.safeAADNotNegotiated, items: [], on: raw)
    }

    @Test("SafeAAD values keep the order rule and decode strictly")
    func safeAADValue() throws {
        let value = try SafeAAD(items: [SafeAADItem(componentID: 2, data: [7]), SafeAADItem(componentID: 5, data: [])])
        #expect(value.encoded == [0x07, 0x00, 0x02, 0x01, 0x07, 0x00, 0x05, 0x00])
        #expect(try SafeAAD(decoding: value.encoded) == value)
        #expect(value.data(for: 5) == [])
        #expect(value.data(for: 3) == nil)
        #expect(try SafeAAD(decoding: [0x00]).items.isEmpty)
        #expect(throws: PPRFMessageError.safeAADTrailingBytes(count: 1)) { try SafeAAD(decoding: [0x00, 0x00]) }
    }
}
