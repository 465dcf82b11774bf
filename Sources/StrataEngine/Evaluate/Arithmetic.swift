import StrataCore

/// `+ - * / %` and unary minus on integers, decimals and doubles. Integer and decimal results
/// are exact or an error; division or remainder by zero is an error for every numeric type.
extension Frame {
    func arithmetic(_ op: ArithmeticOperator, _ left: BoundExpr, _ right: BoundExpr, _ type: DataType,
                    range: Range<Int>) throws -> Column {
        if left.type.isTemporal || right.type.isTemporal {
            return try dateArithmetic(op, left, right, type, range: range)
        }
        switch type {
        case .int64:
            return try integerArithmetic(op, left, right, as: .int64, range: range)
        case .decimal:
            if op == .multiply || op == .divide {
                return try decimalScaling(op, left, right, type, range: range)
            }
            return try integerArithmetic(op, left, right, as: type, range: range)
        case .double:
            return try doubleArithmetic(op, left, right, range: range)
        default:
            throw Diagnostic("cannot compute \(left.type) \(op.rawValue) \(right.type)", at: .statement(range))
        }
    }

    /// Integers, and decimals of one scale (`+ - %`): checked Int64 kernels. A narrow column
    /// (32-bit storage) is read as it is and widened per value, never as a whole column; the
    /// result is always 64-bit.
    func integerArithmetic(_ op: ArithmeticOperator, _ left: BoundExpr, _ right: BoundExpr, as type: DataType,
                           range: Range<Int>) throws -> Column {
        guard let (leftOperand, leftValidity) = try integerOperand(left, as: type, site: range),
              let (rightOperand, rightValidity) = try integerOperand(right, as: type, site: range)
        else { return Literal.nullColumn(type, count: rowCount) }
        let validity = Validity.and(leftValidity, rightValidity)
        let result: (ContiguousArray<Int64>, anyFlagged: Bool)
        switch (leftOperand, rightOperand) {
        case (.wide(let a), .wide(let b)): result = try Self.integerKernel(op, a, b, count: rowCount)
        case (.narrow(let a), .wide(let b)): result = try Self.integerKernel(op, .values(a), b, count: rowCount)
        case (.wide(let a), .narrow(let b)): result = try Self.integerKernel(op, a, .values(b), count: rowCount)
        case (.narrow(let a), .narrow(let b)): result = try Self.integerKernel(op, Operand.values(a), Operand.values(b), count: rowCount)
        }
        if result.anyFlagged {
            let failing = firstFailingRow(count: rowCount, validity: validity) { row in
                let (a, b) = (leftOperand[row], rightOperand[row])
                switch op {
                case .add: return a.addingReportingOverflow(b).overflow
                case .subtract: return a.subtractingReportingOverflow(b).overflow
                case .multiply: return a.multipliedReportingOverflow(by: b).overflow
                case .divide: return a.dividedReportingOverflow(by: b).overflow
                case .remainder: return a.remainderReportingOverflow(dividingBy: b).overflow
                }
            }
            if let failing {
                if (op == .divide || op == .remainder), rightOperand[failing] == 0 {
                    throw Diagnostic("division by zero", at: .statement(range))
                }
                throw Diagnostic("integer overflow in \(op.noun)", at: .statement(range))
            }
        }
        return Column(type: type, data: .int64(result.0), validity: validity)
    }

    /// One checked Int64 kernel over operands of either width.
    @inline(__always)
    static func integerKernel<A: FixedWidthInteger, B: FixedWidthInteger>(
        _ op: ArithmeticOperator, _ left: Operand<A>, _ right: Operand<B>, count: Int
    ) throws -> (ContiguousArray<Int64>, anyFlagged: Bool) {
        @inline(__always) func wide<T: FixedWidthInteger>(_ value: T) -> Int64 { Int64(truncatingIfNeeded: value) }
        switch op {
        case .add: return try binaryMap(left, right, count: count) { wide($0).addingReportingOverflow(wide($1)) }
        case .subtract: return try binaryMap(left, right, count: count) { wide($0).subtractingReportingOverflow(wide($1)) }
        case .multiply: return try binaryMap(left, right, count: count) { wide($0).multipliedReportingOverflow(by: wide($1)) }
        // Division or remainder by zero reports "overflow" without trapping; told apart by the caller.
        case .divide: return try binaryMap(left, right, count: count) { wide($0).dividedReportingOverflow(by: wide($1)) }
        case .remainder: return try binaryMap(left, right, count: count) { wide($0).remainderReportingOverflow(dividingBy: wide($1)) }
        }
    }

    /// IEEE arithmetic; dividing by zero is an error rather than an infinity in a report.
    func doubleArithmetic(_ op: ArithmeticOperator, _ left: BoundExpr, _ right: BoundExpr,
                          range: Range<Int>) throws -> Column {
        guard let (leftOperand, leftValidity) = try doubleOperand(left, site: range),
              let (rightOperand, rightValidity) = try doubleOperand(right, site: range)
        else { return Literal.nullColumn(.double, count: rowCount) }
        let validity = Validity.and(leftValidity, rightValidity)
        let result: (ContiguousArray<Double>, anyFlagged: Bool)
        switch op {
        case .add: result = try binaryMap(leftOperand, rightOperand, count: rowCount) { ($0 + $1, false) }
        case .subtract: result = try binaryMap(leftOperand, rightOperand, count: rowCount) { ($0 - $1, false) }
        case .multiply: result = try binaryMap(leftOperand, rightOperand, count: rowCount) { ($0 * $1, false) }
        case .divide: result = try binaryMap(leftOperand, rightOperand, count: rowCount) { ($0 / $1, $1 == 0) }
        case .remainder:
            result = try binaryMap(leftOperand, rightOperand, count: rowCount) { ($0.truncatingRemainder(dividingBy: $1), $1 == 0) }
        }
        if result.anyFlagged, firstFailingRow(count: rowCount, validity: validity, { rightOperand[$0] == 0 }) != nil {
            throw Diagnostic("division by zero", at: .statement(range))
        }
        return Column(type: .double, data: .double(result.0), validity: validity)
    }

    /// `-x`: checked for integers and decimals (the most negative Int64 has no opposite).
    func negate(_ operand: BoundExpr, site: Range<Int>?) throws -> Column {
        let column = try evaluate(operand, site: site)
        switch column.type {
        case .int64, .decimal:
            let values = column.data.int64Values
            let (result, flagged) = try unaryMap(values) { Int64(0).subtractingReportingOverflow($0) }
            if flagged, firstFailingRow(count: column.count, validity: column.validity, { values[$0] == .min }) != nil {
                throw Diagnostic("integer overflow in negation", at: site.map { .statement($0) })
            }
            return Column(type: column.type, data: .int64(result), validity: column.validity)
        case .double:
            return Column(type: .double, data: .double(try unaryMap(column.data.doubleValues) { (-$0, false) }.0),
                          validity: column.validity)
        default:
            throw Diagnostic("cannot negate \(column.type)", at: site.map { .statement($0) })
        }
    }
}

extension ArithmeticOperator {
    /// The operation's name in messages.
    var noun: String {
        switch self {
        case .add: "addition"
        case .subtract: "subtraction"
        case .multiply: "multiplication"
        case .divide: "division"
        case .remainder: "remainder"
        }
    }
}

extension DataType {
    var isTemporal: Bool { self == .date || self == .timestamp }
}
