import Foundation
import StrataCore

/// Scalar function calls: argument checks, then the kernel of each family.
extension Frame {
    func call(_ function: ScalarFunction, _ arguments: [BoundExpr], _ type: DataType, range: Range<Int>) throws -> Column {
        let expected: ClosedRange<Int>
        switch function {
        case .coalesce, .concat: expected = 1...Int.max
        case .contains, .startsWith, .endsWith, .dateTrunc: expected = 2...2
        case .round: expected = 1...2
        case .lower, .upper, .trim, .length, .year, .month, .week, .abs: expected = 1...1
        }
        guard expected.contains(arguments.count) else {
            throw Diagnostic("\(function.rawValue) takes \(expected.lowerBound == expected.upperBound ? "\(expected.lowerBound)" : "\(expected.lowerBound) or more") arguments, found \(arguments.count)",
                             at: .statement(range))
        }
        switch function {
        case .coalesce:
            return try coalesce(arguments, type, site: range)
        case .contains, .startsWith, .endsWith:
            guard let predicate = StringPredicate(function) else { throw Diagnostic("internal error: \(function.rawValue) is not a string predicate") }
            return try stringPredicate(predicate, arguments, range: range)
        case .lower, .upper, .trim:
            return try mapTexts(arguments[0], range: range) { text in
                switch function {
                case .lower: text.lowercased()
                case .upper: text.uppercased()
                default: text.trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
        case .concat:
            return try concat(arguments, range: range)
        case .length:
            return try stringLength(arguments[0], range: range)
        case .year, .month, .week:
            return try datePart(function, arguments[0], type, range: range)
        case .dateTrunc:
            return try dateTrunc(arguments, type, range: range)
        case .abs:
            return try absolute(arguments[0], type, range: range)
        case .round:
            return try round(arguments[0], digits: arguments.count > 1 ? arguments[1] : nil, type, range: range)
        }
    }

    /// `abs(x)`; the most negative integer has no absolute value (an overflow error).
    private func absolute(_ argument: BoundExpr, _ type: DataType, range: Range<Int>) throws -> Column {
        let column = try evaluate(argument, site: range)
        let result: Column
        switch column.type {
        case .int64, .decimal:
            let values = column.data.int64Values
            let (magnitudes, flagged) = try unaryMap(values) { value in
                (value < 0 ? 0 &- value : value, value == .min)
            }
            if flagged, firstFailingRow(count: column.count, validity: column.validity, { values[$0] == .min }) != nil {
                throw Diagnostic("integer overflow in abs", at: .statement(range))
            }
            result = Column(type: column.type, data: .int64(magnitudes), validity: column.validity)
        case .double:
            result = Column(type: .double, data: .double(try unaryMap(column.data.doubleValues) { (Swift.abs($0), false) }.0),
                            validity: column.validity)
        default:
            throw Diagnostic("abs needs a number, found \(column.type)", at: .statement(range))
        }
        return try Cast.column(result, to: type, site: range)
    }

    /// `round(x, digits)`, half away from zero; negative digits round to tens, hundreds, ….
    /// Decimals stay exact: the result is expressed in the result type's scale.
    private func round(_ argument: BoundExpr, digits digitsExpr: BoundExpr?, _ type: DataType, range: Range<Int>) throws -> Column {
        var digits = 0
        if let digitsExpr {
            guard case .literal(.int(let constant), _) = digitsExpr else {
                throw Diagnostic("round needs a whole number of digits, such as round(x, 2)", at: .statement(range))
            }
            digits = Int(clamping: constant)
        }
        digits = min(max(digits, -18), 18)
        let column = try evaluate(argument, site: range)
        switch column.type {
        case .double:
            let factor = DoubleMath.pow10(Swift.abs(digits))
            let values = try unaryMap(column.data.doubleValues) { value -> (Double, Bool) in
                digits >= 0
                    ? ((value * factor).rounded(.toNearestOrAwayFromZero) / factor, false)
                    : ((value / factor).rounded(.toNearestOrAwayFromZero) * factor, false)
            }.0
            return try Cast.column(Column(type: .double, data: .double(values), validity: column.validity), to: type, site: range)
        case .int64, .decimal:
            let scale = column.type.decimalScale
            let target = type.isExactNumber ? type : column.type
            let targetScale = target.decimalScale
            let values = column.data.int64Values
            // Round to `digits` (units of 10^-digits), then express at the target scale.
            let kernel: (Int64) -> (Int64, Bool) = { value in
                let drop = scale - digits
                let rounded = drop <= 0 ? value : (drop > 18 ? 0 : DecimalMath.divideRounded(value, by: DecimalMath.pow10[drop]))
                let unitsScale = drop <= 0 ? scale : digits
                let shift = targetScale - unitsScale
                if shift >= 0 {
                    return shift > 18 ? (0, rounded != 0) : rounded.multipliedReportingOverflow(by: DecimalMath.pow10[shift])
                }
                return (-shift > 18 ? 0 : DecimalMath.divideRounded(rounded, by: DecimalMath.pow10[-shift]), false)
            }
            let (result, flagged) = try unaryMap(values, kernel)
            if flagged, firstFailingRow(count: column.count, validity: column.validity, { kernel(values[$0]).1 }) != nil {
                throw Diagnostic("integer overflow in round", at: .statement(range))
            }
            return try Cast.column(Column(type: target, data: .int64(result), validity: column.validity), to: type, site: range)
        default:
            throw Diagnostic("round needs a number, found \(column.type)", at: .statement(range))
        }
    }
}

enum DoubleMath {
    /// 10^exponent, exact up to 10^22.
    static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}
