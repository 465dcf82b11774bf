import StrataCore
import StrataLang

/// `derive`, `select`, `drop`, `sort`, `distinct`: verbs that lower to projections.
extension Binder {
    /// `derive a = e, …`: all columns, a same-named column replaced in place, new ones at the
    /// end. A later assignment may use an earlier one: when it does, the assignments so far
    /// become one project and the next ones bind over its output (one project per dependency
    /// level, no expression is computed twice).
    func bindDerive(_ assignments: [Assignment], input: LogicalPlan) throws(Diagnostic) -> LogicalPlan {
        var plan = input
        var schema = input.schema
        var columns = Binder.identity(schema)
        var changed: Set<String> = []
        for assignment in assignments {
            guard let name = assignment.name else {
                throw Diagnostic("name this column: derive x = …", at: .statement(assignment.expr.range))
            }
            if !changed.isDisjoint(with: Binder.names(in: assignment.expr)) {
                plan = .project(plan, columns)
                schema = plan.schema
                columns = Binder.identity(schema)
                changed = []
            }
            let column = ProjectedColumn(name: name.text, expr: try bind(assignment.expr, schema: schema))
            if let existing = columns.firstIndex(where: { $0.name == name.text }) {
                columns[existing] = column
            } else {
                columns.append(column)
            }
            changed.insert(name.text)
        }
        return .project(plan, columns)
    }

    /// `select a, b = expr, c`: exactly these columns, in this order.
    func bindSelect(_ items: [Assignment], input: LogicalPlan) throws(Diagnostic) -> LogicalPlan {
        let schema = input.schema
        var columns: [ProjectedColumn] = []
        var names: [(String, Range<Int>)] = []
        for item in items {
            let bound = try bind(item.expr, schema: schema)
            if let name = item.name {
                columns.append(ProjectedColumn(name: name.text, expr: bound))
                names.append((name.text, name.range))
            } else if case .name(let name) = item.expr {
                columns.append(ProjectedColumn(name: name.text, expr: bound))
                names.append((name.text, name.range))
            } else {
                throw Diagnostic("name this column: select x = …", at: .statement(item.expr.range))
            }
        }
        try checkUnique(names, in: "select")
        return .project(input, columns)
    }

    /// `drop a, b`: every column but these.
    func bindDrop(_ names: [Name], input: LogicalPlan) throws(Diagnostic) -> LogicalPlan {
        let schema = input.schema
        var dropped: Set<String> = []
        for name in names {
            _ = try columnIndex(name, in: schema)
            dropped.insert(name.text)
        }
        let kept = Binder.identity(schema).filter { !dropped.contains($0.name) }
        if kept.isEmpty, let first = names.first, let last = names.last {
            throw Diagnostic("drop would remove every column",
                             at: .statement(first.range.lowerBound..<last.range.upperBound))
        }
        return .project(input, kept)
    }

    /// `sort k [desc], …`: keys that are not plain columns are computed by a project before the
    /// sort and projected away after it.
    func bindSort(_ keys: [SortKey], input: LogicalPlan) throws(Diagnostic) -> LogicalPlan {
        let schema = input.schema
        var specs: [SortSpec] = []
        var extra: [ProjectedColumn] = []
        for key in keys {
            let bound = try bind(key.expr, schema: schema)
            if case .column(let index, _) = bound {
                specs.append(SortSpec(column: index, descending: key.descending))
            } else {
                let name = ExprText.render(bound, names: schema.map(\.name))
                specs.append(SortSpec(column: schema.count + extra.count, descending: key.descending))
                extra.append(ProjectedColumn(name: name, expr: bound))
            }
        }
        guard !extra.isEmpty else { return .sort(input, keys: specs) }
        let widened = LogicalPlan.project(input, Binder.identity(schema) + extra)
        return .project(.sort(widened, keys: specs), Binder.identity(schema))
    }

    /// `distinct` (whole rows) or `distinct a, b` (those columns, then distinct).
    func bindDistinct(_ names: [Name], input: LogicalPlan) throws(Diagnostic) -> LogicalPlan {
        guard !names.isEmpty else { return .distinct(input) }
        let schema = input.schema
        var columns: [ProjectedColumn] = []
        for name in names {
            let index = try columnIndex(name, in: schema)
            columns.append(ProjectedColumn(name: name.text, expr: .column(index, schema[index].type)))
        }
        try checkUnique(names.map { ($0.text, $0.range) }, in: "distinct")
        return .distinct(.project(input, columns))
    }

    /// Every column of `schema`, unchanged.
    static func identity(_ schema: [Field]) -> [ProjectedColumn] {
        schema.enumerated().map { ProjectedColumn(name: $0.element.name, expr: .column($0.offset, $0.element.type)) }
    }

    /// The column names an expression mentions.
    static func names(in expr: Expr) -> Set<String> {
        var result: Set<String> = []
        collectNames(expr, into: &result)
        return result
    }

    private static func collectNames(_ expr: Expr, into result: inout Set<String>) {
        switch expr {
        case .name(let name):
            result.insert(name.text)
        case .literal:
            break
        case .unary(_, let operand, _), .isNull(let operand, _, _):
            collectNames(operand, into: &result)
        case .binary(_, let left, let right, _):
            collectNames(left, into: &result)
            collectNames(right, into: &result)
        case .call(_, let arguments, _):
            for argument in arguments { collectNames(argument, into: &result) }
        case .inList(let operand, let items, _, _):
            collectNames(operand, into: &result)
            for item in items { collectNames(item, into: &result) }
        case .between(let operand, let low, let high, _, _):
            for part in [operand, low, high] { collectNames(part, into: &result) }
        case .caseWhen(let arms, let otherwise, _):
            for arm in arms {
                collectNames(arm.condition, into: &result)
                collectNames(arm.value, into: &result)
            }
            if let otherwise { collectNames(otherwise, into: &result) }
        case .pipeline:
            break
        }
    }
}
