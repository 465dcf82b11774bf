/// An expression as written: names unresolved, types unknown (the binder checks both).
public indirect enum Expr: Sendable, Equatable {
    /// A column (or, inside `whatif`, a parameter) name.
    case name(Name)
    case literal(Literal, Range<Int>)
    /// `-x`, `not x`
    case unary(UnaryOperator, Expr, Range<Int>)
    /// `a + b`, `a and b`, `a >= b`, …
    case binary(BinaryOperator, Expr, Expr, Range<Int>)
    /// `f(a, b)`; `count()` has no arguments.
    case call(Name, [Expr], Range<Int>)
    /// `x [not] in [a, b, c]`
    case inList(Expr, [Expr], negated: Bool, Range<Int>)
    /// `x [not] between low and high` (both ends included)
    case between(Expr, low: Expr, high: Expr, negated: Bool, Range<Int>)
    /// `x is [not] null`
    case isNull(Expr, negated: Bool, Range<Int>)
    /// `case c1 => v1, c2 => v2, _ => v` (first match wins; no `_` means null)
    case caseWhen([CaseArm], otherwise: Expr?, Range<Int>)
    /// A pipeline as a function argument, in `assert`: `count(orders | where amount > 0)`.
    case pipeline(Pipeline)

    /// The characters the expression covers, for carets.
    public var range: Range<Int> {
        switch self {
        case .name(let name): name.range
        case .literal(_, let range), .unary(_, _, let range), .binary(_, _, _, let range),
             .call(_, _, let range), .inList(_, _, _, let range), .between(_, _, _, _, let range),
             .isNull(_, _, let range), .caseWhen(_, _, let range):
            range
        case .pipeline(let pipeline): pipeline.range
        }
    }
}

/// `condition => value` inside `case`.
public struct CaseArm: Sendable, Equatable {
    public var condition: Expr
    public var value: Expr

    public init(condition: Expr, value: Expr) {
        self.condition = condition
        self.value = value
    }
}

/// A literal value as written.
public enum Literal: Sendable, Equatable {
    /// Digits with an optional fraction, kept as text so decimals stay exact: `1234.50`.
    case number(String)
    case string(String)
    /// `2026-06-30`
    case date(String)
    case bool(Bool)
    case null
}

public enum UnaryOperator: String, Sendable, Equatable {
    case negate = "-"
    case not
}

public enum BinaryOperator: String, Sendable, Equatable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and, or

    /// Binding strength: higher binds tighter.
    public var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: 4
        case .add, .subtract: 5
        case .multiply, .divide, .remainder: 6
        }
    }

    public var isComparison: Bool { precedence == 4 }
}
