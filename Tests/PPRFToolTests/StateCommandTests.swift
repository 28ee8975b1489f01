import Foundation
import Testing

/// `pprf state` as an implementer runs it (issue 15 item 5): the pipeline reproduces the tree vectors, check
/// names every invalid state vector's error, and every bad option or input is a sentence with exit 64 or 1.
@Suite("pprf state")
struct StateCommandTests {
    static let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Vectors")

    static func entries(_ file: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: vectors.appendingPathComponent(file))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    static func parameters(_ entry: [String: Any]) throws -> [String] {
        let suite = try #require(entry["cipher_suite"] as? Int)
        let bits = try #require(entry["challenge_bits"] as? Int)
        let profile = try #require(entry["profile"] as? String)
        return ["--suite", "\(suite)", "--bits", "\(bits)", "--profile", profile]
    }

    @Test("pprf state new | pprf state puncture reproduces pprf-tree.json's state for several entries")
    func pipelineReproducesTreeVectors() throws {
        let entries = try Self.entries("pprf-tree.json")
        // Every profile and several depths, including b = 1 (an empty final state) and b = 13 (unused bits).
        let picked = entries.filter { entry in
            let b = entry["challenge_bits"] as? Int ?? 0
            let suite = entry["cipher_suite"] as? Int ?? 0
            return [1, 13, 256].contains(b) && [1, 3, 7].contains(suite)
        }
        #expect(picked.count >= 15)
        for entry in picked {
            let parameters = try Self.parameters(entry)
            let root = try #require(entry["root_secret"] as? String)
            let evaluations = try #require(entry["evaluations"] as? [[String: Any]])
            let challenges = evaluations.compactMap { $0["challenge"] as? String }
            let run = try Tool.pipeline(
                ["state", "new"] + parameters + ["--root", root],
                ["state", "puncture"] + parameters + challenges.flatMap { ["--challenge", $0] })
            #expect(run.status == 0, "\(parameters): \(run)")
            #expect(run.stdout == (try #require(entry["state"] as? String)) + "\n", "\(parameters)")
        }
    }

    @Test("pprf state check rejects every invalid entry of pprf-state.json with the named error")
    func checkRejectsEveryInvalidStateVector() throws {
        var checked = 0
        for entry in try Self.entries("pprf-state.json") {
            let parameters = try Self.parameters(entry)
            for invalid in try #require(entry["invalid"] as? [[String: Any]]) {
                let encoding = try #require(invalid["encoding"] as? String)
                let error = try #require(invalid["error"] as? String)
                let limit = (invalid["max_stored_nodes"] as? Int).map { ["--max-stored-nodes", "\($0)"] } ?? []
                let run = try Tool.run(
                    ["state", "check"] + parameters + limit + ["--format", "json"], stdin: Data(encoding.utf8))
                #expect(run.status == 1, "\(invalid["description"] ?? ""): \(run)")
                let json = try #require(try Tool.strictJSON(run.stdout) as? [String: Any])
                #expect(json["error"] as? String == error, "\(invalid["description"] ?? ""): \(run.stdout)")
                #expect(json["valid"] as? Bool == false)
                checked += 1
            }
            for valid in try #require(entry["valid"] as? [[String: Any]]) {
                let encoding = try #require(valid["encoding"] as? String)
                let run = try Tool.run(["state", "check"] + parameters, stdin: Data(encoding.utf8))
                #expect(run.status == 0 && run.stdout.contains("valid: true"), "\(run)")
            }
        }
        #expect(checked >= 140)
    }

    @Test("eval prints the tree vector's leaf secret and keys, then punctured: true after a puncture")
    func evalMatchesTreeVector() throws {
        let entry = try #require(
            try Self.entries("pprf-tree.json").first {
                $0["cipher_suite"] as? Int == 1 && $0["profile"] as? String == "blake2b"
                    && $0["challenge_bits"] as? Int == 13
            })
        let parameters = try Self.parameters(entry)
        let first = try #require((entry["evaluations"] as? [[String: Any]])?.first)
        let x = try #require(first["challenge"] as? String)
        let root = try #require(entry["root_secret"] as? String)
        let fresh = try Tool.run(["state", "new"] + parameters + ["--root", root])
        let eval = try Tool.run(
            ["state", "eval"] + parameters + ["--challenge", x, "--format", "json"], stdin: Data(fresh.stdout.utf8))
        let json = try #require(try Tool.strictJSON(eval.stdout) as? [String: Any], "\(eval)")
        for key in ["leaf_secret", "application_key", "application_nonce", "handshake_key", "handshake_nonce"] {
            #expect(json[key] as? String == first[key] as? String, "\(key)")
        }
        #expect(json["punctured"] as? Bool == false)
        let punctured = try Tool.run(
            ["state", "puncture"] + parameters + ["--challenge", x], stdin: Data(fresh.stdout.utf8))
        let again = try Tool.run(
            ["state", "eval"] + parameters + ["--challenge", x], stdin: Data(punctured.stdout.utf8))
        #expect(again.status == 0 && again.stdout == "challenge: \(x)\npunctured: true\n", "\(again)")
        #expect(!again.stdout.contains("leaf_secret"))
    }

    @Test("inspect counts the nodes of the vector's final state and lists its punctured challenges, no secrets")
    func inspectMatchesTreeVector() throws {
        let entry = try #require(
            try Self.entries("pprf-tree.json").first {
                $0["cipher_suite"] as? Int == 3 && $0["profile"] as? String == "mls"
                    && $0["challenge_bits"] as? Int == 64
            })
        let state = try #require(entry["state"] as? String)
        let run = try Tool.run(
            ["state", "inspect"] + (try Self.parameters(entry)) + ["--format", "json"], stdin: Data(state.utf8))
        let json = try #require(try Tool.strictJSON(run.stdout) as? [String: Any], "\(run)")
        let evaluations = try #require(entry["evaluations"] as? [[String: Any]])
        #expect(json["stored_nodes"] as? Int == evaluations.last?["stored_nodes_after"] as? Int)
        #expect(json["encoded_bytes"] as? Int == state.count / 2)
        #expect(json["reachable_by_puncturing"] as? Bool == true)
        let regions = try #require(json["punctured"] as? [[String: Any]])
        let listed = Set(regions.compactMap { $0["free_bits"] as? Int == 0 ? $0["prefix"] as? String : nil })
        let expected = Set(try #require(entry["punctured"] as? [String]))
        // The all-zero challenge and its sibling prune to one 63-bit region; every other one is listed.
        #expect(json["punctured_points"] as? String == "\(expected.count)")
        #expect(listed.isSubset(of: expected) && listed.count >= expected.count - 2)
        let root = try #require(entry["root_secret"] as? String)
        #expect(!run.stdout.contains(root) && !run.stdout.contains(String(state.suffix(64))))
    }

    @Test("bad options exit 64 with a sentence naming the option, and print nothing")
    func hostileOptions() throws {
        let base = ["--suite", "1", "--bits", "13"]
        let root = String(repeating: "ab", count: 32)
        var cases: [(arguments: [String], option: String)] = []
        for bits in ["0", "-1", "257", "1.5", "nan", "inf", "1e3", "", " 8", "99999999999999999999", "0x10"] {
            cases.append((["state", "new", "--suite", "1", "--bits", bits, "--root", root], "--bits"))
        }
        for suite in ["0", "4", "6", "-1", "1.0", "abc", "65536", "99999999999999999999"] {
            cases.append((["state", "new", "--suite", suite, "--bits", "8", "--root", root], "--suite"))
        }
        let blake2bOnSuite5 = [
            "state", "new", "--suite", "5", "--bits", "8", "--profile", "blake2b", "--root", root + root,
        ]
        cases += [
            (["state", "new"] + base + ["--root", "abc"], "--root"),
            (["state", "new"] + base + ["--root", "zz" + root.dropFirst(2)], "--root"),
            (["state", "new"] + base + ["--root", "abab"], "--root"),
            (["state", "new"] + base + ["--root", root, "--profile", "sha3"], "--profile"),
            (blake2bOnSuite5, "--profile"),
            (["state", "new"] + base + ["--root", root, "--output-format", "base64"], "--output-format"),
            (["state", "puncture"] + base, "--challenge"),
            (["state", "puncture"] + base + ["--challenge", "0001"], "--challenge"),
            (["state", "puncture"] + base + ["--challenge", "00"], "--challenge"),
            (["state", "puncture"] + base + ["--challenge", "000"], "--challenge"),
            (["state", "eval"] + base + ["--challenge", "0x00"], "--challenge"),
            (["state", "eval"] + base + ["--challenge", "0000", "--format", "csv"], "--format"),
            (["state", "check"] + base + ["--max-stored-nodes", "-1"], "--max-stored-nodes"),
            (["state", "check"] + base + ["--max-stored-nodes", "1073741824"], "--max-stored-nodes"),
            (["state", "check"] + base + ["--max-stored-nodes", "2.5"], "--max-stored-nodes"),
            (["state", "inspect"] + base + ["--input-format", "text"], "--input-format"),
        ]
        for (arguments, option) in cases {
            let run = try Tool.run(arguments, stdin: Data())
            #expect(run.status == 64, "\(arguments): \(run)")
            #expect(run.stderr.contains(option), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(arguments): \(run.stdout)")
        }
    }

    @Test("bad state inputs exit 1 with a sentence: malformed or odd hex, a huge input, a missing file, a bad encoding")
    func hostileInputs() throws {
        let parameters = ["--suite", "1", "--bits", "8"]
        let fresh = try Tool.run(["state", "new"] + parameters + ["--root", String(repeating: "11", count: 32)])
        let inputs: [(stdin: String, extra: [String], expect: String)] = [
            ("zz", [], "not a hex digit"), ("012", [], "odd number of hex digits"),
            ("00 00", [], "follows whitespace"), ("", [], "Malformed PPRF state encoding"),
            (fresh.stdout, ["--input-format", "binary"], "Malformed PPRF state encoding"),
            (fresh.stdout, ["--state", "/nonexistent/state.hex"], "no such file"),
            (fresh.stdout, ["--state", "/dev/zero", "--input-format", "binary"], "larger than 134217728 bytes"),
            (fresh.stdout, ["--state", "/dev/zero"], "not a hex digit"),
        ]
        for (stdin, extra, expect) in inputs {
            let run = try Tool.run(["state", "inspect"] + parameters + extra, stdin: Data(stdin.utf8))
            #expect(run.status == 1, "\(extra) '\(stdin.prefix(20))': \(run)")
            #expect(run.stderr.contains(expect) && run.stderr.contains("--state"), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        // Puncturing twice at one challenge fails and prints no state; so does a too small node limit.
        let twice = try Tool.run(
            ["state", "puncture"] + parameters + ["--challenge", "5a", "--challenge", "5a"],
            stdin: Data(fresh.stdout.utf8))
        #expect(twice.status == 1 && twice.stdout.isEmpty && twice.stderr.contains("--challenge 2 (5a)"), "\(twice)")
        #expect(twice.stderr.contains("punctured"))
        let limited = try Tool.run(
            ["state", "puncture"] + parameters + ["--challenge", "5a", "--max-stored-nodes", "4"],
            stdin: Data(fresh.stdout.utf8))
        #expect(limited.status == 1 && limited.stdout.isEmpty && limited.stderr.contains("more than 4 stored nodes"))
    }

    @Test("binary files in and out: --output writes the state, --input-format binary reads it back")
    func binaryFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pprf-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("state.bin").path
        let parameters = ["--suite", "3", "--bits", "96", "--profile", "blake2b"]
        let root = String(repeating: "42", count: 32)
        let written = try Tool.run(
            ["state", "new"] + parameters + ["--root", root, "--output", file, "--output-format", "binary"])
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(bytes.count == 37 && bytes.suffix(32) == Data(repeating: 0x42, count: 32))
        let check = try Tool.run(["state", "check"] + parameters + ["--state", file, "--input-format", "binary"])
        #expect(check.status == 0 && check.stdout.contains("stored_nodes: 1"), "\(check)")
    }
}

extension Tool {
    /// Runs `pprf` with `arguments`, feeding `stdin` on its standard input.
    static func run(_ arguments: [String], stdin: Data) throws -> Run {
        let input = Pipe()
        let process = try start(arguments, stdin: input)
        input.fileHandleForWriting.write(stdin)
        try input.fileHandleForWriting.close()
        return try finish(process)
    }

    /// Runs `pprf first | pprf second` with a real pipe between the two processes.
    static func pipeline(_ first: [String], _ second: [String]) throws -> Run {
        let between = Pipe()
        let producer = try start(first, stdin: nil, stdout: between)
        let consumer = try start(second, stdin: between)
        // The test's copies of the pipe's ends must close, or the consumer never sees end of input.
        try between.fileHandleForWriting.close()
        try between.fileHandleForReading.close()
        let result = try finish(consumer)
        producer.process.waitUntilExit()
        let producerErr = String(decoding: producer.err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard producer.process.terminationStatus == 0 else {
            return Run(status: producer.process.terminationStatus, stdout: result.stdout, stderr: producerErr)
        }
        return result
    }

    /// A started process with its output pipes.
    struct Started {
        let process: Process
        let out: Pipe
        let err: Pipe
    }

    static func start(_ arguments: [String], stdin: Pipe?, stdout: Pipe? = nil) throws -> Started {
        let binary = try #require(executable, "the pprf binary was not found beside the tests")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = stdout ?? Pipe()
        let err = Pipe()
        if let stdin { process.standardInput = stdin }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return Started(process: process, out: out, err: err)
    }

    static func finish(_ started: Started) throws -> Run {
        let outData = started.out.fileHandleForReading.readDataToEndOfFile()
        let errData = started.err.fileHandleForReading.readDataToEndOfFile()
        started.process.waitUntilExit()
        return Run(
            status: started.process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
