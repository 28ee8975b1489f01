import BigInt

/// The grammar of ``ExactNumber`` (issue 12): a hand-written scanner over ASCII that checks every length and
/// exponent before it builds a big integer, so that no text makes it allocate without bound or loop long.
enum NumberParser {
    typealias Failure = ChallengeMathError

    static func parse(_ raw: String) throws(Failure) -> ExactNumber {
        let text = raw.trimmingASCIIWhitespace()
        if text.isEmpty { throw .malformedNumber("the value is empty") }
        if text.utf8.count > ExactNumber.maximumLength {
            throw .malformedNumber("longer than \(ExactNumber.maximumLength) characters")
        }
        let lower = text.lowercased()
        if lower.contains("inf") || lower.contains("nan") {
            throw .malformedNumber("infinite and NaN values are not numbers")
        }
        var bytes = Array(text.utf8)
        for byte in bytes where !(isDigit(byte) || "+-.eE^*".utf8.contains(byte)) {
            throw .malformedNumber("unexpected character '\(String(decoding: [byte], as: UTF8.self))'")
        }
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        if let caret = powerOperator(in: bytes) {
            return try power(base: Array(bytes[..<caret.start]), rest: Array(bytes[caret.end...]), negative: negative)
        }
        let value = try decimal(bytes)
        return ExactNumber(
            negative: negative, numerator: value.numerator, denominator: value.denominator, p: 0, q: 1)
    }

    /// The position of the first `^` or `**`.
    static func powerOperator(in bytes: [UInt8]) -> (start: Int, end: Int)? {
        for i in bytes.indices {
            if bytes[i] == UInt8(ascii: "^") { return (i, i + 1) }
            if bytes[i] == UInt8(ascii: "*") {
                return i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "*") ? (i, i + 2) : (i, i + 1)
            }
        }
        return nil
    }

    /// `B^E[(+|-)offset]`.
    static func power(base baseBytes: [UInt8], rest: [UInt8], negative: Bool) throws(Failure) -> ExactNumber {
        guard !baseBytes.isEmpty, baseBytes.allSatisfy(isDigit), baseBytes.count <= 20 else {
            throw .malformedNumber("a power needs an integer base, as in 2^20")
        }
        guard let base = UInt64(String(decoding: baseBytes, as: UTF8.self)), base >= 2 else {
            throw .malformedNumber("the base of a power must be an integer of at least 2")
        }
        // The exponent: optional sign, digits, optional fraction; it ends at the next sign.
        var i = 0
        var exponentNegative = false
        if i < rest.count, rest[i] == UInt8(ascii: "-") || rest[i] == UInt8(ascii: "+") {
            exponentNegative = rest[i] == UInt8(ascii: "-")
            i += 1
        }
        let digitsStart = i
        while i < rest.count, isDigit(rest[i]) || rest[i] == UInt8(ascii: ".") { i += 1 }
        let exponentText = Array(rest[digitsStart..<i])
        let offsetBytes = Array(rest[i...])
        let parts = exponentText.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard !exponentText.isEmpty, parts.count <= 2, !parts[0].isEmpty || parts.count == 2,
            parts.allSatisfy({ $0.count <= 7 }), parts.count == 1 || !parts[1].isEmpty
        else { throw .malformedNumber("the exponent of a power must be a number such as 20, -64 or -64.5") }
        let whole = parts[0].isEmpty ? 0 : Int(String(decoding: parts[0], as: UTF8.self)) ?? Int.max
        var fraction = 0
        var fractionScale = 1
        if parts.count == 2 {
            guard parts[1].count <= 2 else {
                throw .malformedNumber("a fractional exponent may have at most two decimal places")
            }
            fraction = Int(String(decoding: parts[1], as: UTF8.self)) ?? 0
            fractionScale = parts[1].count == 1 ? 10 : 100
        }
        if fraction != 0 && base != 2 { throw .malformedNumber("only powers of 2 may have a fractional exponent") }
        // |E| log2(B) bounded before anything is built.
        let log2Base = Double(64 - base.leadingZeroBitCount)
        guard Double(whole) * log2Base <= Double(ExactNumber.maximumBinaryMagnitude) else {
            throw .outOfRange("the power is beyond 2^\(ExactNumber.maximumBinaryMagnitude) in magnitude")
        }
        let magnitude = BigUInt(base).power(whole)
        // 2^(fraction/scale) folded as p/q with 0 <= p < q; a negative exponent -(w + f) = -(w+1) + (1 - f).
        var (numerator, denominator) = exponentNegative ? (BigUInt(1), magnitude) : (magnitude, BigUInt(1))
        var p = 0
        if fraction != 0 {
            if exponentNegative {
                denominator *= 2
                p = fractionScale - fraction
            } else {
                p = fraction
            }
        }
        if !offsetBytes.isEmpty {
            if p != 0 { throw .malformedNumber("an offset such as -1 needs an integer exponent") }
            guard offsetBytes.count >= 2, offsetBytes[0] == UInt8(ascii: "+") || offsetBytes[0] == UInt8(ascii: "-")
            else { throw .malformedNumber("after a power only an offset such as 2^20-1 may follow") }
            let offset = try decimal(Array(offsetBytes.dropFirst()))
            // value = n/d +- o_n/o_d with a sign: exact.
            let left = BigInt(numerator) * BigInt(offset.denominator)
            let right = BigInt(offset.numerator) * BigInt(denominator)
            let sum = offsetBytes[0] == UInt8(ascii: "+") ? left + right : left - right
            let total = negative ? -sum : sum
            return ExactNumber(
                negative: total.sign == .minus, numerator: total.magnitude,
                denominator: denominator * offset.denominator,
                p: 0, q: 1)
        }
        return ExactNumber(negative: negative, numerator: numerator, denominator: denominator, p: p, q: fractionScale)
    }

    /// An unsigned decimal literal: digits, optional fraction, optional exponent `e[+-]digits`.
    static func decimal(_ bytes: [UInt8]) throws(Failure) -> (numerator: BigUInt, denominator: BigUInt) {
        var i = 0
        var mantissa: [UInt8] = []
        var fractionDigits = 0
        var sawDot = false
        while i < bytes.count {
            let c = bytes[i]
            if isDigit(c) {
                mantissa.append(c)
                if sawDot { fractionDigits += 1 }
            } else if c == UInt8(ascii: "."), !sawDot {
                sawDot = true
            } else {
                break
            }
            i += 1
        }
        guard !mantissa.isEmpty else { throw .malformedNumber("expected digits, as in 1000, 1e6 or 0.5") }
        var exponent = 0
        if i < bytes.count {
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else {
                throw .malformedNumber("unexpected '\(String(decoding: [bytes[i]], as: UTF8.self))' in a decimal")
            }
            i += 1
            var negative = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                negative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            let digits = bytes[i...]
            guard !digits.isEmpty, digits.allSatisfy(isDigit) else {
                throw .malformedNumber("the exponent after 'e' must be an integer, as in 1e6")
            }
            guard digits.count <= 6, let e = Int(String(decoding: digits, as: UTF8.self)), e <= 6_000 else {
                throw .outOfRange("the decimal exponent is beyond 10^6000 in magnitude")
            }
            exponent = negative ? -e : e
        }
        let scale = exponent - fractionDigits
        // 10^6000 < 2^20000 keeps every accepted value inside the binary magnitude bound checked below.
        guard scale.magnitude <= 6_200 else { throw .outOfRange("the decimal is beyond 10^6000 in magnitude") }
        guard let digits = BigUInt(String(decoding: mantissa, as: UTF8.self)) else {
            throw .malformedNumber("expected digits")
        }
        let power = BigUInt(10).power(Int(scale.magnitude))
        let value = scale >= 0 ? (digits * power, BigUInt(1)) : (digits, power)
        if !value.0.isZero {
            let log2 = ExactMath.log2(value.0) - ExactMath.log2(value.1)
            guard abs(log2) <= Double(ExactNumber.maximumBinaryMagnitude) else {
                throw .outOfRange("the decimal is beyond 2^\(ExactNumber.maximumBinaryMagnitude) in magnitude")
            }
        }
        return value
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
