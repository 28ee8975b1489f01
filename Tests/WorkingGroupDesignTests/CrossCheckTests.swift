import MLSCore
import MLSCrypto
import Testing

@testable import WorkingGroupDesign

/// The published vc-01 values of `havenmessenger/interop` (`tests/vectors/vc-01-vectors.json`, generated
/// against OpenMLS commit f3040aa, July 2026; cipher suite 1) and OpenMLS's pinned FF1 vector
/// (`openmls_rust_crypto/src/ff1.rs` and `libcrux_crypto/src/ff1.rs`, test `fixed_vector`).
@Suite("cross-check: havenmessenger/interop vc-01 vectors and OpenMLS's FF1 vector")
struct CrossCheckTests {
    static let suite = try! CipherSuite(id: 1)

    struct PRPCase: Sendable {
        let plaintext: UInt32
        let haven: UInt32
        let openMLS: UInt32
    }

    static let prpKey = "f5f8698dfbca10db1bb94cbd727b1b76"
    static let prpCases = [
        PRPCase(plaintext: 0, haven: 2_160_573_208, openMLS: 31_710_488),
        PRPCase(plaintext: 1, haven: 3_271_452_510, openMLS: 2_544_676_614),
        PRPCase(plaintext: 4_294_967_295, haven: 1_682_913_838, openMLS: 653_417_588),
        PRPCase(plaintext: 2_147_483_647, haven: 2_171_212_030, openMLS: 3_315_972_755),
        PRPCase(plaintext: 2_147_483_648, haven: 2_781_780_090, openMLS: 2_234_232_148),
    ]

    @Test("our SmallSpacePRP equals havenmessenger's (\"ours\") on all five small_space_prp cases")
    func agreesWithHaven() throws {
        let prp = try SmallSpacePRP(key: SecretBytes(copying: hexBytes(Self.prpKey)))
        for item in Self.prpCases {
            #expect(try prp.encrypt(item.plaintext) == item.haven, "x = \(item.plaintext)")
            #expect(try prp.decrypt(item.haven) == item.plaintext)
            #expect(try prp.encrypt(item.plaintext) != item.openMLS)
        }
    }

    @Test("OpenMLS's outputs are FF1 with the bits of each byte reversed on the way in and out")
    func explainsOpenMLS() throws {
        let prp = try SmallSpacePRP(key: SecretBytes(copying: hexBytes(Self.prpKey)))
        for item in Self.prpCases {
            #expect(try OpenMLSReuseGuardMapping.encrypt(prp, item.plaintext) == item.openMLS, "x = \(item.plaintext)")
            #expect(try OpenMLSReuseGuardMapping.decrypt(prp, item.openMLS) == item.plaintext)
        }
        // OpenMLS's own pinned vector: key 00 01 ... 0f, x = 0x01234567 -> 0xa1ba5e30.
        let pinned = try SmallSpacePRP(key: SecretBytes(copying: (0..<16).map { UInt8($0) }))
        #expect(try OpenMLSReuseGuardMapping.encrypt(pinned, 0x0123_4567) == 0xa1ba_5e30)
        #expect(try pinned.encrypt(0x0123_4567) != 0xa1ba_5e30)
        // 0x01234567's bytes 01 23 45 67 become 80 c4 a2 e6 before FF1.
        #expect(OpenMLSReuseGuardMapping.reverseBitsInEachByte(0x0123_4567) == 0x80c4_a2e6)
    }

    @Test("the five section 5.2 secrets match havenmessenger and OpenMLS (both cases)")
    func epochSecrets() throws {
        let cases = [
            (
                "644d152495e19965566b775a8bf59f257524a17596d4b950d914be8cf8ac69fa",
                [
                    "30c26fe937485f2ee1d6f8f8277a54583a9b309dd8f3f9a8d94639f8cacb7e2c",
                    "b03c9f660a4f3d4465f461c8dd54dc89efa81fbdd773a8bf65a7b23c088e74f0",
                    "7c42e064ded5eec211eed343670f214590968906f78e7c30976953d65f73caad",
                    "c1b453f2ed99a4732036f8cb3dcb1b4a4f3511b17fd699f597940b7ed3dffba8",
                    "3b5b6592cffcb1df2f80f3046290aa3d1c0934cd39c01d53e7cdc07b26c46164",
                ]
            ),
            (
                String(repeating: "00", count: 32),
                [
                    "1a9ab89a4c150c72b11a5dbe58c67e3a4cededd0cdf4494b9fda3e715e0f2785",
                    "55225e87343f5de990eae88049ebe252c6d0c895cafefac7d71f6be3f3d9c058",
                    "7f604f18e1adcb574706a314e504fbe0315bbe541085fd828232fa23f3c308b8",
                    "7714916d5d933ffb63a7b7ed7533731d43019317944f7ac5095431b749dd57c2",
                    "2d3e55fae17893df3329a8a296a308335dcb741f9cc2c4c44a0833e9aab5b1a7",
                ]
            ),
        ]
        for (input, expected) in cases {
            let secrets = try EmulationEpochSecrets(
                suite: Self.suite, emulatorEpochSecret: SecretBytes(copying: hexBytes(input)))
            let derived = [
                secrets.epochID, secrets.baseSecret, secrets.encryptionKey, secrets.generationIDSecret,
                secrets.reuseGuardSecret,
            ]
            #expect(derived.map { $0.exportedForTestVectors() } == expected.map(hexBytes))
        }
    }

    struct GuardCase: Sendable {
        let secret: String
        let nonce: String
        let leafCount: UInt64
        let leaf: UInt32
        let x: UInt32
        let prpKey: String
        let haven: String
        let openMLS: String
    }

    static let guardCases = [
        GuardCase(
            secret: "e3de8101a8f83fa2b1c0ea5e864e6ac22822f231c21e0ab18294b790c4257297",
            nonce: "663ffccb23712f69732d1dcb17cae025fdd2d425d731766bf2c28a4c835a1fed", leafCount: 4, leaf: 0,
            x: 2_526_451_348, prpKey: "e7a96240c558a9e9b3c73cdc2db5504f", haven: "2f2ea1b6", openMLS: "6ec8e615"),
        GuardCase(
            secret: "298838debaf3340b28a7ab33ecf4aa7321e51d237f36f8d31795aeb50f490db8",
            nonce: "b6e9fd532aa5ba5c0f5fe06cf70dce0e7a2b1cde5d0873f880e494faaa397bd2", leafCount: 4, leaf: 3,
            x: 2_526_451_351, prpKey: "718ed2c5de6c38fb1a8c2871ea2d05b2", haven: "d0e4e39d", openMLS: "e3dcf271"),
        GuardCase(
            secret: "e0a85ce2bc59706ed03298331fa22e3f0ae11f8f9265cb9839f35d00e0931021",
            nonce: "aafd9da5b04aa51ba75b6c1134c41bece5c83086d536e472939b108d0de53994", leafCount: 65536,
            leaf: 65535, x: 2_779_119_615, prpKey: "aacc5caa7c94b894836a09edd9ac01c7", haven: "5592dedb",
            openMLS: "aa497bdb"),
    ]

    @Test("reuse guards: PRP keys agree with both; guards agree with havenmessenger; OpenMLS's differ by the bit order")
    func reuseGuards() throws {
        for item in Self.guardCases {
            let context = try ReuseGuardContext(
                suite: Self.suite, reuseGuardSecret: SecretBytes(copying: hexBytes(item.secret)),
                leafCount: item.leafCount)
            let nonce = SecretBytes(copying: hexBytes(item.nonce))
            let key = try context.prpKey(keyScheduleNonce: nonce)
            #expect(key.exportedForTestVectors() == hexBytes(item.prpKey))
            let multiplier = UInt64(item.x - item.leaf) / item.leafCount
            #expect(try context.prpInput(leafIndex: item.leaf, multiplier: multiplier) == item.x)
            let guardBytes = try context.reuseGuard(
                keyScheduleNonce: nonce, leafIndex: item.leaf, multiplier: multiplier)
            #expect(guardBytes == hexBytes(item.haven))
            #expect(try context.senderLeafIndex(keyScheduleNonce: nonce, reuseGuard: guardBytes) == item.leaf)
            let prp = try SmallSpacePRP(key: key)
            let openMLSGuard = try OpenMLSReuseGuardMapping.encrypt(prp, item.x)
            #expect(bigEndian(openMLSGuard) == hexBytes(item.openMLS))
        }
    }

    @Test("generation IDs match havenmessenger and OpenMLS; the context is 46 bytes for a 32-byte group id")
    func generationIDs() throws {
        let cases: [(String, String, UInt32, String)] = [
            (
                "aa69b8fed0ffc0982823bf043f8e1cb4d9381f3ee6dae4c179eb82e8ab92a407",
                "0eb473c73209c2805ec3bf4dfb4d2cf70af5c7731a62c33b0f3cfa009c650895", 0,
                "2f64b25e65fb0350d2318bf82664b432ab0bb9b5e455aafebc44e1101a5d5bc1"
            ),
            (
                "6c62f0ffbf892e7cc2887ae113c71c84fb362c4be61488dcf2fa8663d4fba3de",
                "4a32c4fcbc004343a5f1416dab4ad1d89f6940bb8a7b90e07573a975b1fcae9b", 1000,
                "0e60973cf7a33d9a7db6e34852d6c8e0e6bc008eaf3f9aafbe19eeb9b7885b67"
            ),
        ]
        for (secret, groupID, generation, expected) in cases {
            let id = try GenerationID.derive(
                suite: Self.suite, generationIDSecret: SecretBytes(copying: hexBytes(secret)),
                groupID: hexBytes(groupID), epoch: 7, generation: generation, ratchetType: .application)
            #expect(id == hexBytes(expected))
        }
        let context = GenerationID.context(
            groupID: [UInt8](repeating: 0, count: 32), epoch: 7, generation: 0, ratchetType: .application)
        #expect(context.count == 46)
    }
}
