import StrataCore
import StrataLang

extension LogicalPlan {
    /// The plan as an indented tree, one node per line, each child two spaces further in
    /// (`join` and `union` list the left/first input, then the right/second). Expressions are
    /// written in the language's own syntax with the child's column names; a plan holds no
    /// data, so there are no row counts. No trailing newline.
    ///
    /// ```
    /// limit 5
    ///   sort revenue desc
    ///     aggregate by region: revenue = sum(amount)
    ///       scan orders: order_id, customer_id, order_date, amount, region
    /// ```
    /// - Complexity: O(nodes + expression sizes).
    public func explain() -> String {
        var lines: [String] = []
        appendExplain(to: &lines, depth: 0)
        return lines.joined(separator: "\n")
    }

    private func appendExplain(to lines: inout [String], depth: Int) {
        let indent = String(repeating: "  ", count: depth)
        func names(_ plan: LogicalPlan) -> [String] { plan.schema.map(\.name) }
        switch self {
        case .scan(let table, let schema):
            lines.append(indent + "scan \(ExprText.name(table)): " + schema.map { ExprText.name($0.name) }.joined(separator: ", "))
        case .filter(let child, let predicate):
            lines.append(indent + "filter " + ExprText.render(predicate, names: names(child)))
            child.appendExplain(to: &lines, depth: depth + 1)
        case .project(let child, let columns):
            let input = names(child)
            let items = columns.map { column -> String in
                if case .column(let index, _) = column.expr, ExprText.name(at: index, in: input) == ExprText.name(column.name) {
                    return ExprText.name(column.name)
                }
                return ExprText.name(column.name) + " = " + ExprText.render(column.expr, names: input)
            }
            lines.append(indent + "project " + items.joined(separator: ", "))
            child.appendExplain(to: &lines, depth: depth + 1)
        case .aggregate(let child, let keys, let aggregates):
            let input = names(child)
            let keyText = keys.isEmpty ? "" : " by " + keys.map { ExprText.name(at: $0, in: input) }.joined(separator: ", ")
            let items = aggregates.map { ExprText.name($0.name) + " = " + ExprText.aggregate($0, names: input) }
            lines.append(indent + "aggregate" + keyText + ": " + items.joined(separator: ", "))
            child.appendExplain(to: &lines, depth: depth + 1)
        case .sort(let child, let keys):
            let input = names(child)
            lines.append(indent + "sort " + keys.map { ExprText.name(at: $0.column, in: input) + ($0.descending ? " desc" : "") }
                .joined(separator: ", "))
            child.appendExplain(to: &lines, depth: depth + 1)
        case .limit(let child, let count):
            lines.append(indent + "limit \(count)")
            child.appendExplain(to: &lines, depth: depth + 1)
        case .distinct(let child):
            lines.append(indent + "distinct")
            child.appendExplain(to: &lines, depth: depth + 1)
        case .join(let left, let right, let leftKeys, let rightKeys, let kind):
            let leftNames = names(left)
            let rightNames = names(right)
            let keys = zip(leftKeys, rightKeys).map { pair -> String in
                let leftName = ExprText.name(at: pair.0, in: leftNames)
                let rightName = ExprText.name(at: pair.1, in: rightNames)
                return leftName == rightName ? leftName : leftName + " = " + rightName
            }
            lines.append(indent + (kind == .left ? "left join on " : "join on ") + keys.joined(separator: ", "))
            left.appendExplain(to: &lines, depth: depth + 1)
            right.appendExplain(to: &lines, depth: depth + 1)
        case .duplicates(let child, let keys):
            let input = names(child)
            lines.append(indent + "duplicates by " + keys.map { ExprText.name(at: $0, in: input) }.joined(separator: ", "))
            child.appendExplain(to: &lines, depth: depth + 1)
        case .rfm(let child, let spec):
            lines.append(indent + spec.explain(names: names(child)))
            child.appendExplain(to: &lines, depth: depth + 1)
        case .abc(let child, let spec):
            lines.append(indent + spec.explain(names: names(child)))
            child.appendExplain(to: &lines, depth: depth + 1)
        case .score(let child, let spec):
            lines.append(indent + spec.explain(names: names(child)))
            child.appendExplain(to: &lines, depth: depth + 1)
        case .cluster(let child, let spec):
            lines.append(indent + spec.explain(names: names(child)))
            child.appendExplain(to: &lines, depth: depth + 1)
        case .union(let first, let second):
            lines.append(indent + "union")
            first.appendExplain(to: &lines, depth: depth + 1)
            second.appendExplain(to: &lines, depth: depth + 1)
        }
    }
}

/// Bound expressions written back in the language's syntax, with column names.
enum ExprText {
    /// `name`, or `` `name` `` when it is not a plain identifier (spaces, symbols, leading digit).
    static func name(_ text: String) -> String {
        guard let first = text.first, first == "_" || first.isLetter,
              text.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) else {
            return "`" + text + "`"
        }
        return text
    }

    /// Column `index` of `names`, written as a name; `#index` when out of range (a malformed
    /// plan still prints rather than traps).
    static func name(at index: Int, in names: [String]) -> String {
        names.indices.contains(index) ? name(names[index]) : "#\(index)"
    }

    /// `sum(amount)`, `count()`, `quantile(amount, 0.9)`.
    static func aggregate(_ aggregate: NamedAggregate, names: [String]) -> String {
        let function = switch aggregate.function {
        case .count: "count"
        case .countDistinct: "count_distinct"
        case .sum: "sum"
        case .avg: "avg"
        case .min: "min"
        case .max: "max"
        case .median: "median"
        case .quantile: "quantile"
        case .share: "share"
        case .first: "first"
        case .last: "last"
        }
        var arguments = aggregate.argument.map { [name(at: $0, in: names)] } ?? []
        if case .quantile(let fraction) = aggregate.function { arguments.append(NumberText.double(fraction)) }
        return function + "(" + arguments.joined(separator: ", ") + ")"
    }

    static func render(_ expr: BoundExpr, names: [String]) -> String {
        text(expr, names: names).text
    }

    // Binding strength of what an expression renders to: or 1, and 2, not 3, comparisons 4,
    // + - 5, * / % 6, unary minus 7, atoms 8.
    private static func text(_ expr: BoundExpr, names: [String]) -> (text: String, precedence: Int) {
        func operand(_ child: BoundExpr, atLeast minimum: Int) -> String {
            let (childText, precedence) = text(child, names: names)
            return precedence >= minimum ? childText : "(" + childText + ")"
        }
        switch expr {
        case .column(let index, _):
            return (name(at: index, in: names), 8)
        case .literal(let value, let type):
            return (literal(value, type), 8)
        case .negate(let child):
            return ("-" + operand(child, atLeast: 7), 7)
        case .not(let child):
            return ("not " + operand(child, atLeast: 3), 3)
        case .arithmetic(let op, let left, let right, _, _):
            let precedence = op == .add || op == .subtract ? 5 : 6
            return (operand(left, atLeast: precedence) + " \(op.rawValue) " + operand(right, atLeast: precedence + 1), precedence)
        case .comparison(let op, let left, let right):
            return (operand(left, atLeast: 5) + " \(op.rawValue) " + operand(right, atLeast: 5), 4)
        case .and(let left, let right):
            return (operand(left, atLeast: 2) + " and " + operand(right, atLeast: 3), 2)
        case .or(let left, let right):
            return (operand(left, atLeast: 1) + " or " + operand(right, atLeast: 2), 1)
        case .isNull(let child, let negated):
            return (operand(child, atLeast: 5) + (negated ? " is not null" : " is null"), 4)
        case .inList(let child, let values, let negated):
            let list = "[" + values.map { literal($0, child.type) }.joined(separator: ", ") + "]"
            return (operand(child, atLeast: 5) + (negated ? " not in " : " in ") + list, 4)
        case .inSegment(let child, let members, let negated):
            let keys = "(\(members.keys.count) \(members.keys.count == 1 ? "key" : "keys"))"
            return (operand(child, atLeast: 5) + (negated ? " not in " : " in ") + members.label + " " + keys, 4)
        case .caseWhen(let arms, let otherwise, _):
            var parts = arms.map { render($0.condition, names: names) + " => " + render($0.value, names: names) }
            parts.append("_ => " + render(otherwise, names: names))
            return ("(case " + parts.joined(separator: ", ") + ")", 8)
        case .cast(let child, let type):
            return ("cast(" + render(child, names: names) + " as \(type))", 8)
        case .function(let function, let arguments, _, _):
            return (function.rawValue + "(" + arguments.map { render($0, names: names) }.joined(separator: ", ") + ")", 8)
        }
    }

    /// A constant as it would be written: strings quoted and escaped, dates bare.
    static func literal(_ value: Value, _ type: DataType) -> String {
        switch value {
        case .null:
            return "null"
        case .string(let text):
            var escaped = ""
            for character in text {
                switch character {
                case "\"": escaped += "\\\""
                case "\\": escaped += "\\\\"
                case "\n": escaped += "\\n"
                case "\t": escaped += "\\t"
                default: escaped.append(character)
                }
            }
            return "\"" + escaped + "\""
        case .timestamp:
            return "\"" + value.description + "\""
        default:
            return value.description
        }
    }
}
