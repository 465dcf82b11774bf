import StrataCore
import StrataLang

/// The two runs of `whatif … compare P = A vs P = B` and, for each row of one, whether it is
/// in the other.
///
/// Rows are matched by their source row when the pipeline only filters, derives, selects,
/// sorts or limits the rows of a source that does not use the parameters (the same row of
/// `r` at T = 60 and at T = 90); otherwise by the result's first column, which must then be
/// a key (no nulls, no repeats: `customer_id` after `rfm` or `group customer_id agg …`).
struct WhatIfSides {
    enum Identity: Equatable {
        case sourceRows
        case key(String)
    }

    var left: Table
    var right: Table
    /// Per row of `left`: the row is also in `right`.
    var leftInRight: ContiguousArray<Bool>
    /// Per row of `right`: the row is also in `left`.
    var rightInLeft: ContiguousArray<Bool>
    var identity: Identity
    /// `T = 60` and `T = 90` (`T = 60, F = 1` for two parameters).
    var leftLabel: String
    var rightLabel: String
}

extension WhatIfRunner {
    /// The values of each side of a comparison, in parameter order.
    var sides: (left: [StrataLang.Literal], right: [StrataLang.Literal]) {
        (request.parameters.map { $0.values[0] }, request.parameters.map { $0.values[$0.values.count - 1] })
    }

    /// `T = 60, F = 1`
    func label(_ values: [StrataLang.Literal]) -> String {
        zip(request.parameters, values).map { "\($0.name.text) = \(WhatIfRunner.text($1))" }.joined(separator: ", ")
    }

    /// True when every verb keeps source rows as they are (a subset, reordered or not) and the
    /// source does not depend on a parameter, so rows match by their source row.
    var preservesSourceRows: Bool {
        if case .pipeline(let inner) = request.pipeline.source,
           request.parameters.contains(where: { WhatIfNames.pipeline(inner, uses: $0.name.text) }) { return false }
        return request.pipeline.verbs.allSatisfy { verb in
            switch verb.kind {
            case .filter, .derive, .select, .drop, .sort, .limit, .top: true
            default: false
            }
        }
    }

    /// Runs both sides and matches their rows.
    /// - Complexity: two pipeline runs, then O(rows) with source rows (a bitmap) or with a
    ///   key (an open-addressing hash table).
    func runSides() throws -> WhatIfSides {
        let (leftValues, rightValues) = sides
        let leftPlan = try binder(for: leftValues).bind(request.pipeline)
        let rightPlan = try binder(for: rightValues).bind(request.pipeline)
        var sides = WhatIfSides(left: Table(fields: [], columns: []), right: Table(fields: [], columns: []),
                                leftInRight: [], rightInLeft: [], identity: .sourceRows,
                                leftLabel: label(leftValues), rightLabel: label(rightValues))
        if preservesSourceRows {
            let left = try naming(leftValues) { try tracked(leftPlan) }
            let right = try naming(rightValues) { try tracked(rightPlan) }
            sides.left = left.table
            sides.right = right.table
            let baseRows = max(left.baseRows, right.baseRows)
            sides.leftInRight = try WhatIfSides.membership(left.rows, count: left.table.rowCount,
                                                          in: right.rows, count: right.table.rowCount, baseRows: baseRows)
            sides.rightInLeft = try WhatIfSides.membership(right.rows, count: right.table.rowCount,
                                                          in: left.rows, count: left.table.rowCount, baseRows: baseRows)
            return sides
        }
        sides.left = try naming(leftValues) { try execute(leftPlan) }
        sides.right = try naming(rightValues) { try execute(rightPlan) }
        guard let keyName = sides.left.fields.first?.name, sides.right.columnCount > 0 else {
            throw Diagnostic("rows cannot be matched: the pipeline's result has no columns", at: .statement(request.pipeline.range))
        }
        sides.identity = .key(keyName)
        let range = request.pipeline.range
        try WhatIfKeys.checkKey(sides.left.columns[0], name: keyName, setting: sides.leftLabel, range: range)
        try WhatIfKeys.checkKey(sides.right.columns[0], name: keyName, setting: sides.rightLabel, range: range)
        do {
            (sides.leftInRight, sides.rightInLeft) = try WhatIfKeys.match(sides.left.columns[0], sides.right.columns[0])
        } catch let diagnostic as Diagnostic where diagnostic.location == nil {
            throw Diagnostic("rows cannot be matched by \(keyName): \(diagnostic.message)", at: .statement(range))
        }
        return sides
    }

    /// Runs `body`; a runtime error names the setting it happened in.
    func naming<T>(_ values: [StrataLang.Literal], _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var diagnostic as Diagnostic {
            diagnostic.notes.append("note: in the run with \(label(values))")
            throw diagnostic
        }
    }

    /// Runs a plan of filters, projections, sorts and limits over a base node, keeping the
    /// base row of every result row (`rows` nil: all base rows in order).
    func tracked(_ plan: LogicalPlan) throws -> (table: Table, rows: RowSelection?, baseRows: Int) {
        switch plan {
        case .filter(let child, let predicate):
            let input = try tracked(child)
            let selection = try ExpressionEvaluator.select(predicate, on: input.table)
            return (input.table.gather(selection), WhatIfSides.compose(input.rows, selection), input.baseRows)
        case .project(let child, let columns):
            let input = try tracked(child)
            var named: [(String, Column)] = []
            for column in columns {
                named.append((column.name, try ExpressionEvaluator.evaluate(column.expr, on: input.table)))
            }
            let table = named.isEmpty ? Table(fields: [], columns: []) : Table(named)
            return (table, input.rows, input.baseRows)
        case .sort(let child, let keys), .limit(.sort(let child, let keys), _):
            let input = try tracked(child)
            var limit: Int?
            if case .limit(_, let count) = plan { limit = count }
            let order = try SortOperator.order(input.table, keys: keys, limit: limit)
            return (input.table.gather(order), WhatIfSides.compose(input.rows, order), input.baseRows)
        case .limit(let child, let count):
            let input = try tracked(child)
            let kept = min(max(count, 0), input.table.rowCount)
            let rows = input.rows.map { RowSelection($0.prefix(kept)) } ?? RowSelection((0..<kept).map { Int32($0) })
            return (input.table.prefix(kept), rows, input.baseRows)
        default:
            let table = try execute(plan)
            return (table, nil, table.rowCount)
        }
    }
}

extension WhatIfSides {
    /// Base rows of a selection taken from rows that were themselves `outer` of the base.
    static func compose(_ outer: RowSelection?, _ selection: RowSelection) -> RowSelection {
        guard let outer else { return selection }
        return RowSelection(selection.lazy.map { outer[Int($0)] })
    }

    /// For each of `count` rows (base rows `rows`, nil = 0..<count), whether `other` holds it.
    static func membership(_ rows: RowSelection?, count: Int, in other: RowSelection?, count otherCount: Int,
                           baseRows: Int) throws -> ContiguousArray<Bool> {
        var present = ContiguousArray<Bool>(repeating: false, count: max(baseRows, count, otherCount))
        if let other {
            for row in other { present[Int(row)] = true }
        } else {
            for row in 0..<otherCount { present[row] = true }
        }
        try Cancellation.check()
        guard let rows else { return ContiguousArray(present.prefix(count)) }
        return ContiguousArray(rows.lazy.map { present[Int($0)] })
    }
}
