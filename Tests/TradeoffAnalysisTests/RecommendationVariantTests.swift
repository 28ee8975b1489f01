import ChallengeMath
import Foundation
import PPRFProtection
import Testing
import TradeoffAnalysis

@Suite("pprf recommend --variant: the reuse guard lets b follow the delivery target")
struct RecommendationVariantTests {
    static func recommend(
        _ k: Double, target: Double = -64, delivery: Double? = nil, variants: Set<RecommendationVariant>
    ) throws -> Recommendation {
        Recommendation.compute(
            try Workload(
                messagesPerEpoch: k, target: .perEpoch(log2: target), variants: variants, deliveryTarget: delivery))
    }

    @Test("--variant names parse strictly: none, a list, repetition; unknown, empty and repeated names are refused")
    func parsing() throws {
        #expect(try RecommendationVariant.parse([]) == [])
        #expect(try RecommendationVariant.parse(["none"]) == [])
        #expect(try RecommendationVariant.parse(["reuse-guard"]) == [.reuseGuard])
        #expect(try RecommendationVariant.parse([" reuse-guard "]) == [.reuseGuard])
        #expect(try RecommendationVariant.parse(["compact", "short-nodes"]) == [.compact, .shortNodes])
        #expect(
            try RecommendationVariant.parse(["short-nodes,reuse-guard,compact"]) == [
                .reuseGuard, .compact, .shortNodes,
            ])
        let known = "none, reuse-guard, compact, short-nodes"
        let refusals: [([String], String)] = [
            (["bogus"], "unknown variant 'bogus'; use \(known)"),
            (["Compact"], "unknown variant 'Compact'; use \(known)"),
            ([""], "an empty name; use \(known)"), (["reuse-guard,"], "an empty name; use \(known)"),
            (["compact", "compact"], "compact is given twice"),
            (["short-nodes,compact,short-nodes"], "short-nodes is given twice"),
            (["reuse-guard,reuse-guard"], "reuse-guard is given twice"),
            (["reuse-guard", "reuse-guard"], "reuse-guard is given twice"),
            (["none,reuse-guard"], "none cannot be combined with other variants"),
            (["none", "none"], "none cannot be combined with other variants"),
        ]
        for (values, reason) in refusals {
            #expect(throws: RecommendationError.invalidInput(option: "--variant", reason: reason)) {
                try RecommendationVariant.parse(values)
            }
        }
        #expect(RecommendationVariant.describe([]) == "none")
        #expect(RecommendationVariant.describe([.reuseGuard]) == "reuse-guard")
        #expect(
            RecommendationVariant.describe([.shortNodes, .compact, .reuseGuard]) == "reuse-guard,compact,short-nodes")
    }

    @Test("k = 1000, C = 2^-64, D = 2^-32: b = 83 without the guard, 51 with it, as Appendix B.1's formula says")
    func guardLowersBits() throws {
        let plain = try Self.recommend(1000, delivery: -32, variants: [])
        let guarded = try Self.recommend(1000, delivery: -32, variants: [.reuseGuard])
        #expect(plain.challengeBits == 83)
        #expect(guarded.challengeBits == 51)
        #expect(
            guarded.challengeBits
                == StateVariants.requiredBits(
                    messages: 1000, log2Delivery: -32, log2Confidentiality: -64, guarded: true))
        // b is minimal: one bit less breaks the delivery target.
        #expect(CollisionProbability(challengeBits: 50, messages: 1000).log2Probability > -32)
        #expect(guarded.log2ProbabilityPerEpoch <= -32)
        let reuse = CollisionProbability(challengeBits: 51 + 32, messages: 1000).log2Probability
        #expect(abs(guarded.log2KeyNonceReusePerEpoch - reuse) < 1e-9)
        #expect(guarded.log2KeyNonceReusePerEpoch <= -64)
        #expect(plain.log2KeyNonceReusePerEpoch == plain.log2ProbabilityPerEpoch)
        #expect(guarded.messagesPerEpochMax > plain.messagesPerEpochMax)  // a shallower tree rotates later
        #expect(guarded.wireOverheadBytes == PPRFWireOverhead.bytes(challengeBits: 51, reuseGuard: true))
        #expect(guarded.wireOverheadBytes == plain.wireOverheadBytes)  // 4 challenge bytes fewer, 4 guard bytes more
    }

    @Test("without --delivery-target the guard changes no b; without the guard a looser delivery target changes none")
    func deliveryDefaults() throws {
        let guardedDefault = try Self.recommend(1000, variants: [.reuseGuard])
        let plain = try Self.recommend(1000, variants: [])
        #expect(guardedDefault.challengeBits == plain.challengeBits)
        #expect(guardedDefault.workload.log2DeliveryTarget == -64)
        #expect(guardedDefault.log2KeyNonceReusePerEpoch < plain.log2KeyNonceReusePerEpoch - 31)
        #expect(try Self.recommend(1000, delivery: -20, variants: []).challengeBits == plain.challengeBits)
        #expect(try Self.recommend(1000, delivery: -100, variants: []).challengeBits == 119)
        #expect(try Self.recommend(1000, delivery: -100, variants: [.reuseGuard]).challengeBits == 119)
    }

    @Test("a total target bounds both events over every epoch")
    func totalTarget() throws {
        let w = try Workload(
            messagesPerEpoch: 1000, groups: 1e4, epochs: 1e3, target: .total(log2: -64), variants: [.reuseGuard],
            deliveryTarget: -20)
        let r = Recommendation.compute(w)
        #expect(r.log2ProbabilityTotal <= -20 && r.log2KeyNonceReuseTotal <= -64)
        let fewer = Recommendation.compute(
            try Workload(messagesPerEpoch: 1000, groups: 1e4, epochs: 1e3, target: .total(log2: -64)))
        #expect(r.challengeBits == fewer.challengeBits - 32)
    }

    @Test("JSON names the variant, the delivery target and the key-and-nonce-reuse probabilities")
    func jsonFields() throws {
        let r = try Self.recommend(1000, delivery: -32, variants: [.reuseGuard])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.json.utf8)) as? [String: Any])
        #expect(object["variant"] as? String == "reuse-guard")
        #expect(object["log2_delivery_target"] as? Int == -32)
        #expect(try #require(object["log2_key_nonce_reuse_per_epoch"] as? Double) <= -64)
        #expect(object["log2_key_nonce_reuse_total"] != nil)
        #expect(object["challenge_bits"] as? Int == 51)
        let none = try Self.recommend(1000, variants: [])
        #expect(none.json.contains("\"variant\": \"none\""))
    }

    @Test("bad delivery targets are refused by the library with a sentence naming --delivery-target")
    func libraryRefusals() {
        for bad in [0, 1, -100_001, .nan, .infinity, -.infinity] as [Double] {
            #expect(throws: RecommendationError.self) {
                try Workload(messagesPerEpoch: 10, target: .perEpoch(log2: -64), deliveryTarget: bad)
            }
            do {
                _ = try Workload(messagesPerEpoch: 10, target: .perEpoch(log2: -64), deliveryTarget: bad)
            } catch {
                #expect(error.description.hasPrefix("--delivery-target: "))
            }
        }
    }
}
