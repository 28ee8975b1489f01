import Foundation
import Testing

@Suite("pprf recommend and pprf simulate, run as a user would")
struct RecommendCLITests {
    static let acceptance = [
        "recommend", "--messages", "1e5", "--groups", "1e4", "--duration", "10y", "--epoch-seconds", "86400",
        "--target-total", "2^-40", "--memory-budget", "64MiB", "--format", "json",
    ]

    @Test("the acceptance command prints strict JSON with every key and exits 0")
    func acceptanceCommand() throws {
        let r = try Tool.run(Self.acceptance)
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in [
            "challenge_bits", "messages_per_epoch_max", "log2_probability_per_epoch", "log2_probability_total",
            "receiver_state_bytes", "receiver_state_encoded_bytes", "wire_overhead_bytes", "cpu_us_per_message",
            "feasible", "reason", "suggestion",
        ] {
            #expect(object[key] != nil, "\(key) missing")
        }
        let bits = try #require(object["challenge_bits"] as? Int)
        let kMax = try #require(object["messages_per_epoch_max"] as? Int)
        #expect((90...110).contains(bits))
        #expect(try #require(object["receiver_state_bytes"] as? Double) <= Double(64 << 20))
        #expect(try #require(object["log2_probability_total"] as? Double) <= -40)
        #expect(object["epochs"] as? Int == 3653)
        // Scaled check of the rotation bound through the simulator: the same b at a 1/64 budget (1 MiB), with
        // its own k_max, runs without tooManyNodes and holds no more than the budget (full size: REPORT's
        // scale section and the simulator run in the README).
        let scaled = try Tool.run([
            "recommend", "--messages", "1e5", "--groups", "1e4", "--duration", "10y", "--epoch-seconds", "86400",
            "--target-total", "2^-40", "--memory-budget", "1MiB", "--format", "json",
        ])
        let small = try #require(try JSONSerialization.jsonObject(with: Data(scaled.stdout.utf8)) as? [String: Any])
        let smallBits = try #require(small["challenge_bits"] as? Int)
        let smallK = try #require(small["messages_per_epoch_max"] as? Int)
        #expect(smallK < kMax)
        let sim = try Tool.run([
            "simulate", "--emulators", "1", "--members", "1", "--strategy", "pprf", "--profile", "blake2b", "--bits",
            "\(smallBits)", "--messages", "\(smallK)", "--memory-budget", "1MiB", "--format", "json",
        ])
        #expect(sim.status == 0, "\(sim.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(sim.stdout.utf8)) as? [[String: String]])
        let held = try #require(rows.first?.first { $0.key.hasPrefix("receiver bytes held") }?.value)
        #expect(try #require(Int(held)) <= 1 << 20)
        #expect(rows.first?["failed decryptions"] == "0")
    }

    @Test("10^7 messages per epoch in 16 MiB: feasible false with reason and suggestion, exit 0")
    func infeasible() throws {
        let r = try Tool.run([
            "recommend", "--messages", "1e7", "--target", "2^-64", "--memory-budget", "16MiB", "--format", "json",
        ])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["feasible"] as? Bool == false)
        #expect((object["reason"] as? String)?.contains("exceed") == true)
        #expect((object["suggestion"] as? String)?.contains("rotate the epoch") == true)
        for format in ["text", "markdown", "csv"] {
            let t = try Tool.run(["recommend", "--messages", "1e7", "--target", "2^-64", "--format", format])
            #expect(t.status == 0)
            #expect(t.stdout.contains("feasible"))
        }
    }

    @Test(
        "nonsensical inputs are usage errors (exit 64) naming the option, never a crash",
        arguments: [
            (["--memory-budget", "0"], "--memory-budget"), (["--memory-budget", "-5MiB"], "--memory-budget"),
            (["--memory-budget", "nan"], "--memory-budget"), (["--memory-budget", "0.5B"], "--memory-budget"),
            (["--memory-budget", "1e30"], "--memory-budget"), (["--epochs", "0"], "--epochs"),
            (["--epochs", "2.5"], "--epochs"), (["--groups", "inf"], "--groups"), (["--groups", "-1"], "--groups"),
            (["--target", "2"], "--target"), (["--target", "2^nan"], "--target"), (["--suite", "4"], "--suite"),
            (["--suite", "1.0"], "--suite"), (["--profile", "sha3"], "--profile"),
            (["--aad-length", "-1"], "--aad-length"),
            (["--aad-length", "1.5"], "--aad-length"), (["--duration", "10y"], "--duration"),
            (["--epochs", "5", "--duration", "1y", "--epoch-seconds", "60"], "--duration"),
            (["--target-total", "2^-40"], "--target-total"),
        ])
    func usageErrors(_ extra: [String], _ option: String) throws {
        // Later values win in swift-argument-parser: the invalid one comes last.
        let r = try Tool.run(["recommend", "--messages", "1000", "--target", "2^-64"] + extra)
        #expect(r.status == 64, "\(extra): \(r.status) \(r.stderr)")
        #expect(r.stderr.contains(option), "\(extra): \(r.stderr)")
    }

    @Test("--messages and --rate: zero, fractional, missing or both are usage errors")
    func messageInputs() throws {
        for arguments in [
            ["--messages", "0"], ["--messages", "1.5"], ["--messages", "-2"], ["--messages", "1e400"], ["--rate", "5"],
            ["--rate", "0", "--epoch-seconds", "60"], ["--messages", "5", "--rate", "1", "--epoch-seconds", "60"], [],
        ] {
            let r = try Tool.run(["recommend", "--target", "2^-64"] + arguments)
            #expect(r.status == 64, "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains("--messages") || r.stderr.contains("--rate"), "\(arguments): \(r.stderr)")
        }
        let rate = try Tool.run([
            "recommend", "--rate", "2", "--epoch-seconds", "1h", "--target", "2^-64", "--format", "json",
        ])
        #expect(rate.status == 0)
        #expect(rate.stdout.contains("\"messages_per_epoch\": 7200"))
        #expect(rate.stdout.contains("\"rotation_interval_seconds\": 3600"))
    }

    @Test("the issue's failing simulation now says that it exceeds the memory budget (exit 1, no raw error)")
    func simulatorRefusesOverBudget() throws {
        let r = try Tool.run([
            "simulate", "--emulators", "1", "--members", "1", "--strategy", "pprf", "--profile", "blake2b", "--bits",
            "128", "--messages", "100000",
        ])
        #expect(r.status == 1)
        #expect(r.stderr.contains("need more receiver state than the memory budget of 67108864 bytes holds"))
        #expect(!r.stderr.contains("tooManyNodes"))
        for bad in [["--memory-budget", "0"], ["--bits", "0"], ["--messages", "0"], ["--emulators", "-1"]] {
            let u = try Tool.run(["simulate", "--strategy", "pprf"] + bad)
            #expect(u.status == 64, "\(bad): \(u.stderr)")
        }
    }
}
