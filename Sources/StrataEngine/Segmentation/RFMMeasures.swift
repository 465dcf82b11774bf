import StrataCore

/// Recency, frequency and monetary per customer, computed from order rows in one pass each
/// over `(group id, value)` buffers (no boxing).
struct RFMMeasures {
    /// The first order row of each customer (customers in order of first appearance).
    var firstRows: RowSelection
    var recency: ContiguousArray<Int64>
    var frequency: ContiguousArray<Int64>
    /// Exact scaled sums (integer / decimal amounts) or doubles; see ``monetaryColumn``.
    var monetaryColumn: Column
    /// Monetary as doubles in the user's units, for breaks and means.
    var monetaryValues: ContiguousArray<Double>

    var count: Int { firstRows.count }

    /// - Complexity: O(orders) (plus a second grouping by (customer, date) for `distinct_days`).
    static func compute(_ orders: Table, spec: RFMSpec) throws -> RFMMeasures {
        let rowCount = orders.rowCount
        let groups = try KeyEncoding.groupIds([orders.columns[spec.customer]], rowCount: rowCount)
        let ids = groups.ids, groupCount = groups.count
        let days = try dayNumbers(orders.columns[spec.date])
        let context = try AggregateContext(ids: ids, groupCount: groupCount, rowCount: rowCount)

        var lastDay = ContiguousArray<Int32>(repeating: .min, count: groupCount)
        try lastDay.withUnsafeMutableBufferPointer { lastDay in
            try ids.withUnsafeBufferPointer { ids in
                try days.withUnsafeBufferPointer { days in
                    try KeyEncoding.chunked(rowCount) { rows in
                        for row in rows {
                            let group = Int(ids[row])
                            lastDay[group] = max(lastDay[group], days[row])
                        }
                    }
                }
            }
        }
        let recency = ContiguousArray(lastDay.lazy.map { Int64(spec.asOf) - Int64($0) })

        var frequency = context.groupSizes
        if spec.distinctDays {
            frequency = ContiguousArray(repeating: 0, count: groupCount)
            let dayColumn = Column(type: .date, data: .int32(days))
            let pairs = try KeyEncoding.groupIds([orders.columns[spec.customer], dayColumn], rowCount: rowCount)
            for row in pairs.firstRows { frequency[Int(ids[Int(row)])] += 1 }
        }

        let amount = orders.columns[spec.amount]
        let overflow = Diagnostic("integer overflow in the monetary sum of \(orders.fields[spec.amount].name)",
                                  at: .statement(spec.range))
        var monetary = spec.averageAmount ? try context.average(amount) : try context.sum(amount, overflow: overflow)
        // A customer whose amounts are all null spent nothing.
        monetary = Column(type: monetary.type, data: monetary.data)
        let values: ContiguousArray<Double>
        switch (monetary.type, monetary.data) {
        case (.decimal(let scale), .int64(let units)):
            let divisor = AggregateOutput.power10(scale)
            values = ContiguousArray(units.lazy.map { Double($0) / divisor })
        case (_, .int64(let units)):
            values = ContiguousArray(units.lazy.map { Double($0) })
        case (_, .double(let doubles)):
            values = doubles
        default:
            throw Diagnostic("internal error: monetary of type \(monetary.type)")
        }
        return RFMMeasures(firstRows: groups.firstRows, recency: recency, frequency: frequency,
                           monetaryColumn: monetary, monetaryValues: values)
    }

    /// Day numbers of a date or timestamp column (a timestamp counts by its day).
    private static func dayNumbers(_ column: Column) throws -> ContiguousArray<Int32> {
        switch column.data {
        case .int32(let days) where column.type == .date:
            return days
        case .int64(let micros) where column.type == .timestamp:
            let perDay: Int64 = 86_400_000_000
            return ContiguousArray(micros.lazy.map { value in
                let (quotient, remainder) = value.quotientAndRemainder(dividingBy: perDay)
                return Int32(truncatingIfNeeded: remainder < 0 ? quotient - 1 : quotient)
            })
        default:
            throw Diagnostic("internal error: rfm date column of type \(column.type)")
        }
    }
}
