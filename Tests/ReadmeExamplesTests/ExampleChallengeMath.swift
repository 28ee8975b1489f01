// README.md, "Using the library", example 3 (ReadmeDriftTests checks that the README shows this file's code).
import ChallengeMath

/// The probability P that a challenge repeats within an epoch, and the minimum b for a target
/// (Analysis/REPORT.md; the draft's formula is `DraftFormula`).
func challengeLengthForAnEpoch() -> (log2P: Double, minimumBits: Int) {
    // 2^32 messages with 128-bit challenges: P = 2^-65.0 (exact birthday bound, computed in the log domain).
    let p = CollisionProbability(challengeBits: 128, messages: 0x1p32)
    // The smallest b that keeps P <= 2^-64 for 2^20 messages in one epoch: 103.
    let b = ChallengeLength.minimumBits(messages: 0x1p20, log2Target: -64)
    return (p.log2Probability, b)
}
