import Foundation
import PuncturablePRF
import Testing

@testable import TradeoffAnalysis

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("scale measurement (scaled: budgets of 256 KiB and 1 MiB, 40,000 nodes)")
struct ScaleMeasurementTests {
    @Test("the real engine against the closed form and the model; the rendered section and files")
    func scaledRun() throws {
        var lines: [String] = []
        let m = try ScaleMeasurement.run(
            quick: true, bits: [64, 128], budgets: [256 << 10, 1 << 20], nodeCeiling: 40_000
        ) { lines.append($0) }
        #expect(lines.contains { $0.contains("scale: b = 64") })
        #expect(m.crossings.count == 4)
        for c in m.crossings {
            // The recommended bound is on the safe side of the measured crossing, and holds within the budget.
            let crossing = try #require(c.measuredPunctures, "b = \(c.bits), budget \(c.budget) not reached")
            #expect(Double(crossing) > c.modelPunctures, "b = \(c.bits), budget \(c.budget)")
            let held = try #require(c.bytesHeldAtModel)
            #expect(held <= c.budget)
            #expect(Double(held) > 0.8 * Double(c.budget))
        }
        for s in m.samples where s.punctures >= 100 {
            #expect(abs(Double(s.storedNodes) / s.expectedNodes - 1) < 0.03, "b = \(s.bits), k = \(s.punctures)")
            #expect(Double(s.bytesHeld) <= s.modelBytes * 1.01, "b = \(s.bits), k = \(s.punctures)")
            #expect(abs(Double(s.encodedBytes) / s.expectedEncodedBytes - 1) < 0.03)
        }
        // b = 64 went on to the node ceiling and was timed there.
        let deepest = try #require(m.timings.filter { $0.sample.bits == 64 }.last)
        #expect(deepest.sample.storedNodes >= 40_000)
        #expect(deepest.lookupNanoseconds > 0 && deepest.unprotectMicroseconds > 0)
        #expect(m.slowdown.contains { $0.bits == 64 })
        let text = m.markdown
        #expect(text.contains("## How far PPRF challenges scale (measured)"))
        #expect(text.contains("256.0 KiB: recommended k_max / measured crossing"))
        for (name, content) in m.files() where name.hasSuffix(".svg") {
            let document = try XMLDocument(xmlString: content)
            #expect(document.rootElement()?.name == "svg", "\(name)")
        }
        #expect(m.files().first?.1.hasPrefix("challenge_bits,punctures,stored_nodes") == true)
    }
}
