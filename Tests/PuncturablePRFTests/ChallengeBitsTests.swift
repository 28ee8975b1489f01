import PuncturablePRF
import Testing

@Suite("challenge byte layout: ceil(b/8) bytes and the unused-bit mask")
struct ChallengeBitsTests {
    @Test("byte counts and masks at the byte boundaries and at the extremes")
    func layout() {
        #expect(Challenge.byteCount(bits: 1) == 1)
        #expect(Challenge.byteCount(bits: 8) == 1)
        #expect(Challenge.byteCount(bits: 9) == 2)
        #expect(Challenge.byteCount(bits: 256) == 32)
        #expect(Challenge.byteCount(bits: 0) == 0)
        #expect(Challenge.byteCount(bits: -5) == 0)
        #expect(Challenge.unusedBitMask(bits: 10) == 0x3F)
        #expect(Challenge.unusedBitMask(bits: 1) == 0x7F)
        #expect(Challenge.unusedBitMask(bits: 16) == 0)
        #expect(Challenge.unusedBitMask(bits: 0) == 0)
        #expect(Challenge.unusedBitMask(bits: -3) == 0)
    }

    @Test("clearing keeps the used bits, zeroes the rest, and leaves a wrong length alone")
    func clearing() throws {
        #expect(Challenge.clearingUnusedBits([0xFF, 0xFF], bits: 10) == [0xFF, 0xC0])
        #expect(Challenge.clearingUnusedBits([0xAB], bits: 8) == [0xAB])
        #expect(Challenge.clearingUnusedBits([0xFF, 0xFF, 0xFF], bits: 10) == [0xFF, 0xFF, 0xFF])
        #expect(Challenge.clearingUnusedBits([], bits: 0) == [])
        let x = try Challenge(bytes: Challenge.clearingUnusedBits([0x12, 0xFF], bits: 12), challengeBits: 12)
        #expect(x.bytes == [0x12, 0xF0])
    }
}
