import StrataCore

/// `year`, `month`, `week` (ISO) and `date_trunc` on dates and timestamps. Calendar math runs
/// once per distinct day in the column's range (a lookup table) when the range is modest, which
/// it is for real data (ten years is ~3,650 entries).
extension Frame {
    func datePart(_ function: ScalarFunction, _ argument: BoundExpr, _ type: DataType, range: Range<Int>) throws -> Column {
        let column = try evaluate(argument, site: range)
        let part: (Int64) -> Int64
        switch function {
        case .year: part = { Int64(CivilDateBridge.civil($0).year) }
        case .month: part = { Int64(CivilDateBridge.civil($0).month) }
        default: part = DateMath.isoWeek
        }
        let values = try mapDays(column, range: range, part)
        return try Cast.column(Column(type: .int64, data: .int64(values), validity: column.validity), to: type, site: range)
    }

    /// `date_trunc("month", d)`: the first day of the unit (weeks start on Monday).
    func dateTrunc(_ arguments: [BoundExpr], _ type: DataType, range: Range<Int>) throws -> Column {
        guard case .literal(.string(let unitName), _) = arguments[0] else {
            throw Diagnostic("date_trunc needs a unit in quotes: \"year\", \"quarter\", \"month\", \"week\" or \"day\"",
                             at: .statement(range))
        }
        guard let unit = DateUnit(rawValue: unitName.lowercased()) else {
            let units = DateUnit.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw Diagnostic("unknown date_trunc unit \"\(unitName)\"; expected one of \(units)", at: .statement(range))
        }
        let column = try evaluate(arguments[1], site: range)
        let truncated = try mapDays(column, range: range) { DateMath.truncate($0, unit: unit) }
        if type == .timestamp {
            let micros = try unaryMap(truncated) { $0.multipliedReportingOverflow(by: DateMath.microsPerDay) }.0
            return Column(type: .timestamp, data: .int64(micros), validity: column.validity)
        }
        let dates = try unaryMap(truncated) { (Int32(clamping: $0), false) }.0
        return try Cast.column(Column(type: .date, data: .int32(dates), validity: column.validity), to: type, site: range)
    }

    /// `function` of the day of each row of a date or timestamp column.
    private func mapDays(_ column: Column, range: Range<Int>, _ function: (Int64) -> Int64) throws -> ContiguousArray<Int64> {
        switch column.data {
        case .int32(let dates): return try DayTable.map(dates, function)
        case .int64(let micros) where column.type == .timestamp:
            return try DayTable.map(try unaryMap(micros) { (DateMath.day(ofMicros: $0), false) }.0, function)
        default: throw Diagnostic("expected a date, found \(column.type)", at: .statement(range))
        }
    }
}

/// Maps day numbers through a function, via a table over their range when it is small.
enum DayTable {
    static let maxSpan: Int64 = 1 << 20

    static func map<Day: FixedWidthInteger>(_ days: ContiguousArray<Day>, _ function: (Int64) -> Int64) throws -> ContiguousArray<Int64> {
        guard let low = days.min().map(Int64.init), let high = days.max().map(Int64.init) else { return [] }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span < maxSpan else {
            return try unaryMap(days) { (function(Int64($0)), false) }.0
        }
        let table = ContiguousArray((0...span).map { function(low + $0) })
        return try table.withUnsafeBufferPointer { lookup in
            try unaryMap(days) { (lookup[Int(Int64($0) &- low)], false) }.0
        }
    }
}
