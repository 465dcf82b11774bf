import StrataCore

/// A type-checked expression over the columns of one input table. Produced by the binder;
/// holds no data, so a plan can be printed, rewritten or compiled elsewhere.
///
/// Operands are already made compatible by the binder: both sides of an arithmetic
/// operator or a comparison have the same type (via `.cast`), except date arithmetic
/// (`date ± integer`, `date - date`, `timestamp ± integer`) which keeps its natural operand
/// types, and `*` with a decimal result, whose integer/decimal operands keep their own scales
/// (the exact product, scale s1 + s2, is rescaled to the result's scale).
public indirect enum BoundExpr: Sendable, Equatable {
    /// Column `index` of the input.
    case column(Int, DataType)
    /// A constant of `type`; `.null` is a typed null.
    case literal(Value, DataType)
    /// `-x`
    case negate(BoundExpr)
    /// `not x` (null stays null)
    case not(BoundExpr)
    /// `l op r` with the result type; `range` locates the operator's expression for runtime
    /// errors (division by zero, overflow).
    case arithmetic(ArithmeticOperator, BoundExpr, BoundExpr, DataType, range: Range<Int>)
    /// `l op r` → boolean; null when either side is null.
    case comparison(ComparisonOperator, BoundExpr, BoundExpr)
    /// Three-valued `and` / `or` (false and null = false; true or null = true).
    case and(BoundExpr, BoundExpr)
    case or(BoundExpr, BoundExpr)
    /// `x is null` (negated: `is not null`) → boolean, never null.
    case isNull(BoundExpr, negated: Bool)
    /// `x in [v…]` with constants of x's type; null x gives null.
    case inList(BoundExpr, [Value], negated: Bool)
    /// `x in @segment`: x (integer or string, matching the keys) is a member; null x gives null.
    case inSegment(BoundExpr, SegmentMembers, negated: Bool)
    /// `case c => v, … , _ => otherwise`; arms' values and `otherwise` have the result type.
    case caseWhen([BoundCaseArm], otherwise: BoundExpr, DataType)
    /// Converts between numeric types (integer → decimal(s) → double, decimal scale changes),
    /// date → timestamp, timestamp → date (its day).
    case cast(BoundExpr, DataType)
    /// A scalar function call with its result type.
    case function(ScalarFunction, [BoundExpr], DataType, range: Range<Int>)

    /// The type of the values the expression produces.
    public var type: DataType {
        switch self {
        case .column(_, let type), .literal(_, let type), .cast(_, let type): type
        case .negate(let operand): operand.type
        case .not, .comparison, .and, .or, .isNull, .inList, .inSegment: .bool
        case .arithmetic(_, _, _, let type, _), .caseWhen(_, _, let type), .function(_, _, let type, _): type
        }
    }
}

/// `condition => value`
public struct BoundCaseArm: Sendable, Equatable {
    public var condition: BoundExpr
    public var value: BoundExpr

    public init(condition: BoundExpr, value: BoundExpr) {
        self.condition = condition
        self.value = value
    }
}

public enum ArithmeticOperator: String, Sendable, Equatable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
}

public enum ComparisonOperator: String, Sendable, Equatable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// Built-in scalar functions. `days_since(d)` binds to `asOf - d` (an arithmetic node), so it
/// is not listed here.
public enum ScalarFunction: String, Sendable, Equatable, CaseIterable {
    /// First non-null argument (all arguments of the result type).
    case coalesce
    /// `contains(s, sub)`, `starts_with(s, prefix)`, `ends_with(s, suffix)` → boolean
    case contains, startsWith = "starts_with", endsWith = "ends_with"
    /// `lower(s)`, `upper(s)`, `trim(s)` → string; `length(s)` → integer (characters)
    case lower, upper, trim, length
    /// `concat(a, b, …)` → string: the arguments' texts, nulls skipped
    case concat
    /// `year(d)`, `month(d)` → integer; `week(d)` → ISO week number
    case year, month, week
    /// `date_trunc("month", d)` → date (units: year, quarter, month, week (Monday), day)
    case dateTrunc = "date_trunc"
    /// `abs(x)`; `round(x, digits)` (half away from zero)
    case abs, round
}
