import StrataCore

/// Comparisons straight to selections: `column op literal` is one branchless loop over the
/// stored integers (decimals and timestamps as Int64, dates as Int32), doubles, or string codes.
extension Frame {
    func selectComparison(_ op: ComparisonOperator, _ left: BoundExpr, _ right: BoundExpr,
                          within: RowSelection?) throws -> RowSelection {
        var (left, right) = try ComparisonTypes.unify(left, right, site: nil)
        var op = op
        // Literal on the right: `100 < amount` runs as `amount > 100`.
        if case .literal = left, !isLiteral(right) {
            swap(&left, &right)
            op = op.flipped
        }
        switch left.type {
        case .int64, .decimal, .timestamp:
            if let rows = try selectNarrow(op, left, right, within: within) { return rows }
            guard let (leftOperand, leftValidity) = try int64Operand(left, as: left.type, site: nil),
                  let (rightOperand, rightValidity) = try int64Operand(right, as: left.type, site: nil)
            else { return [] }
            return try selectCompare(op, leftOperand, rightOperand, validity: Validity.and(leftValidity, rightValidity), within: within, rowCount: rowCount)
        case .date:
            guard let (leftOperand, leftValidity) = try int32Operand(left, site: nil),
                  let (rightOperand, rightValidity) = try int32Operand(right, site: nil)
            else { return [] }
            return try selectCompare(op, leftOperand, rightOperand, validity: Validity.and(leftValidity, rightValidity), within: within, rowCount: rowCount)
        case .double:
            guard let (leftOperand, leftValidity) = try doubleOperand(left, site: nil),
                  let (rightOperand, rightValidity) = try doubleOperand(right, site: nil)
            else { return [] }
            return try selectCompare(op, leftOperand, rightOperand, validity: Validity.and(leftValidity, rightValidity), within: within, rowCount: rowCount)
        case .bool:
            guard let (leftOperand, leftValidity) = try boolRankOperand(left, site: nil),
                  let (rightOperand, rightValidity) = try boolRankOperand(right, site: nil)
            else { return [] }
            return try selectCompare(op, leftOperand, rightOperand, validity: Validity.and(leftValidity, rightValidity), within: within, rowCount: rowCount)
        case .string:
            if case .literal(let value, _) = right {
                guard case .string(let text) = value else { return [] }
                return try selectString(op, left, text, within: within)
            }
            guard let (leftSide, rightSide) = try stringRankOperands(left, right, site: nil) else { return [] }
            return try selectCompare(op, leftSide.0, rightSide.0, validity: Validity.and(leftSide.1, rightSide.1), within: within, rowCount: rowCount)
        }
    }

    /// `strings op "text"`: equality compares codes (the text's code is looked up once; absent
    /// means no row is equal); orderings are decided once per dictionary entry.
    private func selectString(_ op: ComparisonOperator, _ strings: BoundExpr, _ text: String,
                              within: RowSelection?) throws -> RowSelection {
        let column = try evaluate(strings, site: nil)
        let (codes, dictionary) = column.data.stringCodes
        switch op {
        case .equal, .notEqual:
            guard let code = dictionary.existingCode(for: text) else {
                return op == .equal ? [] : try selectRows(count: rowCount, validity: column.validity, within: within) { _ in true }
            }
            return try selectCodes(op, codes, code, validity: column.validity, within: within)
        default:
            let table = ContiguousArray((0..<max(dictionary.count, 1)).map { code in
                code < dictionary.count && op.holds(StringOrder.compare(dictionary.values[code], text))
            })
            return try selectByTable(codes, table, validity: column.validity, within: within)
        }
    }

    private func isLiteral(_ expr: BoundExpr) -> Bool {
        if case .literal = expr { return true }
        return false
    }
}

/// Rows where `left op right` holds and both sides are non-null.
@inline(__always)
func selectCompare<T: Comparable>(_ op: ComparisonOperator, _ left: Operand<T>, _ right: Operand<T>,
                                  validity: Bitmap?, within: RowSelection?, rowCount: Int) throws -> RowSelection {
    switch (left, right) {
    case (.values(let values), .scalar(let constant)):
        return try selectAgainstConstant(op, values, constant, validity: validity, within: within)
    case (.scalar(let constant), .values(let values)):
        return try selectAgainstConstant(op.flipped, values, constant, validity: validity, within: within)
    case (.values(let leftValues), .values(let rightValues)):
        return try leftValues.withUnsafeBufferPointer { l in
            try rightValues.withUnsafeBufferPointer { r in
                let count = l.count
                switch op {
                case .equal: return try selectRows(count: count, validity: validity, within: within) { l[$0] == r[$0] }
                case .notEqual: return try selectRows(count: count, validity: validity, within: within) { l[$0] != r[$0] }
                case .less: return try selectRows(count: count, validity: validity, within: within) { l[$0] < r[$0] }
                case .lessOrEqual: return try selectRows(count: count, validity: validity, within: within) { l[$0] <= r[$0] }
                case .greater: return try selectRows(count: count, validity: validity, within: within) { l[$0] > r[$0] }
                case .greaterOrEqual: return try selectRows(count: count, validity: validity, within: within) { l[$0] >= r[$0] }
                }
            }
        }
    case (.scalar(let leftConstant), .scalar(let rightConstant)):
        // Only reached for constant-vs-constant predicates that folding left alone.
        let holds = op.holds(leftConstant < rightConstant ? -1 : (leftConstant == rightConstant ? 0 : 1))
        return holds ? within ?? Selection.all(rowCount) : []
    }
}

/// The hot loop of `column op literal`.
@inline(__always)
func selectAgainstConstant<T: Comparable>(_ op: ComparisonOperator, _ values: ContiguousArray<T>, _ constant: T,
                                          validity: Bitmap?, within: RowSelection?) throws -> RowSelection {
    try values.withUnsafeBufferPointer { v in
        let count = v.count
        switch op {
        case .equal: return try selectRows(count: count, validity: validity, within: within) { v[$0] == constant }
        case .notEqual: return try selectRows(count: count, validity: validity, within: within) { v[$0] != constant }
        case .less: return try selectRows(count: count, validity: validity, within: within) { v[$0] < constant }
        case .lessOrEqual: return try selectRows(count: count, validity: validity, within: within) { v[$0] <= constant }
        case .greater: return try selectRows(count: count, validity: validity, within: within) { v[$0] > constant }
        case .greaterOrEqual: return try selectRows(count: count, validity: validity, within: within) { v[$0] >= constant }
        }
    }
}

extension ComparisonOperator {
    /// Whether the operator accepts an ordering result (-1, 0, 1).
    func holds(_ ordering: Int) -> Bool {
        switch self {
        case .equal: ordering == 0
        case .notEqual: ordering != 0
        case .less: ordering < 0
        case .lessOrEqual: ordering <= 0
        case .greater: ordering > 0
        case .greaterOrEqual: ordering >= 0
        }
    }
}

/// String order: Unicode scalar values, compared through UTF-8 bytes (same order, no decoding).
enum StringOrder {
    static func compare(_ left: String, _ right: String) -> Int {
        if left == right { return 0 }
        return left.utf8.lexicographicallyPrecedes(right.utf8) ? -1 : 1
    }
}
