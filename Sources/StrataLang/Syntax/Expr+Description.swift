extension Expr: CustomStringConvertible {
    /// A fully parenthesised form that shows how the expression grouped:
    /// `(and (> amount 100) (in category ["家电", "数码"]))`.
    public var description: String {
        switch self {
        case .name(let name):
            return name.text
        case .literal(let literal, _):
            switch literal {
            case .number(let digits), .date(let digits): return digits
            case .string(let text): return "\"\(text)\""
            case .bool(let value): return value ? "true" : "false"
            case .null: return "null"
            }
        case .unary(let op, let operand, _):
            return "(\(op.rawValue) \(operand))"
        case .binary(let op, let left, let right, _):
            return "(\(op.rawValue) \(left) \(right))"
        case .call(let name, let arguments, _):
            return "\(name.text)(" + arguments.map(\.description).joined(separator: ", ") + ")"
        case .inList(let operand, let values, let negated, _):
            return "(\(negated ? "not in" : "in") \(operand) [" + values.map(\.description).joined(separator: ", ") + "])"
        case .between(let operand, let low, let high, let negated, _):
            return "(\(negated ? "not between" : "between") \(operand) \(low) \(high))"
        case .isNull(let operand, let negated, _):
            return "(\(negated ? "is not null" : "is null") \(operand))"
        case .pipeline(let pipeline):
            return "<pipeline at \(pipeline.range)>"
        case .caseWhen(let arms, let otherwise, _):
            let armText = arms.map { "\($0.condition) => \($0.value)" }
            return "(case " + (armText + (otherwise.map { ["_ => \($0)"] } ?? [])).joined(separator: ", ") + ")"
        }
    }
}
