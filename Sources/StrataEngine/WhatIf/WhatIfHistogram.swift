import StrataCore

extension Tally {
    /// The most distinct key values the histogram path takes (counts and sums: 1.5 MB).
    static let maxBins = 65_536

    /// Integer keys spanning at most ``maxBins`` values (recency, days since a date): counts
    /// and sums per key value in one pass, then per threshold slot by walking the few bins.
    /// Nil when the keys spread wider; the caller then uses ``run(keys:validity:thresholds:countEqual:money:)``.
    /// - Complexity: O(rows + bins × log thresholds); checks for cancellation every 64K rows.
    static func histogram<Key: FixedWidthInteger>(
        keys: ContiguousArray<Key>, validity: Bitmap?, thresholds: [Key], countEqual: Bool, money: Column?
    ) throws -> Tally? {
        // Narrow money (Int32 storage of an integer or decimal column) is read as it is.
        if let money, money.isNarrow, case .int32(let units) = money.data {
            return try histogram(keys: keys, validity: validity, thresholds: thresholds, countEqual: countEqual,
                                 moneyUnits: units, moneyValidity: money.validity)
        }
        var moneyUnits: ContiguousArray<Int64> = []
        if case .int64(let units) = money?.data { moneyUnits = units }
        return try histogram(keys: keys, validity: validity, thresholds: thresholds, countEqual: countEqual,
                             moneyUnits: moneyUnits, moneyValidity: money?.validity)
    }

    private static func histogram<Key: FixedWidthInteger, Unit: FixedWidthInteger>(
        keys: ContiguousArray<Key>, validity: Bitmap?, thresholds: [Key], countEqual: Bool,
        moneyUnits: ContiguousArray<Unit>, moneyValidity: Bitmap?
    ) throws -> Tally? {
        var low = Key.max
        var high = Key.min
        keys.withUnsafeBufferPointer { buffer in
            if let validity {
                for row in buffer.indices where validity[row] {
                    low = Swift.min(low, buffer[row])
                    high = Swift.max(high, buffer[row])
                }
            } else {
                for key in buffer {
                    low = Swift.min(low, key)
                    high = Swift.max(high, key)
                }
            }
        }
        var tally = Tally(counts: Array(repeating: 0, count: thresholds.count + 1),
                          sums: Array(repeating: 0, count: thresholds.count + 1))
        guard low <= high else { return tally }  // every key is null
        let (span, overflow) = Int64(high).subtractingReportingOverflow(Int64(low))
        guard !overflow, span < Int64(maxBins) else { return nil }
        let bins = Int(span) + 1
        var binCounts = [Int](repeating: 0, count: bins)
        var binSums = [Int128](repeating: 0, count: bins)
        let hasMoney = !moneyUnits.isEmpty
        let base = Int64(low)
        try keys.withUnsafeBufferPointer { buffer in
            try moneyUnits.withUnsafeBufferPointer { units in
                try binCounts.withUnsafeMutableBufferPointer { counts in
                    try binSums.withUnsafeMutableBufferPointer { sums in
                        var start = 0
                        while start < buffer.count {
                            try Cancellation.check()
                            let end = Swift.min(start + 65_536, buffer.count)
                            if validity == nil, moneyValidity == nil, hasMoney {
                                for row in start..<end {
                                    let bin = Int(truncatingIfNeeded: Int64(buffer[row]) &- base)
                                    counts[bin] &+= 1
                                    sums[bin] &+= Int128(units[row])
                                }
                            } else {
                                for row in start..<end {
                                    if let validity, !validity[row] { continue }
                                    let bin = Int(truncatingIfNeeded: Int64(buffer[row]) &- base)
                                    counts[bin] &+= 1
                                    if hasMoney, moneyValidity?[row] ?? true { sums[bin] &+= Int128(units[row]) }
                                }
                            }
                            start = end
                        }
                    }
                }
            }
        }
        for bin in 0..<bins where binCounts[bin] > 0 {
            let key = Key(truncatingIfNeeded: base + Int64(bin))
            var slot = 0
            var top = thresholds.count
            while slot < top {
                let middle = (slot + top) >> 1
                if countEqual ? thresholds[middle] <= key : thresholds[middle] < key { slot = middle + 1 } else { top = middle }
            }
            tally.counts[slot] += binCounts[bin]
            tally.sums[slot] += binSums[bin]
        }
        return tally
    }
}
