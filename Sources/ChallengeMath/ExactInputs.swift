import BigInt

/// An exact number of messages per epoch, 1 ... 2^64 (issue 12).
///
/// The count is a `BigUInt` rather than a `UInt64` because 2^64 itself is a valid count (the largest the
/// tables show) and one past `UInt64.max`; `UInt128` would need macOS 15 while the package supports macOS 14,
/// and the exact decisions need big integers anyway.
public struct MessageCount: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The largest accepted count, 2^64.
    public static let maximum = BigUInt(1) << 64

    /// The count.
    public let value: BigUInt

    /// A count, checked against 1 ... 2^64.
    public init(_ value: BigUInt) throws(ChallengeMathError) {
        guard value >= 1 else { throw .outOfRange("a message count must be at least 1") }
        guard value <= Self.maximum else { throw .outOfRange("a message count must be at most 2^64") }
        self.value = value
    }

    /// Parses `123`, `1e6`, `2^20`, `2^20-1` (see ``ExactNumber``); anything that is not an integer in
    /// 1 ... 2^64 is an error.
    public init(parsing text: String) throws(ChallengeMathError) {
        let number = try ExactNumber(parsing: text)
        if number.isNegative { throw .outOfRange("a message count cannot be negative") }
        guard let integer = number.nonNegativeInteger else {
            throw .notAnInteger("a message count must be a whole number (got \(text.trimmingASCIIWhitespace()))")
        }
        try self.init(integer)
    }

    /// The nearest double (exact up to 2^53).
    public var doubleValue: Double { ExactMath.double(value) }

    /// log2 of the count.
    public var log2: Double { ExactMath.log2(value) }

    /// The decimal digits.
    public var description: String { String(value) }

    /// Orders by value.
    public static func < (a: MessageCount, b: MessageCount) -> Bool { a.value < b.value }
}

/// A positive integer count of groups or epochs (the union bound's factors), 1 ... 2^64.
public enum PositiveCount {
    /// Parses an integer in 1 ... 2^64; `what` names the quantity in the error's sentence.
    public static func parse(_ text: String, what: String) throws(ChallengeMathError) -> BigUInt {
        let number = try ExactNumber(parsing: text)
        if number.isNegative || number.isZero { throw .outOfRange("\(what) must be at least 1") }
        guard let integer = number.nonNegativeInteger else { throw .notAnInteger("\(what) must be a whole number") }
        guard integer <= MessageCount.maximum else { throw .outOfRange("\(what) must be at most 2^64") }
        return integer
    }
}

/// A target probability p with 0 < p < 1, exact (issue 12): the value a collision probability is compared
/// with by ``ExactCollision``.
public struct ProbabilityTarget: Sendable, Equatable, CustomStringConvertible {
    /// The value.
    public let value: ExactNumber

    /// A target, checked to be strictly between 0 and 1.
    public init(_ value: ExactNumber) throws(ChallengeMathError) {
        guard value.isStrictlyBetweenZeroAndOne else {
            throw .outOfRange("a target probability must be strictly between 0 and 1")
        }
        self.value = value
    }

    /// Parses `2^-64`, `1e-9`, `0.5`, `2^-64.5` (see ``ExactNumber``).
    public init(parsing text: String) throws(ChallengeMathError) {
        try self.init(ExactNumber(parsing: text))
    }

    /// 2^`log2`, exactly, for an integer exponent below 0 (at least -``ExactNumber/maximumBinaryMagnitude``).
    public init(log2 exponent: Int) throws(ChallengeMathError) {
        guard exponent < 0, exponent >= -ExactNumber.maximumBinaryMagnitude else {
            throw .outOfRange("a target 2^x needs -\(ExactNumber.maximumBinaryMagnitude) <= x < 0")
        }
        value = ExactNumber(numerator: 1, denominator: BigUInt(1) << (-exponent))
    }

    /// The per-epoch target that keeps the probability of any repeat over `groups` x `epochs` epochs at most
    /// this total (union bound): p / (G E), exactly.
    public func perEpoch(groups: BigUInt, epochs: BigUInt) throws(ChallengeMathError) -> ProbabilityTarget {
        guard groups >= 1, epochs >= 1 else { throw .outOfRange("groups and epochs must be at least 1") }
        return try ProbabilityTarget(value.divided(by: groups * epochs))
    }

    /// log2 p to double precision (for display and first estimates).
    public var log2Value: Double { value.log2Magnitude }

    /// The exact value's readable form.
    public var description: String { value.description }
}
