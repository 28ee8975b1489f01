import Foundation

/// The median and inter-quartile range of a set of measured values, with their count: how every timing of the
/// report and of `pprf bench` is given (issue 14), so that a reader sees the noise next to the figure.
///
/// Quantiles interpolate linearly between order statistics (Hyndman and Fan's type 7, the default of R's
/// `quantile` and of NumPy): for n sorted values x[0...n-1] and 0 <= p <= 1, with h = (n - 1) p,
/// `Q(p) = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])`.
public struct Spread: Sendable, Equatable {
    /// Q(0.5).
    public let median: Double
    /// Q(0.25).
    public let lowerQuartile: Double
    /// Q(0.75).
    public let upperQuartile: Double
    /// How many values were measured.
    public let count: Int

    /// The spread of `values`; nil when there are none or one is NaN or infinite (no report carries those).
    public init?(_ values: [Double]) {
        guard !values.isEmpty, values.allSatisfy(\.isFinite) else { return nil }
        let sorted = values.sorted()
        median = Self.quantile(sorted: sorted, 0.5)
        lowerQuartile = Self.quantile(sorted: sorted, 0.25)
        upperQuartile = Self.quantile(sorted: sorted, 0.75)
        count = values.count
    }

    private init(median: Double, lowerQuartile: Double, upperQuartile: Double, count: Int) {
        self.median = median
        self.lowerQuartile = lowerQuartile
        self.upperQuartile = upperQuartile
        self.count = count
    }

    /// The type-7 quantile `p` (clamped to 0...1) of non-empty, ascending `sorted` values.
    static func quantile(sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * min(max(p, 0), 1)
        let low = Int(h.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }

    /// Q(0.75) - Q(0.25).
    public var interquartileRange: Double { upperQuartile - lowerQuartile }

    /// Every quantile multiplied by `factor` (a positive, finite unit change or a per-level cost times b).
    public func scaled(by factor: Double) -> Spread {
        Spread(
            median: median * factor, lowerQuartile: lowerQuartile * factor, upperQuartile: upperQuartile * factor,
            count: count)
    }

    /// Whether the inter-quartile ranges of the two spreads intersect: the test the report applies to figures
    /// that should be equal (suites 1 and 3 share HMAC-SHA-256).
    public func overlaps(_ other: Spread) -> Bool {
        lowerQuartile <= other.upperQuartile && other.lowerQuartile <= upperQuartile
    }

    /// "median (Q1-Q3)" in units of `divisor`, with `digits` decimals.
    func formatted(dividedBy divisor: Double = 1, digits: Int = 1) -> String {
        "\(Format.fixed(median / divisor, digits)) (\(Format.fixed(lowerQuartile / divisor, digits))-"
            + "\(Format.fixed(upperQuartile / divisor, digits)))"
    }
}
