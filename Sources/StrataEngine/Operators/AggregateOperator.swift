import StrataCore

/// Hash group-by (`group KEYS agg NAME = FUNCTION(x), …`).
public enum AggregateOperator {
    /// Groups `input` by the key columns `keys` and computes `aggregates` per group.
    ///
    /// Output: the key columns (in order), then one column per aggregate (named and typed as
    /// the aggregate says). Groups are listed in order of first appearance; a null key value
    /// forms a group of its own. Without keys the result has exactly one row, even for an
    /// empty input (counts 0, other aggregates null).
    ///
    /// Works in two steps: a group id per row (``KeyEncoding/groupIds(_:rowCount:)``: direct
    /// arrays for dictionary codes and narrow integer ranges, an open-addressing table
    /// otherwise), then one tight typed loop per aggregate over `(groupId, value)` into
    /// per-group accumulators. No value is boxed.
    /// - Throws: `Diagnostic` at the aggregate's range when an integer or decimal sum leaves
    ///   the 64-bit range; ``Cancelled`` on Ctrl-C.
    /// - Complexity: O(rows × (keys + aggregates)); median/quantile add an O(n log n) sort of
    ///   each group's values.
    public static func run(_ input: Table, keys: [Int], aggregates: [NamedAggregate]) throws -> Table {
        let rowCount = input.rowCount
        for key in keys where !input.columns.indices.contains(key) {
            throw Diagnostic("internal error: group key column \(key) does not exist")
        }
        let groups: GroupIds
        if keys.isEmpty {
            groups = GroupIds(ids: ContiguousArray(repeating: 0, count: rowCount), count: 1, firstRows: [0])
        } else {
            groups = try KeyEncoding.groupIds(keys.map { input.columns[$0] }, rowCount: rowCount)
        }
        var fields: [Field] = []
        var columns: [Column] = []
        for key in keys {
            fields.append(input.fields[key])
            columns.append(input.columns[key].gather(groups.firstRows))
        }
        let context = try AggregateContext(ids: groups.ids, groupCount: groups.count, rowCount: rowCount)
        for aggregate in aggregates {
            let column = try compute(aggregate, input: input, context: context)
            fields.append(Field(name: aggregate.name, type: aggregate.type))
            columns.append(try AggregateOutput.conform(column, to: aggregate.type, name: aggregate.name))
        }
        return Table(fields: fields, columns: columns)
    }

    private static func compute(_ aggregate: NamedAggregate, input: Table, context: AggregateContext) throws -> Column {
        let argument: Column? = try aggregate.argument.map { index in
            guard input.columns.indices.contains(index) else {
                throw Diagnostic("internal error: aggregate argument column \(index) does not exist")
            }
            return input.columns[index]
        }
        func requireArgument() throws -> Column {
            guard let argument else {
                throw Diagnostic("\(aggregate.name): this function needs an argument", at: .statement(aggregate.range))
            }
            return argument
        }
        switch aggregate.function {
        case .count:
            if let argument { return try context.countValues(argument) }
            return try context.countRows()
        case .share:
            return try context.share()
        case .sum:
            let argumentName = aggregate.argument.map { input.fields[$0].name } ?? ""
            return try context.sum(try requireArgument(), overflow: Diagnostic(
                "integer overflow in sum(\(argumentName))", at: .statement(aggregate.range)))
        case .avg:
            return try context.average(try requireArgument())
        case .min:
            return try context.extremum(try requireArgument(), largest: false)
        case .max:
            return try context.extremum(try requireArgument(), largest: true)
        case .first:
            return try context.firstOrLast(try requireArgument(), last: false)
        case .last:
            return try context.firstOrLast(try requireArgument(), last: true)
        case .countDistinct:
            return try context.countDistinct(try requireArgument())
        case .median:
            return try context.quantile(try requireArgument(), 0.5, lowerForDates: aggregate.type == .date)
        case .quantile(let probability):
            return try context.quantile(try requireArgument(), probability, lowerForDates: aggregate.type == .date)
        }
    }
}

/// The group id of every input row, shared by the aggregate kernels.
struct AggregateContext {
    let ids: ContiguousArray<Int32>
    let groupCount: Int
    let rowCount: Int
    /// Rows per group, counted once for `count()`, `share()` and the null-free columns.
    let groupSizes: ContiguousArray<Int64>

    init(ids: ContiguousArray<Int32>, groupCount: Int, rowCount: Int) throws {
        self.ids = ids
        self.groupCount = groupCount
        self.rowCount = rowCount
        var counts = ContiguousArray<Int64>(repeating: 0, count: groupCount)
        try counts.withUnsafeMutableBufferPointer { counts in
            try ids.withUnsafeBufferPointer { ids in
                try KeyEncoding.chunked(rowCount) { rows in
                    for row in rows { counts[Int(ids[row])] &+= 1 }
                }
            }
        }
        groupSizes = counts
    }
}
