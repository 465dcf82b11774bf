/// Merges one string column's chunk texts (their dictionaries' arenas) into column-wide codes in first-seen order.
///
/// Probing one big table with every chunk entry misses the cache on nearly every probe for
/// near-unique text (names, phone numbers: a million entries, a 16 MB table). The merge
/// instead radix-partitions the entries by hash first, so each partition's table fits in the
/// cache, and keeps each partition's entries in their global order (chunk, then local code)
/// so that the first entry of a text is the one kept. A final sequential pass hands out the
/// codes in that global order — exactly the first-seen order of one sequential read — and
/// copies each distinct text once into the column's arena (no `String` is made).
struct CSVStringMerge {
    /// Per chunk entry, in global order (chunk by chunk, local code order), its column code.
    /// Chunk `c`'s local code `k` maps to `codes[entryBase[c] + k]`.
    private(set) var codes: UnsafeMutableBufferPointer<UInt32>
    /// Where each chunk's entries start in `codes`; one more element than chunks.
    let entryBase: [Int]
    /// The distinct texts' UTF-8 bytes in code order; text `code` is
    /// `utf8[offsets[code]..<offsets[code + 1]]`.
    private(set) var utf8 = ContiguousArray<UInt8>()
    private(set) var offsets: ContiguousArray<Int> = [0]

    /// Entries per partition aimed at: the partition's table (8 bytes a slot, half full)
    /// then stays within a 256 KB L2 cache.
    private static let partitionEntries = 1 << 14

    /// Merges chunk texts given as byte arenas and offsets (chunk `c`'s local code `k` is
    /// `arenas[c][offsets[c][k]..<offsets[c][k + 1]]`), e.g. ``CSVByteDictionary``'s.
    /// - Complexity: O(entries + their bytes); the distinct texts are copied once.
    init(arenas: [ContiguousArray<UInt8>], offsets: [ContiguousArray<Int>]) {
        let chunkTexts = CSVChunkTexts(arenas: arenas, offsets: offsets)
        var base = [0]
        base.reserveCapacity(chunkTexts.count + 1)
        for chunk in 0..<chunkTexts.count { base.append(base[base.count - 1] + chunkTexts.entries(chunk)) }
        entryBase = base
        let total = base[base.count - 1]
        codes = .allocate(capacity: max(total, 1))
        if total == 0 { return }
        // The arenas are alive and unchanged for the whole merge (`withExtendedLifetime`):
        // their buffers' addresses stay valid outside the closures that produced them.
        withExtendedLifetime(chunkTexts) {
            let texts = CSVEntryTexts(chunkTexts)
            defer { texts.deallocate() }
            if chunkTexts.count == 1 {
                // One chunk: its codes are already the column's.
                for code in 0..<total { codes[code] = UInt32(code) }
            } else {
                firstOccurrences(texts, total: total)
                numberInOrder(total: total)
            }
            copyTexts(texts, total: total)
        }
    }

    /// Frees `codes`.
    func deallocate() { codes.deallocate() }

    /// Sets `codes[entry]` to the global index of the first entry with the same bytes.
    private func firstOccurrences(_ texts: CSVEntryTexts, total: Int) {
        var bits = 0
        while (total >> bits) > CSVStringMerge.partitionEntries, bits < 12 { bits += 1 }
        let partitions = 1 << bits
        var counts = [Int](repeating: 0, count: partitions + 1)
        texts.forEach { _, base, count in
            let hash = CSVByteDictionary.hash(base, count)
            counts[bits == 0 ? 0 : Int(truncatingIfNeeded: hash >> UInt64(64 - bits))] += 1
        }
        // Counting sort by partition, stable: each partition lists its entries in global order.
        var starts = [Int](repeating: 0, count: partitions + 1)
        var largest = 0
        for partition in 0..<partitions {
            starts[partition + 1] = starts[partition] + counts[partition]
            largest = max(largest, counts[partition])
        }
        // Hashes are computed again here rather than kept by entry: the probes below then
        // read them in partition order, not one cache line per entry.
        let order = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: total)
        defer { order.deallocate() }
        let hashes = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: total)
        defer { hashes.deallocate() }
        var fill = starts
        texts.forEach { entry, base, count in
            let hash = CSVByteDictionary.hash(base, count)
            let partition = bits == 0 ? 0 : Int(truncatingIfNeeded: hash >> UInt64(64 - bits))
            order[fill[partition]] = UInt32(entry)
            hashes[fill[partition]] = hash
            fill[partition] += 1
        }
        var size = 16
        while size < largest * 2 { size *= 2 }
        // Slot: 0 = empty, else (32 hash bits << 32) | (entry + 1).
        let table = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: size)
        defer { table.deallocate() }
        for partition in 0..<partitions where counts[partition] > 0 {
            var tableSize = 16
            while tableSize < counts[partition] * 2 { tableSize *= 2 }
            let mask = tableSize - 1
            guard let slots = table.baseAddress else { return }
            slots.update(repeating: 0, count: tableSize)
            for position in starts[partition]..<starts[partition + 1] {
                let entry = Int(order[position])
                let hash = hashes[position]
                let tag = (hash >> 24) & 0xFFFF_FFFF
                var slot = Int(truncatingIfNeeded: hash) & mask
                var first = entry
                while true {
                    let value = slots[slot]
                    if value == 0 {
                        slots[slot] = tag << 32 | UInt64(entry + 1)
                        break
                    }
                    if value >> 32 == tag {
                        let other = Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
                        if texts.equal(other, entry) {
                            first = other
                            break
                        }
                    }
                    slot = (slot + 1) & mask
                }
                codes[entry] = UInt32(truncatingIfNeeded: first)
            }
        }
    }

    /// Turns first-occurrence indexes into codes: a first occurrence takes the next code, a
    /// repeat the code of its (earlier, already numbered) first occurrence.
    private func numberInOrder(total: Int) {
        var next: UInt32 = 0
        for entry in 0..<total {
            let first = Int(codes[entry])
            if first == entry {
                codes[entry] = next
                next += 1
            } else {
                codes[entry] = codes[first]
            }
        }
    }

    /// The distinct texts' bytes back to back in code order (the first occurrences in
    /// global order), copied once out of the chunks' arenas.
    private mutating func copyTexts(_ texts: CSVEntryTexts, total: Int) {
        var distinct = 0
        var bytes = 0
        var next: UInt32 = 0
        texts.forEach { entry, _, count in
            guard codes[entry] == next else { return }
            bytes += count
            distinct += 1
            next += 1
        }
        var offsets = ContiguousArray<Int>(repeating: 0, count: distinct + 1)
        utf8 = ContiguousArray(unsafeUninitializedCapacity: bytes) { buffer, initialized in
            initialized = 0
            next = 0
            offsets.withUnsafeMutableBufferPointer { offsets in
                texts.forEach { entry, base, count in
                    guard codes[entry] == next else { return }
                    if count > 0, let target = buffer.baseAddress {
                        (target + initialized).initialize(from: base, count: count)
                    }
                    initialized += count
                    next += 1
                    offsets[Int(next)] = initialized
                }
            }
        }
        self.offsets = offsets
    }
}

/// Every chunk entry's bytes, by global entry index: read in order with ``forEach(_:)``,
/// or one at a time with ``bytes(_:)`` (a binary search over the chunks, for the rare
/// byte comparisons) — no per-entry table, so the merge holds little beside the texts.
struct CSVEntryTexts {
    private let arenaBases: UnsafeMutableBufferPointer<UnsafePointer<UInt8>>
    private let offsetBases: UnsafeMutableBufferPointer<UnsafePointer<Int>>
    /// Chunk `c`'s entries are `entryBase[c]..<entryBase[c + 1]`.
    private let entryBase: UnsafeMutableBufferPointer<Int>
    private let chunkCount: Int

    /// The caller keeps the chunks' arrays alive and unchanged while this is used.
    init(_ chunks: CSVChunkTexts) {
        chunkCount = chunks.count
        arenaBases = .allocate(capacity: max(chunkCount, 1))
        offsetBases = .allocate(capacity: max(chunkCount, 1))
        entryBase = .allocate(capacity: chunkCount + 1)
        entryBase[0] = 0
        for chunk in 0..<chunkCount {
            arenaBases[chunk] = chunks.arenas[chunk].withUnsafeBufferPointer { $0.baseAddress } ?? CSVEntryTexts.emptyText
            offsetBases[chunk] = chunks.offsets[chunk].withUnsafeBufferPointer { $0.baseAddress } ?? CSVEntryTexts.emptyOffsets
            entryBase[chunk + 1] = entryBase[chunk] + chunks.entries(chunk)
        }
    }

    /// A valid address for texts of no bytes (a dictionary whose arena is empty).
    nonisolated(unsafe) private static let emptyText: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    nonisolated(unsafe) private static let emptyOffsets: UnsafePointer<Int> = {
        let pointer = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    func deallocate() {
        arenaBases.deallocate()
        offsetBases.deallocate()
        entryBase.deallocate()
    }

    /// Calls `body(entry, bytes, count)` for every entry in global order.
    @inline(__always)
    func forEach(_ body: (Int, UnsafePointer<UInt8>, Int) -> Void) {
        for chunk in 0..<chunkCount {
            let arena = arenaBases[chunk]
            let offsets = offsetBases[chunk]
            let first = entryBase[chunk]
            for code in 0..<(entryBase[chunk + 1] - first) {
                body(first + code, arena + offsets[code], offsets[code + 1] - offsets[code])
            }
        }
    }

    /// One entry's bytes.
    @inline(__always)
    func bytes(_ entry: Int) -> (base: UnsafePointer<UInt8>, count: Int) {
        // entryBase[low] <= entry < entryBase[high]; ends on the (non-empty) chunk holding it.
        var low = 0
        var high = chunkCount
        while high - low > 1 {
            let middle = (low + high) / 2
            if entryBase[middle] <= entry { low = middle } else { high = middle }
        }
        let code = entry - entryBase[low]
        let offsets = offsetBases[low]
        return (arenaBases[low] + offsets[code], offsets[code + 1] - offsets[code])
    }

    @inline(__always)
    func equal(_ first: Int, _ second: Int) -> Bool {
        let one = bytes(first)
        let other = bytes(second)
        guard one.count == other.count else { return false }
        return one.count == 0 || memcmp(one.base, other.base, one.count) == 0
    }
}

#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chunk texts as arenas and offsets (see ``CSVStringMerge/init(arenas:offsets:)``).
struct CSVChunkTexts {
    let arenas: [ContiguousArray<UInt8>]
    let offsets: [ContiguousArray<Int>]

    var count: Int { arenas.count }

    func entries(_ chunk: Int) -> Int { max(offsets[chunk].count - 1, 0) }
}
