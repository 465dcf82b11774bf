import StrataCore
import StrataLang

/// A bound query: what to compute, not how and not the data. Each node's output schema is
/// known (``schema``), expressions refer to the child's columns by index.
public indirect enum LogicalPlan: Sendable {
    /// All rows of a session table, by name (its schema at bind time).
    case scan(table: String, schema: [Field])
    /// Rows where `predicate` is true (null counts as false).
    case filter(LogicalPlan, predicate: BoundExpr)
    /// One output column per expression, in order.
    case project(LogicalPlan, [ProjectedColumn])
    /// Hash group-by: output = key columns (in order) then one column per aggregate.
    /// Without keys: exactly one row. Groups are listed in order of first appearance.
    case aggregate(LogicalPlan, keys: [Int], aggregates: [NamedAggregate])
    /// Stable sort, nulls last (whatever the direction).
    case sort(LogicalPlan, keys: [SortSpec])
    /// The first `count` rows.
    case limit(LogicalPlan, count: Int)
    /// The first row of each distinct combination of all columns, in input order.
    case distinct(LogicalPlan)
    /// Equi-join on key columns; output = all left columns, then the right columns that are
    /// not keys (in order); a right column whose name equals a left column's gets the suffix
    /// `_right`. `left` keeps unmatched left rows with nulls on the right.
    /// Left row order is kept; matches of one left row follow the right table's order.
    case join(LogicalPlan, LogicalPlan, leftKeys: [Int], rightKeys: [Int], kind: JoinKind)
    /// All rows of the first input, then the second (same column names and types).
    case union(LogicalPlan, LogicalPlan)
    /// Rows whose `keys`, normalised (``KeyNormalization``), equal another row's: grouped
    /// together in order of first appearance, with `dup_group` (1, 2, …) and `dup_size`.
    case duplicates(LogicalPlan, keys: [Int])
    /// One row per customer with recency, frequency, monetary, their scores and a segment
    /// (``RFMSpec``); customers in order of first appearance.
    case rfm(LogicalPlan, RFMSpec)
    /// Rows sorted by a value, largest first, with its cumulative share and an A/B/C class.
    case abc(LogicalPlan, ABCSpec)
    /// One row per key of an events table: points per event kind, decay, score and band
    /// (``ScoreSpec``, ``ScoreOperator``); keys in order of first appearance.
    case score(LogicalPlan, ScoreSpec)
    /// The input rows plus `cluster` (1…K) by k-means (``ClusterSpec``, ``ClusterOperator``).
    case cluster(LogicalPlan, ClusterSpec)
}

/// An output column of `.project`.
public struct ProjectedColumn: Sendable, Equatable {
    public var name: String
    public var expr: BoundExpr

    public init(name: String, expr: BoundExpr) {
        self.name = name
        self.expr = expr
    }
}

/// A sort key: a column of the child, its direction.
public struct SortSpec: Sendable, Equatable {
    public var column: Int
    public var descending: Bool

    public init(column: Int, descending: Bool) {
        self.column = column
        self.descending = descending
    }
}

/// `name = function(argument)` inside `agg`.
public struct NamedAggregate: Sendable, Equatable {
    public var name: String
    public var function: AggregateFunction
    /// Column of the child the function reads; nil for `count()` and `share()`.
    public var argument: Int?
    /// Result type (checked by the binder).
    public var type: DataType
    /// Where the call is written, for runtime errors such as overflow.
    public var range: Range<Int>

    public init(name: String, function: AggregateFunction, argument: Int?, type: DataType, range: Range<Int>) {
        self.name = name
        self.function = function
        self.argument = argument
        self.type = type
        self.range = range
    }
}

/// Aggregate functions and their result types:
/// - `count()` rows, `count(x)` non-null values, `count_distinct(x)` → integer;
/// - `sum(x)` → integer / decimal (same scale, exact; overflow is an error) / double;
/// - `avg(x)` → double; `min`, `max`, `first`, `last` → x's type (first/last in input order,
///   skipping nulls);
/// - `median(x)`, `quantile(x, p)` → double for numbers (linear interpolation between the
///   closest ranks, as numpy's default), the lower middle value for dates;
/// - `share()` → double: the group's rows / all input rows.
/// Nulls are ignored by every function but `count()`; a group without values gives null
/// (and 0 for counts).
public enum AggregateFunction: Sendable, Equatable {
    case count, countDistinct, sum, avg, min, max, median, quantile(Double), share, first, last
}

extension LogicalPlan {
    /// The output columns.
    public var schema: [Field] {
        switch self {
        case .scan(_, let schema):
            return schema
        case .filter(let child, _), .sort(let child, _), .limit(let child, _), .distinct(let child):
            return child.schema
        case .project(_, let columns):
            return columns.map { Field(name: $0.name, type: $0.expr.type) }
        case .aggregate(let child, let keys, let aggregates):
            let input = child.schema
            return keys.map { input[$0] } + aggregates.map { Field(name: $0.name, type: $0.type) }
        case .join(let left, let right, _, let rightKeys, _):
            // A right column named like a left column becomes `NAME_right`.
            return JoinOperator.outputFields(left: left.schema, right: right.schema, rightKeys: rightKeys)
        case .union(let first, _):
            return first.schema
        case .duplicates(let child, _):
            return child.schema + [Field(name: "dup_group", type: .int64), Field(name: "dup_size", type: .int64)]
        case .rfm(let child, let spec):
            return RFMSpec.outputFields(input: child.schema, spec: spec)
        case .abc(let child, _):
            return ABCSpec.outputFields(input: child.schema)
        case .score(let child, let spec):
            return [child.schema[spec.key]] + ScoreOperator.outputFields
        case .cluster(let child, let spec):
            return ClusterSpec.outputFields(input: child.schema, spec: spec)
        }
    }
}
