/// A deterministic generator for test inputs (SplitMix64, Steele, Lea and Flood 2014), so that failures
/// reproduce: the one copy every test target uses.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    /// The generator's state: the seed plus the golden-ratio increment times the draws so far.
    public var state: UInt64

    /// A generator whose first draw depends only on `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 pseudo-random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
