import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF
import Testing

/// A group epoch in PPRF mode with or without the reuse-guard option (SPEC.md section 10), with fixed
/// secrets so that a guarded and an unguarded group share every key but the parameters.
struct GuardFixture {
    let suite: CipherSuite
    let parameters: PPRFParameters
    let epoch: EpochContext
    let encryptionSecret: SecretBytes
    let signatureKeys: [SecretBytes]
    let publicKeys: [[UInt8]]

    init(suiteID: UInt16, challengeBits: Int = 64, profile: PRGProfile = .mls, reuseGuard: Bool = true) throws {
        suite = try CipherSuite(id: suiteID)
        parameters = try PPRFParameters(challengeBits: challengeBits, profile: profile, reuseGuard: reuseGuard)
        let context = GroupContext(
            cipherSuite: suite.id, groupID: Array("guarded group".utf8), epoch: 3,
            treeHash: [UInt8](repeating: 1, count: suite.nh),
            confirmedTranscriptHash: [UInt8](repeating: 2, count: suite.nh),
            extensions: [parameters.groupContextExtension])
        epoch = try EpochContext(
            suite: suite, groupContext: context,
            senderDataSecret: SecretBytes(copying: [UInt8](repeating: 3, count: suite.nh)), membershipKey: nil)
        encryptionSecret = SecretBytes(copying: [UInt8](repeating: 5, count: suite.nh))
        let scheme = suite.signature
        let privateKeys = try (0..<2).map { _ in try scheme.generatePrivateKey() }
        signatureKeys = privateKeys
        publicKeys = try privateKeys.map { try scheme.publicKey(for: $0) }
    }

    var keys: (UInt32) -> [UInt8]? {
        { [publicKeys] leaf in Int(leaf) < publicKeys.count ? publicKeys[Int(leaf)] : nil }
    }

    func member() throws -> PPRFMessageProtector {
        try PPRFMessageProtector(epoch: epoch, encryptionSecret: encryptionSecret)
    }

    /// Key and unguarded nonce for `x` (application data), computed by a fresh PPRF, independently of any member.
    func keyAndNonce(at x: Challenge) throws -> KeyAndNonce {
        let tree = try PPRF(
            secret: encryptionSecret, suite: suite, parameters: parameters)
        return try ChallengeKeys.derive(
            suite: suite, leafSecret: try tree.evaluate(at: x), type: .application, profile: parameters.profile)
    }

    func protect(_ member: PPRFMessageProtector, _ data: [UInt8], x: Challenge? = nil, guard g: [UInt8]? = nil)
        throws -> PrivateMessage
    {
        try member.protect(
            body: .application(data), senderLeaf: 1, signaturePrivateKey: signatureKeys[1], challenge: x,
            reuseGuard: g)
    }
}

@Suite("the reuse-guard option (SPEC.md section 10): wire format, round trips, collisions, malformed input")
struct ReuseGuardTests {
    static let configurations: [(UInt16, PRGProfile)] = [
        (1, .mls), (2, .mls), (3, .mls), (5, .mls), (7, .mls), (1, .blake2b), (2, .blake2b), (3, .blake2b), (1, .cbst),
    ]

    @Test("PPRFParameters: without the option every encoding is the earlier format; the option sets the byte")
    func parameterEncoding() throws {
        #expect(try PPRFParameters(challengeBits: 64, profile: .mls).tlsEncoded == [0x00, 0x40, 0x00, 0x01])
        #expect(try PPRFParameters(challengeBits: 256, profile: .cbst).tlsEncoded == [0x01, 0x00, 0x00, 0x03])
        let guarded = try PPRFParameters(challengeBits: 96, profile: .blake2b, reuseGuard: true)
        #expect(guarded.tlsEncoded == [0x00, 0x60, 0x01, 0x02])
        #expect(guarded.options == PPRFParameters.reuseGuardOption)
        #expect(try PPRFParameters(tlsDecoding: [0x00, 0x60, 0x01, 0x02]) == guarded)
        #expect(try PPRFParameters(tlsDecoding: [0x00, 0x40, 0x00, 0x01]).reuseGuard == false)
        #expect(guarded.senderDataLength == 8)
        #expect(try PPRFParameters(challengeBits: 96, profile: .blake2b).senderDataLength == 4)
    }

    @Test(
        "PPRFParameters: every unknown option bit is refused, before the profile is read",
        arguments: [0x02, 0x03, 0x04, 0x80, 0xFE, 0xFF] as [UInt8])
    func unknownOptions(_ options: UInt8) throws {
        #expect(throws: CodecError.invalidValue(field: "options", value: UInt64(options))) {
            try PPRFParameters(tlsDecoding: [0x00, 0x40, options, 0x01])
        }
        #expect(throws: CodecError.invalidValue(field: "options", value: UInt64(options))) {
            try PPRFParameters(tlsDecoding: [0x00, 0x40, options, 0xFF])
        }
        let context = GroupContext(
            cipherSuite: 1, groupID: [1], epoch: 0, treeHash: [], confirmedTranscriptHash: [],
            extensions: [Extension(type: PPRFParameters.extensionType, data: [0x00, 0x40, options, 0x01])])
        #expect(throws: PPRFMessageError.invalidParameters) { try PPRFParameters(groupContext: context) }
    }

    @Test("PPRFParameters: an unknown profile byte, a bad depth and a wrong length are refused")
    func otherStrictness() throws {
        #expect(throws: CodecError.invalidValue(field: "profile", value: 0)) {
            try PPRFParameters(tlsDecoding: [0x00, 0x40, 0x01, 0x00])
        }
        #expect(throws: CodecError.invalidValue(field: "profile", value: 0xFF)) {
            try PPRFParameters(tlsDecoding: [0x00, 0x40, 0x01, 0xFF])
        }
        #expect(throws: CodecError.invalidValue(field: "challenge_bits", value: 257)) {
            try PPRFParameters(tlsDecoding: [0x01, 0x01, 0x01, 0x01])
        }
        #expect(throws: CodecError.self) { try PPRFParameters(tlsDecoding: [0x00, 0x40, 0x01]) }
        #expect(throws: CodecError.self) { try PPRFParameters(tlsDecoding: [0x00, 0x40, 0x01, 0x01, 0x00]) }
    }

    @Test("guarded messages round-trip for every suite and profile, b in {8, 64, 96}; the guard is in the sender data")
    func roundTrips() throws {
        for (suiteID, profile) in Self.configurations {
            for b in [8, 64, 96] {
                let f = try GuardFixture(suiteID: suiteID, challengeBits: b, profile: profile)
                let sender = try f.member()
                let receiver = try f.member()
                let bodies: [ContentBody] = [
                    .application(Array("guarded".utf8)), .proposal(.remove(leaf: 2)),
                    .commit(Commit(proposals: [.remove(leaf: 2)])),
                ]
                for (i, body) in bodies.enumerated() {
                    let g: [UInt8] = [UInt8(i), 0xA5, UInt8(b), UInt8(suiteID)]
                    let tag: [UInt8]? = body.contentType == .commit ? [UInt8](repeating: 9, count: f.suite.nh) : nil
                    let message = try sender.protect(
                        body: body, authenticatedData: [0xAA], senderLeaf: 1, signaturePrivateKey: f.signatureKeys[1],
                        confirmationTag: tag, paddingLength: 2, reuseGuard: g)
                    #expect(message.encryptedSenderData.count == 8 + f.suite.aead.tagSize)
                    let senderData = try PPRFGuardedSenderData(tlsDecoding: try f.epoch.openSenderData(message))
                    #expect(senderData.leafIndex == 1 && senderData.reuseGuard == g)
                    let opened = try receiver.unprotect(message, signaturePublicKey: f.keys)
                    #expect(opened.content.body == body, "suite \(suiteID) \(profile) b=\(b)")
                    #expect(opened.applicationAuthenticatedData == [0xAA])
                    #expect(throws: PPRFMessageError.challengeReused) {
                        try receiver.unprotect(message, signaturePublicKey: f.keys)
                    }
                }
                // Random guards (none given) round-trip too.
                let drawn = try f.protect(sender, [1, 2, 3])
                #expect(
                    try receiver.unprotect(drawn, signaturePublicKey: f.keys).content.body == .application([1, 2, 3]))
                #expect(try sender.state.encoded() == receiver.state.encoded())
            }
        }
    }

    @Test(
        "a forced challenge collision with different guards is a delivery failure, not nonce reuse",
        arguments: [1, 2, 3, 5, 7] as [UInt16])
    func collisionWithDifferentGuards(_ suiteID: UInt16) throws {
        let f = try GuardFixture(suiteID: suiteID, challengeBits: 64)
        let emulatorA = try f.member()
        let emulatorB = emulatorA.copy()  // two emulators of one virtual client, same epoch state
        let receiver = try f.member()
        let x = try Challenge(bytes: [0x5A, 1, 2, 3, 4, 5, 6, 7], challengeBits: 64)
        let (g1, g2): ([UInt8], [UInt8]) = ([0x11, 0x22, 0x33, 0x44], [0x11, 0x22, 0x33, 0x45])
        let first = try f.protect(emulatorA, Array("from emulator A".utf8), x: x, guard: g1)
        let second = try f.protect(emulatorB, Array("from emulator B".utf8), x: x, guard: g2)
        _ = try receiver.unprotect(first, signaturePublicKey: f.keys)
        let punctured = try receiver.state.encoded()
        #expect(throws: PPRFMessageError.challengeReused) { try receiver.unprotect(second, signaturePublicKey: f.keys) }
        #expect(try receiver.state.encoded() == punctured)
        // What each message really used: the guards from its sender data, the key and nonce from a fresh tree.
        let guards = try [first, second].map { try PPRFGuardedSenderData(tlsDecoding: try f.epoch.openSenderData($0)) }
        #expect(guards.map(\.reuseGuard) == [g1, g2])
        let derived = try f.keyAndNonce(at: x)
        let nonces = try [g1, g2].map { try ChallengeKeys.guardedNonce(derived.nonce, reuseGuard: $0) }
        #expect(nonces[0] != nonces[1])  // the same key, two distinct nonces: ordinary AEAD use
        #expect(nonces[0] != derived.nonce && nonces[1] != derived.nonce)
        for (message, nonce) in zip([first, second], nonces) {
            let (content, _) = try f.epoch.openPrivateContent(
                message, leaf: 1, key: derived.key, nonce: nonce, signaturePublicKey: f.keys)
            #expect(content.sender == .member(1))
            #expect(throws: MLSError.crypto(.authenticationFailure)) {
                try f.epoch.openPrivateContent(
                    message, leaf: 1, key: derived.key, nonce: derived.nonce, signaturePublicKey: f.keys)
            }
        }
        let other = try f.keyAndNonce(at: try Challenge(bytes: [0x5A, 1, 2, 3, 4, 5, 6, 6], challengeBits: 64))
        #expect(other.key != derived.key)  // the key is a function of the challenge alone
    }

    @Test(
        "for the record: a collision of challenge and guard reuses key and nonce, and the XOR of the plaintexts leaks")
    func collisionWithEqualGuards() throws {
        let f = try GuardFixture(suiteID: 1, challengeBits: 64)
        let emulatorA = try f.member()
        let emulatorB = emulatorA.copy()
        let x = try Challenge(bytes: [0xC3, 9, 9, 9, 9, 9, 9, 9], challengeBits: 64)
        let g: [UInt8] = [1, 2, 3, 4]
        let p1 = Array("attack at dawn!".utf8)
        let p2 = Array("retreat at six!".utf8)
        let m1 = try f.protect(emulatorA, p1, x: x, guard: g)
        let m2 = try f.protect(emulatorB, p2, x: x, guard: g)
        let derived = try f.keyAndNonce(at: x)
        let nonce = try ChallengeKeys.guardedNonce(derived.nonce, reuseGuard: g)
        var plaintexts: [[UInt8]] = []
        for message in [m1, m2] {
            let (content, auth) = try f.epoch.openPrivateContent(
                message, leaf: 1, key: derived.key, nonce: nonce, signaturePublicKey: f.keys)
            plaintexts.append(PrivateMessageContent(body: content.body, auth: auth, paddingLength: 0).encoded)
        }
        let n = min(plaintexts[0].count, plaintexts[1].count)
        let cipherXOR = zip(m1.ciphertext.prefix(n), m2.ciphertext.prefix(n)).map { $0 ^ $1 }
        let plainXOR = zip(plaintexts[0].prefix(n), plaintexts[1].prefix(n)).map { $0 ^ $1 }
        #expect(cipherXOR == plainXOR)
    }

    @Test(
        "sender data of the wrong length, with or without the guard, is refused before any walk, state unchanged",
        arguments: [1, 3, 5] as [UInt16])
    func malformedSenderData(_ suiteID: UInt16) throws {
        let guarded = try GuardFixture(suiteID: suiteID, reuseGuard: true)
        let plain = try GuardFixture(suiteID: suiteID, reuseGuard: false)
        let tag = guarded.suite.aead.tagSize
        let unguardedMessage = try plain.protect(try plain.member(), [7])
        let guardedMessage = try guarded.protect(try guarded.member(), [7], guard: [9, 9, 9, 9])
        #expect(unguardedMessage.encryptedSenderData.count == 4 + tag)
        #expect(guardedMessage.encryptedSenderData.count == 8 + tag)
        func refuse(_ f: GuardFixture, _ message: PrivateMessage, _ expected: PPRFMessageError) throws {
            let receiver = try f.member()
            let before = try receiver.state.encoded()
            #expect(throws: expected) { try receiver.unprotect(message, signaturePublicKey: f.keys) }
            #expect(try receiver.state.encoded() == before)
            #expect(receiver.treeWalks == 0)
        }
        // Each group's message under the other group's parameters (same secrets: only the length differs).
        try refuse(guarded, unguardedMessage, .senderDataLength(length: 4 + tag, expected: 8 + tag))
        try refuse(plain, guardedMessage, .senderDataLength(length: 8 + tag, expected: 4 + tag))
        for delta in [-1, 1, -8] {
            var m = guardedMessage
            if delta < 0 { m.encryptedSenderData.removeLast(-delta) } else { m.encryptedSenderData.append(0) }
            try refuse(guarded, m, .senderDataLength(length: 8 + tag + delta, expected: 8 + tag))
        }
        // The right length with a tampered guard byte fails the sender-data AEAD, still before any walk.
        var tampered = guardedMessage
        tampered.encryptedSenderData[5] ^= 1
        try refuse(guarded, tampered, .mls(.crypto(.authenticationFailure)))
    }

    @Test("a sender refuses a guard of the wrong length, and any guard in a group without the option, state unchanged")
    func senderRefusals() throws {
        let guarded = try GuardFixture(suiteID: 1)
        let sender = try guarded.member()
        let before = try sender.state.encoded()
        for length in [0, 3, 5, 16] {
            #expect(
                throws: PPRFMessageError.mls(.codec(.wrongSize(field: "reuse_guard", expected: 4, actual: length)))
            ) { try guarded.protect(sender, [1], guard: [UInt8](repeating: 1, count: length)) }
        }
        let plain = try GuardFixture(suiteID: 1, reuseGuard: false)
        let plainSender = try plain.member()
        #expect(throws: PPRFMessageError.reuseGuardNotEnabled(length: 4)) {
            try plain.protect(plainSender, [1], guard: [1, 2, 3, 4])
        }
        #expect(try sender.state.encoded() == before)
        #expect(try plainSender.state.encoded() == before)
        #expect(sender.treeWalks == 0 && plainSender.treeWalks == 0)
        #expect(
            PPRFMessageError.reuseGuardNotEnabled(length: 4).description
                == "A 4-byte reuse guard was given, but the group's PPRFParameters do not set the reuse-guard option, "
                + "so its messages carry none (SPEC.md section 10).")
        #expect(
            PPRFMessageError.senderDataLength(length: 20, expected: 24).description.hasPrefix(
                "The encrypted sender data has 20 bytes; the group's sealed sender data has 24"))
    }

    @Test("PPRFGuardedSenderData and guardedNonce check every length; the XOR touches only the first 4 bytes")
    func codecAndNonce() throws {
        #expect(throws: CodecError.wrongSize(field: "reuse_guard", expected: 4, actual: 2)) {
            try PPRFGuardedSenderData(leafIndex: 1, reuseGuard: [1, 2])
        }
        let data = try PPRFGuardedSenderData(leafIndex: 0x0102_0304, reuseGuard: [0xA, 0xB, 0xC, 0xD])
        #expect(data.tlsEncoded == [1, 2, 3, 4, 0xA, 0xB, 0xC, 0xD])
        #expect(try PPRFGuardedSenderData(tlsDecoding: data.tlsEncoded) == data)
        #expect(throws: CodecError.self) { try PPRFGuardedSenderData(tlsDecoding: [1, 2, 3, 4, 5, 6, 7]) }
        #expect(throws: CodecError.self) { try PPRFGuardedSenderData(tlsDecoding: [1, 2, 3, 4, 5, 6, 7, 8, 9]) }
        let nonce = SecretBytes(copying: Array(0..<12))
        let guarded = try ChallengeKeys.guardedNonce(nonce, reuseGuard: [0xFF, 0, 0x0F, 1])
        #expect(guarded.exportedForTestVectors() == [0xFF, 1, 0x0D, 2] + Array(4..<12))
        #expect(throws: CodecError.wrongSize(field: "reuse_guard", expected: 4, actual: 5)) {
            try ChallengeKeys.guardedNonce(nonce, reuseGuard: [1, 2, 3, 4, 5])
        }
    }

    @Test("the guard costs 4 wire bytes at equal b, as PPRFWireOverhead says", arguments: [13, 64, 96, 256])
    func wireBytes(_ b: Int) throws {
        let guarded = try GuardFixture(suiteID: 3, challengeBits: b)
        let plain = try GuardFixture(suiteID: 3, challengeBits: b, reuseGuard: false)
        let x = try Challenge.random(challengeBits: b)
        let m1 = MLSMessage.privateMessage(try guarded.protect(try guarded.member(), [1, 2], x: x)).tlsEncoded
        let m0 = MLSMessage.privateMessage(try plain.protect(try plain.member(), [1, 2], x: x)).tlsEncoded
        #expect(m1.count - m0.count == 4)
        #expect(
            PPRFWireOverhead.bytes(challengeBits: b, reuseGuard: true) - PPRFWireOverhead.bytes(challengeBits: b) == 4)
        #expect(PPRFWireOverhead.bytes(challengeBits: b, reuseGuard: false) == PPRFWireOverhead.bytes(challengeBits: b))
    }
}
