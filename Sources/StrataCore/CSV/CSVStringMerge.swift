/// Merges one string column's chunk texts (their dictionaries' arenas) into column-wide codes in first-seen order.
///
/// Probing one big table with every chunk entry misses the cache on nearly every probe for
/// near-unique text (names, phone numbers: a million entries, a 16 MB table). The merge
/// instead radix-partitions the entries by hash, so each partition's table and records fit
/// in the cache, and keeps each partition's entries in their global order (chunk, then local
/// code) so that the first entry of a text is the one kept. Four passes over the entries:
/// 1. hash every text once (its bytes read in order) and count the partitions' sizes;
/// 2. scatter a 16-byte record per entry (hash, entry, text address) into its partition;
/// 3. per partition, find each entry's first occurrence (a byte comparison reads just the
///    two texts) and note it by entry;
/// 4. in global order, hand out codes (a first occurrence takes the next code, a repeat its
///    first's) and copy each distinct text once into the column's byte buffer: codes follow
///    exactly the first-seen order of one sequential read. No `String` is made.
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

    /// Entries per partition aimed at: its table (8 bytes a slot, at most half full), its
    /// records (16 bytes each) and candidates (4) then take ~300 KB, within a 512 KB L2
    /// cache (measured: 8K entries a partition ~8% faster than 16K on customers.csv).
    static let partitionEntries = 1 << 13

    /// Merges chunk texts given as byte arenas and offsets (chunk `c`'s local code `k` is
    /// `arenas[c][offsets[c][k]..<offsets[c][k + 1]]`), e.g. ``CSVByteDictionary``'s.
    /// `distinct` says that no chunk repeats a text (a chunk that appended its texts without
    /// a lookup may: see ``CSVByteDictionary/appendsOnly``).
    /// - Complexity: O(entries + their bytes); the distinct texts are copied once, and a
    ///   single chunk's distinct texts not at all. Holds at most 24 bytes per entry while it runs.
    init(arenas: [ContiguousArray<UInt8>], offsets: [ContiguousArray<Int>], distinct: Bool = true) {
        let chunkTexts = CSVChunkTexts(arenas: arenas, offsets: offsets)
        var base = [0]
        base.reserveCapacity(chunkTexts.count + 1)
        for chunk in 0..<chunkTexts.count { base.append(base[base.count - 1] + chunkTexts.entries(chunk)) }
        entryBase = base
        let total = base[base.count - 1]
        if total == 0 {
            codes = UnsafeMutableBufferPointer(start: .allocate(capacity: 1), count: 1)
            return
        }
        if distinct, let only = base.indices.dropLast().first(where: { base[$0 + 1] == total }), base[only] == 0 {
            // One chunk holds every entry: its codes and texts are already the column's.
            codes = UnsafeMutableBufferPointer(start: CSVMergeText.allocate(UInt32.self, total), count: total)
            for code in 0..<total { codes[code] = UInt32(truncatingIfNeeded: code) }
            utf8 = arenas[only]
            self.offsets = offsets[only]
            return
        }
        let bytes = arenas.reduce(0) { $0 + $1.count }
        // The arenas are alive and unchanged for the whole merge (`withExtendedLifetime`):
        // their buffers' addresses stay valid outside the closures that produced them.
        (codes, utf8, self.offsets) = withExtendedLifetime(chunkTexts) {
            let texts = CSVEntryTexts(chunkTexts)
            defer { texts.deallocate() }
            let partitions = CSVMergePartitions(texts, total: total)
            // Allocated once the scatter is done, so the merge never holds more than its
            // hashes and records, or its records and codes (24 or 20 bytes an entry).
            let codes = UnsafeMutableBufferPointer(start: CSVMergeText.allocate(UInt32.self, total), count: total)
            partitions.findFirstOccurrences(texts, into: codes)
            partitions.deallocate()
            let (utf8, offsets) = CSVStringMerge.numberAndCopy(texts, codes: codes, total: total, bytes: bytes)
            return (codes, utf8, offsets)
        }
    }

    /// Frees `codes`.
    func deallocate() { codes.deallocate() }

    /// Pass 4: `codes` (each entry's first occurrence, from pass 3) turned into codes in
    /// global order, and the distinct texts' bytes back to back in code order. Both buffers
    /// are sized for the worst case (every entry distinct; `bytes`, the arenas' total) and
    /// filled in one pass; their unused tails are never written (fresh pages stay unmapped).
    private static func numberAndCopy(_ texts: CSVEntryTexts, codes: UnsafeMutableBufferPointer<UInt32>, total: Int,
                                      bytes: Int) -> (ContiguousArray<UInt8>, ContiguousArray<Int>) {
        var utf8 = ContiguousArray<UInt8>()
        let offsets = ContiguousArray<Int>(unsafeUninitializedCapacity: total + 1) { offsetBuffer, distinctPlusOne in
            guard let offsetBase = offsetBuffer.baseAddress else { return }
            CSVValueBuffers.adviseHugePages(offsetBase, bytes: offsetBuffer.count * MemoryLayout<Int>.stride)
            offsetBase.initialize(to: 0)
            var next = 0
            utf8 = ContiguousArray(unsafeUninitializedCapacity: max(bytes, 1)) { buffer, initialized in
                initialized = 0
                guard let target = buffer.baseAddress else { return }
                CSVValueBuffers.adviseHugePages(target, bytes: buffer.count)
                texts.forEach { entry, base, count in
                    let first = Int(truncatingIfNeeded: codes[entry])
                    if first == entry {
                        codes[entry] = UInt32(truncatingIfNeeded: next)
                        CSVMergeText.copyBytes(base, to: target + initialized, count: count)
                        initialized += count
                        next += 1
                        (offsetBase + next).initialize(to: initialized)
                    } else {
                        // The first occurrence came earlier and is numbered already.
                        codes[entry] = codes[first]
                    }
                }
            }
            distinctPlusOne = next + 1
        }
        return (utf8, offsets)
    }
}
