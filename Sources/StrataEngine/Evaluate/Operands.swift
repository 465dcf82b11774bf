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

/// An integer kernel operand: 64-bit values or a scalar, or the 32-bit buffer of a narrow
/// column (see ``Column/narrowed()``), read without widening the column.
enum IntegerOperand {
    case wide(Operand<Int64>)
    case narrow(ContiguousArray<Int32>)

    /// The value at `row` (slow paths only).
    subscript(row: Int) -> Int64 {
        switch self {
        case .wide(let operand): operand[row]
        case .narrow(let values): Int64(values[row])
        }
    }
}

extension Frame {
    /// Like ``int64Operand(_:as:site:)``, but a narrow column of the wanted type stays narrow.
    func integerOperand(_ expr: BoundExpr, as type: DataType, site: Range<Int>?) throws -> (IntegerOperand, Bitmap?)? {
        if case .column(let index, let columnType) = expr, columnType == type, columns.indices.contains(index) {
            let column = try self.column(index, columnType)
            if column.isNarrow, case .int32(let values) = column.data { return (.narrow(values), column.validity) }
        }
        guard let (operand, validity) = try int64Operand(expr, as: type, site: site) else { return nil }
        return (.wide(operand), validity)
    }
}
