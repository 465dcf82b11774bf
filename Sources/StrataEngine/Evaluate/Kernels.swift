import StrataCore

/// Rows per cancellation check: ~64K rows take well under a millisecond in every kernel.
let kernelChunk = 65_536

/// One operand of a binary kernel: a whole buffer, or one value repeated (a literal), so
/// literals are never broadcast into a buffer.
enum Operand<T> {
    case values(ContiguousArray<T>)
    case scalar(T)
}

/// 0 or 1 without a branch (LLVM keeps `cond ? 1 : 0` around stores as a branch).
@inline(__always)
func bit(_ condition: Bool) -> Int {
    Int(unsafeBitCast(condition, to: UInt8.self))
}

/// 1 when `row` is set in the validity words.
@inline(__always)
func validBit(_ words: UnsafeBufferPointer<UInt64>, _ row: Int) -> Int {
    Int(truncatingIfNeeded: (words[row &>> 6] &>> UInt64(truncatingIfNeeded: row & 63)) & 1)
}

/// Runs `body` over `0..<count` in chunks, checking for Ctrl-C between chunks.
@inline(__always)
func forEachChunk(_ count: Int, _ body: (Range<Int>) -> Void) throws {
    var start = 0
    while start < count {
        try Cancellation.check()
        let end = min(start &+ kernelChunk, count)
        body(start..<end)
        start = end
    }
}

/// `body(left[row], right[row])` for every row; the second result flags rows that failed
/// (overflow, division by zero): returned as `anyFlagged` so the caller can find the first
/// flagged non-null row on a slow path.
@inline(__always)
func binaryMap<A, B, R>(_ left: Operand<A>, _ right: Operand<B>, count: Int,
                        _ body: (A, B) -> (R, Bool)) throws -> (ContiguousArray<R>, anyFlagged: Bool) {
    var flags: UInt8 = 0
    let result = try ContiguousArray<R>(unsafeUninitializedCapacity: count) { out, initialized in
        guard count > 0, let base = out.baseAddress else { return }
        switch (left, right) {
        case (.values(let leftValues), .values(let rightValues)):
            try leftValues.withUnsafeBufferPointer { leftBuffer in
                try rightValues.withUnsafeBufferPointer { rightBuffer in
                    try forEachChunk(count) { range in
                        for row in range {
                            let (value, flag) = body(leftBuffer[row], rightBuffer[row])
                            (base + row).initialize(to: value)
                            flags |= unsafeBitCast(flag, to: UInt8.self)
                        }
                    }
                }
            }
        case (.values(let leftValues), .scalar(let constant)):
            try leftValues.withUnsafeBufferPointer { leftBuffer in
                try forEachChunk(count) { range in
                    for row in range {
                        let (value, flag) = body(leftBuffer[row], constant)
                        (base + row).initialize(to: value)
                        flags |= unsafeBitCast(flag, to: UInt8.self)
                    }
                }
            }
        case (.scalar(let constant), .values(let rightValues)):
            try rightValues.withUnsafeBufferPointer { rightBuffer in
                try forEachChunk(count) { range in
                    for row in range {
                        let (value, flag) = body(constant, rightBuffer[row])
                        (base + row).initialize(to: value)
                        flags |= unsafeBitCast(flag, to: UInt8.self)
                    }
                }
            }
        case (.scalar(let leftConstant), .scalar(let rightConstant)):
            let (value, flag) = body(leftConstant, rightConstant)
            base.initialize(repeating: value, count: count)
            flags = unsafeBitCast(flag, to: UInt8.self)
        }
        initialized = count
    }
    return (result, flags != 0)
}

/// `body(values[row])` for every row.
@inline(__always)
func unaryMap<A, R>(_ values: ContiguousArray<A>, _ body: (A) -> (R, Bool)) throws -> (ContiguousArray<R>, anyFlagged: Bool) {
    let (result, flagged) = try binaryMap(.values(values), Operand<Bool>.scalar(false), count: values.count) { value, _ in
        body(value)
    }
    return (result, flagged)
}

/// The first row in `0..<count` that is non-null in `validity` and satisfies `failed`.
func firstFailingRow(count: Int, validity: Bitmap?, _ failed: (Int) -> Bool) -> Int? {
    for row in 0..<count where validity.map({ $0[row] }) ?? true {
        if failed(row) { return row }
    }
    return nil
}

/// Rows (all, or those of `within`) that are non-null in `validity` and pass `test`, ascending
/// when `within` is. Branchless: every row is written, the cursor advances only on a match.
/// - Complexity: O(rows examined)
@inline(__always)
func selectRows(count: Int, validity: Bitmap?, within: RowSelection?, _ test: (Int) -> Bool) throws -> RowSelection {
    let capacity = within?.count ?? count
    return try RowSelection(unsafeUninitializedCapacity: capacity) { out, initialized in
        var cursor = 0
        if let validity {
            try validity.words.withUnsafeBufferPointer { words in
                if let within {
                    try within.withUnsafeBufferPointer { rows in
                        try forEachChunk(rows.count) { range in
                            for position in range {
                                let row = rows[position]
                                out[cursor] = row
                                cursor &+= bit(test(Int(row))) & validBit(words, Int(row))
                            }
                        }
                    }
                } else {
                    try forEachChunk(count) { range in
                        for row in range {
                            out[cursor] = Int32(truncatingIfNeeded: row)
                            cursor &+= bit(test(row)) & validBit(words, row)
                        }
                    }
                }
            }
        } else if let within {
            try within.withUnsafeBufferPointer { rows in
                try forEachChunk(rows.count) { range in
                    for position in range {
                        let row = rows[position]
                        out[cursor] = row
                        cursor &+= bit(test(Int(row)))
                    }
                }
            }
        } else {
            try forEachChunk(count) { range in
                for row in range {
                    out[cursor] = Int32(truncatingIfNeeded: row)
                    cursor &+= bit(test(row))
                }
            }
        }
        initialized = cursor
    }
}

enum Selection {
    /// All rows `0..<count`.
    static func all(_ count: Int) -> RowSelection {
        RowSelection(unsafeUninitializedCapacity: count) { out, initialized in
            for row in 0..<count { out[row] = Int32(truncatingIfNeeded: row) }
            initialized = count
        }
    }

    /// Rows of `universe` (nil = all of `0..<count`) not in `subset`; both ascending, subset ⊆ universe.
    static func complement(_ subset: RowSelection, in universe: RowSelection?, count: Int) -> RowSelection {
        let total = universe?.count ?? count
        return RowSelection(unsafeUninitializedCapacity: total - subset.count) { out, initialized in
            var written = 0
            subset.withUnsafeBufferPointer { taken in
                var next = 0
                // Branchless: the cursor advances past rows that are in `subset`.
                func visit(_ row: Int32) {
                    let isTaken = next < taken.count && taken[next] == row
                    next &+= bit(isTaken)
                    if !isTaken { out[written] = row; written &+= 1 }
                }
                if let universe {
                    universe.withUnsafeBufferPointer { rows in for row in rows { visit(row) } }
                } else {
                    for row in 0..<count { visit(Int32(truncatingIfNeeded: row)) }
                }
            }
            initialized = written
        }
    }

    /// Union of two disjoint ascending selections, ascending.
    static func merge(_ left: RowSelection, _ right: RowSelection) -> RowSelection {
        if left.isEmpty { return right }
        if right.isEmpty { return left }
        var result = RowSelection()
        result.reserveCapacity(left.count + right.count)
        var leftIndex = 0, rightIndex = 0
        while leftIndex < left.count, rightIndex < right.count {
            if left[leftIndex] < right[rightIndex] {
                result.append(left[leftIndex]); leftIndex += 1
            } else {
                result.append(right[rightIndex]); rightIndex += 1
            }
        }
        result.append(contentsOf: left[leftIndex...])
        result.append(contentsOf: right[rightIndex...])
        return result
    }
}
