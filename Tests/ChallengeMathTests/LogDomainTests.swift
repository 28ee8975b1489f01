import BigInt
import Foundation
import Testing

@testable import ChallengeMath

/// The log-domain decision (issue 12, round 3): its enclosures contain the mpmath values, it agrees with the
/// exact product and series wherever those answer, and the worst cases of both inverse queries finish with the
/// answers of make_reference.py ("worst"). No test times anything: each asserts exact answers.
@Suite("log-domain decision: rigorous enclosures and worst cases")
struct LogDomainTests {
    /// `x 2^-f` as a decimal string with `digits` digits after the point (x an integer, f >= 0).
    static func decimal(_ x: BigUInt, fraction f: Int, digits: Int) -> String {
        let scaled = (x * BigUInt(10).power(digits)) >> f
        var text = String(scaled)
        while text.count <= digits { text = "0" + text }
        return String(text.dropLast(digits)) + "." + String(text.suffix(digits))
    }

    /// Whether the enclosure `[lo, hi] 2^-f` contains the decimal `value` (given to more digits than compared).
    static func contains(_ bounds: (lo: BigUInt, hi: BigUInt), fraction f: Int, _ value: String) -> Bool {
        // Compare at 60 decimal digits (the references are good to more than 65).
        let digits = 60
        let parts = value.split(separator: ".")
        let fractionDigits = String((parts.count > 1 ? parts[1] : "").prefix(digits))
        let padded = fractionDigits + String(repeating: "0", count: digits - fractionDigits.count)
        guard let v = BigUInt(String(parts[0]) + padded) else { return false }
        let lo = (bounds.lo * BigUInt(10).power(digits)) >> f
        let hi = ((bounds.hi * BigUInt(10).power(digits)) >> f) + 1
        return lo <= v + 1 && v <= hi && bounds.lo <= bounds.hi
    }

    @Test("ln 2 and -ln(1 - p) are enclosed: 0.5, 2^-0.5, 0.999, 1 - 1e-300 against mpmath at 80 digits")
    func targetEnclosures() throws {
        let f = 300
        let ln2 = (LogDomainDecision.ln2(fraction: f, up: false), LogDomainDecision.ln2(fraction: f, up: true))
        #expect(
            Self.contains(ln2, fraction: f, "0.69314718055994530941723212145817656807550013436025525412068000949339362")
        )
        #expect(ln2.1 - ln2.0 < 1024, "the enclosure is a few hundred units of 2^-300 wide")
        let cases: [(String, String)] = [
            ("0.5", "0.69314718055994530941723212145817656807550013436025525412068000949339362"),
            ("2^-0.5", "1.22794717729951567994122538570888059306591039544176303781363561340007399"),
            ("0.999", "6.90775527898213705205397436405309262280330446588631892809998370290271782"),
            ("2^0-1e-300", "690.775527898213705205397436405309262280330446588631892809998370290271782"),
        ]
        for (text, expected) in cases {
            let target = try ProbabilityTarget(parsing: text).value
            let bounds = try #require(LogDomainDecision.negativeLogOneMinusBounds(target, fraction: f))
            #expect(
                Self.contains(bounds, fraction: f, expected),
                "\(text): \(Self.decimal(bounds.lo, fraction: f, digits: 30))")
            #expect(bounds.hi - bounds.lo < 1 << 20, "\(text): width \(bounds.hi - bounds.lo)")
        }
    }

    @Test("L = -ln(1 - P) is enclosed by the power-sum series and by the directed product (b = 64, 12, 10)")
    func complementEnclosures() throws {
        // mpmath: -ln(1 - P(2^20, 2^64)), and P's exact products for small N.
        let f = 320
        let series = try #require(LogDomainDecision.complementLogBounds(n: (1 << 20) - 1, bits: 64, fraction: f))
        #expect(
            Self.contains(
                series, fraction: f, "0.000000029802293965986446783816274727815737844300347136229100035004483773"))
        #expect(series.hi - series.lo < 1024)
        // The product path against the exact rational 1 - P = prod (N - i) / N^n, evaluated by the exact decision.
        for (b, k) in [(10, 900), (12, 2135), (8, 200)] {
            let n = BigUInt(k - 1)
            #expect(
                LogDomainDecision.complementLogBounds(n: n, bits: b, fraction: 128) == nil, "n > N/2 is the product's")
            let bounds = try #require(LogDomainDecision.productLogBounds(n: n, bits: b, fraction: 128))
            #expect(bounds.lo <= bounds.hi && bounds.hi - bounds.lo < BigUInt(1) << 40)
            // 1 - e^-L_lo <= P <= 1 - e^-L_hi, checked through the exact decision at a target between them.
            let reference = CollisionProbability(challengeBits: b, messages: Double(k)).lnComplement
            let lo = ExactMath.double(bounds.lo) * 0x1p-128
            #expect(abs(lo + reference) <= 1e-12 * abs(reference), "b=\(b) k=\(k)")
        }
    }

    @Test("the log-domain decision agrees with the exact product and series on a grid around each boundary")
    func agreesWithExactPaths() throws {
        var compared = 0
        for b in [9, 12, 16, 24] {
            for text in ["2^-3", "0.5", "2^-0.5", "0.9", "1e-4"] {
                let target = try ProbabilityTarget(parsing: text)
                let boundary = try ChallengeLength.maximumMessages(challengeBits: b, target: target)
                for delta in [-2, -1, 0, 1, 2] {
                    guard boundary + 2 >= BigUInt(2 - delta) else { continue }
                    let k = boundary + 2 - BigUInt(2 - delta)
                    guard k >= 2, k - 1 <= BigUInt(ExactCollision.directProductLimit) || b >= 24 else { continue }
                    guard let fast = LogDomainDecision.fits(challengeBits: b, messages: k, target: target.value) else {
                        continue
                    }
                    let exact =
                        k - 1 <= BigUInt(ExactCollision.directProductLimit)
                        ? try ExactCollision.directDecision(b: b, k: k, target: target.value)
                        : try ExactCollision.seriesDecision(
                            b: b, k: k, pairs: k * (k - 1) / 2, target: target.value)
                    #expect(fast == exact, "b=\(b) k=\(k) target \(text)")
                    #expect(fast == (delta <= 0), "b=\(b) k=\(k) target \(text)")
                    compared += 1
                }
            }
        }
        #expect(compared >= 60)
    }

    @Test("ties go to the exact product: P = 2^-b at k = 2, P(3, 2^4) = 46/256; no tie for other denominators")
    func ties() throws {
        #expect(ExactCollision.tieIsPossible(b: 64, k: 2, target: ExactNumber(numerator: 1, denominator: 1 << 64)))
        #expect(ExactCollision.tieIsPossible(b: 4, k: 3, target: ExactNumber(numerator: 46, denominator: 256)))
        #expect(!ExactCollision.tieIsPossible(b: 4, k: 3, target: ExactNumber(numerator: 1, denominator: 3)))
        #expect(!ExactCollision.tieIsPossible(b: 64, k: 3, target: ExactNumber(numerator: 1, denominator: 1 << 64)))
        #expect(!ExactCollision.tieIsPossible(b: 64, k: 2, target: try ProbabilityTarget(parsing: "2^-64.5").value))
    }

    @Test("targets near 1 at u = 500 are decided, not refused (b = 16, 8096 messages, 1 - 2^-2000)")
    func nearOneIsDecided() throws {
        let nearOne = try ProbabilityTarget(
            ExactNumber(numerator: (BigUInt(1) << 2000) - 1, denominator: BigUInt(1) << 2000))
        // L(8096) is about 521 < 2000 ln 2: the target is met.
        #expect(try ExactCollision.fits(challengeBits: 16, messages: MessageCount(8096), target: nearOne))
        #expect(
            try !ExactCollision.fits(challengeBits: 16, messages: MessageCount(8096), target: .init(parsing: "0.999")))
    }

    @Test("the exact series refuses (undecidable) rather than answer when it would need more than 128 terms")
    func undecidable() throws {
        // The log domain decides this target (LogDomainTests.nearOneIsDecided); the series fallback alone, at u = 500,
        // cannot bracket P within its term limit and says so with a typed error and a sentence.
        let nearOne = try ProbabilityTarget(
            ExactNumber(numerator: (BigUInt(1) << 2000) - 1, denominator: BigUInt(1) << 2000))
        let error = #expect(throws: ChallengeMathError.self) {
            try ExactCollision.seriesDecision(
                b: 16, k: 8096, pairs: BigUInt(8096 * 8095 / 2), target: nearOne.value)
        }
        guard case .undecidable = error else {
            Issue.record("expected undecidable, got \(String(describing: error))")
            return
        }
        #expect(error?.description.hasPrefix("no exact decision: ") == true)
    }

    // Generated by make_reference.py worst (mpmath 1.3.0); (b, target, max_messages).
    static let worstMaximumMessages: [(Int, String, String)] = [
        (
            1024, "2^-0.5",
            "210117691335351311687949550688830340244071834465330353904131766643934059061906073781739291798623218749490272"
                + "86391478077004492876105808797387033532168220817"
        ),
        (
            1024, "0.999",
            "498357787986404593939697193793532618796169306068059393272594248711323269068352703164839498733595414156908833"
                + "47900302831134176039815829287295073636474611862"
        ),
        (
            1024, "0.999999",
            "704784342684628871598112046210295789859017026198066399979068788723770582696875731750944740051489784923180171"
                + "53993312911948670069058728775848048705884733677"
        ),
        (
            1024, "2^0-1e-300",
            "498357787986404593939697193793532618796169306068059393272594248711323269068352703164839498733595414156908833"
                + "479003028311341760398158292872950736364746118409"
        ),
        (512, "2^-0.5", "181461179877940144452268624741561404220301028279305093936684738541989646949225"),
        (16, "0.999", "949"), (16, "2^0-1e-300", "9282"), (20, "2^0-1e-300", "37830"), (64, "2^-0.5", "6730769245"),
        (12, "2^0-1e-300", "2135"), (10, "2^0-1e-300", "924"),
    ]

    // Generated by make_reference.py worst (mpmath 1.3.0); (k, target, minimum_bits).
    static let worstMinimumBits: [(String, String, Int)] = [
        ("2^64", "0.5", 128), ("2^64", "0.999", 125), ("2^64", "2^0-1e-300", 118), ("2^64", "2^-0.5", 127),
        ("2^64-1", "0.999999", 124), ("2^64", "2^-192", 319), ("2^32", "2^0-1e-300", 54), ("3", "2^-64", 66),
    ]

    @Test("max_messages worst cases (b = 1024 near 1, irrational targets, small b near 1) match mpmath")
    func worstMaximumMessagesMatch() throws {
        for (b, text, expected) in Self.worstMaximumMessages {
            var decisions = 0
            let k = try ChallengeLength.maximumMessages(
                challengeBits: b, target: ProbabilityTarget(parsing: text), decisions: &decisions)
            #expect(k == BigUInt(expected), "b=\(b) target \(text)")
            #expect(decisions <= 40, "b=\(b) target \(text): \(decisions) exact decisions")
        }
    }

    @Test("minimum_bits worst cases (k = 2^64 with targets near 1, 2^-64 over 2^64 x 2^64 epochs) match mpmath")
    func worstMinimumBitsMatch() throws {
        for (k, text, expected) in Self.worstMinimumBits {
            var decisions = 0
            let b = try ChallengeLength.minimumBits(
                messages: MessageCount(parsing: k), target: ProbabilityTarget(parsing: text), maximumBits: 1024,
                decisions: &decisions)
            #expect(b == expected, "k=\(k) target \(text)")
            #expect(decisions <= 12, "k=\(k) target \(text): \(decisions) exact decisions")
        }
        // The union-bound split: 2^-64 over 2^64 groups x 2^64 epochs is the per-epoch 2^-192 above.
        let split = try ProbabilityTarget(parsing: "2^-64").perEpoch(groups: BigUInt(1) << 64, epochs: BigUInt(1) << 64)
        #expect(try ChallengeLength.minimumBits(messages: MessageCount(parsing: "2^64"), target: split) == 319)
    }
}
