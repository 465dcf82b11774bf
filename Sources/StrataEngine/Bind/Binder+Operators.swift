import StrataCore
import StrataLang

/// Binary operators: `and`/`or`, comparisons and arithmetic, with their type rules.
///
/// Arithmetic results (operands are cast to the common type of ``TypeRules/commonNumeric(_:_:)``):
/// | operator | integer | decimal(s) | double |
/// |---|---|---|---|
/// | `+` `-` | integer | decimal(s) | double |
/// | `*` | integer | decimal(min(s1 + s2, 9)), operands uncast (integer scale 0) | double |
/// | `/` | double | double | double |
/// | `%` | integer | decimal(s) | not allowed |
/// Dates: `date ± integer` → date, `integer + date` → date (operands swapped), `date - date` →
/// integer days; timestamps likewise (± whole days) but `timestamp - timestamp` → double days
/// (a date meeting a timestamp is cast to one). Operands keep their types there.
extension Binder {
    func bindBinary(_ op: BinaryOperator, _ left: Expr, _ right: Expr, _ range: Range<Int>,
                    schema: [Field]) throws(Diagnostic) -> BoundExpr {
        switch op {
        case .and, .or:
            let message = "\(op.rawValue) needs a condition on each side"
            let leftCondition = try bindCondition(left, schema: schema, message: message)
            let rightCondition = try bindCondition(right, schema: schema, message: message)
            return op == .and ? .and(leftCondition, rightCondition) : .or(leftCondition, rightCondition)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            // The raw values of both enums are the operators' spellings.
            let comparison = ComparisonOperator(rawValue: op.rawValue) ?? .equal
            return try bindComparison(comparison, left, right, range, schema: schema)
        case .add, .subtract, .multiply, .divide, .remainder:
            let arithmetic = ArithmeticOperator(rawValue: op.rawValue) ?? .add
            return try bindArithmetic(arithmetic, try bind(left, schema: schema), try bind(right, schema: schema), range)
        }
    }

    /// `l op r`: numbers compare after promotion, strings with strings, dates with dates (a date
    /// against a timestamp compares as timestamps; a string literal against a date is read as a
    /// date), booleans only with `==` and `!=`.
    func bindComparison(_ op: ComparisonOperator, _ left: Expr, _ right: Expr, _ range: Range<Int>,
                        schema: [Field]) throws(Diagnostic) -> BoundExpr {
        var leftBound = try bind(left, schema: schema)
        var rightBound = try bind(right, schema: schema)
        if TypeRules.isNullLiteral(leftBound) || TypeRules.isNullLiteral(rightBound) {
            throw Diagnostic("a comparison with null is never true: use x is null or x is not null",
                             at: .statement(range))
        }
        if TypeRules.isTemporal(leftBound.type), case .literal(.string(let text), _) = rightBound {
            rightBound = .literal(try Binder.dateConstant(text, right.range), .date)
        }
        if TypeRules.isTemporal(rightBound.type), case .literal(.string(let text), _) = leftBound {
            leftBound = .literal(try Binder.dateConstant(text, left.range), .date)
        }
        let leftType = leftBound.type
        let rightType = rightBound.type
        if let common = TypeRules.commonNumeric(leftType, rightType) {
            return .comparison(op, TypeRules.cast(leftBound, to: common), TypeRules.cast(rightBound, to: common))
        }
        if TypeRules.isTemporal(leftType), TypeRules.isTemporal(rightType) {
            let common: DataType = leftType == rightType ? leftType : .timestamp
            return .comparison(op, TypeRules.cast(leftBound, to: common), TypeRules.cast(rightBound, to: common))
        }
        if leftType == .string, rightType == .string {
            return .comparison(op, leftBound, rightBound)
        }
        if leftType == .bool, rightType == .bool {
            guard op == .equal || op == .notEqual else {
                throw Diagnostic("booleans can only be compared with == or !=", at: .statement(range))
            }
            return .comparison(op, leftBound, rightBound)
        }
        throw Diagnostic("cannot compare \(TypeRules.article(leftType)) with \(TypeRules.article(rightType))",
                         at: .statement(range))
    }

    /// `l op r` for numbers and dates, following the table above. A `null` literal takes the
    /// other operand's type.
    func bindArithmetic(_ op: ArithmeticOperator, _ left: BoundExpr, _ right: BoundExpr,
                        _ range: Range<Int>) throws(Diagnostic) -> BoundExpr {
        var left = left
        var right = right
        if TypeRules.isNullLiteral(left), !TypeRules.isNullLiteral(right) { left = .literal(.null, right.type) }
        if TypeRules.isNullLiteral(right), !TypeRules.isNullLiteral(left) { right = .literal(.null, left.type) }
        switch (op, left.type, right.type) {
        case (.add, .date, .int64), (.subtract, .date, .int64):
            return .arithmetic(op, left, right, .date, range: range)
        case (.add, .int64, .date):
            return .arithmetic(.add, right, left, .date, range: range)
        case (.subtract, .date, .date):
            return .arithmetic(.subtract, left, right, .int64, range: range)
        case (.add, .timestamp, .int64), (.subtract, .timestamp, .int64):
            return .arithmetic(op, left, right, .timestamp, range: range)
        case (.add, .int64, .timestamp):
            return .arithmetic(.add, right, left, .timestamp, range: range)
        case (.subtract, .timestamp, .timestamp), (.subtract, .timestamp, .date), (.subtract, .date, .timestamp):
            // Fractional days; a date counts from midnight.
            return .arithmetic(.subtract, TypeRules.cast(left, to: .timestamp), TypeRules.cast(right, to: .timestamp),
                               .double, range: range)
        default:
            break
        }
        let leftType = TypeRules.article(left.type)
        let rightType = TypeRules.article(right.type)
        guard let common = TypeRules.commonNumeric(left.type, right.type) else {
            let message = switch op {
            case .add: "cannot add \(leftType) and \(rightType)"
            case .subtract: "cannot subtract \(rightType) from \(leftType)"
            case .multiply: "cannot multiply \(leftType) by \(rightType)"
            case .divide: "cannot divide \(leftType) by \(rightType)"
            case .remainder: "% needs integers or decimals, found \(leftType) and \(rightType)"
            }
            throw Diagnostic(message, at: .statement(range))
        }
        var operandType = common
        var result = common
        switch op {
        case .add, .subtract:
            break
        case .multiply:
            if case .decimal = common {
                // Exact operands keep their own scales; the evaluator rescales the exact
                // product (scale s1 + s2) to the result's scale, so `amount * 2` stays decimal(2).
                let scales = TypeRules.scale(left.type) + TypeRules.scale(right.type)
                result = .decimal(scale: min(scales, DataType.maxDecimalScale))
                return .arithmetic(op, left, right, result, range: range)
            }
        case .divide:
            operandType = .double
            result = .double
        case .remainder:
            guard common != .double else {
                throw Diagnostic("% needs integers or decimals, found \(leftType) and \(rightType)", at: .statement(range))
            }
        }
        return .arithmetic(op, TypeRules.cast(left, to: operandType), TypeRules.cast(right, to: operandType),
                           result, range: range)
    }
}
