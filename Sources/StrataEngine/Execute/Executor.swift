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
        switch Executor.pushedDown(plan) {
        case .scan(let name, _):
            guard let table = tables(name) else { throw Diagnostic("table \"\(name)\" no longer exists") }
            return table
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
            let used = Set(keys + aggregates.compactMap(\.argument)).sorted()
            // Pruning: the join builds only the columns the aggregate reads (at least one, which
            // carries the row count).
            if !used.isEmpty, case .join(let left, let right, let leftKeys, let rightKeys, let kind) = Executor.pushedDown(child) {
                let position = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($1, $0) })
                let joined = try JoinOperator.run(try run(left), try run(right), leftKeys: leftKeys, rightKeys: rightKeys,
                                                  kind: kind, keeping: used)
                let renumbered = aggregates.map { aggregate in
                    var aggregate = aggregate
                    aggregate.argument = aggregate.argument.flatMap { position[$0] }
                    return aggregate
                }
                return try AggregateOperator.run(joined, keys: keys.compactMap { position[$0] }, aggregates: renumbered)
            }
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

    /// `plan` with a filter over a join moved below it when the condition reads only the left
    /// side's columns and cannot raise an error: the join then matches and gathers fewer rows
    /// (the same rows in the same order, as left rows keep their order through a join).
    static func pushedDown(_ plan: LogicalPlan) -> LogicalPlan {
        guard case .filter(.join(let left, let right, let leftKeys, let rightKeys, let kind), let predicate) = plan,
              predicate.readsOnly(columnsBelow: left.schema.count), !predicate.canFail
        else { return plan }
        return .join(.filter(left, predicate: predicate), right, leftKeys: leftKeys, rightKeys: rightKeys, kind: kind)
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
