import StrataCore

/// Settings for evaluating expressions. Empty for now: the analysis date (`.asof`) is already
/// folded into the bound expression by the binder.
public struct EvaluationContext: Sendable {
    public init() {}
}

/// Evaluates bound expressions over whole columns with typed kernels.
///
/// Semantics in brief (details on each kernel):
/// - any null operand gives null, except `and`/`or` (three-valued), `is null`, `coalesce` and
///   `case` (a null condition does not match);
/// - integer and decimal arithmetic is exact; overflow and division by zero are errors at the
///   operator's position; `date - date` is whole days (integer), `timestamp - timestamp` is
///   fractional days (double);
/// - strings order by Unicode scalar values (UTF-8 bytes); string predicates are computed once
///   per dictionary entry, then mapped over the row codes.
public enum ExpressionEvaluator {
    /// One value per row of `table`; the column's type is `expr.type`.
    /// - Complexity: O(rows × nodes of `expr`); string functions add O(distinct strings).
    public static func evaluate(_ expr: BoundExpr, on table: Table) throws -> Column {
        let frame = Frame(table: table)
        return try frame.evaluate(Folding.fold(expr), site: nil)
    }

    /// One value per row of `rows` (ascending or not) of `table`, reading only the columns
    /// `expr` references; nil `rows` means every row.
    /// - Complexity: O(rows.count × nodes of `expr`)
    public static func evaluate(_ expr: BoundExpr, on table: Table, rows: RowSelection?) throws -> Column {
        try Frame(table: table).evaluate(Folding.fold(expr), on: rows, site: nil)
    }

    /// The rows where `predicate` is true (null counts as false), ascending.
    /// - Complexity: O(rows) for the first conjunct; each further `and` conjunct runs only over
    ///   the rows still selected.
    public static func select(_ predicate: BoundExpr, on table: Table) throws -> RowSelection {
        let frame = Frame(table: table)
        return try frame.select(Folding.fold(predicate), within: nil)
    }
}

extension Frame {
    /// The one exhaustive switch over expression kinds. `site` is the position of the nearest
    /// enclosing operator, used for errors raised by nodes without their own range (casts).
    func evaluate(_ expr: BoundExpr, site: Range<Int>?) throws -> Column {
        switch expr {
        case .column(let index, let type):
            return try column(index, type)
        case .literal(let value, let type):
            return try Literal.broadcast(value, type, count: rowCount, site: site)
        case .negate(let operand):
            return try negate(operand, site: site)
        case .not(let operand):
            return try logicalNot(operand, site: site)
        case .arithmetic(let op, let left, let right, let type, let range):
            return try arithmetic(op, left, right, type, range: range)
        case .comparison(let op, let left, let right):
            return try compare(op, left, right, site: site)
        case .and(let left, let right):
            return try logical(isAnd: true, left, right, site: site)
        case .or(let left, let right):
            return try logical(isAnd: false, left, right, site: site)
        case .isNull(let operand, let negated):
            return try isNull(operand, negated: negated, site: site)
        case .inList(let operand, let values, let negated):
            return try inList(operand, values, negated: negated, site: site)
        case .inSegment(let operand, let members, let negated):
            return try inSegment(operand, members, negated: negated, site: site)
        case .caseWhen(let arms, let otherwise, let type):
            return try caseWhen(arms, otherwise: otherwise, type, site: site)
        case .cast(let operand, let type):
            return try Cast.column(evaluate(operand, site: site), to: type, site: site)
        case .function(let function, let arguments, let type, let range):
            return try call(function, arguments, type, range: range)
        }
    }
}
