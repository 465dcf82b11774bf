import StrataCore

/// `cast(x, type)`: integer → decimal(s) → double, decimal scale changes (narrowing rounds half
/// away from zero), double → integer/decimal (rounded), date ↔ timestamp.
enum Cast {
    /// - Complexity: O(rows)
    static func column(_ column: Column, to target: DataType, site: Range<Int>?) throws -> Column {
        let source = column.type
        if source == target { return column }
        let data: ColumnData
        // Set when some row failed; `failed(row)` re-checks one row on the slow path.
        var flagged = false
        var failed: (Int) -> Bool = { _ in false }
        switch (source, target) {
        case (.int64, .decimal), (.decimal, .decimal), (.decimal, .int64):
            let from = source.decimalScale, to = target.decimalScale
            let values = column.data.int64Values
            if to >= from {
                let factor = DecimalMath.pow10[min(to - from, 18)]
                let (result, anyFlagged) = try unaryMap(values) { $0.multipliedReportingOverflow(by: factor) }
                data = .int64(result)
                flagged = anyFlagged || to - from > 18
                failed = { DecimalMath.rescale(values[$0], from: from, to: to) == nil }
            } else {
                let divisor = DecimalMath.pow10[min(from - to, 18)]
                data = .int64(try unaryMap(values) { (DecimalMath.divideRounded($0, by: divisor), false) }.0)
            }
        case (.int64, .double):
            data = .double(try unaryMap(column.data.int64Values) { (Double($0), false) }.0)
        case (.decimal(let scale), .double):
            let divisor = Double(DecimalMath.pow10[min(scale, 18)])
            data = .double(try unaryMap(column.data.int64Values) { (Double($0) / divisor, false) }.0)
        case (.double, .int64), (.double, .decimal):
            let factor = Double(DecimalMath.pow10[min(target.decimalScale, 18)])
            let values = column.data.doubleValues
            let (result, anyFlagged) = try unaryMap(values) { value -> (Int64, Bool) in
                let scaled = (value * factor).rounded(.toNearestOrAwayFromZero)
                let fits = scaled >= -9.223372036854775808e18 && scaled < 9.223372036854775808e18
                return (fits ? Int64(scaled) : 0, !fits)
            }
            data = .int64(result)
            flagged = anyFlagged
            failed = { DecimalMath.exactInt64((values[$0] * factor).rounded(.toNearestOrAwayFromZero)) == nil }
        case (.date, .timestamp):
            let values = column.data.int32Values
            let (result, anyFlagged) = try unaryMap(values) { Int64($0).multipliedReportingOverflow(by: DateMath.microsPerDay) }
            data = .int64(result)
            flagged = anyFlagged
            failed = { Int64(values[$0]).multipliedReportingOverflow(by: DateMath.microsPerDay).overflow }
        case (.timestamp, .date):
            let values = column.data.int64Values
            let (result, anyFlagged) = try unaryMap(values) { micros -> (Int32, Bool) in
                let day = DateMath.day(ofMicros: micros)
                return (Int32(truncatingIfNeeded: day), Int64(Int32(truncatingIfNeeded: day)) != day)
            }
            data = .int32(result)
            flagged = anyFlagged
            failed = { Int32(exactly: DateMath.day(ofMicros: values[$0])) == nil }
        default:
            throw Diagnostic("cannot convert \(source) to \(target)", at: site.map { .statement($0) })
        }
        if flagged, firstFailingRow(count: column.count, validity: column.validity, failed) != nil {
            throw Diagnostic("integer overflow in conversion of \(source) to \(target)", at: site.map { .statement($0) })
        }
        return Column(type: target, data: data, validity: column.validity)
    }
}

extension DataType {
    /// The scale of a decimal; 0 for integers.
    var decimalScale: Int {
        if case .decimal(let scale) = self { return scale }
        return 0
    }
}
