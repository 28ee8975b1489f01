import ArgumentParser
import BigInt
import ChallengeMath
import Foundation
import TradeoffAnalysis

/// A number given as `1e6`, `2^32`, `2^-64`, `0.001` or `1000000`, kept as its log2 so that 2^-200 survives.
///
/// Lenient and rounded: prefer the strict options below (``CLIParse``), which reject NaN, infinities,
/// fractions where a count is expected and out-of-range values with a sentence naming the option.
struct FlexibleNumber: ExpressibleByArgument, Sendable {
    let log2Value: Double

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("2^"), let exponent = Double(text.dropFirst(2)), exponent.isFinite {
            log2Value = exponent
        } else if let value = Double(text), value > 0, value.isFinite {
            log2Value = Foundation.log2(value)
        } else {
            return nil
        }
    }

    var value: Double { Foundation.exp2(log2Value) }
}

/// `--format text|json|csv|markdown`: TradeoffAnalysis's `TableFormat`, the one renderer's formats.
typealias OutputFormat = TableFormat

extension TableFormat: ExpressibleByArgument {}

/// Strict option parsers for `@Option(transform:)` (issue 12): exact values through ChallengeMath's
/// ``ExactNumber`` grammar, every failure a usage error (exit 64) whose message names the option and says why.
///
/// Other commands should switch to these: `@Option(help: ..., transform: CLIParse.count("--emulators"))`.
enum CLIParse {
    /// A usage error's sentence.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// An exact message count, 1 ... 2^64 (`123`, `1e6`, `2^20`, `2^20-1`).
    static func messages(_ option: String) -> @Sendable (String) throws -> MessageCount {
        { text in
            do { return try MessageCount(parsing: text) } catch {
                throw Failure(description: "\(error)")
            }
        }
    }

    /// A target probability strictly between 0 and 1 (`2^-64`, `1e-9`, `0.5`).
    static func target(_ option: String) -> @Sendable (String) throws -> ProbabilityTarget {
        { text in
            do { return try ProbabilityTarget(parsing: text) } catch {
                throw Failure(description: "\(error)")
            }
        }
    }

    /// A whole number of things, 1 ... 2^64 (`1000`, `1e6`, `2^10`).
    static func count(_ option: String) -> @Sendable (String) throws -> BigUInt {
        { text in
            do { return try PositiveCount.parse(text, what: option) } catch {
                throw Failure(description: "\(error)")
            }
        }
    }

    /// A positive, finite real within `range` (for example seconds), rounded to a double.
    static func positive(_ option: String, range: ClosedRange<Double>) -> @Sendable (String) throws -> Double {
        { text in
            let number: ExactNumber
            do { number = try ExactNumber(parsing: text) } catch {
                throw Failure(description: "\(error)")
            }
            let value = number.doubleValue
            guard !number.isNegative, !number.isZero, value.isFinite, range.contains(value) else {
                throw Failure(
                    description: "\(option) must be a number from \(Self.plain(range.lowerBound)) to "
                        + "\(Self.plain(range.upperBound)) (got \(text))")
            }
            return value
        }
    }

    static func plain(_ v: Double) -> String { String(format: "%g", v) }
}
