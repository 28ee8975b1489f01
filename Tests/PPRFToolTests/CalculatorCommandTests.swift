import Foundation
import Testing

/// `pprf collision` and `pprf tradeoffs` as a user runs them (issue 12): exact answers, clean errors for every
/// hostile number, and strict JSON.
@Suite("pprf collision and tradeoffs")
struct CalculatorCommandTests {
    /// Values no numeric option may accept, with the options' other arguments.
    static let hostile = ["0", "-1", "-0", "nan", "NaN", "inf", "-inf", "1e400", "2^nan", "2^-inf", "", " ", "abc"]
    static let hugeAndFractional = ["99999999999999999999999999", "2^99999", "2.5", "1e-3"]

    static let cases: [(command: [String], option: String, values: [String])] = [
        (["collision", "--bits", "64"], "--messages", hostile + hugeAndFractional + ["2^64+1", "2^-1"]),
        (["collision", "--messages", "2^20"], "--target", hostile + ["1", "2", "2.5", "2^0", "2^99999", "1e-9999"]),
        (["collision", "--bits", "128", "--target", "2^-40"], "--groups", hostile + hugeAndFractional),
        (["collision", "--bits", "128", "--target", "2^-40"], "--epochs", hostile + hugeAndFractional),
        (
            ["collision", "--bits", "128", "--target", "2^-40"], "--epoch-seconds",
            hostile + ["1e16", "2^99999", "1e-9"]
        ),
        (["collision", "--messages", "2^20"], "--bits", hostile + hugeAndFractional + ["1025", "2^3"]),
        (["tradeoffs", "--bits", "32"], "--messages", hostile + hugeAndFractional),
        (["tradeoffs", "--messages", "1000", "--bits", "32"], "--target", hostile + ["1", "2.5"]),
        (["tradeoffs", "--messages", "1000"], "--bits", hostile + hugeAndFractional + ["257"]),
        (["collision", "--bits", "8", "--messages", "23"], "--format", ["", "yaml", "nan"]),
    ]

    @Test("every numeric option refuses zero, negative, NaN, infinite, huge, fractional and empty values")
    func hostileValues() throws {
        var runs = 0
        for (command, option, values) in Self.cases {
            for value in values {
                let run = try Tool.run(command + [option, value])
                #expect(run.status == 64 || run.status == 1, "\(command) \(option) '\(value)': \(run)")
                #expect(run.stderr.contains(option), "\(option) '\(value)' not named: \(run.stderr)")
                #expect(run.stdout.isEmpty, "\(option) '\(value)' printed: \(run.stdout)")
                runs += 1
            }
        }
        #expect(runs > 150)
    }

    @Test("the issue's examples give the exact answer or a clean error")
    func issueExamples() throws {
        let p23 = try Tool.run(["collision", "--bits", "8", "--messages", "23", "--format", "json"])
        let object = try #require(try Tool.strictJSON(p23.stdout) as? [String: Any])
        #expect(object["messages"] as? Int == 23)
        #expect(abs((object["probability"] as? Double ?? 0) - 0.638_891_840_426_595_86) < 1e-12)
        for (k, t, b) in [("2^48", "2^-128", 223), ("2^50", "2^-64", 163), ("2^64", "2^-64", 191), ("23", "2^-56", 64)]
        {
            let run = try Tool.run(["collision", "--messages", k, "--target", t, "--format", "json"])
            let json = try #require(try Tool.strictJSON(run.stdout) as? [String: Any])
            #expect(json["minimum_bits"] as? Int == b, "\(k) \(t): \(run)")
        }
        let unreachable = try Tool.run(["collision", "--messages", "2^20", "--target", "2^-2000"])
        #expect(unreachable.status == 1 && unreachable.stdout.isEmpty)
        #expect(unreachable.stderr.contains("no challenge length up to 1024 bits meets the target"))
        let million = try Tool.run(["collision", "--bits", "64", "--messages", "1e6", "--format", "json"])
        #expect(million.stdout.contains("\"messages\": 1000000,"))
        let rate = try Tool.run(["collision", "--bits", "128", "--target", "2^-64", "--epoch-seconds", "3600"])
        #expect(rate.status == 0 && rate.stdout.contains("maximum_messages: 6074001000"))
        #expect(rate.stdout.contains("maximum_messages_per_second: 1.68722e+06"))
    }

    @Test("long challenges with targets near 1/2 answer exactly (these commands used to take seconds or hang)")
    func longChallengesAnswer() throws {
        let expected: [(bits: String, target: String, messages: String)] = [
            ("256", "2^-1", "400651869298001176472314306405665023047"),
            (
                "1024", "0.5",
                "1578648743667687335957621815845696753257329244904635498005435604369760518458145882956146343288962713"
                    + "6794529695707471463832653647799697604098045735661431052"
            ),
            // Issue 12 round 3: 455 s and 51 s plus "undecidable" before the log-domain decision (mpmath values).
            (
                "1024", "2^-0.5",
                "2101176913353513116879495506888303402440718344653303539041317666439340590619060737817392917986232187"
                    + "4949027286391478077004492876105808797387033532168220817"
            ),
            (
                "1024", "0.999",
                "4983577879864045939396971937935326187961693060680593932725942487113232690683527031648394987335954141"
                    + "5690883347900302831134176039815829287295073636474611862"
            ),
            ("16", "2^0-1e-300", "9282"),
        ]
        for (bits, target, messages) in expected {
            let run = try Tool.run(["collision", "--bits", bits, "--target", target])
            #expect(run.status == 0, "\(bits) \(target): \(run)")
            #expect(run.stdout.contains("maximum_messages: \(messages)\n"), "\(bits) \(target): \(run.stdout)")
        }
    }

    @Test("--epoch-seconds divides the one maximum_messages answer (b = 1024, 0.999: k / 3600 per second)")
    func epochSecondsRate() throws {
        let run = try Tool.run(
            ["collision", "--bits", "1024", "--target", "0.999", "--epoch-seconds", "3600", "--format", "json"])
        let json = try #require(try Tool.strictJSON(run.stdout) as? [String: Any])
        let rate = try #require(json["maximum_messages_per_second"] as? Double)
        // k = 4.98357787986404...e154 (mpmath), printed to 6 significant digits.
        #expect(abs(rate / (4.983_577_879_864_046e154 / 3600) - 1) < 1e-5, "\(run.stdout)")
    }

    @Test("collision and tradeoffs print strict JSON, with null and a flag where a value is infinite")
    func strictJSON() throws {
        let queries: [[String]] = [
            ["collision", "--bits", "32", "--messages", "2^40"], ["collision", "--bits", "1", "--messages", "3"],
            ["collision", "--bits", "64", "--messages", "1"], ["collision", "--bits", "8", "--messages", "2^64"],
            ["collision", "--bits", "1024", "--messages", "2"],
            ["collision", "--messages", "1e6", "--target", "2^-64"],
            [
                "collision", "--bits", "128", "--target", "2^-40", "--groups", "1000", "--epochs", "1e6",
                "--epoch-seconds", "3600",
            ],
            ["tradeoffs", "--messages", "2^64", "--target", "2^-64", "--bits", "32", "128"],
            ["tradeoffs", "--messages", "1", "--bits", "8"],
        ]
        for query in queries {
            let run = try Tool.run(query + ["--format", "json"])
            #expect(run.status == 0, "\(query): \(run)")
            _ = try Tool.strictJSON(run.stdout)
        }
        let certain = try Tool.run(["collision", "--bits", "1", "--messages", "3", "--format", "json"])
        let object = try #require(try Tool.strictJSON(certain.stdout) as? [String: Any])
        #expect(object["collision_certain"] as? Bool == true)
        #expect(object["probability"] as? Int == 1)
        #expect(object["ln_one_minus_p"] is NSNull)
        let rows = try #require(
            try Tool.strictJSON(
                try Tool.run(["tradeoffs", "--messages", "2^64", "--bits", "32", "--format", "json"]).stdout)
                as? [[String: Any]])
        #expect(rows.first?["meets_target"] is NSNull)
        #expect(rows.first?["probability"] as? Int == 1)
    }

    @Test("the strict JSON check rejects NaN and infinities outside strings and accepts them inside")
    func strictChecker() throws {
        for bad in ["{\"a\": -inf}", "[NaN]", "{\"a\": nan}", "[Infinity]", "{\"a\": 1e999}"] {
            #expect(throws: (any Error).self) { try Tool.strictJSON(bad) }
        }
        #expect(try Tool.strictJSON("{\"regime\": \"nan inf\"}") is [String: Any])
    }
}
