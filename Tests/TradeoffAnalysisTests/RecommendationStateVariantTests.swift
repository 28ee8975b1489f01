import ChallengeMath
import Foundation
import MLSCore
import PuncturablePRF
import Testing
import TradeoffAnalysis

@Suite("pprf recommend --variant compact | short-nodes: b, state and rotation bound per state variant")
struct RecommendationStateVariantTests {
    static func recommend(
        _ k: Double, suite: UInt16 = 1, profile: PRGProfile = .mls, delivery: Double? = nil,
        variants: Set<RecommendationVariant>
    ) throws -> Recommendation {
        Recommendation.compute(
            try Workload(
                messagesPerEpoch: k, target: .perEpoch(log2: -64), suiteID: suite, profile: profile,
                variants: variants, deliveryTarget: delivery))
    }

    @Test("compact: same b, rotation bound and bytes held; the encoding is PPRFCompactState's closed form")
    func compact() throws {
        let plain = try Self.recommend(1e5, variants: [])
        let compact = try Self.recommend(1e5, variants: [.compact])
        #expect(compact.challengeBits == plain.challengeBits)
        #expect(compact.messagesPerEpochMax == plain.messagesPerEpochMax)
        #expect(compact.receiverStateBytes == plain.receiverStateBytes)
        let b = compact.challengeBits
        let k = compact.messagesPerEpochMax
        #expect(
            compact.receiverStateEncodedBytes
                == StateVariants.expectedCompactBytes(bits: b, punctures: k, secretSize: 32))
        #expect(
            plain.receiverStateEncodedBytes
                == StateSize.expectedEncodedBytes(challengeBits: b, punctures: k, secretSize: 32))
        // b = 103 here: the compact form drops the prefixes, about a quarter of the canonical bytes.
        let saving = 1 - compact.receiverStateEncodedBytes / plain.receiverStateEncodedBytes
        #expect(saving > 0.2 && saving < 0.3, "saving \(saving) at b = \(b)")
        #expect(compact.workload.stateModel == .compact)
        let baseline = try #require(compact.withoutVariants)
        #expect(baseline.challengeBits == plain.challengeBits)
        #expect(baseline.receiverStateEncodedBytes == plain.receiverStateEncodedBytes)
        #expect(plain.withoutVariants == nil)
    }

    @Test(
        "short-nodes at suites 5 and 7: profile mls32, 32-byte nodes, same b at 10^4 messages, a later rotation",
        arguments: [UInt16(5), 7])
    func shortNodes(suite id: UInt16) throws {
        let nh = try CipherSuite(id: id).nh
        let plain = try Self.recommend(1e4, suite: id, variants: [])
        let short = try Self.recommend(1e4, suite: id, variants: [.shortNodes])
        let b = short.challengeBits
        #expect(b == 90 && plain.challengeBits == 90)  // both epochs hold the 10^4 messages unrotated
        #expect(short.workload.profile == .mls32 && plain.workload.profile == .mls)
        #expect(short.workload.nodeSecretBytes == 32 && plain.workload.nodeSecretBytes == nh)
        let budget = PPRF.defaultMemoryBudget
        #expect(
            short.messagesPerEpochMax == PPRF.maxPunctures(forMemoryBudget: budget, secretSize: 32, challengeBits: b))
        #expect(
            plain.messagesPerEpochMax == PPRF.maxPunctures(forMemoryBudget: budget, secretSize: nh, challengeBits: b))
        #expect(short.messagesPerEpochMax > plain.messagesPerEpochMax)
        let k = short.messagesPerEpochMax
        let nodes = StateSize.expectedStoredNodes(challengeBits: b, punctures: k)
        #expect(
            short.receiverStateBytes
                == PPRF.memoryBound(storedNodes: nodes, punctures: k, challengeBits: b, secretSize: 32))
        #expect(
            short.receiverStateEncodedBytes
                == StateSize.expectedEncodedBytes(challengeBits: b, punctures: k, secretSize: 32))
        #expect(
            short.nodeLimit
                == PPRF.maxStoredNodes(
                    forMemoryBudget: budget, suite: try CipherSuite(id: id), profile: .mls32, challengeBits: b))
        #expect(short.wireOverheadBytes == plain.wireOverheadBytes)
        let baseline = try #require(short.withoutVariants)
        #expect(baseline.challengeBits == plain.challengeBits)
        #expect(baseline.messagesPerEpochMax == plain.messagesPerEpochMax)
        #expect(baseline.receiverStateBytes == plain.receiverStateBytes)
        // At 10^5 messages both rotate; the 32-byte epoch is longer, so b meets the target at a larger k.
        let long = try Self.recommend(1e5, suite: id, variants: [.shortNodes])
        let longPlain = try Self.recommend(1e5, suite: id, variants: [])
        #expect(long.messagesPerEpochMax > longPlain.messagesPerEpochMax)
        #expect(long.challengeBits >= longPlain.challengeBits)
        #expect(
            CollisionProbability(challengeBits: long.challengeBits, messages: long.messagesPerEpochMax).log2Probability
                <= -64)
    }

    @Test("--profile mls32 alone sizes the state as --variant short-nodes does (suite 5)")
    func profileMls32IsShortNodes() throws {
        let byProfile = try Self.recommend(1e5, suite: 5, profile: .mls32, variants: [])
        let byVariant = try Self.recommend(1e5, suite: 5, profile: .mls32, variants: [.shortNodes])
        #expect(byProfile.challengeBits == byVariant.challengeBits)
        #expect(byProfile.messagesPerEpochMax == byVariant.messagesPerEpochMax)
        #expect(byProfile.receiverStateBytes == byVariant.receiverStateBytes)
        #expect(byProfile.receiverStateEncodedBytes == byVariant.receiverStateEncodedBytes)
        #expect(byProfile.nodeLimit == byVariant.nodeLimit)
        #expect(byProfile.workload.stateModel == .shortNodes)
        // The comparison drops short-nodes back to profile mls (64-byte nodes).
        let baseline = try #require(byVariant.withoutVariants)
        #expect(
            baseline.messagesPerEpochMax
                == PPRF.maxPunctures(
                    forMemoryBudget: PPRF.defaultMemoryBudget, secretSize: 64, challengeBits: baseline.challengeBits))
    }

    @Test("all three at suite 7 (D = 2^-32): the guard's b, 32-byte nodes, the compact encoding")
    func combined() throws {
        let all = try Self.recommend(1e4, suite: 7, delivery: -32, variants: [.reuseGuard, .compact, .shortNodes])
        let plain = try Self.recommend(1e4, suite: 7, delivery: -32, variants: [])
        #expect(
            all.challengeBits
                == StateVariants.requiredBits(messages: 1e4, log2Delivery: -32, log2Confidentiality: -64, guarded: true)
        )
        #expect(all.challengeBits == plain.challengeBits - 32)
        #expect(all.workload.stateModel == RecommendationStateModel(compactEncoding: true, shortNodes: true))
        let b = all.challengeBits
        let k = all.messagesPerEpochMax
        #expect(k == PPRF.maxPunctures(forMemoryBudget: PPRF.defaultMemoryBudget, secretSize: 32, challengeBits: b))
        #expect(
            all.receiverStateEncodedBytes == StateVariants.expectedCompactBytes(bits: b, punctures: k, secretSize: 32))
        let baseline = try #require(all.withoutVariants)
        #expect(baseline.challengeBits == plain.challengeBits)
        #expect(baseline.messagesPerEpochMax == plain.messagesPerEpochMax)
        #expect(all.messagesPerEpochMax > baseline.messagesPerEpochMax)
    }

    @Test("JSON names the encoding, the node size and the answer without the variants")
    func jsonFields() throws {
        let r = try Self.recommend(1e4, suite: 5, variants: [.compact, .shortNodes])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.json.utf8)) as? [String: Any])
        #expect(object["variant"] as? String == "compact,short-nodes")
        #expect(object["state_encoding"] as? String == "compact")
        #expect(object["node_secret_bytes"] as? Int == 32)
        #expect(object["profile"] as? String == "mls32")
        let baseline = try #require(object["without_variants"] as? [String: Any])
        #expect(baseline["challenge_bits"] as? Int == r.challengeBits)
        #expect(
            (baseline["messages_per_epoch_max"] as? NSNumber)?.doubleValue
                == r.withoutVariants?.messagesPerEpochMax)
        let none = try Self.recommend(1e5, variants: [])
        let plainObject = try #require(try JSONSerialization.jsonObject(with: Data(none.json.utf8)) as? [String: Any])
        #expect(plainObject["without_variants"] is NSNull)
        #expect(plainObject["state_encoding"] as? String == "canonical")
        #expect(plainObject["node_secret_bytes"] as? Int == 32)
    }

    @Test("short-nodes is refused with a sentence for suites with KDF.Nh = 32 and for profile cbst")
    func refusals() throws {
        for id: UInt16 in [1, 2, 3] {
            #expect(
                throws: RecommendationError.invalidInput(
                    option: "--variant",
                    reason: "short-nodes needs a suite with KDF.Nh > 32 (5 or 7); suite \(id) has KDF.Nh = 32")
            ) {
                try Workload(messagesPerEpoch: 1000, target: .perEpoch(log2: -64), suiteID: id, variants: [.shortNodes])
            }
        }
        #expect(
            throws: RecommendationError.invalidInput(
                option: "--variant", reason: "short-nodes is profile mls32 and cannot be combined with --profile cbst")
        ) {
            try Workload(
                messagesPerEpoch: 1000, target: .perEpoch(log2: -64), suiteID: 5, profile: .cbst,
                variants: [.shortNodes])
        }
        // compact needs nothing of the suite.
        for id: UInt16 in [1, 2, 3, 5, 7] {
            let w = try Workload(
                messagesPerEpoch: 1000, target: .perEpoch(log2: -64), suiteID: id, variants: [.compact])
            #expect(w.stateModel == .compact)
        }
    }
}
