import StrataCore

/// Decimal `*` and `/` with a decimal result: the exact product (or quotient) is rescaled to the
/// result type's scale, rounding half away from zero. Products that overflow Int64 before
/// rescaling are redone in 128 bits, so only a result that does not fit is an error.
extension Frame {
    func decimalScaling(_ op: ArithmeticOperator, _ left: BoundExpr, _ right: BoundExpr, _ type: DataType,
                        range: Range<Int>) throws -> Column {
        let scale = type.decimalScale
        // Integers and decimals keep their own scale (the product's scale is the sum).
        let leftType = left.type.isExactNumber ? left.type : type
        let rightType = right.type.isExactNumber ? right.type : type
        guard let (leftOperand, leftValidity) = try int64Operand(left, as: leftType, site: range),
              let (rightOperand, rightValidity) = try int64Operand(right, as: rightType, site: range)
        else { return Literal.nullColumn(type, count: rowCount) }
        let validity = Validity.and(leftValidity, rightValidity)
        let compute: (Int64, Int64) -> (Int64, Bool)
        if op == .multiply {
            compute = Self.multiplyKernel(productScale: leftType.decimalScale + rightType.decimalScale, resultScale: scale)
        } else {
            compute = Self.divideKernel(shift: scale + rightType.decimalScale - leftType.decimalScale)
        }
        let (values, anyFlagged) = try binaryMap(leftOperand, rightOperand, count: rowCount, compute)
        if anyFlagged, let failing = firstFailingRow(count: rowCount, validity: validity, {
            compute(leftOperand[$0], rightOperand[$0]).1
        }) {
            if op == .divide, rightOperand[failing] == 0 {
                throw Diagnostic("division by zero", at: .statement(range))
            }
            throw Diagnostic("integer overflow in \(op.noun)", at: .statement(range))
        }
        return Column(type: type, data: .int64(values), validity: validity)
    }

    /// `a × b` at scale `productScale`, expressed at `resultScale`.
    static func multiplyKernel(productScale: Int, resultScale: Int) -> (Int64, Int64) -> (Int64, Bool) {
        if productScale == resultScale {
            return { $0.multipliedReportingOverflow(by: $1) }
        }
        if productScale < resultScale {
            let factor = DecimalMath.pow10[min(resultScale - productScale, 18)]
            return { left, right in
                let (product, overflow) = left.multipliedReportingOverflow(by: right)
                let (scaled, scaleOverflow) = product.multipliedReportingOverflow(by: factor)
                return (scaled, overflow || scaleOverflow)
            }
        }
        let divisor = DecimalMath.pow10[min(productScale - resultScale, 18)]
        return { left, right in
            let (product, overflow) = left.multipliedReportingOverflow(by: right)
            if !overflow { return (DecimalMath.divideRounded(product, by: divisor), false) }
            guard let wide = DecimalMath.divideRounded(Int128(left) * Int128(right), by: Int128(divisor)) else {
                return (0, true)
            }
            return (wide, false)
        }
    }

    /// `a / b` where the quotient's scale is `shift` more than the operands' difference.
    static func divideKernel(shift: Int) -> (Int64, Int64) -> (Int64, Bool) {
        let factor = Int128(DecimalMath.pow10[min(abs(shift), 18)])
        return { left, right in
            guard right != 0 else { return (0, true) }
            let numerator = shift >= 0 ? Int128(left) * factor : Int128(left)
            let denominator = shift >= 0 ? Int128(right) : Int128(right) * factor
            guard let quotient = DecimalMath.divideRounded(numerator, by: denominator) else { return (0, true) }
            return (quotient, false)
        }
    }
}

extension DataType {
    /// Integers and decimals: values held exactly as scaled Int64.
    var isExactNumber: Bool {
        switch self {
        case .int64, .decimal: true
        default: false
        }
    }
}
