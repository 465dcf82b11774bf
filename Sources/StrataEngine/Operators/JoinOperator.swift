import StrataCore
import StrataLang

/// `join T on KEY, …` and `left join`.
public enum JoinOperator {
    /// Equi-join of `left` and `right` on `leftKeys[i] == rightKeys[i]`.
    ///
    /// Output: all left columns, then the right columns that are not keys, in order (see
    /// ``outputFields(left:right:rightKeys:)`` for naming). Left row order is kept; the
    /// matches of one left row follow the right table's order. Null keys never match; a `left`
    /// join keeps unmatched left rows with nulls on the right.
    ///
    /// The right side is indexed: key codes (``JoinKeys``) point into a direct array when
    /// the right keys span a narrow range (ids), else into an open-addressing hash table;
    /// rows with equal keys are chained. The left side probes in order, producing two row
    /// selections that are gathered (left columns are reused as they are when every left row
    /// matches exactly once).
    /// - Throws: `Diagnostic` when key types cannot be compared, or when keys repeated on both
    ///   sides would make more rows than memory holds (``MemoryBudget``); ``Cancelled`` on Ctrl-C.
    /// - Complexity: O(left + right + output rows × columns).
    /// `keeping` lists the output columns to build, in that order (nil: all of them): a caller
    /// that reads only some columns of the join spares gathering the others.
    public static func run(_ left: Table, _ right: Table, leftKeys: [Int], rightKeys: [Int], kind: JoinKind,
                           keeping wanted: [Int]? = nil) throws -> Table {
        guard leftKeys.count == rightKeys.count, !leftKeys.isEmpty,
              leftKeys.allSatisfy(left.columns.indices.contains), rightKeys.allSatisfy(right.columns.indices.contains)
        else { throw Diagnostic("internal error: join keys do not match the inputs") }
        let leftCount = left.rowCount, rightCount = right.rowCount
        let match = JoinMatchVisitor(leftCount: leftCount, rightCount: rightCount, keepUnmatched: kind == .left,
                                     bytesPerRow: bytesPerRow(left, right, rightKeys: rightKeys))
        let pairs: (left: RowSelection, right: RowSelection)
        if leftKeys.count == 1 {
            pairs = try JoinKeys.visit(left.columns[leftKeys[0]], right.columns[rightKeys[0]], match)
        } else {
            let dense = JoinDenseVisitor(leftCount: leftCount, rightCount: rightCount)
            var packed = try JoinKeys.visit(left.columns[leftKeys[0]], right.columns[rightKeys[0]], dense)
            for (leftKey, rightKey) in zip(leftKeys, rightKeys).dropFirst() {
                let part = try JoinKeys.visit(left.columns[leftKey], right.columns[rightKey], dense)
                let (product, overflow) = packed.cardinality.multipliedReportingOverflow(by: part.cardinality)
                if overflow || product >= 1 << 62 {
                    packed = try dense.visit(left: JoinPackedCodes(codes: packed.left),
                                             right: JoinPackedCodes(codes: packed.right), cardinality: nil)
                }
                combine(&packed.left, part.left, radix: part.cardinality)
                combine(&packed.right, part.right, radix: part.cardinality)
                packed.cardinality *= part.cardinality
            }
            pairs = try match.visit(left: JoinPackedCodes(codes: packed.left), right: JoinPackedCodes(codes: packed.right),
                                    cardinality: packed.cardinality)
        }

        let leftAsIs = pairs.left.count == leftCount && pairs.left.elementsEqual(0..<Int32(truncatingIfNeeded: leftCount))
        let rightKeySet = Set(rightKeys)
        let rightColumns = right.columns.indices.filter { !rightKeySet.contains($0) }
        let fields = outputFields(left: left.fields, right: right.fields, rightKeys: rightKeys)
        let outputs = wanted ?? Array(fields.indices)
        var columns: [Column] = []
        for output in outputs {
            if output < left.columnCount {
                columns.append(leftAsIs ? left.columns[output] : left.columns[output].gather(pairs.left))
            } else {
                columns.append(right.columns[rightColumns[output - left.columnCount]].gather(pairs.right))
            }
        }
        return Table(fields: outputs.map { fields[$0] }, columns: columns)
    }

    /// The join's output schema: the left fields, then the right non-key fields. A right
    /// field whose name equals a left field's name is renamed `NAME_right` (once; the binder
    /// sees the same names through ``LogicalPlan/schema``).
    public static func outputFields(left: [Field], right: [Field], rightKeys: [Int]) -> [Field] {
        let leftNames = Set(left.map(\.name))
        let rightKeySet = Set(rightKeys)
        return left + right.enumerated().filter { !rightKeySet.contains($0.offset) }.map { entry in
            var field = entry.element
            if leftNames.contains(field.name) { field.name += "_right" }
            return field
        }
    }

    /// Bytes per output row: two row selections plus every output column.
    static func bytesPerRow(_ left: Table, _ right: Table, rightKeys: [Int]) -> Int {
        let rightKeySet = Set(rightKeys)
        var bytesPerRow = 2 * MemoryLayout<Int32>.stride
        for column in left.columns { bytesPerRow += column.data.elementSize }
        for (index, column) in right.columns.enumerated() where !rightKeySet.contains(index) {
            bytesPerRow += column.data.elementSize
        }
        return bytesPerRow
    }

    /// `codes = codes × radix + part`, keeping "cannot match" when either side cannot.
    private static func combine(_ codes: inout ContiguousArray<UInt64>, _ part: ContiguousArray<UInt64>, radix: UInt64) {
        for row in codes.indices {
            let code = codes[row], extra = part[row]
            codes[row] = code == .max || extra == .max ? .max : code &* radix &+ extra
        }
    }
}

/// Builds the right side's index and probes it with the left rows in order.
struct JoinMatchVisitor: JoinCodesVisitor {
    let leftCount: Int
    let rightCount: Int
    let keepUnmatched: Bool
    /// Bytes one output row takes (row selections and gathered columns), to refuse a join
    /// whose output cannot fit in memory before building any of it.
    let bytesPerRow: Int

    func visit<Left: RowCodes, Right: RowCodes>(left: Left, right: Right, cardinality: UInt64?) throws
        -> (left: RowSelection, right: RowSelection) {
        // next[row]: the following right row with the same key (-1 at the end). Inserting the
        // right rows backwards leaves each chain in right-table order.
        var next = RowSelection(repeating: -1, count: rightCount)
        var repeated = false
        if let cardinality, cardinality <= KeyEncoding.directLimit(rowCount: rightCount) {
            var heads = RowSelection(repeating: -1, count: Int(cardinality))
            for row in stride(from: rightCount - 1, through: 0, by: -1) {
                guard let code = right.code(row) else { continue }
                next[row] = heads[Int(code)]
                repeated = repeated || next[row] >= 0
                heads[Int(code)] = Int32(truncatingIfNeeded: row)
            }
            return try heads.withUnsafeBufferPointer { heads in
                try match(left, next, repeated: repeated) { code in
                    code < cardinality ? heads[Int(truncatingIfNeeded: code)] : -1
                }
            }
        } else {
            var heads = UInt64HashMap(expected: rightCount)
            for row in stride(from: rightCount - 1, through: 0, by: -1) {
                guard let code = right.code(row) else { continue }
                next[row] = heads.find(code)
                repeated = repeated || next[row] >= 0
                heads.set(code, Int32(truncatingIfNeeded: row))
            }
            return try match(left, next, repeated: repeated) { heads.find($0) }
        }
    }

    /// Probes every left row; when right keys repeat, first counts the output (a join of
    /// repeated keys on both sides can be quadratic) and refuses one that cannot fit.
    private func match<Left: RowCodes>(_ left: Left, _ next: RowSelection, repeated: Bool,
                                       head: (UInt64) -> Int32) throws -> (left: RowSelection, right: RowSelection) {
        var outputCount = leftCount
        if repeated {
            outputCount = try count(left, next, head: head)
            let bytes = outputCount.multipliedReportingOverflow(by: bytesPerRow)
            let budget = MemoryBudget.available()
            if outputCount > Int(Int32.max) || bytes.overflow || bytes.partialValue > budget {
                throw Diagnostic("join would make \(NumberText.integer(Int64(outputCount), grouped: true)) rows, "
                    + "about \(MemoryBudget.format(bytes.overflow ? .max : bytes.partialValue)); "
                    + "\(MemoryBudget.format(budget)) of memory is available. Keys repeat on both sides, so every "
                    + "pair of rows with one key becomes a row: check the keys with `duplicates KEY`, or group one side first")
            }
        }
        var leftRows = RowSelection(), rightRows = RowSelection()
        leftRows.reserveCapacity(outputCount)
        rightRows.reserveCapacity(outputCount)
        try next.withUnsafeBufferPointer { next in
            try KeyEncoding.chunked(leftCount) { rows in
                for row in rows {
                    var match: Int32 = -1
                    if let code = left.code(row) { match = head(code) }
                    if match < 0 {
                        if keepUnmatched {
                            leftRows.append(Int32(truncatingIfNeeded: row))
                            rightRows.append(-1)
                        }
                        continue
                    }
                    while match >= 0 {
                        leftRows.append(Int32(truncatingIfNeeded: row))
                        rightRows.append(match)
                        match = next[Int(match)]
                    }
                }
            }
        }
        return (leftRows, rightRows)
    }

    /// The number of output rows, from each right chain's length (saturating, never trapping).
    private func count<Left: RowCodes>(_ left: Left, _ next: RowSelection, head: (UInt64) -> Int32) throws -> Int {
        // Chains run toward higher rows, so a backward pass sees each row's successor first.
        var lengths = ContiguousArray<Int32>(repeating: 1, count: rightCount)
        for row in stride(from: rightCount - 1, through: 0, by: -1) where next[row] >= 0 {
            lengths[row] = lengths[Int(next[row])] &+ 1
        }
        var total = 0
        try KeyEncoding.chunked(leftCount) { rows in
            for row in rows {
                var match: Int32 = -1
                if let code = left.code(row) { match = head(code) }
                let add = match >= 0 ? Int(lengths[Int(match)]) : (keepUnmatched ? 1 : 0)
                total = total.addingReportingOverflow(add).overflow ? .max : total + add
            }
        }
        return total
    }
}
