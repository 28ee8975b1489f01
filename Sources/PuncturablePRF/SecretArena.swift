import MLSCrypto

/// Fixed-size secret slots in chunks that never move, wiped on release.
///
/// A PPRF stores up to millions of KDF.Nh-byte node secrets; one allocation each (as `SecretBytes`) would
/// double the memory. Chunks hold 256 slots each, so the unused capacity is at most one chunk (8 or 16 KiB)
/// and a slot's address is two shifts away. Freed slots are wiped at once and reused.
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

    /// Bytes allocated for secrets, used or not, and the arrays that track them.
    var bytesAllocated: Int {
        capacity * slotSize + freeSlots.capacity * MemoryLayout<UInt32>.stride
            + chunks.capacity * MemoryLayout<UnsafeMutableRawBufferPointer>.stride
    }

    /// Test hook: calls `body` with every chunk (live, freed and never-used slots alike).
    func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Void) {
        for chunk in chunks { body(UnsafeRawBufferPointer(chunk)) }
    }

    /// Slots per chunk (a power of two).
    static let chunkSlots = 256

    /// The chunk and offset of a slot.
    @inline(__always)
    private func locate(_ slot: Int) -> (Int, Int) { (slot >> 8, slot & 0xFF) }

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
            if nextFresh == capacity { addChunk() }
            slot = UInt32(nextFresh)
            nextFresh += 1
        }
        bytes(slot).copyMemory(from: secret)
        return slot
    }

    /// `count` slots holding the consecutive `slotSize`-byte secrets of `secrets`, their numbers written to
    /// `slots`: the same slots, in the same order, as `count` calls of ``allocate(copying:)`` (reused slots
    /// first, last freed first, then fresh ones), with the bookkeeping done once instead of per slot.
    mutating func allocate(count: Int, copying secrets: UnsafeRawBufferPointer, slots: UnsafeMutablePointer<UInt32>) {
        precondition(secrets.count >= count * slotSize, "arena: fewer secret bytes than slots")
        let reused = min(count, freeSlots.count)
        if reused > 0 {
            freeSlots.withUnsafeBufferPointer { free in
                for i in 0..<reused { slots[i] = free[free.count - 1 - i] }
            }
            freeSlots.removeLast(reused)
        }
        for i in reused..<count {
            if nextFresh == capacity { addChunk() }
            slots[i] = UInt32(nextFresh)
            nextFresh += 1
        }
        let size = slotSize
        let source = secrets.baseAddress!
        chunks.withUnsafeBufferPointer { chunks in
            for i in 0..<count {
                let slot = Int(slots[i])
                let target = chunks[slot >> 8].baseAddress! + (slot & 0xFF) * size
                target.copyMemory(from: source + i * size, byteCount: size)
            }
        }
    }

    /// Appends a zeroed chunk of ``chunkSlots`` slots.
    private mutating func addChunk() {
        let size = Self.chunkSlots
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: size * slotSize, alignment: 16)
        chunk.initializeMemory(as: UInt8.self, repeating: 0)
        chunks.append(chunk)
        capacity += size
    }

    /// Wipes a slot and makes it reusable.
    mutating func free(_ slot: UInt32) {
        SecureMemory.wipe(bytes(slot))
        freeSlots.append(slot)
    }
}
