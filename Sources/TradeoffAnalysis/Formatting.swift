import BigInt
import Foundation

/// Deterministic number formatting for tables and files.
enum Format {
    /// A probability as "0.5073" when >= 0.001, "2^-65.0" below, "1" when certain to double precision.
    static func probability(log2: Double) -> String {
        if log2 >= -1e-12 { return "1" }
        if log2 >= Foundation.log2(0.001) { return String(format: "%.4f", Foundation.exp2(log2)) }
        return "2^" + String(format: "%.1f", log2)
    }

    /// A count as "2^20" for exact powers of two, else grouped digits or "1.2e+06".
    static func count(_ k: Double) -> String {
        let l = Foundation.log2(k)
        if l == l.rounded(), l >= 8 { return "2^\(Int(l))" }
        if k < 1e7 { return String(format: "%.0f", k) }
        return String(format: "%.3g", k)
    }

    /// An exact count as "2^20" for powers of two (from 2^8), all digits below 10^7, else "1.2e+06" (rounded).
    static func count(_ k: BigUInt) -> String {
        if k.bitWidth - 1 >= 8, k.trailingZeroBitCount == k.bitWidth - 1 { return "2^\(k.bitWidth - 1)" }
        if k < 10_000_000 { return String(k) }
        return String(format: "%.3g", Double(String(k)) ?? .infinity)
    }

    /// Bytes with a binary unit.
    static func bytes(_ n: Double) -> String {
        if n < 1024 { return String(format: "%.0f B", n) }
        if n < 1024 * 1024 { return String(format: "%.1f KiB", n / 1024) }
        if n < 1024 * 1024 * 1024 { return String(format: "%.1f MiB", n / 1024 / 1024) }
        return String(format: "%.2f GiB", n / 1024 / 1024 / 1024)
    }

    /// A fixed-precision decimal.
    static func fixed(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }

    /// A decimal with 17 significant digits (vectors and CSV).
    static func precise(_ v: Double) -> String { String(format: "%.17g", v) }
}
