import StrataCore

/// Matching the rows of two results by a key column (the first column of a `whatif …
/// compare` pipeline that does not keep source rows), without boxing a value per row.
enum WhatIfKeys {
    /// Refuses a key column with nulls or repeated values: its rows could not be matched.
    /// - Complexity: O(rows) with an open-addressing hash table.
    static func checkKey(_ column: Column, name: String, setting: String, range: Range<Int>) throws {
        let hint = "; compare matches rows by the result's first column, which must be a key "
            + "(no nulls, no repeats, such as customer_id)"
        let nulls = column.nullCount
        if nulls > 0 {
            throw Diagnostic("rows cannot be matched: \(name) is null in \(NumberText.integer(Int64(nulls), grouped: true)) "
                + (nulls == 1 ? "row" : "rows") + " at \(setting)\(hint)", at: .statement(range))
        }
        let repeated: Int?
        do {
            repeated = try JoinKeys.visit(column, column, FirstRepeatVisitor(count: column.count))
        } catch let diagnostic as Diagnostic {
            throw Diagnostic("rows cannot be matched by \(name): \(diagnostic.message)", at: .statement(range))
        }
        if let repeated {
            throw Diagnostic("rows cannot be matched: \(name) \(column.value(at: repeated).description) appears more than once "
                + "at \(setting)\(hint)", at: .statement(range))
        }
    }

    /// For each row of `left`, whether `right` has its key, and the reverse. Both columns
    /// are keys (``checkKey``).
    /// - Complexity: O(left + right rows).
    static func match(_ left: Column, _ right: Column) throws -> (ContiguousArray<Bool>, ContiguousArray<Bool>) {
        try JoinKeys.visit(left, right, MatchVisitor(leftCount: left.count, rightCount: right.count))
    }
}

/// The first row whose key an earlier row already has, or nil.
private struct FirstRepeatVisitor: JoinCodesVisitor {
    let count: Int

    func visit<Left: RowCodes, Right: RowCodes>(left: Left, right: Right, cardinality: UInt64?) throws -> Int? {
        var map = UInt64HashMap(expected: min(count, 1 << 20))
        var repeated: Int?
        try KeyEncoding.chunked(count) { rows in
            guard repeated == nil else { return }
            for row in rows {
                guard let code = right.code(row) else { continue }
                if map.findOrInsert(code, Int32(truncatingIfNeeded: row)) != Int32(truncatingIfNeeded: row) {
                    repeated = row
                    return
                }
            }
        }
        return repeated
    }
}

/// Right keys in a hash table; each left row looks its key up and marks the right row found.
private struct MatchVisitor: JoinCodesVisitor {
    let leftCount: Int
    let rightCount: Int

    func visit<Left: RowCodes, Right: RowCodes>(left: Left, right: Right, cardinality: UInt64?) throws
        -> (ContiguousArray<Bool>, ContiguousArray<Bool>) {
        var map = UInt64HashMap(expected: min(rightCount, 1 << 20))
        try KeyEncoding.chunked(rightCount) { rows in
            for row in rows {
                if let code = right.code(row) { map.set(code, Int32(truncatingIfNeeded: row)) }
            }
        }
        var leftFound = ContiguousArray<Bool>(repeating: false, count: leftCount)
        var rightFound = ContiguousArray<Bool>(repeating: false, count: rightCount)
        try KeyEncoding.chunked(leftCount) { rows in
            for row in rows {
                guard let code = left.code(row) else { continue }
                let found = map.find(code)
                if found >= 0 {
                    leftFound[row] = true
                    rightFound[Int(found)] = true
                }
            }
        }
        return (leftFound, rightFound)
    }
}
