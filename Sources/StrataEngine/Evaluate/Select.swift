import StrataCore

/// Predicates straight to row selections. `and` narrows (its right side runs only over the rows
/// the left kept), `or` runs its right side only over the rows the left rejected, `not` is
/// pushed down (De Morgan holds in three-valued logic), and `column op literal` comparisons run
/// as branchless typed loops. Anything else is evaluated to a boolean column and filtered.
extension Frame {
    /// Rows (of `within`, or all) where `expr` is true; ascending.
    /// - Complexity: O(rows examined) per node for the specialised shapes.
    func select(_ expr: BoundExpr, within: RowSelection?) throws -> RowSelection {
        if let within, within.isEmpty { return within }
        switch expr {
        case .and(let left, let right):
            return try select(right, within: select(left, within: within))
        case .or(let left, let right):
            let first = try select(left, within: within)
            let rest = Selection.complement(first, in: within, count: rowCount)
            if rest.isEmpty { return first }
            return Selection.merge(first, try select(right, within: rest))
        case .not(let inner):
            return try selectNot(inner, within: within)
        case .comparison(let op, let left, let right):
            return try selectComparison(op, left, right, within: within)
        case .isNull(let operand, let negated):
            return try selectNull(operand, negated: negated, within: within)
        case .inList(let operand, let values, let negated):
            return try selectInList(operand, values, negated: negated, within: within)
        case .inSegment(let operand, let members, let negated):
            return try selectInSegment(operand, members, negated: negated, within: within)
        case .literal(let value, _):
            return value == .bool(true) ? within ?? Selection.all(rowCount) : []
        case .function(let function, let arguments, _, let range)
            where StringPredicate(function) != nil && arguments.count == 2 && arguments[0].type == .string:
            if case .literal(.string(let needle), _) = arguments[1], let predicate = StringPredicate(function) {
                let column = try evaluate(arguments[0], site: range)
                let (codes, dictionary) = column.data.stringCodes
                return try selectByTable(codes, predicate.table(dictionary, needle), validity: column.validity, within: within)
            }
            return try selectByEvaluating(expr, within: within, want: true)
        default:
            return try selectByEvaluating(expr, within: within, want: true)
        }
    }

    /// Rows where `inner` is false (not null).
    private func selectNot(_ inner: BoundExpr, within: RowSelection?) throws -> RowSelection {
        switch inner {
        case .not(let operand):
            return try select(operand, within: within)
        case .and(let left, let right):
            return try select(.or(.not(left), .not(right)), within: within)
        case .or(let left, let right):
            return try select(.and(.not(left), .not(right)), within: within)
        // Doubles are not a total order (NaN), so `not (a < b)` is not `a >= b` there.
        case .comparison(let op, let left, let right) where left.type != .double && right.type != .double:
            return try select(.comparison(op.negated, left, right), within: within)
        case .isNull(let operand, let negated):
            return try select(.isNull(operand, negated: !negated), within: within)
        case .inList(let operand, let values, let negated):
            return try select(.inList(operand, values, negated: !negated), within: within)
        case .inSegment(let operand, let members, let negated):
            return try select(.inSegment(operand, members, negated: !negated), within: within)
        case .literal(let value, _):
            return value == .bool(false) ? within ?? Selection.all(rowCount) : []
        default:
            return try selectByEvaluating(inner, within: within, want: false)
        }
    }

    /// The general path: evaluate to booleans (on the `within` rows only when they are few).
    func selectByEvaluating(_ expr: BoundExpr, within: RowSelection?, want: Bool) throws -> RowSelection {
        if let within, within.count < rowCount / 2 {
            let column = try restricted(to: within, for: expr).evaluate(expr, site: nil)
            let values = column.data.boolValues
            guard values.count == within.count else { throw Diagnostic("internal error: predicate is not boolean") }
            let positions = try values.withUnsafeBufferPointer { flags in
                try selectRows(count: within.count, validity: column.validity, within: nil) { flags[$0] == want }
            }
            return RowSelection(positions.lazy.map { within[Int($0)] })
        }
        let column = try evaluate(expr, site: nil)
        let values = column.data.boolValues
        guard values.count == rowCount else { throw Diagnostic("internal error: predicate is not boolean") }
        return try values.withUnsafeBufferPointer { flags in
            try selectRows(count: rowCount, validity: column.validity, within: within) { flags[$0] == want }
        }
    }

    private func selectNull(_ operand: BoundExpr, negated: Bool, within: RowSelection?) throws -> RowSelection {
        let validity: Bitmap?
        if case .literal(let value, _) = operand {
            validity = value.isNull ? Bitmap(count: rowCount, value: false) : nil
        } else {
            validity = try evaluate(operand, site: nil).validity
        }
        guard let validity else { return negated ? within ?? Selection.all(rowCount) : [] }
        let wanted = negated ? 1 : 0
        return try validity.words.withUnsafeBufferPointer { words in
            try selectRows(count: rowCount, validity: nil, within: within) { validBit(words, $0) == wanted }
        }
    }

    private func selectInList(_ operand: BoundExpr, _ values: [Value], negated: Bool,
                              within: RowSelection?) throws -> RowSelection {
        let column = try evaluate(operand, site: nil)
        // `x not in [.., null]` is never true: a non-match compares unknown with the null.
        if negated, values.contains(where: \.isNull) { return [] }
        if column.type == .string {
            let (codes, dictionary) = column.data.stringCodes
            let wanted = Set(try values.filter { !$0.isNull }.map { ExactText(try Literal.string($0, site: nil)) })
            let table = ContiguousArray((0..<max(dictionary.count, 1)).map { code in
                (code < dictionary.count && wanted.contains(ExactText(dictionary.values[code]))) != negated
            })
            return try selectByTable(codes, table, validity: column.validity, within: within)
        }
        let (members, _) = try membership(of: column, in: values, site: nil)
        return try members.withUnsafeBufferPointer { flags in
            try selectRows(count: rowCount, validity: column.validity, within: within) { flags[$0] != negated }
        }
    }
}

