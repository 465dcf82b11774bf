import StrataCore

/// `sort KEY [desc], …`, `top N by KEY`.
public enum SortOperator {
    /// `input` sorted by `keys` (stable; nulls last in both directions; strings by Unicode
    /// scalar order).
    /// - Complexity: see ``order(_:keys:limit:)``, plus O(rows × columns) to gather.
    public static func run(_ input: Table, keys: [SortSpec]) throws -> Table {
        input.gather(try order(input, keys: keys, limit: nil))
    }

    /// The row order of `input` sorted by `keys`; with `limit`, only the first `limit` rows of
    /// that order (top-N without sorting everything).
    ///
    /// Each key becomes unsigned codes whose order is the wanted order (``SortKeyCodes``;
    /// strings by the rank of their code in the once-sorted dictionary). When the keys' bits
    /// plus the row number's bits fit 64, every row is one `UInt64` `(keys, row)`: unique, so
    /// ties keep input order, sorted by an LSD radix sort on the key bits only, or selected
    /// with a bounded heap for top-N. Otherwise the keys are packed into 64-bit words and the
    /// row order is radix-sorted word by word, least significant first.
    /// - Complexity: O(n × ⌈keyBits / 11⌉) (plus one gather per 64-bit word when wide);
    ///   top-N O(n + k log k) comparisons in the common case.
    public static func order(_ input: Table, keys: [SortSpec], limit: Int?) throws -> RowSelection {
        let rowCount = input.rowCount
        let wanted = max(0, min(limit ?? rowCount, rowCount))
        for key in keys where !input.columns.indices.contains(key.column) {
            throw Diagnostic("internal error: sort column \(key.column) does not exist")
        }
        if keys.isEmpty || rowCount <= 1 { return RowSelection(0..<Int32(truncatingIfNeeded: wanted)) }
        var parts: [SortKeyCodes] = []
        for key in keys {
            parts += try SortKeyCodes.make(input.columns[key.column], descending: key.descending, rowCount: rowCount)
        }
        let rowBits = 64 - UInt64(rowCount - 1).leadingZeroBitCount
        let keyBits = parts.reduce(0) { $0 + $1.bits }
        if rowBits + keyBits <= 64 {
            return try packedOrder(parts, rowCount: rowCount, rowBits: rowBits, keyBits: keyBits, wanted: wanted)
        }
        return try widerOrder(parts, rowCount: rowCount, wanted: wanted)
    }

    private static func packedOrder(_ parts: [SortKeyCodes], rowCount: Int, rowBits: Int, keyBits: Int,
                                    wanted: Int) throws -> RowSelection {
        var packed = ContiguousArray<UInt64>(unsafeUninitializedCapacity: rowCount) { buffer, initialized in
            for row in 0..<rowCount { buffer[row] = UInt64(row) }
            initialized = rowCount
        }
        var shift = rowBits + keyBits
        try packed.withUnsafeMutableBufferPointer { packed in
            for part in parts {
                shift -= part.bits
                try part.write(packed, shift)
            }
        }
        let rowMask: UInt64 = rowBits == 64 ? .max : (1 << UInt64(rowBits)) - 1
        if wanted < rowCount / 2 {
            let top = try packed.withUnsafeBufferPointer { packed in
                try SortKernels.smallest(rowCount, limit: wanted, element: { packed[$0] }, less: <)
            }
            return RowSelection(top.lazy.map { Int32(truncatingIfNeeded: $0 & rowMask) })
        }
        try SortKernels.radixSort(&packed, lowBit: rowBits, highBit: rowBits + keyBits)
        return RowSelection(packed.prefix(wanted).lazy.map { Int32(truncatingIfNeeded: $0 & rowMask) })
    }

    /// Keys wider than 64 bits with the row number: the parts are packed into as few
    /// `UInt64` words as possible (most significant first); a full sort then radix-sorts the
    /// row order by each word, least significant word first (LSD, each pass stable); top-N
    /// compares the words with the row index as the last tie-break.
    private static func widerOrder(_ parts: [SortKeyCodes], rowCount: Int, wanted: Int) throws -> RowSelection {
        var words: [(parts: [SortKeyCodes], bits: Int)] = []
        for part in parts {
            if let last = words.last, last.bits + part.bits <= 64 {
                words[words.count - 1] = (last.parts + [part], last.bits + part.bits)
            } else {
                words.append(([part], part.bits))
            }
        }
        var codes: [ContiguousArray<UInt64>] = []
        for word in words {
            var column = ContiguousArray<UInt64>(repeating: 0, count: rowCount)
            var shift = word.bits
            try column.withUnsafeMutableBufferPointer { column in
                for part in word.parts {
                    shift -= part.bits
                    try part.write(column, shift)
                }
            }
            codes.append(column)
        }
        if wanted < rowCount / 2 {
            let less = { (left: Int32, right: Int32) -> Bool in
                for column in codes {
                    let leftCode = column[Int(left)], rightCode = column[Int(right)]
                    if leftCode != rightCode { return leftCode < rightCode }
                }
                return left < right
            }
            return RowSelection(try SortKernels.smallest(rowCount, limit: wanted,
                                                         element: { Int32(truncatingIfNeeded: $0) }, less: less))
        }
        var rows = RowSelection(0..<Int32(truncatingIfNeeded: rowCount))
        for (word, column) in zip(words, codes).reversed() {
            var keys = ContiguousArray<UInt64>(unsafeUninitializedCapacity: rowCount) { buffer, initialized in
                column.withUnsafeBufferPointer { column in
                    for (index, row) in rows.enumerated() { buffer[index] = column[Int(row)] }
                }
                initialized = rowCount
            }
            try SortKernels.radixSortPairs(&keys, &rows, bits: word.bits)
        }
        return RowSelection(rows.prefix(wanted))
    }
}
