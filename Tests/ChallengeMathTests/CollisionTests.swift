import BigInt
import ChallengeMath
import Foundation
import TestSupport
import Testing

@Suite("collision probability")
struct CollisionTests {
    @Test("golden values")
    func golden() {
        let birthday = CollisionProbability(values: 365, messages: 23)
        #expect(abs(birthday.probability - 0.507_297_234_323_985) < 1e-12)
        #expect(abs(DraftFormula(values: 365, messages: 23).probability - 0.7502) < 1e-4)
        #expect(abs(CollisionProbability(challengeBits: 32, messages: 77_164).probability - 0.5000) < 1e-4)
        #expect(abs(DraftFormula(challengeBits: 32, messages: 77_164).probability - 0.7500) < 1e-4)
        #expect(abs(CollisionProbability(challengeBits: 128, messages: 0x1p32).log2Probability - -65.0) < 1e-9)
        #expect(abs(DraftFormula(challengeBits: 128, messages: 0x1p32).log2Probability - -64.0) < 1e-9)
        #expect(ChallengeLength.minimumBits(messages: 0x1p20, log2Target: -64) == 103)
        #expect(ChallengeLength.minimumBits(messages: 0x1p20, log2Target: -32) == 71)
        #expect(ChallengeLength.minimumBits(messages: 0x1p20, log2Target: -128) == 167)
        #expect(ChallengeLength.minimumBits(messages: 0x1p32, log2Target: -32) == 95)
        // NIST SP 800-38D: 2^32 random 96-bit IVs collide with probability 2^-33.0.
        #expect(abs(CollisionProbability(challengeBits: 96, messages: 0x1p32).log2Probability - -33.0) < 1e-6)
    }

    @Test("223 (b, k) points agree with mpmath references to 1e-12 relative")
    func referencePoints() throws {
        #expect(referenceTable.count >= 50)
        for (b, kText, log2P, log2Draft, lnComplement) in referenceTable {
            let k = parse(kText)
            let p = CollisionProbability(challengeBits: b, messages: k)
            #expect(abs(p.log2Probability - log2P) <= 2e-12 * max(1, abs(log2P) / 64), "b=\(b) k=\(kText) \(p.regime)")
            if abs(lnComplement) > 1e-290 && lnComplement.isFinite {
                #expect(abs(p.lnComplement - lnComplement) <= 1e-12 * abs(lnComplement), "ln(1-P) b=\(b) k=\(kText)")
            }
            let d = DraftFormula(challengeBits: b, messages: k)
            #expect(
                abs(d.log2Probability - log2Draft) <= 2e-12 * max(1, abs(log2Draft) / 64), "draft b=\(b) k=\(kText)")
        }
    }

    @Test("exact rationals for small N: every k from 2 to N for N = 2, 16, 365 and 2^10")
    func exactRationals() {
        for n in [2, 16, 365, 1024] {
            var numerator = BigUInt(1)  // N (N-1) ... (N-k+1)
            var denominator = BigUInt(1)
            for k in 1...n {
                numerator *= BigUInt(n - k + 1)
                denominator *= BigUInt(n)
                guard k >= 2 else { continue }
                let exact = ratio(denominator - numerator, denominator)
                let ours = CollisionProbability(values: Double(n), messages: Double(k)).probability
                #expect(abs(ours - exact) <= 1e-12 * exact, "N=\(n) k=\(k)")
                let complement = ratio(numerator, denominator)
                if complement > 1e-300 {
                    let lnComplement = CollisionProbability(values: Double(n), messages: Double(k)).lnComplement
                    #expect(abs(lnComplement - Foundation.log(complement)) <= 1e-12 * abs(Foundation.log(complement)))
                }
            }
            #expect(CollisionProbability(values: Double(n), messages: Double(n + 1)).probability == 1)
        }
    }

    @Test("Monte Carlo for tiny b agrees within 5 standard errors")
    func monteCarlo() {
        var rng = SeededRandom(seed: 42)
        for (b, k) in [(6, 5), (8, 20), (10, 30)] {
            let trials = 20_000
            var hits = 0
            for _ in 0..<trials {
                var seen = Set<UInt64>()
                for _ in 0..<k where !seen.insert(rng.next() >> UInt64(64 - b)).inserted {
                    hits += 1
                    break
                }
            }
            let p = CollisionProbability(challengeBits: b, messages: Double(k)).probability
            let estimate = Double(hits) / Double(trials)
            let standardError = (p * (1 - p) / Double(trials)).squareRoot()
            #expect(abs(estimate - p) <= 5 * standardError, "b=\(b) k=\(k): \(estimate) vs \(p)")
        }
    }

    @Test("regime boundaries, tested on both sides against references")
    func regimes() {
        // directSum | series at k = 4096/4097 (b = 64) and directSum | stirling (b = 20).
        #expect(CollisionProbability(challengeBits: 64, messages: 4096).regime == .directSum)
        #expect(CollisionProbability(challengeBits: 64, messages: 4097).regime == .smallRatioSeries)
        #expect(CollisionProbability(challengeBits: 20, messages: 4097).regime == .stirling)
        // series | stirling at t = 2^-20.
        #expect(CollisionProbability(challengeBits: 40, messages: 0x1p20 - 1).regime == .smallRatioSeries)
        #expect(CollisionProbability(challengeBits: 40, messages: 0x1p20).regime == .stirling)
        // directSum | series at log2 N = 900.
        #expect(CollisionProbability(challengeBits: 900, messages: 3).regime == .directSum)
        #expect(CollisionProbability(challengeBits: 901, messages: 3).regime == .smallRatioSeries)
        // stirling | certain at k = N.
        #expect(CollisionProbability(challengeBits: 16, messages: 65_536).regime == .stirling)
        #expect(CollisionProbability(challengeBits: 16, messages: 65_537).regime == .certain)
        // The two sides agree with each other where they meet (continuity to 1e-12 relative in ln(1-P)).
        for (b, k) in [(64, 4096.0), (20, 4096.0), (40, 0x1p20 - 1), (900, 3.0)] {
            let left = CollisionProbability(challengeBits: b, messages: k)
            let right = CollisionProbability(challengeBits: b, messages: k + 1)
            let ratio = Foundation.exp(right.lnNegLnComplement - left.lnNegLnComplement)
            let expected = (k + 1) * k / (k * (k - 1))  // -ln(1-P) grows like k(k-1) while t is small
            #expect(abs(ratio - expected) < 1e-3 * expected, "b=\(b) k=\(k)")
        }
        // Far below 2^-1074: still meaningful in log2.
        let tiny = CollisionProbability(challengeBits: 1024, messages: 2)
        #expect(tiny.log2Probability == -1024)
        #expect(abs(tiny.probability / 0x1p-1024 - 1) < 1e-9)  // subnormal: fewer bits; log2 is exact
        // P rounds to 1 but ln(1-P) stays meaningful.
        let huge = CollisionProbability(challengeBits: 64, messages: 0x1p40)
        #expect(huge.probability == 1)
        #expect(abs(huge.lnComplement - -0x1p15) < 1e-3 * 0x1p15)
    }

    @Test("bounds: lower bound <= P <= union bound; expected pairs = C(k,2)/N")
    func bounds() {
        for (b, k) in [(16, 50.0), (32, 77_164.0), (128, 0x1p32), (256, 0x1p64), (8, 3.0)] {
            let p = CollisionProbability(challengeBits: b, messages: k)
            #expect(p.log2LowerBound <= p.log2Probability + 1e-12)
            #expect(p.log2Probability <= p.log2UnionBound + 1e-12)
            #expect(
                abs(p.expectedCollidingPairs - k * (k - 1) / 2 / Foundation.pow(2, Double(b))) <= 1e-12
                    * p.expectedCollidingPairs)
        }
    }

    @Test("the draft formula is the multiset model: twice the truth for small P, one bit too many")
    func draftRatio() {
        for (b, k) in [(64, 1000.0), (128, 0x1p20), (256, 0x1p64)] {
            let ratio =
                DraftFormula(challengeBits: b, messages: k).log2Probability
                - CollisionProbability(challengeBits: b, messages: k).log2Probability
            #expect(abs(ratio - 1) < 1e-6)
        }
        // Exact multiset model for N = 4: 1 - C(4,k)/C(4+k-1,k).
        for k in 2...4 {
            let exact = 1 - Double(binomial(4, k)) / Double(binomial(4 + k - 1, k))
            #expect(abs(DraftFormula(values: 4, messages: Double(k)).probability - exact) < 1e-12)
        }
    }

    @Test("inverse queries are tight, and the budget split is the union bound")
    func inverses() throws {
        for (k, target) in [(0x1p20, -64.0), (1000.0, -40.0), (0x1p32, -32.0), (2.0, -200.0)] {
            let b = ChallengeLength.minimumBits(messages: k, log2Target: target)
            #expect(CollisionProbability(challengeBits: b, messages: k).log2Probability <= target)
            #expect(CollisionProbability(challengeBits: b - 1, messages: k).log2Probability > target)
        }
        for (b, target) in [(64, -32.0), (32, -1.0), (128, -64.0), (16, -8.0)] {
            let k = ChallengeLength.maximumMessages(challengeBits: b, log2Target: target)
            #expect(CollisionProbability(challengeBits: b, messages: k).log2Probability <= target)
            let next = k < 0x1p53 ? k + 1 : k * (1 + 0x1p-50)
            #expect(CollisionProbability(challengeBits: b, messages: next).log2Probability > target)
        }
        #expect(ChallengeLength.maximumMessages(challengeBits: 1, log2Target: -2) == 1)  // not even 2 messages fit
        #expect(ChallengeLength.perEpochTarget(log2Total: -40, groups: 1024, epochs: 0x1p20) == -70)
        let rate = try ChallengeLength.maximumRate(
            challengeBits: 64, target: ProbabilityTarget(log2: -32), epochSeconds: 3600)
        #expect(abs(rate - ChallengeLength.maximumMessages(challengeBits: 64, log2Target: -32) / 3600) < 1e-9)
    }

    func parse(_ text: String) -> Double {
        if let r = text.range(of: "**") {
            return Foundation.pow(Double(text[..<r.lowerBound])!, Double(text[r.upperBound...])!)
        }
        return Double(text)!
    }

    func ratio(_ a: BigUInt, _ b: BigUInt) -> Double {
        // a/b to double precision: scale so the quotient has 80 significant bits.
        let shift = max(0, b.bitWidth - a.bitWidth + 80)
        let q = (a << shift) / b
        return Double(q) * Foundation.pow(2, -Double(shift))
    }

    func binomial(_ n: Int, _ k: Int) -> Int { k == 0 ? 1 : binomial(n - 1, k - 1) * n / k }
}
