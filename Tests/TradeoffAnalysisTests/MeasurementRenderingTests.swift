import Foundation
import JSONSupport
import Testing

@testable import TradeoffAnalysis

/// Measurements built by hand (no timing), so that the tests check rendering, not the machine's speed.
func sampleMeasurements() throws -> Measurements {
    func spread(_ values: [Double]) throws -> Spread { try #require(Spread(values)) }
    var m = Measurements()
    m.settings = .init(rounds: 3, samplesPerRound: 2, quick: true)
    m.machine = MachineInfo(
        cpuModel: "Test \"CPU\"\n\u{1}", cpuFeatures: ["sha_ni": true, "avx2": true, "aes_ni": false], cores: 2,
        operatingSystem: "Debian \\ 12", swiftVersion: "6.3.1", build: "release", libsodium: "1.0.18",
        openSSL: "OpenSSL 3.0.22", openSSLUsesSHANI: nil, libb2: "0.98.1")
    let floor = Measurements.Floor(name: "b x 6 SHA-256 compressions", time: try spread([60_000, 61_000, 62_000]))
    let reference = Measurements.Floor(name: "libsodium", time: try spread([250_000, 251_000, 252_000]))
    m.rows = [
        .init(
            operation: "evaluate_and_puncture_fresh", suite: 1, profile: "mls", bits: 256,
            time: try spread([66_000, 67_000, 68_000, 69_000, 70_000]), floor: floor,
            ratio: try spread([1.10, 1.12, 1.14]), reference: reference, referenceRatio: try spread([0.26, 0.27, 0.28])),
        .init(
            operation: "evaluate_and_puncture_fresh", suite: 3, profile: "mls", bits: 256,
            time: try spread([68_000, 69_000, 70_000, 71_000, 72_000]), floor: floor,
            ratio: try spread([1.15, 1.16, 1.17]), reference: reference),
        .init(
            operation: "evaluate_and_puncture_after_punctures", suite: 1, profile: "mls", bits: 256,
            time: try spread([40_000, 41_000])),
        .init(
            operation: "evaluate_and_puncture_after_punctures", suite: 3, profile: "mls", bits: 256,
            time: try spread([80_000, 81_000])),
        .init(operation: "unprotect", suite: 1, profile: "rfc9420", bits: 0, time: try spread([60_000])),
    ]
    m.primitives = [.init(primitive: "SHA-256 compression", time: try spread([40, 41, 42]), callsPerSample: 1_536)]
    m.memory = [
        .init(punctures: 1_000, storedNodes: 245_046, expectedNodes: 245_145.3, bytesHeld: 10_066_000)
    ]
    return m
}

@Suite("measurement rendering: tables and strict JSON")
struct MeasurementRenderingTests {
    @Test("pprf bench --format json parses strictly and has the documented keys")
    func jsonHasDocumentedKeys() throws {
        let text = MeasurementReport.json(try sampleMeasurements())
        for token in ["nan", "NaN", "inf", "Infinity"] {
            #expect(!text.contains(token), "\(token)")
        }
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
        let root = try #require(parsed as? [String: Any])
        #expect(
            Set(root.keys) == [
                "schema", "machine", "settings", "timings", "primitives", "goals", "suite_agreement", "memory",
            ])
        #expect(root["schema"] as? String == "pprf-bench/1")
        let machine = try #require(root["machine"] as? [String: Any])
        #expect(
            Set(machine.keys) == [
                "cpu_model", "cpu_features", "cores", "operating_system", "swift_version", "swift_version_source",
                "build", "libsodium", "openssl", "openssl_uses_sha_ni", "libb2", "libb2_version_source",
            ])
        #expect(machine["cpu_model"] as? String == "Test \"CPU\"\n\u{1}")
        #expect(machine["operating_system"] as? String == "Debian \\ 12")
        #expect(machine["openssl_uses_sha_ni"] is NSNull)
        let features = try #require(machine["cpu_features"] as? [String: Bool])
        #expect(features == ["sha_ni": true, "avx2": true, "aes_ni": false])
        let settings = try #require(root["settings"] as? [String: Any])
        #expect(settings["rounds"] as? Int == 3)
        #expect(settings["samples_per_round"] as? Int == 2)

        let timings = try #require(root["timings"] as? [[String: Any]])
        #expect(timings.count == 5)
        for timing in timings {
            #expect(
                Set(timing.keys) == [
                    "operation", "suite", "profile", "bits", "time_ns", "floor", "ratio", "reference",
                    "reference_ratio",
                ])
        }
        let first = timings[0]
        let time = try #require(first["time_ns"] as? [String: Any])
        #expect(Set(time.keys) == ["median", "q1", "q3", "n"])
        #expect(time["median"] as? Double == 68_000)
        #expect(time["q1"] as? Double == 67_000)
        #expect(time["q3"] as? Double == 69_000)
        #expect(time["n"] as? Int == 5)
        let floor = try #require(first["floor"] as? [String: Any])
        #expect(floor["name"] as? String == "b x 6 SHA-256 compressions")
        #expect((floor["time_ns"] as? [String: Any])?["median"] as? Double == 61_000)
        #expect((first["ratio"] as? [String: Any])?["median"] as? Double == 1.12)
        #expect(timings[4]["floor"] is NSNull)
        #expect(timings[4]["ratio"] is NSNull)

        #expect((first["reference_ratio"] as? [String: Any])?["median"] as? Double == 0.27)
        #expect(timings[1]["reference_ratio"] is NSNull)
        let goals = try #require(root["goals"] as? [[String: Any]])
        #expect(goals.count == 5)
        #expect(
            Set(goals[0].keys) == ["goal", "judged_on", "value", "ratio_of_medians", "limit", "met", "met_by_both"])
        #expect(goals[0]["judged_on"] as? String == "median of per-round ratios")
        #expect((goals[0]["value"] as? [String: Any])?["median"] as? Double == 1.12)
        #expect(goals[1]["ratio_of_medians"] is NSNull)
        let primitive = try #require((root["primitives"] as? [[String: Any]])?.first)
        #expect(Set(primitive.keys) == ["primitive", "calls_per_sample", "time_ns"])
        #expect(primitive["calls_per_sample"] as? Int == 1_536)
        let agreement = try #require(root["suite_agreement"] as? [[String: Any]])
        #expect(agreement.count == 2)
        #expect(Set(agreement[0].keys) == ["operation", "profile", "bits", "suites", "median_ratio", "iqrs_overlap"])
        #expect(agreement[0]["suites"] as? [Int] == [1, 3])
        #expect(agreement[0]["iqrs_overlap"] as? Bool == true)
        #expect(agreement[1]["iqrs_overlap"] as? Bool == false)
        let memory = try #require((root["memory"] as? [[String: Any]])?.first)
        #expect(Set(memory.keys) == ["punctures", "stored_nodes", "expected_nodes", "bytes_held", "ratio"])
        #expect(memory["stored_nodes"] as? Int == 245_046)
    }

    @Test("JSON numbers that are not finite become null, strings are escaped")
    func jsonTextIsStrict() throws {
        let text = JSONValue.array([.double(.nan), .double(.infinity), .double(0.5), .string("a\"b\\c\u{7}")])
            .rendered()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any])
        #expect(parsed[0] is NSNull)
        #expect(parsed[1] is NSNull)
        #expect(parsed[2] as? Double == 0.5)
        #expect(parsed[3] as? String == "a\"b\\c\u{7}")
    }

    @Test("suites 1 and 3 are paired; agreement is overlap of inter-quartile ranges")
    func suiteAgreement() throws {
        let pairs = try sampleMeasurements().agreement()
        #expect(pairs.count == 2)
        // Fresh: 67-69 us against 69-71 us (they touch at 69); after punctures: 40.25-40.75 against 80.25-80.75.
        #expect(
            pairs.map(\.first.operation) == ["evaluate_and_puncture_fresh", "evaluate_and_puncture_after_punctures"])
        #expect(pairs.map(\.agrees) == [true, false])
        #expect(pairs[0].first.suite == 1 && pairs[0].second.suite == 3)
        #expect(abs(pairs[1].medianRatio - 40_500.0 / 80_500.0) < 1e-12)
    }

    @Test(
        "goals are judged on the median of per-round ratios, with the ratio of medians beside it; the time goal in us")
    func goalsJudgeBothReadings() throws {
        let goals = try sampleMeasurements().goals()
        #expect(goals.count == 5)
        // Suite 1: per-round ratios 1.10-1.14 (median 1.12); medians 68,000 / 61,000 = 1.1148: both within 1.15.
        #expect(
            goals[0].goal == "suite 1, mls, b = 256: evaluate-and-puncture within 1.15x of the raw-compression floor")
        #expect(goals[0].value.median == 1.12 && goals[0].limit == 1.15)
        #expect(abs(try #require(goals[0].ratioOfMedians) - 68_000.0 / 61_000.0) < 1e-12)
        #expect(goals[0].met && goals[0].metByBoth)
        // The time goal: 68 us against 253 / 3 = 84.33 us.
        #expect(goals[1].judgedOn == "median time, us")
        #expect(abs(goals[1].value.median - 68) < 1e-9 && abs(goals[1].limit - 253.0 / 3) < 1e-12)
        #expect(goals[1].met && goals[1].metByBoth && goals[1].ratioOfMedians == nil)
        // Against libsodium: per-round 0.27, medians 68,000 / 251,000.
        #expect(goals[2].goal.hasSuffix("never slower than libsodium's HMAC (the second reference)"))
        #expect(goals[2].value.median == 0.27 && goals[2].limit == 1 && goals[2].met)
        #expect(abs(try #require(goals[2].ratioOfMedians) - 68_000.0 / 251_000.0) < 1e-12)
        // Suite 3: per-round median 1.16 misses 1.15, though the ratio of medians (70,000 / 61,000 = 1.1475) meets it.
        #expect(goals[3].goal.hasPrefix("suite 3") && !goals[3].met && !goals[3].metByBoth)
        #expect(abs(try #require(goals[3].ratioOfMedians) - 70_000.0 / 61_000.0) < 1e-12)
        let table = MeasurementReport.goalTable(try sampleMeasurements())
        #expect(table.rows[0].suffix(4) == ["1.11", "1.15", "yes", "yes"])
        #expect(table.rows[3].suffix(4) == ["1.15", "1.15", "no", "no"])
        #expect(
            MeasurementReport.markdown(try sampleMeasurements()).contains("Goals of issue 14, judged from this run"))
    }

    @Test("the timing table gives median, IQR and counts for each row and its floor")
    func timingTable() throws {
        let m = try sampleMeasurements()
        let table = Report.cpuTable(m, machine: "test machine")
        #expect(table.header.count == 11)
        let row = table.rows[0]
        #expect(row[4] == "5")
        #expect(row[5] == "68.0")
        #expect(row[6] == "67.0-69.0")
        #expect(row[7] == "61.0 (60.5-61.5), n=3")
        #expect(row[8] == "1.12 (1.11-1.13), n=3")
        #expect(row[9] == "251.0 (250.5-251.5), n=3")
        #expect(row[10] == "test machine")
        #expect(table.rows[4][7] == "-")
        let text = MeasurementReport.markdown(m)
        #expect(text.contains("1 of 2 pairs have overlapping inter-quartile ranges"))
        #expect(text.contains("Test \"CPU\""))
        #expect(text.contains("| SHA-256 compression | 41.0 | 40.5-41.5 | 3 | 1536 |"))
    }
}
