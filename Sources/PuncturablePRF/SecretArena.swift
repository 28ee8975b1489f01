import MLSCrypto

/// Fixed-size secret slots in chunks that never move, wiped on release.
///
/// A PPRF stores up to millions of KDF.Nh-byte node secrets; one allocation each (as `SecretBytes`) would
/// double the memory. Chunks grow from 16 slots to 4,096 and then stay at 4,096, so the unused capacity is
/// at most one chunk. Freed slots are wiped at once and reused.
///
/// A struct living in the PPRF's unsafe storage (see ``PPRF``): its owner calls ``release()`` exactly once.
struct SecretArena {
    let slotSize: Int
    private var chunks: [UnsafeMutableRawBufferPointer] = []
    private var freeSlots: [UInt32] = []
    private(set) var capacity = 0
    private var nextFresh = 0

    init(slotSize: Int) { self.slotSize = slotSize }

    /// Wipes and frees every chunk.
    mutating func release() {
        for chunk in chunks {
            SecureMemory.wipe(chunk)
            chunk.deallocate()
        }
        chunks = []
    }

    /// Slots in use.
    var used: Int { nextFresh - freeSlots.count }

    /// Bytes allocated for secrets, used or not.
    var bytesAllocated: Int { capacity * slotSize + freeSlots.capacity * 4 }

    private static func chunkSize(_ index: Int) -> Int { index == 0 ? 16 : (index >= 9 ? 4096 : 16 << (index - 1)) }

    /// The chunk and offset of a slot (see the growth rule above).
    @inline(__always)
    private func locate(_ slot: Int) -> (Int, Int) {
        if slot < 16 { return (0, slot) }
        if slot < 4096 {
            let log = Int.bitWidth - 1 - slot.leadingZeroBitCount
            return (log - 3, slot - (1 << log))
        }
        return (8 + slot / 4096, slot % 4096)
    }

    /// The bytes of a slot.
    @inline(__always)
    func bytes(_ slot: UInt32) -> UnsafeMutableRawBufferPointer {
        let (chunk, offset) = locate(Int(slot))
        let base = chunks[chunk].baseAddress! + offset * slotSize
        return UnsafeMutableRawBufferPointer(start: base, count: slotSize)
    }

    /// A slot holding a copy of `secret`.
    mutating func allocate(copying secret: UnsafeRawBufferPointer) -> UInt32 {
        let slot: UInt32
        if let reused = freeSlots.popLast() {
            slot = reused
        } else {
            if nextFresh == capacity {
                let size = Self.chunkSize(chunks.count)
                let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: size * slotSize, alignment: 16)
                chunk.initializeMemory(as: UInt8.self, repeating: 0)
                chunks.append(chunk)
                capacity += size
            }
            slot = UInt32(nextFresh)
            nextFresh += 1
        }
        bytes(slot).copyMemory(from: secret)
        return slot
    }

    /// Wipes a slot and makes it reusable.
    mutating func free(_ slot: UInt32) {
        SecureMemory.wipe(bytes(slot))
        freeSlots.append(slot)
    }
}
