import StrataCore

/// The binder's type rules: numeric promotion, unification and casts with constant folding.
///
/// Promotion (both operands of an operator are cast to one type):
/// - integer, integer → integer; integer, decimal(s) → decimal(s);
///   decimal(s1), decimal(s2) → decimal(max(s1, s2)); anything numeric with double → double.
/// - date, timestamp → timestamp (the date becomes midnight).
enum TypeRules {
    /// The type both operands of a numeric operator are cast to; nil when either is not a number.
    static func commonNumeric(_ left: DataType, _ right: DataType) -> DataType? {
        switch (left, right) {
        case (.int64, .int64):
            return .int64
        case (.decimal(let scale), .int64), (.int64, .decimal(let scale)):
            return .decimal(scale: scale)
        case (.decimal(let leftScale), .decimal(let rightScale)):
            return .decimal(scale: max(leftScale, rightScale))
        default:
            return left.isNumeric && right.isNumeric ? .double : nil
        }
    }

    /// The one type values of `left` and `right` can share (case arms, coalesce, union).
    static func unify(_ left: DataType, _ right: DataType) -> DataType? {
        if left == right { return left }
        if let numeric = commonNumeric(left, right) { return numeric }
        switch (left, right) {
        case (.date, .timestamp), (.timestamp, .date): return .timestamp
        default: return nil
        }
    }

    /// True for a literal `null` written by the user: it takes whatever type its context needs.
    static func isNullLiteral(_ expr: BoundExpr) -> Bool {
        if case .literal(.null, _) = expr { return true }
        return false
    }

    /// `expr` converted to `type`: unchanged when it already has it, a folded constant for
    /// literals, otherwise a `.cast` node. Callers only ask for conversions `.cast` supports.
    static func cast(_ expr: BoundExpr, to type: DataType) -> BoundExpr {
        if expr.type == type { return expr }
        if case .literal(let value, _) = expr, let converted = convert(value, to: type) {
            return .literal(converted, type)
        }
        return .cast(expr, type)
    }

    /// A constant converted exactly to `type`; nil when it cannot be (overflow, unsupported).
    static func convert(_ value: Value, to type: DataType) -> Value? {
        switch (value, type) {
        case (.null, _):
            return .null
        case (.int(let integer), .int64):
            return .int(integer)
        case (.int(let integer), .decimal(let scale)):
            return scaled(integer, by: scale).map { .decimal($0, scale: scale) }
        case (.int(let integer), .double):
            return .double(Double(integer))
        case (.decimal(let units, let scale), .decimal(let target)) where target >= scale:
            return scaled(units, by: target - scale).map { .decimal($0, scale: target) }
        case (.decimal(let units, let scale), .double):
            // Both operands are exact doubles below 2^53, so the quotient is correctly rounded.
            return .double(Double(units) / power10(scale))
        case (.double(let double), .double):
            return .double(double)
        case (.date, .date), (.timestamp, .timestamp), (.string, .string), (.bool, .bool):
            return value
        case (.date(let days), .timestamp):
            return .timestamp(Int64(days) * microsecondsPerDay)
        default:
            return nil
        }
    }

    static let microsecondsPerDay: Int64 = 86_400_000_000

    /// `value × 10^digits`, nil on overflow.
    static func scaled(_ value: Int64, by digits: Int) -> Int64? {
        var result = value
        for _ in 0..<max(0, digits) {
            let (product, overflow) = result.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            result = product
        }
        return result
    }

    static func power10(_ digits: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, digits) { result *= 10 }
        return result
    }

    /// The type's family name as used in messages: "decimal" without its scale.
    static func kind(_ type: DataType) -> String {
        if case .decimal = type { return "decimal" }
        return type.description
    }

    /// "an integer", "a decimal", "a string" …
    static func article(_ type: DataType) -> String {
        let name = kind(type)
        return (name.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + name
    }

    /// The decimal scale of an exact number; 0 for integers.
    static func scale(_ type: DataType) -> Int {
        if case .decimal(let scale) = type { return scale }
        return 0
    }

    static func isTemporal(_ type: DataType) -> Bool {
        type == .date || type == .timestamp
    }
}
