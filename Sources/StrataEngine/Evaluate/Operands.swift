import StrataCore

/// Turning subexpressions into kernel operands: a literal stays one scalar, anything else is
/// evaluated to a column and converted to the type the kernel works in. `nil` means a null
/// constant (the whole result is null).
extension Frame {
    func int64Operand(_ expr: BoundExpr, as type: DataType, site: Range<Int>?) throws -> (Operand<Int64>, Bitmap?)? {
        if case .literal(let value, _) = expr {
            if value.isNull { return nil }
            return (.scalar(try Literal.int64(value, as: type, site: site)), nil)
        }
        let column = try Cast.column(evaluate(expr, site: site), to: type, site: site)
        return (.values(column.data.int64Values), column.validity)
    }

    func int32Operand(_ expr: BoundExpr, site: Range<Int>?) throws -> (Operand<Int32>, Bitmap?)? {
        if case .literal(let value, _) = expr {
            if value.isNull { return nil }
            return (.scalar(try Literal.int32(value, site: site)), nil)
        }
        let column = try Cast.column(evaluate(expr, site: site), to: .date, site: site)
        return (.values(column.data.int32Values), column.validity)
    }

    func doubleOperand(_ expr: BoundExpr, site: Range<Int>?) throws -> (Operand<Double>, Bitmap?)? {
        if case .literal(let value, _) = expr {
            if value.isNull { return nil }
            return (.scalar(try Literal.double(value, site: site)), nil)
        }
        let column = try Cast.column(evaluate(expr, site: site), to: .double, site: site)
        return (.values(column.data.doubleValues), column.validity)
    }

    func boolOperand(_ expr: BoundExpr, site: Range<Int>?) throws -> (Operand<Bool>, Bitmap?)? {
        if case .literal(let value, _) = expr {
            if value.isNull { return nil }
            return (.scalar(try Literal.bool(value, site: site)), nil)
        }
        let column = try evaluate(expr, site: site)
        guard column.type == .bool else {
            throw Diagnostic("internal error: expected a boolean, found \(column.type)")
        }
        return (.values(column.data.boolValues), column.validity)
    }
}

extension Operand {
    /// The value at `row` (slow paths only).
    subscript(row: Int) -> T {
        switch self {
        case .values(let values): values[row]
        case .scalar(let value): value
        }
    }
}
