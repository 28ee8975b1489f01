/// SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): a seeded
/// statistical generator for reproducible simulations, measurement inputs and test inputs, the one copy of the
/// package (TradeoffAnalysis's Monte Carlo runs and state variants, and the tests' `SeededRandom`).
///
/// Not a cryptographic generator: never used for keys, secrets or challenges on the wire.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The state: the seed plus the golden-ratio increment times the draws so far.
    private var state: UInt64

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
