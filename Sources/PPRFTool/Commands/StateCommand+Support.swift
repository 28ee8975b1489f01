import ArgumentParser
import BigInt
import Foundation
import JSONSupport
import MLSCore
import MLSCrypto
import PuncturablePRF

/// How a state encoding is written in a file: lowercase or uppercase hex, or the raw bytes.
enum StateEncodingFormat: String, Sendable {
    case hex, binary
}

/// Strict option parsers of `pprf state`: every failure is a usage error (exit 64) naming the option.
enum StateParse {
    /// A decimal integer of digits only (no sign, exponent, fraction or space) within `range`.
    static func integer(_ option: String, _ range: ClosedRange<Int>) -> @Sendable (String) throws -> Int {
        { text in
            guard !text.isEmpty, text.count <= 12, text.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(text),
                range.contains(value)
            else {
                throw ValidationError(
                    "\(option) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got '\(text)')")
            }
            return value
        }
    }

    /// A supported cipher suite by number.
    static func suite(_ text: String) throws -> CipherSuite {
        let id = try integer("--suite", 1...65535)(text)
        do { return try CipherSuite(id: UInt16(id)) } catch {
            throw ValidationError("--suite \(text): \(error)")
        }
    }

    /// A PRG profile by name.
    static func profile(_ text: String) throws -> PRGProfile {
        guard let profile = PRGProfile(name: text) else {
            throw ValidationError("--profile must be mls, blake2b, cbst or mls32 (got '\(text)')")
        }
        return profile
    }

    /// `hex` or `binary`.
    static func encodingFormat(_ text: String) throws -> StateEncodingFormat {
        guard let format = StateEncodingFormat(rawValue: text) else {
            throw ValidationError("--input-format and --output-format must be hex or binary (got '\(text)')")
        }
        return format
    }

    /// `text` or `json`.
    static func format(_ text: String) throws -> OutputFormat {
        guard text == "text" || text == "json", let format = OutputFormat(rawValue: text) else {
            throw ValidationError("--format must be text or json (got '\(text)')")
        }
        return format
    }

    /// Hex bytes: an even number of digits 0-9, a-f, A-F and nothing else, at most 1024 digits.
    static func hexBytes(_ option: String) -> @Sendable (String) throws -> [UInt8] {
        { text in
            guard text.utf8.count <= 1024 else { throw ValidationError("\(option) is longer than 512 bytes") }
            guard text.utf8.count % 2 == 0 else {
                throw ValidationError("\(option) has an odd number of hex digits (\(text.utf8.count))")
            }
            guard text.utf8.allSatisfy({ StateReader.nibble($0) != nil }) else {
                throw ValidationError("\(option) holds a character that is not a hex digit")
            }
            do { return try Hex.decode(text) } catch { throw ValidationError("\(option): \(error)") }
        }
    }
}

/// A data error of `pprf state` (exit 1): its sentence.
struct StateFailure: Error, CustomStringConvertible {
    let text: String
    var description: String { text }

    /// Runs `body`, turning a library error into a sentence that names the command and the input.
    static func wrap<T>(_ command: String, what: String? = nil, _ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            let subject = what.map { "\($0): " } ?? ""
            throw StateFailure(text: "pprf state \(command): \(subject)\(error)")
        }
    }
}

/// Reads a state encoding from a file or standard input with a bound on its size, decoding hex as it streams
/// so that a huge or wrong input is refused early.
enum StateReader {
    /// The largest encoding read: 128 MiB (a 64 MiB-budget receiver's state encodes in about 69 MiB).
    static let maxStateBytes = 1 << 27

    /// Why an input is refused.
    enum ReadError: Error, CustomStringConvertible {
        case unreadable(String)
        case tooLarge(limit: Int)
        case notHex(offset: Int)
        case oddHexLength(Int)
        case textAfterWhitespace(offset: Int)

        var description: String {
            switch self {
            case .unreadable(let reason): "cannot be read (\(reason))"
            case .tooLarge(let limit): "is larger than \(limit) bytes (\(limit >> 20) MiB), the bound of pprf state"
            case .notHex(let offset): "byte \(offset) is not a hex digit (use --input-format binary for raw bytes)"
            case .oddHexLength(let digits): "holds an odd number of hex digits (\(digits))"
            case .textAfterWhitespace(let offset):
                "byte \(offset) follows whitespace; only trailing whitespace is allowed"
            }
        }
    }

    /// The value of a hex digit.
    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: nil
        }
    }

    /// The bytes of the encoding at `path` (`-` = standard input), at most ``maxStateBytes`` of them.
    static func read(path: String, format: StateEncodingFormat) throws(ReadError) -> SecretBytes {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw ReadError.unreadable(FileManager.default.fileExists(atPath: path) ? "permission" : "no such file")
            }
            handle = opened
        }
        var bytes: [UInt8] = []
        defer { bytes.withUnsafeMutableBytes { SecureMemory.wipe($0) } }
        var pending: UInt8? = nil
        var offset = 0
        var digits = 0
        var sawWhitespace = false
        while true {
            var chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 16) ?? Data() } catch {
                throw ReadError.unreadable(ErrorText.sentence(error))
            }
            if chunk.isEmpty { break }
            defer { chunk.withUnsafeMutableBytes { SecureMemory.wipe($0) } }
            if format == .binary {
                guard bytes.count + chunk.count <= maxStateBytes else { throw ReadError.tooLarge(limit: maxStateBytes) }
                bytes.append(contentsOf: chunk)
                continue
            }
            for c in chunk {
                defer { offset += 1 }
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                    sawWhitespace = true
                    continue
                }
                guard let value = nibble(c) else { throw ReadError.notHex(offset: offset) }
                guard !sawWhitespace else { throw ReadError.textAfterWhitespace(offset: offset) }
                digits += 1
                if let high = pending {
                    guard bytes.count < maxStateBytes else { throw ReadError.tooLarge(limit: maxStateBytes) }
                    bytes.append(high << 4 | value)
                    pending = nil
                } else {
                    pending = value
                }
            }
        }
        guard pending == nil else { throw ReadError.oddHexLength(digits) }
        return SecretBytes(copying: bytes)
    }
}

/// The text and JSON forms of `pprf state inspect` (no secrets).
enum StateSummaryText {
    /// Renders a summary.
    static func render(_ s: PPRFStateSummary, format: OutputFormat) -> String {
        var points = BigUInt(0)
        for region in s.puncturedRegions { points += BigUInt(1) << region.freeBits }
        let histogram = s.nodesPerDepth.enumerated().filter { $0.element > 0 }
        let fields: [(String, String)] = [
            ("challenge_bits", "\(s.challengeBits)"), ("stored_nodes", "\(s.storedNodes)"),
            ("inner_nodes", "\(s.innerNodes)"),
            ("secret_bytes_held", "\(s.secretBytesHeld)"), ("bytes_held", "\(s.bytesHeld)"),
            ("encoded_bytes", "\(s.encodedBytes)"), ("mergeable_sibling_pairs", "\(s.mergeableSiblingPairs)"),
            ("reachable_by_puncturing", "\(s.isReachableByPuncturing)"),
            ("punctured_regions", "\(s.puncturedRegions.count)"),
            ("punctured_challenges", "\(s.puncturedChallenges.count)"),
        ]
        if format == .json {
            let regions = s.puncturedRegions.map { r in
                "{\"prefix_length\": \(r.prefixLength), \"prefix\": \"\(Hex.encode(r.prefix))\", "
                    + "\"free_bits\": \(r.freeBits)}"
            }
            var out = "{\n" + fields.map { "  \(JSONValue.quoted($0.0)): \($0.1),\n" }.joined()
            out += "  \"punctured_points\": \"\(points)\",\n"
            out +=
                "  \"nodes_per_depth\": {"
                + histogram.map { "\"\($0.offset)\": \($0.element)" }
                .joined(separator: ", ") + "},\n"
            out += "  \"punctured\": [" + regions.joined(separator: ", ") + "]\n}"
            return out
        }
        var lines = fields.map { "\($0.0): \($0.1)" }
        lines.append("punctured_points: \(points)")
        lines.append("nodes_per_depth: " + histogram.map { "\($0.offset):\($0.element)" }.joined(separator: " "))
        lines.append("punctured:")
        for r in s.puncturedRegions {
            lines.append(
                r.freeBits == 0
                    ? "  \(Hex.encode(r.prefix))"
                    : "  \(r.prefixLength)-bit prefix \(Hex.encode(r.prefix)): all 2^\(r.freeBits) challenges")
        }
        return lines.joined(separator: "\n")
    }
}
