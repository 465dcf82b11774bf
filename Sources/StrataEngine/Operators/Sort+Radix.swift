import StrataCore

/// LSD radix sort and a bounded heap for the sort operator.
enum SortKernels {
    /// Sorts `values` by bits `lowBit..<highBit` only, stably (least significant digit first),
    /// so the bits below `lowBit` (the row number) keep the input order of ties.
    /// Digits of at most 11 bits; a digit where every value falls into one bucket is skipped.
    /// - Complexity: O(n × passes), passes = ⌈(highBit − lowBit) / 11⌉, one histogram pass.
    static func radixSort(_ values: inout ContiguousArray<UInt64>, lowBit: Int, highBit: Int) throws {
        let count = values.count
        guard highBit > lowBit, count > 1 else { return }
        let passes = (highBit - lowBit + 10) / 11
        let digitBits = (highBit - lowBit + passes - 1) / passes
        let buckets = 1 << digitBits
        let mask = UInt64(buckets - 1)
        var histograms = ContiguousArray<Int>(repeating: 0, count: passes * buckets)
        try histograms.withUnsafeMutableBufferPointer { histograms in
            try values.withUnsafeBufferPointer { values in
                try KeyEncoding.chunked(count) { rows in
                    for row in rows {
                        let value = values[row]
                        for pass in 0..<passes {
                            let digit = Int(truncatingIfNeeded: (value >> UInt64(lowBit + pass * digitBits)) & mask)
                            histograms[pass * buckets + digit] &+= 1
                        }
                    }
                }
            }
        }
        var scratch = ContiguousArray<UInt64>(repeating: 0, count: count)
        for pass in 0..<passes {
            let histogram = histograms[(pass * buckets)..<((pass + 1) * buckets)]
            if histogram.contains(count) { continue }
            var offsets = ContiguousArray<Int>(repeating: 0, count: buckets)
            var running = 0
            for (bucket, size) in histogram.enumerated() {
                offsets[bucket] = running
                running += size
            }
            let shift = UInt64(lowBit + pass * digitBits)
            try offsets.withUnsafeMutableBufferPointer { offsets in
                try scratch.withUnsafeMutableBufferPointer { scratch in
                    try values.withUnsafeBufferPointer { values in
                        try KeyEncoding.chunked(count) { rows in
                            for row in rows {
                                let value = values[row]
                                let digit = Int(truncatingIfNeeded: (value >> shift) & mask)
                                scratch[offsets[digit]] = value
                                offsets[digit] &+= 1
                            }
                        }
                    }
                }
            }
            swap(&values, &scratch)
        }
    }

    /// Sorts `rows` by `keys` (parallel arrays) on the low `bits` bits of the keys, stably:
    /// for keys too wide to share a `UInt64` with the row number.
    /// - Complexity: O(n × ⌈bits / 11⌉).
    static func radixSortPairs(_ keys: inout ContiguousArray<UInt64>, _ rows: inout RowSelection, bits: Int) throws {
        let count = keys.count
        guard bits > 0, count > 1 else { return }
        let passes = (bits + 10) / 11
        let digitBits = (bits + passes - 1) / passes
        let buckets = 1 << digitBits
        let mask = UInt64(buckets - 1)
        var scratchKeys = ContiguousArray<UInt64>(repeating: 0, count: count)
        var scratchRows = RowSelection(repeating: 0, count: count)
        for pass in 0..<passes {
            let shift = UInt64(pass * digitBits)
            var offsets = ContiguousArray<Int>(repeating: 0, count: buckets)
            keys.withUnsafeBufferPointer { keys in
                for key in keys { offsets[Int(truncatingIfNeeded: (key >> shift) & mask)] &+= 1 }
            }
            if offsets.contains(count) { continue }
            var running = 0
            for bucket in 0..<buckets {
                let size = offsets[bucket]
                offsets[bucket] = running
                running += size
            }
            try offsets.withUnsafeMutableBufferPointer { offsets in
                try scratchKeys.withUnsafeMutableBufferPointer { scratchKeys in
                    try scratchRows.withUnsafeMutableBufferPointer { scratchRows in
                        try keys.withUnsafeBufferPointer { keys in
                            try rows.withUnsafeBufferPointer { rows in
                                try KeyEncoding.chunked(count) { range in
                                    for index in range {
                                        let key = keys[index]
                                        let digit = Int(truncatingIfNeeded: (key >> shift) & mask)
                                        let target = offsets[digit]
                                        scratchKeys[target] = key
                                        scratchRows[target] = rows[index]
                                        offsets[digit] = target &+ 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &scratchKeys)
            swap(&rows, &scratchRows)
        }
    }

    /// The `limit` smallest of `0..<count` under `less` (a strict total order), sorted:
    /// a max-heap of `limit` entries, so each further element costs one comparison unless it
    /// enters the heap.
    /// - Complexity: O(n + k log k + (entries) log k) for k = `limit`.
    static func smallest<Element>(_ count: Int, limit: Int, element: (Int) -> Element,
                                  less: (Element, Element) -> Bool) throws -> [Element] {
        guard limit > 0 else { return [] }
        var heap: [Element] = []
        heap.reserveCapacity(min(limit, count))
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1, right = left + 1
                var largest = parent
                if left < heap.count, less(heap[largest], heap[left]) { largest = left }
                if right < heap.count, less(heap[largest], heap[right]) { largest = right }
                if largest == parent { return }
                heap.swapAt(parent, largest)
                parent = largest
            }
        }
        try KeyEncoding.chunked(count) { rows in
            for index in rows {
                let candidate = element(index)
                if heap.count < limit {
                    heap.append(candidate)
                    var child = heap.count - 1
                    while child > 0 {
                        let parent = (child - 1) / 2
                        if !less(heap[parent], heap[child]) { break }
                        heap.swapAt(parent, child)
                        child = parent
                    }
                } else if less(candidate, heap[0]) {
                    heap[0] = candidate
                    siftDown(0)
                }
            }
        }
        heap.sort(by: less)
        return heap
    }
}
