import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Searches this process's writable memory for byte strings: how the tests show that no copy of a key,
/// nonce or keyed hash state outlives the operation that used it.
///
/// A copy counts when the latter half of a needle is found (needles of 12 bytes or more; shorter ones whole):
/// glibc overwrites the first 16 bytes of a freed heap block with its free-list pointers, so a full match
/// would miss a copy left in freed memory, which is exactly the residue these tests look for. With random
/// needles of at least 6 searched bytes, a chance match in a few hundred MiB has probability below 2^-19.
///
/// Between scans the needles are kept XORed with a random mask, and each scan unmasks them into a buffer it
/// wipes when done; hits inside that buffer and inside the scan's read buffer are not counted. Another scan
/// running at the same time (another test, maybe another target's) may briefly hold a copy of our needles in
/// its read buffer, so a scan that finds anything is repeated up to three times and the smallest counts are
/// reported: a residue that the library left persists, a scanner's transient copy does not. Memory is read
/// through `/proc/self/mem` (`pread` fails cleanly on a page unmapped meanwhile, where a direct read would
/// fault). Mappings larger than 1 GiB (sanitizer shadow memory, reserved address space) are skipped.
final class MemoryScan {
    private let masked: UnsafeMutableRawBufferPointer
    private let mask: UnsafeMutableRawBufferPointer
    private let lengths: [Int]
    private static let chunkSize = 1 << 20

    /// Takes the needles from `fill`, which writes them into a buffer of the scanner's (so the caller never
    /// holds them in an array of its own); they are masked at once and the buffer is wiped.
    init(lengths: [Int], fill: ([UnsafeMutableRawBufferPointer]) -> Void) {
        self.lengths = lengths
        let total = max(lengths.reduce(0, +), 1)
        masked = .allocate(byteCount: total, alignment: 16)
        mask = .allocate(byteCount: total, alignment: 16)
        var generator = SystemRandomNumberGenerator()
        for i in 0..<total { mask[i] = generator.next() }
        let plain = Self.allocateZeroed(total)
        defer { Self.release(plain) }
        fill(Self.slices(of: plain, lengths: lengths))
        for i in 0..<total { masked[i] = plain[i] ^ mask[i] }
    }

    deinit {
        Self.release(masked)
        Self.release(mask)
    }

    private static func allocateZeroed(_ count: Int) -> UnsafeMutableRawBufferPointer {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        return buffer
    }

    private static func release(_ buffer: UnsafeMutableRawBufferPointer) {
        memset(buffer.baseAddress!, 0, buffer.count)
        buffer.deallocate()
    }

    /// The number of places, outside the scanner's own buffers, where each needle occurs (the smallest
    /// counts of up to three scans, 50 ms apart, stopping at the first that finds nothing).
    func occurrences() throws -> [Int] {
        var best = try scanOnce()
        for _ in 0..<2 where best.contains(where: { $0 > 0 }) {
            usleep(50_000)
            best = zip(best, try scanOnce()).map { min($0, $1) }
        }
        return best
    }

    /// What is searched for each needle: its latter half, or all of it when shorter than 12 bytes.
    private static func searched(_ slices: [UnsafeMutableRawBufferPointer]) -> [UnsafeMutableRawBufferPointer] {
        slices.map { $0.count >= 12 ? UnsafeMutableRawBufferPointer(rebasing: $0[($0.count / 2)...]) : $0 }
    }

    private static func slices(of buffer: UnsafeMutableRawBufferPointer, lengths: [Int])
        -> [UnsafeMutableRawBufferPointer]
    {
        var offset = 0
        return lengths.map { length in
            defer { offset += length }
            return UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + length)])
        }
    }

    /// The whole text of a `/proc` file, read until end of file (these files report size 0, and
    /// `String(contentsOfFile:)` stops early on a long one, such as the maps of a sanitized process).
    private static func readWhole(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw POSIXError(.ENOENT) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if got < 0 { throw POSIXError(.EIO) }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first occurrence of `needle` in `count` bytes at `haystack` (`memchr` for the first byte, then
    /// `memcmp`; Glibc's `memmem` is a GNU extension that Swift does not import).
    private static func find(_ needle: UnsafeMutableRawBufferPointer, in haystack: UnsafeRawPointer, count: Int)
        -> UnsafeMutableRawPointer?
    {
        let first = Int32(needle[0])
        var start = haystack
        var remaining = count
        while remaining >= needle.count, let candidate = memchr(start, first, remaining - needle.count + 1) {
            if memcmp(candidate, needle.baseAddress!, needle.count) == 0 { return candidate }
            let skipped = UnsafeRawPointer(candidate) - start + 1
            start += skipped
            remaining -= skipped
        }
        return nil
    }

    /// One scan of every writable mapping.
    private func scanOnce() throws -> [Int] {
        let maps = try Self.readWhole("/proc/self/maps")
        let fd = open("/proc/self/mem", O_RDONLY)
        guard fd >= 0 else { throw POSIXError(.EACCES) }
        defer { close(fd) }
        let longest = lengths.max() ?? 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize + longest, alignment: 16)
        defer {
            memset(buffer.baseAddress!, 0, buffer.count)
            buffer.deallocate()
        }
        let plain = Self.allocateZeroed(masked.count)
        defer { Self.release(plain) }
        for i in 0..<masked.count { plain[i] = masked[i] ^ mask[i] }
        let needleSlices = Self.searched(Self.slices(of: plain, lengths: lengths))
        let ownRanges = [plain, buffer].map {
            UInt(bitPattern: $0.baseAddress!)..<(UInt(bitPattern: $0.baseAddress!) + UInt($0.count))
        }
        var counts = [Int](repeating: 0, count: lengths.count)
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, fields[1].hasPrefix("rw") else { continue }
            if fields.count >= 6, fields[5] == "[vvar]" || fields[5] == "[vsyscall]" { continue }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16),
                end > start, end - start <= 1 << 30
            else { continue }
            var address = start
            while address < end {
                let want = Int(min(UInt(Self.chunkSize + longest), end - address))
                let got = pread(fd, buffer.baseAddress!, want, off_t(Int(bitPattern: address)))
                if got <= 0 { break }
                // Consecutive chunks overlap by the longest needle minus one byte so that no match is split;
                // a hit is counted in the chunk where it starts before the overlap (or in the last chunk).
                let isLast = got < want || address + UInt(got) >= end
                let advance = isLast ? got : got - (longest - 1)
                for (index, needle) in needleSlices.enumerated() where needle.count > 0 {
                    var searchStart = buffer.baseAddress!
                    var remaining = got
                    while remaining >= needle.count,
                        let hit = Self.find(needle, in: UnsafeRawPointer(searchStart), count: remaining)
                    {
                        let offset = hit - buffer.baseAddress!
                        let hitAddress = address + UInt(offset)
                        if offset < advance, !ownRanges.contains(where: { $0.contains(hitAddress) }) {
                            counts[index] += 1
                        }
                        searchStart = hit + 1
                        remaining = got - (offset + 1)
                    }
                }
                if isLast { break }
                address += UInt(advance)
            }
        }
        return counts
    }
}
