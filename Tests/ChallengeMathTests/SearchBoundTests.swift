import BigInt
import Foundation
import Testing

@testable import ChallengeMath

/// The inverse queries answer with a bounded number of exact decisions (issue 12: "no input hangs the tool").
/// The counts come from the searches' internal counter, never from a clock; the answers are checked against
/// mpmath (the values below: loggamma at 0.6 b + 120 digits, as in make_reference.py, walking k to the boundary)
/// and against the definition (k fits, k + 1 does not).
@Suite(
    "inverse queries: bounded exact decisions",
    .disabled(
        if: ProcessInfo.processInfo.environment["MLS_PPRF_SANITIZER_RUN"] != nil,
        "run by make test; exact integer searches in safe Swift, the slowest suite under a sanitizer"))
struct SearchBoundTests {
    /// (b, target, max_messages) from mpmath; at each, P(k) and P(k + 1) are within 2^-64 of the target
    /// (relatively), so only an exact decision can separate them.
    static let longChallenges: [(Int, String, String)] = [
        (128, "0.5", "21719381355163562491"),
        (256, "2^-1", "400651869298001176472314306405665023047"),
        (300, "0.001", "63844422995972203897511532057553893446597871"),
        (
            512, "0.5",
            "136334766396022316295812640764738951296913830173411619579018625316187824066453"
        ),
        (
            1024, "0.5",
            "157864874366768733595762181584569675325732924490463549800543560436976051845814588295614634328896271367"
                + "94529695707471463832653647799697604098045735661431052"
        ),
    ]

    @Test("max_messages for long challenges and targets near 1/2 matches mpmath within 8 exact decisions")
    func longChallengesAreQuick() throws {
        for (b, text, expected) in Self.longChallenges {
            var decisions = 0
            let k = try ChallengeLength.maximumMessages(
                challengeBits: b, target: ProbabilityTarget(parsing: text), decisions: &decisions)
            #expect(k == BigUInt(expected), "b=\(b) target \(text)")
            #expect(decisions <= 8, "b=\(b) target \(text): \(decisions) exact decisions")
        }
    }

    @Test("max_messages over b 1...1024 and targets 2^-1000...1 - 1e-6 takes at most 40 exact decisions")
    func maximumMessagesGrid() throws {
        let small = ["2^-1000", "2^-128", "2^-64.5", "1e-9"]
        let large = small + ["2^-1", "0.75", "0.999999"]
        var worst = 0
        // Targets near 1 at every b, 1024 included (the log-domain decision keeps each one fast).
        for b in [1, 2, 3, 5, 8, 13, 16, 24, 32, 48, 64, 100, 128, 200, 256, 384, 512, 768, 1000, 1024] {
            for text in large {
                let target = try ProbabilityTarget(parsing: text)
                var decisions = 0
                let k = try ChallengeLength.maximumMessages(challengeBits: b, target: target, decisions: &decisions)
                worst = max(worst, decisions)
                #expect(decisions <= 40, "b=\(b) target \(text): \(decisions) exact decisions")
                // The definition: k fits (or k = 1), k + 1 does not.
                if k >= 2 { #expect(try ExactCollision.fits(challengeBits: b, messages: k, target: target)) }
                #expect(try !ExactCollision.fits(challengeBits: b, messages: k + 1, target: target), "b=\(b) \(text)")
            }
        }
        #expect(worst >= 2)
    }
}
