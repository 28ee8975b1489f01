import ChallengeMath
import Foundation
import MLSCore
import MLSCrypto
import PuncturablePRF
import Testing

@testable import TradeoffAnalysis

/// The budget model written out independently of the engine's search: the expected state after k punctures,
/// plus headroom, must fit the node limit and the allocation bound.
func budgetFits(_ k: Double, budget: Int, bits b: Int) -> Bool {
    let headroom = 8 * k.squareRoot() + 8
    let nodes = (k < 1 ? 1 : StateSize.expectedStoredNodes(challengeBits: b, punctures: k)) + headroom
    let bytes = 32 * (nodes + 256) + 10 * (nodes + k + headroom + Double(b)) + 32 * (nodes / 256 + 1) + 1024
    return nodes <= Double(PPRF.storedNodeLimit) && bytes <= Double(budget)
}

/// The largest k passing ``budgetFits`` by a linear scan from 0, capped like the engine's search at 2^(b-3);
/// infinity when every k up to there fits and so does every k on the grid 2^(b - 3 + i/8), i = 1...24.
func bruteForceMaxPunctures(budget: Int, bits b: Int) -> Double {
    let cap = Foundation.exp2(Double(min(max(b - 3, 0), 53)))
    guard budgetFits(0, budget: budget, bits: b) else { return 0 }
    var k = 0.0
    while k < cap && budgetFits(k + 1, budget: budget, bits: b) { k += 1 }
    if k == cap && b <= 53
        && (1...24).allSatisfy({ budgetFits(Foundation.exp2(Double(b) - 3 + Double($0) / 8), budget: budget, bits: b) })
    {
        return .infinity
    }
    return k
}

@Suite("memory budget: the engine's bound and its inverse")
struct BudgetTests {
    @Test(
        "maxPunctures equals a linear scan over k (b = 8 to 128, budgets 8 KiB to 1 MiB)",
        arguments: [8, 16, 24, 32, 64, 128])
    func inverseAgainstLinearScan(_ b: Int) {
        for budget in [8 << 10, 40 << 10, 256 << 10, 1 << 20] {
            let k = PPRF.maxPunctures(forMemoryBudget: budget, secretSize: 32, challengeBits: b)
            #expect(k == bruteForceMaxPunctures(budget: budget, bits: b), "b = \(b), budget \(budget)")
        }
    }

    @Test("E(b, k) grows with k up to 2^(b-3), where the budget search stops (every k, b = 4 to 14)")
    func closedFormIsIncreasingBelowTheSearchLimit() {
        for b in 4...14 {
            var previous = StateSize.expectedStoredNodes(challengeBits: b, punctures: 1)
            for k in 2...(1 << (b - 3)) {
                let e = StateSize.expectedStoredNodes(challengeBits: b, punctures: Double(k))
                #expect(e > previous, "b = \(b), k = \(k)")
                previous = e
            }
        }
    }

    @Test("the inverse against the closed form: E at k_max fits, E at k_max + 1 does not (64 MiB, b = 64 to 256)")
    func inverseAgainstClosedForm() throws {
        let suite = try CipherSuite(id: 1)
        for b in [64, 96, 100, 128, 192, 256] {
            let budget = 64 << 20
            let k = PPRF.maxPunctures(forMemoryBudget: budget, secretSize: 32, challengeBits: b)
            #expect(k > 1000)
            #expect(budgetFits(k, budget: budget, bits: b))
            #expect(!budgetFits(k + 1, budget: budget, bits: b))
            // The node limit admits the expected state plus headroom at k_max.
            let limit = PPRF.maxStoredNodes(forMemoryBudget: budget, suite: suite, challengeBits: b)
            #expect(Double(limit) >= StateSize.expectedStoredNodes(challengeBits: b, punctures: k) + 8 * k.squareRoot())
        }
        // b = 128 at 64 MiB: about 14,900 messages (README's answer).
        let k128 = PPRF.maxPunctures(forMemoryBudget: 64 << 20, secretSize: 32, challengeBits: 128)
        #expect((14_000...16_000).contains(k128))
    }

    @Test("budgets below a fresh state give 0 messages and a node limit of 1; huge budgets stop at the hard limit")
    func extremes() throws {
        let suite = try CipherSuite(id: 1)
        #expect(PPRF.maxPunctures(forMemoryBudget: 1, secretSize: 32, challengeBits: 128) == 0)
        #expect(PPRF.maxPunctures(forMemoryBudget: 0, secretSize: 32, challengeBits: 128) == 0)
        #expect(PPRF.maxStoredNodes(forMemoryBudget: 1, suite: suite, challengeBits: 128) == 1)
        // A huge budget: the engine's hard node limit binds (expected state plus headroom stays below it).
        let huge = PPRF.maxStoredNodes(forMemoryBudget: 1 << 40, suite: suite, challengeBits: 128)
        #expect(huge <= PPRF.storedNodeLimit && huge > PPRF.storedNodeLimit - 1_000)
        // A small tree that the budget holds over its whole life: no rotation bound, and a node limit that
        // admits every state the tree can have.
        #expect(PPRF.maxPunctures(forMemoryBudget: 1 << 30, secretSize: 32, challengeBits: 12) == .infinity)
        #expect(PPRF.maxStoredNodes(forMemoryBudget: 1 << 30, suite: suite, challengeBits: 12) == 1 << 12)
        #expect(throws: PPRFError.invalidChallengeBits(0)) {
            try PPRF(
                secret: SecretBytes(copying: [UInt8](repeating: 1, count: 32)), suite: suite,
                parameters: PPRFParameters(challengeBits: 0, profile: .mls),
                memoryBudget: 1 << 20)
        }
    }

    @Test("suite 5: profile mls32 sizes the budget by 32-byte nodes, mls by 64-byte ones (b = 128, 1 MiB)")
    func nodeSizeFromProfile() throws {
        let suite = try CipherSuite(id: 5)
        let (b, budget) = (128, 1 << 20)
        let k32 = PPRF.maxPunctures(forMemoryBudget: budget, suite: suite, profile: .mls32, challengeBits: b)
        let k64 = PPRF.maxPunctures(forMemoryBudget: budget, suite: suite, profile: .mls, challengeBits: b)
        #expect(k32 == PPRF.maxPunctures(forMemoryBudget: budget, secretSize: 32, challengeBits: b))
        #expect(k64 == PPRF.maxPunctures(forMemoryBudget: budget, secretSize: 64, challengeBits: b))
        // 32-byte nodes: 42 bytes a stored node against 74, so the epoch holds about 1.7 times the messages.
        #expect(k32 > 1.6 * k64 && k32 < 1.8 * k64, "k32 = \(k32), k64 = \(k64)")
        #expect(
            PPRF.memoryBound(storedNodes: 1000, punctures: 10, challengeBits: b, suite: suite, profile: .mls32)
                == PPRF.memoryBound(storedNodes: 1000, punctures: 10, challengeBits: b, secretSize: 32))
        #expect(
            PPRF.memoryBound(storedNodes: 1000, punctures: 10, challengeBits: b, suite: suite, profile: .mls)
                == PPRF.memoryBound(storedNodes: 1000, punctures: 10, challengeBits: b, secretSize: 64))
        let limit32 = PPRF.maxStoredNodes(forMemoryBudget: budget, suite: suite, profile: .mls32, challengeBits: b)
        let limit64 = PPRF.maxStoredNodes(forMemoryBudget: budget, suite: suite, profile: .mls, challengeBits: b)
        #expect(limit64 == PPRF.maxStoredNodes(forMemoryBudget: budget, suite: suite, challengeBits: b))
        #expect(
            Double(limit32) >= StateSize.expectedStoredNodes(challengeBits: b, punctures: k32) + 8 * k32.squareRoot())
        #expect(Double(limit64) < StateSize.expectedStoredNodes(challengeBits: b, punctures: k32))
        // The engine built from the budget takes the profile's node size: an mls32 receiver holds k32
        // messages within the budget (with 64-byte sizing its node limit would refuse them).
        let root = SecretBytes(copying: [UInt8](repeating: 9, count: 64))
        let pprf = try PPRF(
            secret: root, suite: suite, parameters: PPRFParameters(challengeBits: b, profile: .mls32),
            memoryBudget: budget)
        #expect(pprf.maxStoredNodes == limit32)
        let plain = try PPRF(
            secret: root, suite: suite, parameters: PPRFParameters(challengeBits: b, profile: .mls),
            memoryBudget: budget)
        #expect(plain.maxStoredNodes == limit64)
        var rng = SplitMix64(seed: 5)
        var done = 0
        while done < Int(k32) {
            let x = try Challenge(
                bytes: (0..<(b / 8)).map { _ in UInt8.random(in: 0...255, using: &rng) }, challengeBits: b)
            if try pprf.isPunctured(x) { continue }
            try pprf.puncture(at: x)  // a tooManyNodes here fails the test
            done += 1
        }
        #expect(pprf.bytesHeld <= budget, "\(pprf.bytesHeld) bytes held, budget \(budget)")
        #expect(pprf.secretBytesHeld == pprf.storedNodeCount * 32)
    }

    @Test("the allocation bound covers the measured bytes held and exceeds them by less than 10%")
    func boundAgainstMeasuredAllocation() throws {
        for (b, k) in [(64, 3000), (128, 1500), (256, 700)] {
            _ = try puncturedEngine(depth: b, punctures: k) { done, pprf in
                if done % 250 == 0 || done == k {
                    let bound = PPRF.memoryBound(
                        storedNodes: Double(pprf.storedNodeCount), punctures: Double(done), challengeBits: b,
                        secretSize: 32)
                    #expect(Double(pprf.bytesHeld) <= bound, "b = \(b), k = \(done)")
                    #expect(Double(pprf.bytesHeld) >= 0.9 * bound || done < 1000, "b = \(b), k = \(done)")
                }
            }
        }
    }
}

@Suite("recommendation: every README and REPORT figure runs through the engine")
struct AnswerOnEngineTests {
    /// Scaling: each quoted budget divided by 64 (16 MiB -> 256 KiB, 64 MiB -> 1 MiB, 256 MiB -> 4 MiB), so
    /// that the suite stays fast; the report's scale section and `pprf simulate` run them at full size.
    static let scale = 64

    @Test("each quoted (b, budget), scaled by 1/64: k_max messages fit, no tooManyNodes, bytes held within budget")
    func quotedConfigurationsHold() throws {
        let suite = try CipherSuite(id: 1)
        for (b, fullBudget) in AnswerFigures.quotedConfigurations {
            let budget = fullBudget / Self.scale
            let k = Int(AnswerFigures.rotationBound(bits: b, budget: budget))
            #expect(k >= 20, "b = \(b), budget \(budget)")
            let pprf = try PPRF(
                secret: SecretBytes(copying: [UInt8](repeating: 7, count: 32)), suite: suite,
                parameters: PPRFParameters(challengeBits: b, profile: .blake2b), memoryBudget: budget)
            var done = 0
            while done < k {
                let x = try Challenge.random(challengeBits: b)
                if try pprf.isPunctured(x) { continue }
                try pprf.puncture(at: x)  // a tooManyNodes here fails the test
                done += 1
            }
            #expect(pprf.bytesHeld <= budget, "b = \(b): \(pprf.bytesHeld) bytes held, budget \(budget)")
        }
    }

    @Test("the answer names b, its state, its rotation bound, wire and CPU cost, and quotes no unholdable count")
    func answerText() {
        let text = Report.recommendation()
        let k128 = AnswerFigures.rotationBound(bits: 128, budget: PPRF.defaultMemoryBudget)
        #expect(text.contains("b = 128"))
        #expect(text.contains("rotate the epoch (commit) at least every \(Format.count(k128)) messages"))
        #expect(text.contains("64.0 MiB per group"))
        #expect(text.contains("8 bytes per message"))
        #expect(text.contains("us to unprotect"))
        #expect(text.contains("The draft's b = 256"))
        #expect(!text.contains("6.07e+09"))
        #expect(AnswerFigures.smallestPerEpochBits <= AnswerFigures.perEpochBits)
        #expect(AnswerFigures.table().rows.count == 4)
    }

    @Test("README's answer is the generated one")
    func readmeCarriesTheAnswer() throws {
        let readme = try String(
            contentsOf: analysisDirectory.deletingLastPathComponent().appendingPathComponent("README.md"),
            encoding: .utf8)
        let answer = Report.recommendation()
        #expect(readme.contains(answer), "README.md, \"What b should I use?\", must contain:\n\(answer)")
    }
}
