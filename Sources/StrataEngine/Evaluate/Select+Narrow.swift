import StrataCore

/// `column op literal` over narrow storage (an `int64` or `decimal` column kept as `Int32`,
/// see ``Column/narrowed()``): the branchless loop runs on the 32-bit values, never on a widened
/// copy of the column.
extension Frame {
    /// The selected rows, or nil when `left` is not a narrow column or `right` not a literal.
    /// A literal outside the `Int32` range is decided once: every stored value lies below
    /// `Int32.max` and above `Int32.min`.
    /// - Complexity: O(rows examined)
    func selectNarrow(_ op: ComparisonOperator, _ left: BoundExpr, _ right: BoundExpr,
                      within: RowSelection?) throws -> RowSelection? {
        guard case .column(let index, let type) = left, case .literal(let value, _) = right,
              columns.indices.contains(index) else { return nil }
        let column = try self.column(index, type)
        guard column.isNarrow, case .int32(let values) = column.data else { return nil }
        if value.isNull { return [] }
        let constant = try Literal.int64(value, as: type, site: nil)
        if let narrow = Int32(exactly: constant) {
            return try selectAgainstConstant(op, values, narrow, validity: column.validity, within: within)
        }
        let aboveEvery = constant > 0
        let holds: Bool
        switch op {
        case .equal: holds = false
        case .notEqual: holds = true
        case .less, .lessOrEqual: holds = aboveEvery
        case .greater, .greaterOrEqual: holds = !aboveEvery
        }
        guard holds else { return [] }
        return try selectRows(count: values.count, validity: column.validity, within: within) { _ in true }
    }
}
