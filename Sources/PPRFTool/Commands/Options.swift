import ArgumentParser
import Foundation

/// A number given as `1e6`, `2^32`, `2^-64`, `0.001` or `1000000`, kept as its log2 so that 2^-200 survives.
struct FlexibleNumber: ExpressibleByArgument, Sendable {
    let log2Value: Double

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("2^"), let exponent = Double(text.dropFirst(2)) {
            log2Value = exponent
        } else if let value = Double(text), value > 0 {
            log2Value = Foundation.log2(value)
        } else {
            return nil
        }
    }

    var value: Double { Foundation.exp2(log2Value) }
}

/// `--format text|json|csv|markdown`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, csv, markdown
}
