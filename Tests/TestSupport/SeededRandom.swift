import ChallengeMath

/// The deterministic generator for test inputs, so that failures reproduce: ChallengeMath's `SplitMix64`, the
/// package's one implementation (issue 18 item 6), under the name the test targets use.
public typealias SeededRandom = SplitMix64
