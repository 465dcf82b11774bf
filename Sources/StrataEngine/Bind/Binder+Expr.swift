import StrataCore
import StrataLang

/// Expressions: names, literals, unary operators, `in`, `between`, `is null`, `case`.
extension Binder {
    /// Binds one expression over the columns of `schema` (also used by `assert` and `whatif`).
    /// A `null` literal binds as a typed null that takes the type its context needs.
    /// - Complexity: O(size of the expression × columns).
    public func bind(_ expr: Expr, schema: [Field]) throws(Diagnostic) -> BoundExpr {
        switch expr {
        case .name(let name):
            if let value = parameters[name.text] { return try bindLiteral(value, name.range) }
            let index = try columnIndex(name, in: schema)
            return .column(index, schema[index].type)
        case .literal(let literal, let range):
            return try bindLiteral(literal, range)
        case .unary(.negate, let operand, let range):
            return try bindNegate(try bind(operand, schema: schema), range)
        case .unary(.not, let operand, _):
            return .not(try bindCondition(operand, schema: schema, message: "not needs a condition"))
        case .binary(let op, let left, let right, let range):
            return try bindBinary(op, left, right, range, schema: schema)
        case .call(let name, let arguments, let range):
            return try bindCall(name, arguments, range, schema: schema)
        case .inList(let operand, let items, let negated, _):
            return try bindInList(operand, items, negated: negated, schema: schema)
        case .between(let operand, let low, let high, let negated, let range):
            let lower = try bindComparison(.lessOrEqual, low, operand, range, schema: schema)
            let upper = try bindComparison(.lessOrEqual, operand, high, range, schema: schema)
            let both = BoundExpr.and(lower, upper)
            return negated ? .not(both) : both
        case .isNull(let operand, let negated, _):
            return .isNull(try bind(operand, schema: schema), negated: negated)
        case .caseWhen(let arms, let otherwise, let range):
            return try bindCase(arms, otherwise: otherwise, range, schema: schema)
        case .pipeline(let pipeline):
            throw Diagnostic("a pipeline is only allowed as the argument of count, share, sum, … in assert",
                             at: .statement(pipeline.range))
        }
    }

    /// Digits → integer; digits with a fraction → decimal with that many places (double past 9);
    /// `2026-06-30` → date.
    func bindLiteral(_ literal: StrataLang.Literal, _ range: Range<Int>) throws(Diagnostic) -> BoundExpr {
        switch literal {
        case .number(let text):
            let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 1 {
                guard let integer = Int64(text) else {
                    throw Diagnostic("number \(text) is too large for an integer", at: .statement(range))
                }
                return .literal(.int(integer), .int64)
            }
            let scale = parts[1].count
            if scale <= DataType.maxDecimalScale, let units = Int64(parts[0] + parts[1]) {
                return .literal(.decimal(units, scale: scale), .decimal(scale: scale))
            }
            guard let double = Double(text), double.isFinite else {
                throw Diagnostic("number \(text) is too large", at: .statement(range))
            }
            return .literal(.double(double), .double)
        case .string(let text):
            return .literal(.string(text), .string)
        case .date(let text):
            guard let date = CivilDate(iso: text) else {
                throw Diagnostic("\(text) is not a valid date", at: .statement(range))
            }
            return .literal(.date(date.days), .date)
        case .bool(let value):
            return .literal(.bool(value), .bool)
        case .null:
            return .literal(.null, .int64)
        }
    }

    /// `-x` for numbers; constants are folded so `-5` is a literal.
    func bindNegate(_ operand: BoundExpr, _ range: Range<Int>) throws(Diagnostic) -> BoundExpr {
        guard operand.type.isNumeric else {
            throw Diagnostic("- needs a number, found \(TypeRules.article(operand.type))", at: .statement(range))
        }
        if case .literal(let value, let type) = operand {
            switch value {
            case .null: return operand
            case .int(let integer) where integer != .min: return .literal(.int(-integer), type)
            case .decimal(let units, let scale) where units != .min: return .literal(.decimal(-units, scale: scale), type)
            case .double(let double): return .literal(.double(-double), type)
            default: break
            }
        }
        return .negate(operand)
    }

    /// `x [not] in [v, …]`: the values must be constants of a type comparable with x; numbers
    /// widen x when needed (an integer x against `[1.5]` compares as decimals), dates may be
    /// written as strings.
    func bindInList(_ operand: Expr, _ items: [Expr], negated: Bool, schema: [Field]) throws(Diagnostic) -> BoundExpr {
        if items.count == 1, case .name(let item) = items[0], item.text.hasPrefix("@") {
            return try bindInSegment(operand, item, negated: negated, schema: schema)
        }
        var value = try bind(operand, schema: schema)
        var constants: [(Value, DataType, Range<Int>)] = []
        for item in items {
            let problem = Diagnostic("in [...] needs constant values, such as [1, 2] or [\"a\", \"b\"]",
                                     at: .statement(item.range))
            guard Binder.isConstant(item), case .literal(let constant, let type) = try bind(item, schema: []) else {
                throw problem
            }
            if constant.isNull {
                throw Diagnostic("null never matches in [...]: test it with is null", at: .statement(item.range))
            }
            constants.append((constant, type, item.range))
        }
        var target = value.type
        if target.isNumeric {
            for (_, type, range) in constants {
                guard let common = TypeRules.commonNumeric(target, type) else {
                    throw Diagnostic("cannot compare \(TypeRules.article(value.type)) with \(TypeRules.article(type))",
                                     at: .statement(range))
                }
                target = common
            }
            value = TypeRules.cast(value, to: target)
        }
        var values: [Value] = []
        for (constant, type, range) in constants {
            var converted: Value?
            if type == target {
                converted = constant
            } else if case .string(let text) = constant, TypeRules.isTemporal(target) {
                converted = TypeRules.convert(try Binder.dateConstant(text, range), to: target)
            } else if TypeRules.unify(type, target) == target {
                converted = TypeRules.convert(constant, to: target)
            }
            guard let converted else {
                throw Diagnostic("cannot compare \(TypeRules.article(target)) with \(TypeRules.article(type))",
                                 at: .statement(range))
            }
            values.append(converted)
        }
        return .inList(value, values, negated: negated)
    }

    /// A date written as a string (`"2025-07-01"`), where a date is compared.
    static func dateConstant(_ text: String, _ range: Range<Int>) throws(Diagnostic) -> Value {
        guard let date = CivilDate(iso: text) else {
            throw Diagnostic("\"\(text)\" is not a date: write dates as yyyy-MM-dd", at: .statement(range))
        }
        return .date(date.days)
    }

    /// A literal, or a negated number literal.
    static func isConstant(_ expr: Expr) -> Bool {
        switch expr {
        case .literal: true
        case .unary(.negate, .literal(.number, _), _): true
        default: false
        }
    }

    /// `case c => v, …, _ => w`: conditions are booleans, values share one type (numbers widen,
    /// a null literal takes the others' type); without `_` the rest is null.
    func bindCase(_ arms: [CaseArm], otherwise: Expr?, _ range: Range<Int>, schema: [Field]) throws(Diagnostic) -> BoundExpr {
        var conditions: [BoundExpr] = []
        var values: [(BoundExpr, Range<Int>)] = []
        for arm in arms {
            conditions.append(try bindCondition(arm.condition, schema: schema, message: "case needs a condition before =>"))
            values.append((try bind(arm.value, schema: schema), arm.value.range))
        }
        if let otherwise { values.append((try bind(otherwise, schema: schema), otherwise.range)) }
        let unified = try unifyValues(values, what: "case values", range: range)
        let boundArms = zip(conditions, unified).map { BoundCaseArm(condition: $0, value: $1) }
        let type = unified.first?.type ?? .int64
        let fallback = otherwise == nil ? BoundExpr.literal(.null, type) : unified[unified.count - 1]
        return .caseWhen(boundArms, otherwise: fallback, type)
    }

    /// Casts values to their one common type; an error names the first value that does not fit.
    func unifyValues(_ values: [(BoundExpr, Range<Int>)], what: String, range: Range<Int>) throws(Diagnostic) -> [BoundExpr] {
        var target: DataType?
        for (value, valueRange) in values where !TypeRules.isNullLiteral(value) {
            guard let current = target else {
                target = value.type
                continue
            }
            guard let common = TypeRules.unify(current, value.type) else {
                throw Diagnostic("\(what) must share one type: found \(TypeRules.article(current)) and "
                    + TypeRules.article(value.type), at: .statement(valueRange))
            }
            target = common
        }
        guard let target else {
            throw Diagnostic("\(what) are all null: give one of them a type", at: .statement(range))
        }
        return values.map { TypeRules.isNullLiteral($0.0) ? .literal(.null, target) : TypeRules.cast($0.0, to: target) }
    }
}
