import ArgumentParser
import BigInt
import Foundation
import MLSCore
import MLSCrypto
import PPRFProtection
import PuncturablePRF
import TradeoffAnalysis

/// `pprf state new|puncture|eval|inspect|check`: a PPRF state (SPEC.md section 3) from the command line, for an
/// implementer debugging puncturing (issue 15 item 5). States go in and out as canonical encodings, in hex
/// or binary, through files or standard input and output, so that `pprf state new ... | pprf state puncture ...`
/// works. The subcommands only parse and call PuncturablePRF.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Build, puncture, evaluate, inspect and check PPRF state encodings (SPEC.md section 3).",
        discussion: """
            A state encoding holds node secrets: new, puncture and eval print secrets because that is what \
            they are for; inspect and check print none. Bad options exit 64; a state that cannot be read or \
            decoded, or a failed puncture, exits 1 with a sentence (check prints the failing rule's name).
            """,
        subcommands: [New.self, Puncture.self, Eval.self, Inspect.self, Check.self])

    /// `pprf state new`.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a fresh state: the root alone (prints the root secret, inside the encoding).")
        @OptionGroup var parameters: StateParameters
        @Option(
            help: "The root secret (an epoch's encryption_secret): KDF.Nh bytes as hex.",
            transform: StateParse.hexBytes("--root"))
        var root: [UInt8]
        @OptionGroup var output: StateOutput

        func validate() throws {
            try parameters.check()
            guard root.count == parameters.suite.nh else {
                throw ValidationError(
                    "--root must be KDF.Nh = \(parameters.suite.nh) bytes for suite \(parameters.suite.id) "
                        + "(got \(root.count))")
            }
        }

        func run() throws {
            let pprf = try StateFailure.wrap("new") {
                try PPRF(
                    secret: SecretBytes(copying: root), suite: parameters.suite,
                    parameters: PPRFParameters(challengeBits: parameters.bits, profile: parameters.profile))
            }
            try output.write(try StateFailure.wrap("new") { try pprf.encoded() })
        }
    }

    /// `pprf state puncture`.
    struct Puncture: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Puncture a state at challenges in order; print the new canonical encoding (secrets).")
        @OptionGroup var parameters: StateParameters
        @OptionGroup var input: StateInput
        @Option(
            help: "A challenge, ceil(b/8) bytes as hex with the unused low bits zero; repeat for several.",
            transform: StateParse.hexBytes("--challenge"))
        var challenge: [[UInt8]] = []
        @OptionGroup var output: StateOutput

        func validate() throws {
            try parameters.check()
            guard !challenge.isEmpty else { throw ValidationError("--challenge is required (one or more)") }
            _ = try parameters.challenges(challenge)
        }

        func run() throws {
            let pprf = try input.read(parameters, command: "puncture")
            for (index, x) in try parameters.challenges(challenge).enumerated() {
                try StateFailure.wrap("puncture", what: "--challenge \(index + 1) (\(Hex.encode(x.bytes)))") {
                    try pprf.puncture(at: x)
                }
            }
            try output.write(try StateFailure.wrap("puncture") { try pprf.encoded() })
        }
    }

    /// `pprf state eval`.
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: """
                Evaluate a state at a challenge without puncturing: print the leaf secret and the application \
                and handshake keys and nonces (secrets), or punctured: true.
                """)
        @OptionGroup var parameters: StateParameters
        @OptionGroup var input: StateInput
        @Option(
            help: "The challenge, ceil(b/8) bytes as hex with the unused low bits zero.",
            transform: StateParse.hexBytes("--challenge"))
        var challenge: [UInt8]
        @Option(help: "text or json.", transform: StateParse.format) var format: OutputFormat = .text

        func validate() throws {
            try parameters.check()
            _ = try parameters.challenges([challenge])
        }

        func run() throws {
            let pprf = try input.read(parameters, command: "eval")
            let x = try parameters.challenges([challenge])[0]
            var fields: [(String, TableValue)] = [("challenge", .string(Hex.encode(x.bytes)))]
            if try StateFailure.wrap("eval", { try pprf.isPunctured(x) }) {
                fields.append(("punctured", .bool(true)))
            } else {
                let leaf = try StateFailure.wrap("eval") { try pprf.evaluate(at: x) }
                fields += [("punctured", .bool(false)), ("leaf_secret", .string(StateOutput.revealedHex(leaf)))]
                for type in [RatchetType.application, .handshake] {
                    let keys = try StateFailure.wrap("eval") {
                        try ChallengeKeys.derive(
                            suite: parameters.suite, leafSecret: leaf, type: type, profile: parameters.profile)
                    }
                    fields += [
                        ("\(type.rawValue)_key", .string(StateOutput.revealedHex(keys.key))),
                        ("\(type.rawValue)_nonce", .string(StateOutput.revealedHex(keys.nonce))),
                    ]
                }
            }
            print(Table.record(fields, as: format), terminator: "")
        }
    }

    /// `pprf state inspect`.
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: """
                Summarise a state without its secrets: stored and inner nodes, nodes per depth, bytes held and \
                encoded, sibling pairs, and the punctured inputs it implies.
                """)
        @OptionGroup var parameters: StateParameters
        @OptionGroup var input: StateInput
        @Option(help: "text or json.", transform: StateParse.format) var format: OutputFormat = .text

        func validate() throws { try parameters.check() }

        func run() throws {
            let summary = try input.read(parameters, command: "inspect").summary()
            print(StateSummaryText.render(summary, format: format))
        }
    }

    /// `pprf state check`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: """
                Say whether an encoding decodes for these parameters (exit 0), or which rule it breaks first, \
                by its error name (exit 1). Prints no secret.
                """)
        @OptionGroup var parameters: StateParameters
        @OptionGroup var input: StateInput
        @Option(help: "text or json.", transform: StateParse.format) var format: OutputFormat = .text

        func validate() throws { try parameters.check() }

        func run() throws {
            let encoded = try input.readBytes(command: "check")
            do throws(PPRFError) {
                let pprf = try PPRF(
                    encoded: encoded, suite: parameters.suite,
                    parameters: PPRFParameters(challengeBits: parameters.bits, profile: parameters.profile),
                    maxStoredNodes: input.maxStoredNodes)
                let summary = pprf.summary()
                print(
                    Table.record(
                        [
                            ("valid", .bool(true)), ("stored_nodes", .integer(BigInt(summary.storedNodes))),
                            ("encoded_bytes", .integer(BigInt(summary.encodedBytes))),
                            ("reachable_by_puncturing", .bool(summary.isReachableByPuncturing)),
                        ], as: format), terminator: "")
            } catch {
                print(
                    Table.record(
                        [
                            ("valid", .bool(false)), ("error", .string(error.vectorName)),
                            ("reason", .string("\(error)")),
                        ],
                        as: format), terminator: "")
                throw ExitCode.failure
            }
        }
    }
}

/// `--suite`, `--bits`, `--profile`: the parameters every state belongs to (SPEC.md sections 1 and 3).
struct StateParameters: ParsableArguments {
    @Option(help: "Cipher suite: 1, 2, 3, 5 or 7.", transform: StateParse.suite) var suite: CipherSuite
    @Option(help: "Challenge length b = the tree's depth, 1...256.", transform: StateParse.integer("--bits", 1...256))
    var bits: Int
    @Option(
        help: "PRG profile: mls, blake2b (suites 1-3 only), cbst or mls32 (32-byte nodes, suites 5 and 7 only).",
        transform: StateParse.profile)
    var profile: PRGProfile = .mls

    /// Throws a usage error when the profile is not defined for the suite.
    func check() throws {
        do { _ = try GGMExpander(suite: suite, profile: profile) } catch {
            throw ValidationError("--profile \(profile) with --suite \(suite.id): \(error)")
        }
    }

    /// The challenges for this b, or a usage error naming the first bad one.
    func challenges(_ list: [[UInt8]]) throws -> [Challenge] {
        try list.enumerated().map { index, bytes in
            do { return try Challenge(bytes: bytes, challengeBits: bits) } catch {
                throw ValidationError("--challenge \(Hex.encode(bytes)) (number \(index + 1)): \(error)")
            }
        }
    }
}

/// The state an operation reads: `--state` (a file, or `-` for standard input), its format and node limit.
struct StateInput: ParsableArguments {
    @Option(help: "The state encoding to read: a file, or - for standard input.") var state: String = "-"
    @Option(help: "hex (whitespace only at the end) or binary.", transform: StateParse.encodingFormat)
    var inputFormat: StateEncodingFormat = .hex
    @Option(
        help: "Refuse states with more stored nodes than this (PPRF.maxStoredNodes), 0...\(PPRF.storedNodeLimit).",
        transform: StateParse.integer("--max-stored-nodes", 0...PPRF.storedNodeLimit))
    var maxStoredNodes: Int = PPRF.storedNodeLimit

    /// The encoding's bytes (at most ``StateReader/maxStateBytes``).
    func readBytes(command: String) throws -> SecretBytes {
        do { return try StateReader.read(path: state, format: inputFormat) } catch {
            throw StateFailure(text: "pprf state \(command): --state \(state): \(error)")
        }
    }

    /// The decoded state.
    func read(_ parameters: StateParameters, command: String) throws -> PPRF {
        let encoded = try readBytes(command: command)
        return try StateFailure.wrap(command, what: "--state \(state)") {
            try PPRF(
                encoded: encoded, suite: parameters.suite,
                parameters: PPRFParameters(challengeBits: parameters.bits, profile: parameters.profile),
                maxStoredNodes: maxStoredNodes)
        }
    }
}

/// Where a new state goes: `--output` (a file written atomically, or `-` for standard output) and its format.
struct StateOutput: ParsableArguments {
    @Option(help: "Where to write the state encoding: a file, or - for standard output.") var output: String = "-"
    @Option(help: "hex (one line) or binary.", transform: StateParse.encodingFormat)
    var outputFormat: StateEncodingFormat = .hex

    /// Hex of a secret, for the commands whose purpose is to print it (new, puncture, eval).
    static func revealedHex(_ secret: SecretBytes) -> String { secret.withUnsafeBytes { Hex.encode(Array($0)) } }

    /// Writes the encoding; the bytes pass through one `Data`, wiped after the write.
    func write(_ encoded: SecretBytes) throws {
        var data = encoded.withUnsafeBytes { bytes in
            outputFormat == .binary ? Data(bytes) : Data((Hex.encode(Array(bytes)) + "\n").utf8)
        }
        defer { data.withUnsafeMutableBytes { SecureMemory.wipe($0) } }
        if output == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        do { try AtomicFile.write(data, to: URL(fileURLWithPath: output)) } catch {
            throw StateFailure(text: "pprf state: --output \(output): \(error)")
        }
    }
}
