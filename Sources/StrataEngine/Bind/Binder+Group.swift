import StrataCore
import StrataLang

/// `group k1, k2 agg n = count(), s = sum(x)`.
extension Binder {
    /// Names accepted inside `agg`.
    static let aggregateNames = ["count", "count_distinct", "sum", "avg", "min", "max", "median",
                                 "quantile", "share", "first", "last"]

    /// Keys may be `name = expr`, aggregate arguments any expression: when something is not a
    /// plain column, a project computes keys then arguments and the aggregate reads it by index.
    func bindGroup(keys: [Assignment], aggregates: [Assignment], input: LogicalPlan) throws(Diagnostic) -> LogicalPlan {
        let schema = input.schema
        var keyColumns: [ProjectedColumn] = []
        var outputNames: [(String, Range<Int>)] = []
        for key in keys {
            let bound = try bind(key.expr, schema: schema)
            let name: Name
            if let given = key.name {
                name = given
            } else if case .name(let column) = key.expr {
                name = column
            } else {
                throw Diagnostic("name this key: group k = …", at: .statement(key.expr.range))
            }
            keyColumns.append(ProjectedColumn(name: name.text, expr: bound))
            outputNames.append((name.text, name.range))
        }
        var calls: [AggregateCall] = []
        for item in aggregates {
            guard let name = item.name else {
                throw Diagnostic("name this result: agg n = count()", at: .statement(item.expr.range))
            }
            calls.append(try bindAggregate(item.expr, name: name.text, schema: schema))
            outputNames.append((name.text, name.range))
        }
        try checkUnique(outputNames, in: "group")

        // Plain columns keeping their names need no project.
        let direct = keyColumns.allSatisfy { column in
            if case .column(let index, _) = column.expr { return schema[index].name == column.name }
            return false
        } && calls.allSatisfy { call in
            guard let argument = call.argument else { return true }
            if case .column = argument { return true }
            return false
        }
        if direct {
            let keyIndexes = keyColumns.compactMap { column -> Int? in
                if case .column(let index, _) = column.expr { return index }
                return nil
            }
            let named = calls.map { call -> NamedAggregate in
                var argument: Int?
                if case .column(let index, _)? = call.argument { argument = index }
                return call.named(argument: argument)
            }
            return .aggregate(input, keys: keyIndexes, aggregates: named)
        }
        let names = schema.map(\.name)
        var columns = keyColumns
        var named: [NamedAggregate] = []
        for call in calls {
            var argumentIndex: Int?
            if let argument = call.argument {
                // Ranges differ between two spellings of one computation: compare the text.
                let text = ExprText.render(argument, names: names)
                if let existing = columns.firstIndex(where: {
                    $0.expr.type == argument.type && ExprText.render($0.expr, names: names) == text
                }) {
                    argumentIndex = existing
                } else {
                    argumentIndex = columns.count
                    let name: String
                    if case .column(let index, _) = argument {
                        name = schema[index].name
                    } else {
                        name = text
                    }
                    columns.append(ProjectedColumn(name: name, expr: argument))
                }
            }
            named.append(call.named(argument: argumentIndex))
        }
        return .aggregate(.project(input, columns), keys: Array(0..<keyColumns.count), aggregates: named)
    }

    /// One bound `name = f(argument)` before its argument has a column index.
    struct AggregateCall {
        var name: String
        var function: AggregateFunction
        var argument: BoundExpr?
        var type: DataType
        var range: Range<Int>

        func named(argument index: Int?) -> NamedAggregate {
            NamedAggregate(name: name, function: function, argument: index, type: type, range: range)
        }
    }

    func bindAggregate(_ expr: Expr, name: String, schema: [Field]) throws(Diagnostic) -> AggregateCall {
        guard case .call(let function, let arguments, let range) = expr,
              Binder.aggregateNames.contains(function.text) else {
            let combines = Binder.containsAggregate(expr)
            throw Diagnostic("agg needs an aggregate such as sum(x)", at: .statement(expr.range),
                             notes: combines ? ["to combine aggregates, derive after the group: "
                                 + "group k agg s = sum(x), n = count() | derive average = s / n"] : [])
        }
        let fname = function.text
        func call(_ aggregate: AggregateFunction, _ argument: BoundExpr?, _ type: DataType) -> AggregateCall {
            AggregateCall(name: name, function: aggregate, argument: argument, type: type, range: range)
        }
        func wrongCount(_ usage: String) -> Diagnostic {
            Diagnostic("\(fname) takes \(usage)", at: .statement(range))
        }
        func wrongType(_ argument: BoundExpr, _ expected: String) -> Diagnostic {
            Diagnostic("\(fname) needs \(expected), found \(TypeRules.article(argument.type))",
                       at: .statement(arguments[0].range))
        }

        switch fname {
        case "share":
            guard arguments.isEmpty else { throw wrongCount("no argument: share()") }
            return call(.share, nil, .double)
        case "count":
            // count() counts rows, count(x) the non-null values of x.
            guard arguments.count <= 1 else { throw wrongCount("no argument or one: count() or count(x)") }
            return call(.count, arguments.isEmpty ? nil : try bind(arguments[0], schema: schema), .int64)
        case "quantile":
            guard arguments.count == 2 else { throw wrongCount("two arguments: quantile(x, 0.9)") }
        default:
            guard arguments.count == 1 else { throw wrongCount("one argument: \(fname)(x)") }
        }
        let argument = try bind(arguments[0], schema: schema)
        let type = argument.type
        switch fname {
        case "count_distinct":
            return call(.countDistinct, argument, .int64)
        case "sum":
            guard type.isNumeric else { throw wrongType(argument, "a number") }
            return call(.sum, argument, type)
        case "avg":
            guard type.isNumeric else { throw wrongType(argument, "a number") }
            return call(.avg, argument, .double)
        case "min", "max":
            guard type.isNumeric || TypeRules.isTemporal(type) || type == .string else {
                throw wrongType(argument, "a number, date or string")
            }
            return call(fname == "min" ? .min : .max, argument, type)
        case "first", "last":
            return call(fname == "first" ? .first : .last, argument, type)
        case "median", "quantile":
            guard type.isNumeric || type == .date else { throw wrongType(argument, "a number or a date") }
            let result: DataType = type == .date ? .date : .double
            guard fname == "quantile" else { return call(.median, argument, result) }
            return call(.quantile(try quantileFraction(arguments[1])), argument, result)
        default:
            throw wrongCount("one argument")
        }
    }

    /// `p` of `quantile(x, p)`: a number literal from 0 to 1.
    func quantileFraction(_ expr: Expr) throws(Diagnostic) -> Double {
        let problem = Diagnostic("quantile needs a fraction from 0 to 1 as its second argument, such as quantile(x, 0.9)",
                                 at: .statement(expr.range))
        guard case .literal(.number, _) = expr, case .literal(let value, _) = try bind(expr, schema: []) else { throw problem }
        let fraction: Double
        switch value {
        case .int(let integer): fraction = Double(integer)
        case .decimal(let units, let scale): fraction = Double(units) / TypeRules.power10(scale)
        case .double(let double): fraction = double
        default: throw problem
        }
        guard fraction >= 0, fraction <= 1 else { throw problem }
        return fraction
    }

    /// True when an aggregate call appears anywhere in `expr`.
    static func containsAggregate(_ expr: Expr) -> Bool {
        switch expr {
        case .call(let name, let arguments, _):
            return aggregateNames.contains(name.text) || arguments.contains(where: containsAggregate)
        case .unary(_, let operand, _), .isNull(let operand, _, _):
            return containsAggregate(operand)
        case .binary(_, let left, let right, _):
            return containsAggregate(left) || containsAggregate(right)
        case .name, .literal, .inList, .between, .caseWhen, .pipeline:
            return false
        }
    }
}
