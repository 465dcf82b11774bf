import StrataCore

/// Runs a logical plan over the session's tables: one operator per plan node, each
/// materialising its result as columns.
public struct Executor {
    /// Tables the plan's scans read.
    public let tables: (String) -> Table?
    /// Collects what operators report beside their rows (warnings, RFM thresholds).
    public let context: ExecutionContext

    public init(tables: @escaping (String) -> Table?, context: ExecutionContext = ExecutionContext()) {
        self.tables = tables
        self.context = context
    }

    /// The plan's result.
    public func run(_ plan: LogicalPlan) throws -> Table {
        try Cancellation.check()
        switch plan {
        case .scan(let name, _):
            guard let table = tables(name) else { throw Diagnostic("table \"\(name)\" no longer exists") }
            return table
        case .filter(.join(let left, let right, let leftKeys, let rightKeys, let kind), let predicate)
            where predicate.readsOnly(columnsBelow: left.schema.count) && !predicate.canFail:
            // Pushdown: a condition on the left side's columns filters before the join, which
            // then matches and gathers fewer rows (same rows, same order: left rows keep
            // their order through the join and no left value changes).
            return try run(.join(.filter(left, predicate: predicate), right, leftKeys: leftKeys,
                                 rightKeys: rightKeys, kind: kind))
        case .filter(let child, let predicate):
            let input = try run(child)
            return input.gather(try ExpressionEvaluator.select(predicate, on: input))
        case .project(.filter(let child, let predicate), let columns):
            // Late materialisation: only the columns the projection reads are gathered.
            let input = try run(child)
            let rows = try ExpressionEvaluator.select(predicate, on: input)
            return try project(columns, on: input, rows: rows)
        case .project(let child, let columns):
            return try project(columns, on: try run(child), rows: nil)
        case .aggregate(let child, let keys, let aggregates):
            return try AggregateOperator.run(try run(child), keys: keys, aggregates: aggregates)
        case .sort(let child, let keys):
            return try SortOperator.run(try run(child), keys: keys)
        case .limit(.sort(let child, let keys), let count):
            // top-N: order only as many rows as are kept.
            let input = try run(child)
            return input.gather(try SortOperator.order(input, keys: keys, limit: count))
        case .limit(let child, let count):
            return try run(child).prefix(count)
        case .distinct(let child):
            return try DistinctOperator.run(try run(child))
        case .join(let left, let right, let leftKeys, let rightKeys, let kind):
            return try JoinOperator.run(try run(left), try run(right), leftKeys: leftKeys, rightKeys: rightKeys, kind: kind)
        case .union(let first, let second):
            return try UnionOperator.run(try run(first), try run(second))
        case .duplicates(let child, let keys):
            return try DuplicatesOperator.run(try run(child), keys: keys)
        case .rfm(let child, let spec):
            return try RFMOperator.run(try run(child), spec: spec, context: context)
        case .abc(let child, let spec):
            return try ABCOperator.run(try run(child), spec: spec, context: context)
        case .score(let child, let spec):
            return try ScoreOperator.run(try run(child), spec: spec, context: context)
        case .cluster(let child, let spec):
            return try ClusterOperator.run(try run(child), spec: spec, context: context)
        }
    }

    /// The projected columns evaluated on `rows` of `input` (all rows when nil).
    private func project(_ columns: [ProjectedColumn], on input: Table, rows: RowSelection?) throws -> Table {
        var named: [(String, Column)] = []
        for column in columns {
            named.append((column.name, try ExpressionEvaluator.evaluate(column.expr, on: input, rows: rows)))
        }
        return named.isEmpty ? Table(fields: [], columns: []) : Table(named)
    }
}
