import BigInt
import ChallengeMath
import Foundation
import Testing

/// The calculator against the independent reference of make_reference.py (mpmath and exact fractions),
/// issue 12's acceptance: P to 1e-12 relative, log2 P to 1e-9, minimum_bits and max_messages exactly equal.
@Suite("exact calculator against the high-precision reference")
struct ExactReferenceTests {
    static func lines(_ text: String) -> [[Substring]] {
        text.split(separator: "\n").map { $0.split(separator: " ") }
    }

    static func count(_ text: Substring) throws -> MessageCount {
        try MessageCount(try #require(BigUInt(text)))
    }

    @Test(
        "P, log2 P and ln(1-P) at 20,000+ points: integers 2..5000, regime boundaries, powers of two",
        .disabled(
            if: ProcessInfo.processInfo.environment["MLS_PPRF_SANITIZER_RUN"] != nil,
            "run by make test; exact arithmetic in safe Swift, the ASan pass's critical path (264 s)"))
    func probabilities() throws {
        let rows = Self.lines(exactProbabilityReference)
        #expect(rows.count > 20_000)
        var checked = 0
        for row in rows {
            let b = try #require(Int(row[0]))
            let k = try Self.count(row[1])
            let p = CollisionProbability(challengeBits: b, messages: k)
            if row[3] == "-inf" {
                #expect(p.regime == .certain && p.probability == 1, "b=\(b) k=\(k)")
                continue
            }
            let log2P = try #require(Double(row[2]))
            let lnComplement = try #require(Double(row[3]))
            let probability = try #require(Double(row[4]))
            #expect(abs(p.log2Probability - log2P) <= 1e-9, "log2 P: b=\(b) k=\(k) \(p.regime)")
            if probability >= 0x1p-1022 && probability < 1 - 1e-12 {
                #expect(abs(p.probability - probability) <= 1e-12 * probability, "P: b=\(b) k=\(k) \(p.regime)")
            }
            if abs(lnComplement) >= 0x1p-1022 {
                #expect(
                    abs(p.lnComplement - lnComplement) <= 1e-12 * abs(lnComplement), "ln(1-P): b=\(b) k=\(k)")
            }
            checked += 1
        }
        #expect(checked > 19_000)
    }

    @Test("minimum_bits equals the exact reference at every point (powers of two +-1, small integers)")
    func minimumBits() throws {
        let rows = Self.lines(exactMinimumBitsReference)
        #expect(rows.count > 1_000)
        for row in rows {
            let k = try Self.count(row[0])
            let t = try #require(Int(row[1]))
            let expected = try #require(Int(row[2]))
            let target = try ProbabilityTarget(log2: -t)
            if expected > 1024 {
                #expect(throws: ChallengeMathError.self) {
                    try ChallengeLength.minimumBits(messages: k, target: target)
                }
            } else {
                #expect(try ChallengeLength.minimumBits(messages: k, target: target) == expected, "k=\(k) p=2^-\(t)")
            }
        }
    }

    @Test("max_messages equals the exact reference at every point")
    func maximumMessages() throws {
        let rows = Self.lines(exactMaximumMessagesReference)
        #expect(rows.count > 100)
        for row in rows {
            let b = try #require(Int(row[0]))
            let t = try #require(Int(row[1]))
            let expected = try #require(BigUInt(row[2]))
            let k = try ChallengeLength.maximumMessages(challengeBits: b, target: ProbabilityTarget(log2: -t))
            #expect(k == expected, "b=\(b) p=2^-\(t)")
        }
    }

    @Test("issue 12's knife edges: 223, 163, 191 bits, and both sides of each boundary")
    func knifeEdges() throws {
        for (lk, t, b) in [(48, 128, 223), (50, 64, 163), (64, 64, 191)] {
            let k = try MessageCount(BigUInt(1) << lk)
            let target = try ProbabilityTarget(log2: -t)
            #expect(try ChallengeLength.minimumBits(messages: k, target: target) == b)
            #expect(try ExactCollision.fits(challengeBits: b, messages: k, target: target))
            #expect(try !ExactCollision.fits(challengeBits: b - 1, messages: k, target: target))
            // P(b, k) = 2^-t (1 - 2^-lk) (1 - O(2^-t)): just below the target, which a rounded double misses.
            let p = CollisionProbability(challengeBits: b, messages: k)
            #expect(abs(p.log2Probability - Double(-t)) < 1e-12)
        }
        // 23 messages of 8 bits: exactly 23, not 23.000000000000004 (P = 0.63889, not P(24) = 0.67134).
        let p23 = CollisionProbability(challengeBits: 8, messages: try MessageCount(parsing: "23"))
        #expect(abs(p23.probability - 0.638_891_840_426_595_8) < 1e-12)
        #expect(try ChallengeLength.minimumBits(messages: MessageCount(parsing: "23"), target: .init(log2: -56)) == 64)
    }

    @Test("exact ties: P equal to the target meets it (k = 2, P = 2^-b; b = 1, k = 2, P = 1/2)")
    func ties() throws {
        for b in [1, 8, 64, 200, 1024] {
            let target = try ProbabilityTarget(log2: -b)
            #expect(try ExactCollision.fits(challengeBits: b, messages: MessageCount(2), target: target))
            #expect(try !ExactCollision.fits(challengeBits: b, messages: MessageCount(3), target: target))
        }
        #expect(try ChallengeLength.maximumMessages(challengeBits: 1, target: ProbabilityTarget(parsing: "0.5")) == 2)
        // A target given exactly as P(3, 2^4) = 1 - 15*14/256 = 46/256 is met by 3 messages and not by 4.
        let exact = try ProbabilityTarget(ExactNumber(numerator: 46, denominator: 256))
        #expect(try ChallengeLength.maximumMessages(challengeBits: 4, target: exact) == 3)
    }

    @Test("degenerate answers: k > 2^b is P = 1 exactly, one message never collides, the unreachable is an error")
    func degenerate() throws {
        let certain = CollisionProbability(challengeBits: 60, messages: try MessageCount(parsing: "2^60+1"))
        #expect(certain.regime == .certain && certain.probability == 1 && certain.lnComplement == -.infinity)
        #expect(CollisionProbability(challengeBits: 60, messages: try MessageCount(parsing: "2^60")).regime != .certain)
        #expect(try ChallengeLength.minimumBits(messages: MessageCount(1), target: .init(log2: -64)) == 1)
        let error = #expect(throws: ChallengeMathError.self) {
            try ChallengeLength.minimumBits(messages: MessageCount(parsing: "2^20"), target: .init(log2: -2000))
        }
        guard case .unreachable(let bits, let log2P) = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(bits == 1024 && abs(log2P - -985.000_001_375_861_86) < 1e-9)
        #expect(error?.description.contains("no challenge length up to 1024 bits") == true)
        #expect(try ChallengeLength.maximumMessages(challengeBits: 1, target: .init(log2: -2)) == 1)
        #expect(throws: ChallengeMathError.self) {
            try ChallengeLength.minimumBits(messages: MessageCount(2), target: .init(log2: -1), maximumBits: 0)
        }
        #expect(throws: ChallengeMathError.self) {
            try ChallengeLength.maximumMessages(challengeBits: 1025, target: .init(log2: -1))
        }
    }

    @Test("budget split: p / (G E) exactly, and the legacy double entry points agree with the exact ones")
    func budgetAndLegacy() throws {
        let total = try ProbabilityTarget(parsing: "2^-40")
        let perEpoch = try total.perEpoch(groups: 1000, epochs: 1_000_000)
        #expect(perEpoch.value == ExactNumber(numerator: 1, denominator: (BigUInt(1) << 40) * 1_000_000_000))
        #expect(ChallengeLength.minimumBits(messages: 0x1p48, log2Target: -128) == 223)
        #expect(ChallengeLength.maximumMessages(challengeBits: 128, log2Target: -64) == 6_074_001_000)
        #expect(throws: ChallengeMathError.self) { try ProbabilityTarget(log2: 0) }
        #expect(throws: ChallengeMathError.self) { try total.perEpoch(groups: 0, epochs: 1) }
        #expect(throws: ChallengeMathError.self) {
            try ChallengeLength.maximumRate(challengeBits: 64, target: total, epochSeconds: 0)
        }
    }
}
