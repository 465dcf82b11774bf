import StrataCore

/// Dense group numbers: rows with equal keys share an id; ids count up from 0 in order of
/// first appearance, so group `g` first occurs at `firstRows[g]`.
struct GroupIds {
    var ids: ContiguousArray<Int32>
    var count: Int
    var firstRows: RowSelection
}

/// One key column as codes below `cardinality`, nulls included as an ordinary code.
struct KeyPart {
    var codes: ContiguousArray<UInt64>
    var cardinality: UInt64
}

extension KeyEncoding {
    /// Runs `body` over `0..<count` in slices of 64K rows, checking for Ctrl-C between them.
    @inline(__always)
    static func chunked(_ count: Int, _ body: (Range<Int>) throws -> Void) throws {
        var start = 0
        while start < count {
            try Cancellation.check()
            let end = min(start + 65_536, count)
            try body(start..<end)
            start = end
        }
    }

    /// Group ids of the rows of `columns` (SQL grouping: a null equals a null).
    ///
    /// One column is numbered straight from its codes. Several columns are packed into one
    /// `UInt64` by mixed radix (e.g. two dictionary codes); a column whose codes are too wide
    /// is first renumbered densely (≤ rows ids), so the packed product always fits.
    /// - Complexity: O(rows × columns); a direct-indexed array when the codes are small,
    ///   else an open-addressing hash table.
    static func groupIds(_ columns: [Column], rowCount: Int) throws -> GroupIds {
        guard let first = columns.first else {
            return GroupIds(ids: ContiguousArray(repeating: 0, count: rowCount), count: rowCount > 0 ? 1 : 0,
                            firstRows: rowCount > 0 ? [0] : [])
        }
        if columns.count == 1 { return try visit(first, DenseVisitor(rowCount: rowCount)) }
        var packed = try visit(first, PartVisitor(rowCount: rowCount))
        for column in columns.dropFirst() {
            var part = try visit(column, PartVisitor(rowCount: rowCount))
            if !fits(packed.cardinality, part.cardinality) { packed = try renumber(packed, rowCount: rowCount) }
            if !fits(packed.cardinality, part.cardinality) { part = try renumber(part, rowCount: rowCount) }
            let radix = part.cardinality
            packed.codes.withUnsafeMutableBufferPointer { accumulated in
                part.codes.withUnsafeBufferPointer { codes in
                    for row in 0..<rowCount { accumulated[row] = accumulated[row] &* radix &+ codes[row] }
                }
            }
            packed.cardinality = packed.cardinality * radix
        }
        return try dense(PackedCodes(codes: packed.codes), cardinality: packed.cardinality, rowCount: rowCount)
    }

    private static func fits(_ left: UInt64, _ right: UInt64) -> Bool {
        let (product, overflow) = left.multipliedReportingOverflow(by: right)
        return !overflow && product < 1 << 62
    }

    private static func renumber(_ part: KeyPart, rowCount: Int) throws -> KeyPart {
        let groups = try dense(PackedCodes(codes: part.codes), cardinality: part.cardinality, rowCount: rowCount)
        return KeyPart(codes: ContiguousArray(groups.ids.lazy.map { UInt64($0) }), cardinality: UInt64(max(groups.count, 1)))
    }

    /// Numbers the distinct codes of `codes` in order of first appearance; null rows form one
    /// group of their own.
    static func dense<Codes: RowCodes>(_ codes: Codes, cardinality: UInt64?, rowCount: Int) throws -> GroupIds {
        var ids = ContiguousArray<Int32>(repeating: 0, count: rowCount)
        var firstRows = RowSelection()
        var nullGroup: Int32 = -1
        if let cardinality, cardinality <= directLimit(rowCount: rowCount) {
            var table = ContiguousArray<Int32>(repeating: -1, count: Int(cardinality))
            try table.withUnsafeMutableBufferPointer { table in
                try ids.withUnsafeMutableBufferPointer { ids in
                    try chunked(rowCount) { rows in
                        for row in rows {
                            var group: Int32
                            if let code = codes.code(row) {
                                group = table[Int(truncatingIfNeeded: code)]
                                if group < 0 {
                                    group = Int32(truncatingIfNeeded: firstRows.count)
                                    table[Int(truncatingIfNeeded: code)] = group
                                    firstRows.append(Int32(truncatingIfNeeded: row))
                                }
                            } else {
                                if nullGroup < 0 {
                                    nullGroup = Int32(truncatingIfNeeded: firstRows.count)
                                    firstRows.append(Int32(truncatingIfNeeded: row))
                                }
                                group = nullGroup
                            }
                            ids[row] = group
                        }
                    }
                }
            }
        } else {
            var map = UInt64HashMap(expected: min(rowCount, 1 << 16))
            try ids.withUnsafeMutableBufferPointer { ids in
                try chunked(rowCount) { rows in
                    for row in rows {
                        let group: Int32
                        if let code = codes.code(row) {
                            group = map.findOrInsert(code, Int32(truncatingIfNeeded: firstRows.count))
                            if group == firstRows.count { firstRows.append(Int32(truncatingIfNeeded: row)) }
                        } else {
                            if nullGroup < 0 {
                                nullGroup = Int32(truncatingIfNeeded: firstRows.count)
                                firstRows.append(Int32(truncatingIfNeeded: row))
                            }
                            group = nullGroup
                        }
                        ids[row] = group
                    }
                }
            }
        }
        return GroupIds(ids: ids, count: firstRows.count, firstRows: firstRows)
    }
}

/// Group ids of one column.
private struct DenseVisitor: RowCodesVisitor {
    let rowCount: Int

    func visit<Codes: RowCodes>(_ codes: Codes, cardinality: UInt64?) throws -> GroupIds {
        try KeyEncoding.dense(codes, cardinality: cardinality, rowCount: rowCount)
    }
}

/// One column of a multi-column key as packed codes; null takes the code `cardinality - 1`.
private struct PartVisitor: RowCodesVisitor {
    let rowCount: Int

    func visit<Codes: RowCodes>(_ codes: Codes, cardinality: UInt64?) throws -> KeyPart {
        guard let cardinality, cardinality < 1 << 61 else {
            let groups = try KeyEncoding.dense(codes, cardinality: nil, rowCount: rowCount)
            return KeyPart(codes: ContiguousArray(groups.ids.lazy.map { UInt64($0) }),
                           cardinality: UInt64(max(groups.count, 1)))
        }
        var result = ContiguousArray<UInt64>(repeating: 0, count: rowCount)
        try result.withUnsafeMutableBufferPointer { result in
            try KeyEncoding.chunked(rowCount) { rows in
                for row in rows { result[row] = codes.code(row) ?? cardinality }
            }
        }
        return KeyPart(codes: result, cardinality: cardinality + 1)
    }
}
