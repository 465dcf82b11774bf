import StrataCore

/// min, max, first, last (each picks one input row per group, then gathers it, so every type
/// keeps its storage and dictionary) and count_distinct.
extension AggregateContext {
    /// `min(x)` / `max(x)`: strings by Unicode scalar order (dictionary ranks), doubles with
    /// NaN above +inf; null for a group without values.
    func extremum(_ column: Column, largest: Bool) throws -> Column {
        let rows: RowSelection
        switch column.data {
        case .int64(let values):
            rows = try bestRows(values, column.validity, largest: largest, initial: 0) { $0 }
        case .int32(let values):
            rows = try bestRows(values, column.validity, largest: largest, initial: 0) { $0 }
        case .double(let values):
            rows = try bestRows(values, column.validity, largest: largest, initial: 0) { SortOrder.orderable($0) }
        case .bool(let values):
            rows = try bestRows(values, column.validity, largest: largest, initial: 0) { $0 ? UInt8(1) : 0 }
        case .string(let codes, let dictionary):
            let ranks = SortOrder.ranks(dictionary)
            rows = try ranks.withUnsafeBufferPointer { ranks in
                switch codes {
                case .uint8(let codes): try bestRows(codes, column.validity, largest: largest, initial: 0) { ranks[Int($0)] }
                case .uint16(let codes): try bestRows(codes, column.validity, largest: largest, initial: 0) { ranks[Int($0)] }
                case .uint32(let codes): try bestRows(codes, column.validity, largest: largest, initial: 0) { ranks[Int($0)] }
                }
            }
        }
        return column.gather(rows)
    }

    /// Per group, the row holding the smallest (largest) `key`; the earliest such row on ties;
    /// `-1` for a group without values.
    private func bestRows<Element, Key: Comparable>(
        _ values: ContiguousArray<Element>, _ validity: Bitmap?, largest: Bool, initial: Key,
        key: (Element) -> Key
    ) throws -> RowSelection {
        var rows = RowSelection(repeating: -1, count: groupCount)
        var best = ContiguousArray<Key>(repeating: initial, count: groupCount)
        try rows.withUnsafeMutableBufferPointer { rows in
            try best.withUnsafeMutableBufferPointer { best in
                try ids.withUnsafeBufferPointer { ids in
                    try values.withUnsafeBufferPointer { values in
                        try KeyEncoding.chunked(rowCount) { range in
                            for row in range where validity?[row] ?? true {
                                let group = Int(ids[row]), candidate = key(values[row])
                                if rows[group] < 0 || (largest ? candidate > best[group] : candidate < best[group]) {
                                    best[group] = candidate
                                    rows[group] = Int32(truncatingIfNeeded: row)
                                }
                            }
                        }
                    }
                }
            }
        }
        return rows
    }

    /// `first(x)` / `last(x)`: the first (last) non-null value in input order.
    func firstOrLast(_ column: Column, last: Bool) throws -> Column {
        var rows = RowSelection(repeating: -1, count: groupCount)
        let validity = column.validity
        try rows.withUnsafeMutableBufferPointer { rows in
            try ids.withUnsafeBufferPointer { ids in
                try KeyEncoding.chunked(rowCount) { range in
                    for row in range where validity?[row] ?? true {
                        let group = Int(ids[row])
                        if last || rows[group] < 0 { rows[group] = Int32(truncatingIfNeeded: row) }
                    }
                }
            }
        }
        return column.gather(rows)
    }

    /// `count_distinct(x)`, exact: each value is numbered densely, then the distinct
    /// `(group, value)` pairs are counted (a bit set when groups × values is small, else a
    /// hash set).
    func countDistinct(_ column: Column) throws -> Column {
        let values = try KeyEncoding.groupIds([column], rowCount: rowCount)
        let validity = column.validity
        var counts = ContiguousArray<Int64>(repeating: 0, count: groupCount)
        let valueCount = UInt64(max(values.count, 1))
        let (pairSpace, overflow) = UInt64(groupCount).multipliedReportingOverflow(by: valueCount)
        try counts.withUnsafeMutableBufferPointer { counts in
            try ids.withUnsafeBufferPointer { ids in
                try values.ids.withUnsafeBufferPointer { valueIds in
                    if !overflow, pairSpace <= KeyEncoding.directLimit(rowCount: rowCount) * 64 {
                        var seen = ContiguousArray<UInt64>(repeating: 0, count: Int((pairSpace + 63) >> 6))
                        try seen.withUnsafeMutableBufferPointer { seen in
                            try KeyEncoding.chunked(rowCount) { range in
                                for row in range where validity?[row] ?? true {
                                    let group = Int(ids[row])
                                    let pair = group &* Int(valueCount) &+ Int(valueIds[row])
                                    let bit: UInt64 = 1 << UInt64(pair & 63)
                                    if seen[pair >> 6] & bit == 0 {
                                        seen[pair >> 6] |= bit
                                        counts[group] &+= 1
                                    }
                                }
                            }
                        }
                    } else {
                        var pairs = UInt64HashMap(expected: min(rowCount, 1 << 16))
                        try KeyEncoding.chunked(rowCount) { range in
                            for row in range where validity?[row] ?? true {
                                let group = Int(ids[row])
                                let before = pairs.count
                                _ = pairs.findOrInsert(UInt64(group) << 32 | UInt64(UInt32(bitPattern: valueIds[row])), 0)
                                if pairs.count != before { counts[group] &+= 1 }
                            }
                        }
                    }
                }
            }
        }
        return AggregateOutput.int64(counts)
    }
}
