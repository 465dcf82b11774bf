/// Passes 1–3 of ``CSVStringMerge``: the entries' records grouped by hash partition (each
/// partition in global order), then each entry's first occurrence.
struct CSVMergePartitions {
    /// The records, partition by partition; partition `p` is `starts[p]..<starts[p + 1]`.
    private let records: UnsafeMutableBufferPointer<CSVMergeRecord>
    private let starts: UnsafeMutablePointer<Int>
    private let bits: Int
    private let largest: Int

    /// Passes 1 and 2: hashes every text once (its bytes read in order) and scatters the
    /// records by partition, stably. Holds 24 bytes per entry (the hashes are freed here).
    /// - Complexity: O(entries + their bytes).
    init(_ texts: CSVEntryTexts, total: Int) {
        var bits = 0
        while (total >> bits) > CSVStringMerge.partitionEntries, bits < 12 { bits += 1 }
        self.bits = bits
        let partitions = 1 << bits
        let shift = 12 - bits
        let hashes = CSVMergeText.allocate(UInt64.self, max(total, 1))
        defer { hashes.deallocate() }
        records = UnsafeMutableBufferPointer(start: CSVMergeText.allocate(CSVMergeRecord.self, max(total, 1)), count: max(total, 1))
        starts = .allocate(capacity: partitions + 1)
        starts.initialize(repeating: 0, count: partitions + 1)
        let counts = starts + 1
        texts.forEach { entry, base, count in
            let hash = CSVMergeText.hash(base, count)
            hashes[entry] = hash
            counts[Int(truncatingIfNeeded: hash >> 52) &>> shift] &+= 1
        }
        var largest = 0
        for partition in 0..<partitions {
            largest = max(largest, starts[partition + 1])
            starts[partition + 1] += starts[partition]
        }
        self.largest = largest
        let fill = UnsafeMutablePointer<Int>.allocate(capacity: partitions)
        defer { fill.deallocate() }
        fill.initialize(from: starts, count: partitions)
        let records = self.records
        texts.forEach { entry, base, count in
            let hash = hashes[entry]
            let partition = Int(truncatingIfNeeded: hash >> 52) &>> shift
            let at = fill[partition]
            fill[partition] = at &+ 1
            records[at] = CSVMergeRecord(hash: UInt32(truncatingIfNeeded: hash), entry: UInt32(truncatingIfNeeded: entry),
                                         text: CSVMergeText.pack(base, count))
        }
    }

    func deallocate() {
        records.deallocate()
        starts.deallocate()
    }

    /// Pass 3: per partition, a cache-sized table of first occurrences; sets `first[entry]`
    /// to the entry of the first occurrence of its text (itself when it is one).
    ///
    /// Each partition is done in two loops: the probes, which take a text whose 32-bit hash
    /// matches an earlier one's for a repeat of it, then the byte comparisons that confirm
    /// those repeats. Kept apart, the comparisons — two texts at random places, each likely a
    /// cache miss — do not depend on one another, so the processor overlaps their misses.
    /// A partition where a match turns out to be a different text (equal hashes: about one
    /// in a million entries) is done again, comparing bytes at every match.
    /// - Complexity: O(entries) expected, plus a byte comparison per repeat.
    func findFirstOccurrences(_ texts: CSVEntryTexts, into first: UnsafeMutableBufferPointer<UInt32>) {
        var size = 16
        while size < largest * 2 { size *= 2 }
        // Slot: 0 = empty, else (hash << 32) | (record's index in its partition + 1).
        let table = UnsafeMutablePointer<UInt64>.allocate(capacity: size)
        defer { table.deallocate() }
        // Per record of the partition, the index of the earlier record it repeats (or its own).
        let candidates = UnsafeMutablePointer<UInt32>.allocate(capacity: max(largest, 1))
        defer { candidates.deallocate() }
        guard let all = records.baseAddress, let first = first.baseAddress else { return }
        for partition in 0..<(1 << bits) {
            let count = starts[partition + 1] - starts[partition]
            if count == 0 { continue }
            var tableSize = 16
            while tableSize < count * 2 { tableSize *= 2 }
            let part = all + starts[partition]
            table.update(repeating: 0, count: tableSize)
            CSVMergePartitions.probe(part, count: count, table: table, mask: tableSize - 1, into: candidates)
            if CSVMergePartitions.confirm(part, count: count, candidates: candidates, texts: texts, first: first) { continue }
            table.update(repeating: 0, count: tableSize)
            CSVMergePartitions.exact(part, count: count, table: table, mask: tableSize - 1, texts: texts, first: first)
        }
    }

    /// The probes of one partition: `candidates[local]` is the earlier record with the same
    /// 32-bit hash, or `local` itself when there is none (it is then added to the table).
    @inline(__always)
    private static func probe(_ part: UnsafeMutablePointer<CSVMergeRecord>, count: Int,
                              table: UnsafeMutablePointer<UInt64>, mask: Int, into candidates: UnsafeMutablePointer<UInt32>) {
        for local in 0..<count {
            let hash = part[local].hash
            var slot = Int(truncatingIfNeeded: hash) & mask
            var found = UInt32(truncatingIfNeeded: local)
            while true {
                let value = table[slot]
                if value == 0 {
                    table[slot] = UInt64(hash) << 32 | UInt64(truncatingIfNeeded: local &+ 1)
                    break
                }
                if UInt32(truncatingIfNeeded: value >> 32) == hash {
                    found = UInt32(truncatingIfNeeded: value & 0xFFFF_FFFF) &- 1
                    break
                }
                slot = (slot &+ 1) & mask
            }
            candidates[local] = found
        }
    }

    /// Confirms every candidate repeat by its bytes and writes `first`; false (with `first`
    /// partly written) when one is a different text.
    @inline(__always)
    private static func confirm(_ part: UnsafeMutablePointer<CSVMergeRecord>, count: Int, candidates: UnsafeMutablePointer<UInt32>,
                                texts: CSVEntryTexts, first: UnsafeMutablePointer<UInt32>) -> Bool {
        var same = true
        for local in 0..<count {
            let record = part[local]
            let candidate = Int(truncatingIfNeeded: candidates[local])
            if candidate == local {
                first[Int(truncatingIfNeeded: record.entry)] = record.entry
            } else {
                let earlier = part[candidate]
                // No early exit: a mismatch is rare, and the loop stays free of it.
                same = same && CSVMergeText.same(earlier, record, texts)
                first[Int(truncatingIfNeeded: record.entry)] = earlier.entry
            }
        }
        return same
    }

    /// One partition with a byte comparison at every hash match (the table is empty).
    private static func exact(_ part: UnsafeMutablePointer<CSVMergeRecord>, count: Int, table: UnsafeMutablePointer<UInt64>,
                              mask: Int, texts: CSVEntryTexts, first: UnsafeMutablePointer<UInt32>) {
        for local in 0..<count {
            let record = part[local]
            var slot = Int(truncatingIfNeeded: record.hash) & mask
            var found = record.entry
            while true {
                let value = table[slot]
                if value == 0 {
                    table[slot] = UInt64(record.hash) << 32 | UInt64(truncatingIfNeeded: local &+ 1)
                    break
                }
                if UInt32(truncatingIfNeeded: value >> 32) == record.hash {
                    let earlier = part[Int(truncatingIfNeeded: value & 0xFFFF_FFFF) &- 1]
                    if CSVMergeText.same(earlier, record, texts) {
                        found = earlier.entry
                        break
                    }
                }
                slot = (slot &+ 1) & mask
            }
            first[Int(truncatingIfNeeded: record.entry)] = found
        }
    }
}
