import Foundation
import MLSCore
import MLSCrypto
import Testing

@testable import PuncturablePRF

/// Variant 4's cheap win (SPEC appendix B.4): the link array reserved once for the expected state.
@Suite("PPRF capacity reservation")
struct CapacityTests {
    @Test("reserved for k punctures, k punctures never grow the link array and hold fewer bytes")
    func reservationHolds() throws {
        let suite = try CipherSuite(id: 3)
        let reserved = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 128, profile: .blake2b))
        let grown = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 128, profile: .blake2b))
        let capacity = reserved.reserveCapacity(forPunctures: 400)
        let expected = StateSizeCheck.links(depth: 128, punctures: 400)
        #expect(capacity >= expected - 2, "the closed form, up to rounding of E")
        var rng = SeededRandom(seed: 400)
        for _ in 0..<400 {
            let x = try randomChallenge(bits: 128, using: &rng)
            try reserved.puncture(at: x)
            try grown.puncture(at: x)
        }
        #expect(reserved.storage.pointee.links.capacity == capacity, "no growth after the reservation")
        #expect(try reserved.encoded() == grown.encoded())
        #expect(reserved.storage.pointee.links.count <= capacity)
    }

    @Test("k <= 0 reserves nothing; a huge k is capped by maxInnerNodes")
    func bounds() throws {
        let suite = try CipherSuite(id: 1)
        let pprf = try PPRF(
            secret: rootSecret(suite), suite: suite, parameters: PPRFParameters(challengeBits: 256, profile: .mls),
            maxStoredNodes: 100)
        let before = pprf.storage.pointee.links.capacity
        #expect(pprf.reserveCapacity(forPunctures: 0) == before)
        #expect(pprf.reserveCapacity(forPunctures: -5) == before)
        let capped = pprf.reserveCapacity(forPunctures: Int.max)
        #expect(capped >= 2 * (pprf.maxInnerNodes + 1))
        #expect(capped < 2 * (pprf.maxInnerNodes + 1) + 64, "the cap, up to the allocator's rounding")
    }
}

/// The reservation's formula, recomputed: 2 (ceil(E(b, k)) + k + b + 1) links.
enum StateSizeCheck {
    static func links(depth: Int, punctures k: Int) -> Int {
        let e = StateSizeReference.expectedStoredNodes(challengeBits: depth, punctures: Double(k))
        return 2 * (Int(e.rounded(.up)) + k + depth + 1)
    }
}

/// E(b, k) = sum_{d=1..b} 2^d [(1 - 2^-d)^k - (1 - 2^(1-d))^k] (SPEC section 9), summed directly.
enum StateSizeReference {
    static func expectedStoredNodes(challengeBits b: Int, punctures k: Double) -> Double {
        var sum = 0.0
        for d in 1...b {
            let p = Foundation.pow(2.0, Double(-d))
            sum += Foundation.pow(2.0, Double(d)) * (Foundation.pow(1 - p, k) - Foundation.pow(1 - 2 * p, k))
        }
        return sum
    }
}
