import StrataCore

/// Date and timestamp arithmetic: `date ± integer` (days) → date, `date - date` → whole days,
/// `timestamp ± integer` (days) → timestamp, `timestamp - timestamp` → fractional days (double;
/// an integer result type gives whole days, rounded down). A date meeting a timestamp is
/// converted to a timestamp at midnight first.
extension Frame {
    func dateArithmetic(_ op: ArithmeticOperator, _ left: BoundExpr, _ right: BoundExpr, _ type: DataType,
                        range: Range<Int>) throws -> Column {
        let leftType = left.type, rightType = right.type
        let unsupported = Diagnostic("cannot compute \(leftType) \(op.rawValue) \(rightType)", at: .statement(range))
        // Differences of two points in time.
        if leftType.isTemporal, rightType.isTemporal {
            guard op == .subtract else { throw unsupported }
            let instant: DataType = leftType == .timestamp || rightType == .timestamp ? .timestamp : .date
            let difference: Column
            if instant == .date {
                guard let (leftOperand, leftValidity) = try int32Operand(left, site: range),
                      let (rightOperand, rightValidity) = try int32Operand(right, site: range)
                else { return Literal.nullColumn(type, count: rowCount) }
                let values = try binaryMap(leftOperand, rightOperand, count: rowCount) { (Int64($0) - Int64($1), false) }.0
                difference = Column(type: .int64, data: .int64(values), validity: Validity.and(leftValidity, rightValidity))
            } else {
                guard let (leftOperand, leftValidity) = try int64Operand(left, as: .timestamp, site: range),
                      let (rightOperand, rightValidity) = try int64Operand(right, as: .timestamp, site: range)
                else { return Literal.nullColumn(type, count: rowCount) }
                let validity = Validity.and(leftValidity, rightValidity)
                let (micros, flagged) = try binaryMap(leftOperand, rightOperand, count: rowCount) {
                    $0.subtractingReportingOverflow($1)
                }
                if flagged, firstFailingRow(count: rowCount, validity: validity, {
                    leftOperand[$0].subtractingReportingOverflow(rightOperand[$0]).overflow
                }) != nil {
                    throw Diagnostic("integer overflow in subtraction", at: .statement(range))
                }
                if type == .int64 {
                    let days = try unaryMap(micros) { (DateMath.day(ofMicros: $0), false) }.0
                    return Column(type: .int64, data: .int64(days), validity: validity)
                }
                let perDay = Double(DateMath.microsPerDay)
                let days = try unaryMap(micros) { (Double($0) / perDay, false) }.0
                difference = Column(type: .double, data: .double(days), validity: validity)
            }
            return try Cast.column(difference, to: type, site: range)
        }
        // A point in time moved by a number of days.
        let (instant, days) = leftType.isTemporal ? (left, right) : (right, left)
        guard op == .add || (op == .subtract && leftType.isTemporal), days.type == .int64 else { throw unsupported }
        let sign: Int64 = op == .subtract ? -1 : 1
        guard let (dayOperand, dayValidity) = try int64Operand(days, as: .int64, site: range) else {
            return Literal.nullColumn(type, count: rowCount)
        }
        if instant.type == .date && type == .date {
            guard let (dateOperand, dateValidity) = try int32Operand(instant, site: range) else {
                return Literal.nullColumn(type, count: rowCount)
            }
            let validity = Validity.and(dateValidity, dayValidity)
            let shift: (Int32, Int64) -> (Int32, Bool) = { date, offset in
                let (moved, overflow) = Int64(date).addingReportingOverflow(offset &* sign)
                return (Int32(truncatingIfNeeded: moved), overflow || Int64(Int32(truncatingIfNeeded: moved)) != moved)
            }
            let (values, flagged) = try binaryMap(dateOperand, dayOperand, count: rowCount, shift)
            if flagged, firstFailingRow(count: rowCount, validity: validity, { shift(dateOperand[$0], dayOperand[$0]).1 }) != nil {
                throw Diagnostic("date out of range in \(op.noun)", at: .statement(range))
            }
            return Column(type: .date, data: .int32(values), validity: validity)
        }
        guard let (stampOperand, stampValidity) = try int64Operand(instant, as: .timestamp, site: range) else {
            return Literal.nullColumn(type, count: rowCount)
        }
        let validity = Validity.and(stampValidity, dayValidity)
        let shift: (Int64, Int64) -> (Int64, Bool) = { stamp, offset in
            let (delta, overflow) = offset.multipliedReportingOverflow(by: DateMath.microsPerDay &* sign)
            let (moved, addOverflow) = stamp.addingReportingOverflow(delta)
            return (moved, overflow || addOverflow)
        }
        let (values, flagged) = try binaryMap(stampOperand, dayOperand, count: rowCount, shift)
        if flagged, firstFailingRow(count: rowCount, validity: validity, { shift(stampOperand[$0], dayOperand[$0]).1 }) != nil {
            throw Diagnostic("date out of range in \(op.noun)", at: .statement(range))
        }
        return try Cast.column(Column(type: .timestamp, data: .int64(values), validity: validity), to: type, site: range)
    }
}
