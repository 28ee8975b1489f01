import Foundation

/// A small, deterministic SVG line chart: same input, same bytes (the report's plots are committed and a
/// test checks they are current).
public struct SVGPlot: Sendable {
    /// One named line.
    public struct Series: Sendable {
        /// The legend entry.
        public let name: String
        /// The points, in axis coordinates.
        public let points: [(x: Double, y: Double)]
        /// Dashed lines mark references (for example the RFC 9420 cost).
        public let dashed: Bool

        /// A series; `dashed` marks a reference line.
        public init(name: String, points: [(x: Double, y: Double)], dashed: Bool = false) {
            self.name = name
            self.points = points
            self.dashed = dashed
        }
    }

    /// An axis: its range, label and tick marks (value, label).
    public struct Axis: Sendable {
        /// The label under or beside the axis.
        public let label: String
        /// The lowest value shown.
        public let min: Double
        /// The highest value shown.
        public let max: Double
        /// Tick positions and their labels (for log axes, "2^20" at 20).
        public let ticks: [(Double, String)]

        /// An axis from `min` to `max`.
        public init(label: String, min: Double, max: Double, ticks: [(Double, String)]) {
            self.label = label
            self.min = min
            self.max = max
            self.ticks = ticks
        }
    }

    /// The title above the chart.
    public let title: String
    /// The horizontal axis.
    public let x: Axis
    /// The vertical axis.
    public let y: Axis
    /// The lines.
    public let series: [Series]

    /// A chart.
    public init(title: String, x: Axis, y: Axis, series: [Series]) {
        self.title = title
        self.x = x
        self.y = y
        self.series = series
    }

    static let palette = ["#1b6ca8", "#d1495b", "#2e8b57", "#e59500", "#6a4c93", "#555555", "#00798c", "#8f2d56"]

    /// The SVG document.
    public func render() -> String {
        let (width, height) = (760.0, 460.0)
        let (left, right, top, bottom) = (78.0, 190.0, 44.0, 58.0)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func px(_ v: Double) -> Double { left + (v - x.min) / (x.max - x.min) * plotWidth }
        func py(_ v: Double) -> Double { top + plotHeight - (v - y.min) / (y.max - y.min) * plotHeight }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(f(left))" y="24" font-size="15" font-weight="bold">\(escape(title))</text>
            <rect x="\(f(left))" y="\(f(top))" width="\(f(plotWidth))" height="\(f(plotHeight))" fill="none" stroke="#333"/>

            """
        for (value, label) in x.ticks where value >= x.min && value <= x.max {
            out +=
                "<line x1=\"\(f(px(value)))\" y1=\"\(f(top))\" x2=\"\(f(px(value)))\" y2=\"\(f(top + plotHeight))\" stroke=\"#ddd\"/>"
            out +=
                "<text x=\"\(f(px(value)))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"middle\">\(escape(label))</text>\n"
        }
        for (value, label) in y.ticks where value >= y.min && value <= y.max {
            out +=
                "<line x1=\"\(f(left))\" y1=\"\(f(py(value)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(py(value)))\" stroke=\"#ddd\"/>"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(py(value) + 4))\" text-anchor=\"end\">\(escape(label))</text>\n"
        }
        out +=
            "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 14))\" text-anchor=\"middle\">\(escape(x.label))</text>\n"
        out +=
            "<text transform=\"translate(18 \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(y.label))</text>\n"
        for (index, s) in series.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            let visible = s.points.filter { $0.x.isFinite && $0.y.isFinite }
            let path = visible.map { "\(f(px($0.x))),\(f(py(Swift.min(Swift.max($0.y, y.min), y.max))))" }.joined(
                separator: " ")
            let dash = s.dashed ? " stroke-dasharray=\"6 4\"" : ""
            out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash) points=\"\(path)\"/>\n"
            let ly = top + 14 + Double(index) * 20
            out +=
                "<line x1=\"\(f(width - right + 14))\" y1=\"\(f(ly - 4))\" x2=\"\(f(width - right + 38))\" y2=\"\(f(ly - 4))\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>"
            out += "<text x=\"\(f(width - right + 44))\" y=\"\(f(ly))\">\(escape(s.name))</text>\n"
        }
        return out + "</svg>\n"
    }

    private func f(_ v: Double) -> String { String(format: "%.1f", v) }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Ticks "2^n" every `step` from `from` to `to`.
    public static func powerOfTwoTicks(from: Int, to: Int, step: Int) -> [(Double, String)] {
        stride(from: from, through: to, by: step).map { (Double($0), "2^\($0)") }
    }
}
