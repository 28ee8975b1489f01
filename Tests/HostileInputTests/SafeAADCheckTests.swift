import Foundation
import FuzzInvariants
import Testing

/// The `FuzzSafeAAD` target (SPEC.md section 5.1): its seeds, and mutations of the genuine one.
@Suite("hostile inputs: the SafeAAD parser and the Safe AAD receiver")
struct SafeAADCheckTests {
    @Test("every seed is a SafeAAD struct the parser accepts, and the committed seeds are the generator's")
    func seeds() throws {
        let outcome = FuzzTarget.safeAAD.outcome
        let seeds = try FuzzTarget.safeAAD.seeds()
        #expect(seeds.count == 11)
        for seed in seeds { #expect(outcome(seed) == .accepted) }
        let committed = Dictionary(uniqueKeysWithValues: try CorpusReplayTests.corpus(.safeAAD))
        for (i, seed) in seeds.enumerated() {
            let name = FuzzTarget.seedFileName(i)
            #expect(
                committed[name] == seed,
                "Fuzz/Corpus/FuzzSafeAAD/\(name) is stale: run `\(CorpusReplayTests.regenerate)`")
        }
    }

    @Test("every one-bit flip and truncation of the genuine authenticated_data keeps the invariants")
    func mutations() throws {
        let outcome = FuzzTarget.safeAAD.outcome
        let genuine = try #require(try FuzzTarget.safeAAD.seeds().first)
        var rejected = 0
        for i in 0..<(genuine.count * 8) {
            var flipped = genuine
            flipped[i / 8] ^= 1 << UInt8(i % 8)
            let result = outcome(flipped)
            #expect(result.violation == nil, "bit \(i): \(result)")
            if result == .rejected { rejected += 1 }
        }
        for cut in 0..<genuine.count { #expect(outcome(Array(genuine[0..<cut])).violation == nil, "cut at \(cut)") }
        #expect(rejected > 0)
    }

    @Test("bytes that are not SafeAAD are rejected, not violations")
    func junk() throws {
        let outcome = FuzzTarget.safeAAD.outcome
        for junk: [UInt8] in [
            [], [0xC0], [0x40, 0x01, 0x00], [0x05, 0x00], [0x00, 0x00], [0x06, 0x00, 0x02, 0x00, 0x00, 0x01, 0x00],
        ] {
            #expect(outcome(junk) == .rejected, "\(junk)")
        }
    }
}
