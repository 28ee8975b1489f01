import BigInt
import ChallengeMath
import Foundation
import Testing

/// The exact number grammar (issue 12): every accepted form gives its exact value, every hostile text a typed
/// error with a sentence.
@Suite("exact number parser")
struct NumberParserTests {
    @Test(
        "accepted forms give exact values",
        arguments: [
            ("123", "123"), ("1e6", "1000000"), ("1E6", "1000000"), ("2^20", "1048576"), ("2**20", "1048576"),
            ("2^20-1", "1048575"), ("2^64", "18446744073709551616"), ("2^64+1", "18446744073709551617"),
            ("10^3", "1000"), (" 77164 ", "77164"), ("1.5e3", "1500"), ("+5", "5"), ("0.25", "1/4"),
            ("2^-64", "1/18446744073709551616"), ("1e-9", "1/1000000000"), ("2^-1.5", "1/4 * 2^(1/2)"),
            ("2^0.25", "1 * 2^(1/4)"), ("-3", "-3"), ("2^2-5", "-1"), ("0", "0"), ("2^3-0.5", "15/2"),
        ])
    func accepted(_ text: String, _ expected: String) throws {
        #expect(try ExactNumber(parsing: text).description == expected)
    }

    @Test(
        "malformed text is a typed error with a reason",
        arguments: [
            "", "   ", "nan", "NaN", "inf", "-inf", "Infinity", "2^nan", "2^-inf", "abc", "1,000", "0x10", "1e",
            "1e+", ".", "-", "1.2.3", "2^", "2^-", "^3", "2^^3", "2^1e3", "2^3-", "2^3*4", "1^5", "3^0.5",
            "2^-64.123", "2^-1.5-1", "1 000", "２", "2^20 -1", "--5", "1e1.5",
        ])
    func malformed(_ text: String) {
        let error = #expect(throws: ChallengeMathError.self) { try ExactNumber(parsing: text) }
        #expect(error?.description.isEmpty == false)
    }

    @Test(
        "huge magnitudes are refused before anything is built",
        arguments: ["1e400000", "2^99999", "2^-30000", "1e-7000", "9^9999999", String(repeating: "9", count: 201)])
    func huge(_ text: String) {
        #expect(throws: ChallengeMathError.self) { try ExactNumber(parsing: text) }
    }

    @Test("message counts: whole numbers 1 ... 2^64 only")
    func messageCounts() throws {
        #expect(try MessageCount(parsing: "2^64").value == BigUInt(1) << 64)
        #expect(try MessageCount(parsing: "1e6").value == 1_000_000)
        #expect(try MessageCount(parsing: "2^20-1").value == 1_048_575)
        for text in ["0", "-1", "2.5", "2^-1", "2^64+1", "1e400", "2^0.5", "1e-3"] {
            #expect(throws: ChallengeMathError.self) { try MessageCount(parsing: text) }
        }
        #expect(throws: ChallengeMathError.notAnInteger("a message count must be a whole number (got 2.5)")) {
            try MessageCount(parsing: "2.5")
        }
        #expect(throws: ChallengeMathError.outOfRange("a message count must be at least 1")) { try MessageCount(0) }
        #expect(try MessageCount(parsing: "23").doubleValue == 23)
        #expect(try MessageCount(parsing: "1e6").doubleValue == 1_000_000)
    }

    @Test("targets: strictly between 0 and 1; counts of groups and epochs: whole and positive")
    func targetsAndCounts() throws {
        #expect(try ProbabilityTarget(parsing: "2^-64").log2Value == -64)
        #expect(try ProbabilityTarget(parsing: "2^-0.5").log2Value == -0.5)
        for text in ["0", "1", "2", "-0.5", "2^0", "2^0.5", "1e0", "2^1-1"] {
            #expect(throws: ChallengeMathError.self) { try ProbabilityTarget(parsing: text) }
        }
        #expect(try PositiveCount.parse("1e6", what: "--epochs") == 1_000_000)
        for text in ["0", "-2", "1.5", "2^65", "nan", ""] {
            #expect(throws: ChallengeMathError.self) { try PositiveCount.parse(text, what: "--groups") }
        }
    }

    @Test("exact comparison against irrational targets: 2^-0.5 lies between 0.7071 and 0.7072")
    func irrationalCompare() throws {
        let t = try ExactNumber(parsing: "2^-0.5")
        #expect(t.compare(rationalNumerator: 7071, denominator: 10_000) < 0)
        #expect(t.compare(rationalNumerator: 7072, denominator: 10_000) > 0)
        #expect(t.compare(rationalNumerator: -1, denominator: 1) < 0)
        #expect(try ExactNumber(parsing: "-2").compare(rationalNumerator: -3, denominator: 1) < 0)
    }

    @Test("the fuzz invariant holds on the committed corpus (Fuzz/Corpus/FuzzNumberParser) and on hostile seeds")
    func fuzzInvariant() throws {
        for seed in ["2^64", "1e6", "2^-64.5", "nan", "", "9^9999999", "2^20-1", "\u{0}\u{ff}"] {
            #expect(NumberParserInvariant.check(Array(seed.utf8)) == nil, "\(seed)")
        }
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/FuzzNumberParser")
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
        #expect(names.count >= 18)
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: corpus.appendingPathComponent(name)))
            #expect(NumberParserInvariant.check(bytes) == nil, "\(name)")
        }
    }
}
