import StrataCore

/// `abc COLUMN (a 0.8, b 0.95)`: ABC classes by cumulative share (Pareto).
public enum ABCOperator {
    /// The rows of `input` sorted by the value column, largest first (ties keep input order),
    /// with `cum_share` (the running total including the row, over the total) and `abc`:
    /// a row is A while the share of the rows before it is below `a` — so the customers
    /// making the first 80% of revenue are A, including the one that crosses 80% — B while it
    /// is below `b`, else C. Null, zero and negative values add nothing and are C; nulls sort last.
    /// - Complexity: O(n) radix sort plus one pass.
    public static func run(_ input: Table, spec: ABCSpec, context: ExecutionContext) throws -> Table {
        let column = input.columns[spec.column]
        let order = try SortOperator.order(input, keys: [SortSpec(column: spec.column, descending: true)], limit: nil)
        let values = doubles(column)
        var negatives = 0, total = 0.0
        for (row, value) in values.enumerated() where !column.isNull(row) {
            if value < 0 { negatives += 1 } else { total += value }
        }
        if negatives > 0 {
            context.warn("abc \(input.fields[spec.column].name): \(NumberText.integer(Int64(negatives), grouped: true)) negative values count as 0 in the shares")
        }
        var shares = ContiguousArray<Double>(repeating: 0, count: order.count)
        var classes = ContiguousArray<UInt32>(repeating: 0, count: order.count)
        var running = 0.0
        for (position, row) in order.enumerated() {
            let value = column.isNull(Int(row)) ? 0 : max(values[Int(row)], 0)
            let before = total > 0 ? running / total : 1
            running += value
            shares[position] = total > 0 ? running / total : 0
            // Rows adding nothing (zero, null, negative) are the last class.
            var label = spec.limits.count
            if value > 0, let index = spec.limits.firstIndex(where: { before < $0 }) { label = index }
            classes[position] = UInt32(label)
        }
        let dictionary = StringDictionary(spec.labels)
        let sorted = input.gather(order)
        return Table(fields: ABCSpec.outputFields(input: input.fields),
                     columns: sorted.columns + [Column(type: .double, data: .double(shares)),
                                                Column(type: .string, data: .string(codes: classes, dictionary: dictionary))])
    }

    /// The column's values as doubles in the user's units.
    private static func doubles(_ column: Column) -> ContiguousArray<Double> {
        switch (column.type, column.data) {
        case (.decimal(let scale), .int64(let units)):
            let divisor = AggregateOutput.power10(scale)
            return ContiguousArray(units.lazy.map { Double($0) / divisor })
        case (.decimal(let scale), .int32(let units)):  // narrow storage
            let divisor = AggregateOutput.power10(scale)
            return ContiguousArray(units.lazy.map { Double($0) / divisor })
        case (_, .int64(let values)): return ContiguousArray(values.lazy.map { Double($0) })
        case (_, .int32(let values)): return ContiguousArray(values.lazy.map { Double($0) })
        case (_, .double(let values)): return values
        default: return ContiguousArray(repeating: 0, count: column.count)
        }
    }
}
