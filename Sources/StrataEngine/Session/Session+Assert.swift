import StrataCore
import StrataLang

/// `assert CONDITION`: a check that must hold when a notebook is replayed on fresh data.
///
/// Aggregates over pipelines are measured first, each to one value:
/// - `count(P)`: rows of `P`; `share(P)`: rows of `P` / rows of `P`'s source table;
/// - `sum(P, col)`, `avg`, `min`, `max`, `median`, `count_distinct`: the aggregate of
///   column `col` of `P`'s result (`P` may be a bare table name: `sum(orders, amount)`).
/// The condition is then bound over those values (a one-row table) and evaluated. A false
/// or null condition is an error naming the expression and the values it saw:
/// `assert failed: count(r | where tier == "A") = 1,301, expected between 100 and 200`.
extension Session {
    /// Aggregates that take a column after the pipeline.
    static let assertColumnAggregates = ["sum", "avg", "min", "max", "median", "count_distinct"]

    func runAssert(_ condition: Expr) throws -> Outcome {
        var measured = MeasuredValues()
        let rewritten = try measure(condition, into: &measured)
        let table = measured.table()
        let binder = Binder(catalog: catalog, asOf: settings.asOf)
        let bound = try binder.bindCondition(rewritten, schema: table.fields, message: "assert needs a condition")
        let result = try ExpressionEvaluator.evaluate(bound, on: table).value(at: 0)
        if case .bool(true) = result { return Outcome() }
        let detail = try failureDetail(rewritten, table: table, binder: binder, measured: measured)
        let nullNote = result.isNull ? " (the condition is null)" : ""
        throw Diagnostic("assert failed: " + detail + nullNote, at: .statement(condition.range))
    }

    /// `expr` with every pipeline aggregate replaced by a column of the measured table.
    private func measure(_ expr: Expr, into measured: inout MeasuredValues) throws -> Expr {
        switch expr {
        case .call(let name, let arguments, let range):
            if let value = try measureAggregate(name, arguments, range) {
                return .name(Name(measured.add(value, text: text(of: range)), range))
            }
            var rewritten: [Expr] = []
            for argument in arguments { rewritten.append(try measure(argument, into: &measured)) }
            return .call(name, rewritten, range)
        case .unary(let op, let operand, let range):
            return .unary(op, try measure(operand, into: &measured), range)
        case .binary(let op, let left, let right, let range):
            return .binary(op, try measure(left, into: &measured), try measure(right, into: &measured), range)
        case .inList(let operand, let items, let negated, let range):
            var rewritten: [Expr] = []
            for item in items { rewritten.append(try measure(item, into: &measured)) }
            return .inList(try measure(operand, into: &measured), rewritten, negated: negated, range)
        case .between(let operand, let low, let high, let negated, let range):
            return .between(try measure(operand, into: &measured), low: try measure(low, into: &measured),
                            high: try measure(high, into: &measured), negated: negated, range)
        case .isNull(let operand, let negated, let range):
            return .isNull(try measure(operand, into: &measured), negated: negated, range)
        case .caseWhen(let arms, let otherwise, let range):
            var rewritten: [CaseArm] = []
            for arm in arms {
                rewritten.append(CaseArm(condition: try measure(arm.condition, into: &measured),
                                         value: try measure(arm.value, into: &measured)))
            }
            return .caseWhen(rewritten, otherwise: try otherwise.map { try measure($0, into: &measured) }, range)
        case .name(let name) where catalog[name.text] != nil:
            throw Diagnostic("\(name.text) is a table: assert count(\(name.text)) > 0, or sum(\(name.text), column)",
                             at: .statement(name.range))
        case .name, .literal, .pipeline:
            // A stray pipeline is reported by the binder ("only allowed as the argument of …").
            return expr
        }
    }

    /// The value of `count(P)`, `share(P)` or `f(P, column)`; nil when the call is not one.
    private func measureAggregate(_ name: Name, _ arguments: [Expr], _ range: Range<Int>) throws -> Column? {
        let measures = name.text == "count" || name.text == "share" || Session.assertColumnAggregates.contains(name.text)
        if measures, case .name(let table) = arguments.first, catalog[table.text] == nil {
            // In assert a bare name in count(…) can only be a table: say which one is missing.
            _ = try catalog.table(table.text, at: table.range)
        }
        guard let first = arguments.first, let pipeline = assertPipeline(first) else { return nil }
        switch name.text {
        case "count", "share":
            guard arguments.count == 1 else {
                throw Diagnostic("\(name.text) takes one pipeline: \(name.text)(t | where …)", at: .statement(range))
            }
            let rows = Int64(try evaluate(pipeline).rowCount)
            if name.text == "count" { return Column(type: .int64, data: .int64([rows])) }
            let sourceRows = try evaluate(Pipeline(source: pipeline.source, verbs: [], range: pipeline.source.range)).rowCount
            let share = sourceRows == 0 ? Double.nan : Double(rows) / Double(sourceRows)
            return Column(type: .double, data: .double([share]), validity: sourceRows == 0 ? Bitmap(count: 1, value: false) : nil)
        case let function where Session.assertColumnAggregates.contains(function):
            guard arguments.count == 2 else {
                throw Diagnostic("\(function) takes a pipeline and a column: \(function)(t | where …, amount)",
                                 at: .statement(range))
            }
            // `P | group agg value = f(column)`: one row, one column.
            let aggregate = Assignment(name: Name("value", range), expr: .call(name, [arguments[1]], range))
            let grouped = Pipeline(source: .pipeline(pipeline),
                                   verbs: [Verb(.group(keys: [], aggregates: [aggregate]), range)], range: range)
            let result = try evaluate(grouped)
            guard result.rowCount == 1, let column = result.columns.first else { return nil }
            return column
        default:
            return nil
        }
    }

    /// The pipeline a first argument stands for: `t | …`, or a bare table name.
    private func assertPipeline(_ argument: Expr) -> Pipeline? {
        switch argument {
        case .pipeline(let pipeline): pipeline
        case .name(let name) where catalog[name.text] != nil:
            Pipeline(source: .table(name), verbs: [], range: name.range)
        default: nil
        }
    }

    /// `left = 1,301, expected between 100 and 200`, or the condition and every measured value.
    private func failureDetail(_ condition: Expr, table: Table, binder: Binder, measured: MeasuredValues) throws -> String {
        func shown(_ expr: Expr) throws -> String {
            let value = try ExpressionEvaluator.evaluate(try binder.bind(expr, schema: table.fields), on: table).value(at: 0)
            return DisplayFormat.text(value, groupIntegers: true) ?? "null"
        }
        func isLiteral(_ expr: Expr) -> Bool {
            if case .literal = expr { return true }
            if case .unary(.negate, .literal, _) = expr { return true }
            return false
        }
        func withValue(_ expr: Expr) throws -> String {
            isLiteral(expr) ? text(of: expr.range) : "\(text(of: expr.range)) (= \(try shown(expr)))"
        }
        switch condition {
        case .between(let operand, let low, let high, let negated, _):
            return "\(text(of: operand.range)) = \(try shown(operand)), expected \(negated ? "not " : "")between "
                + "\(try withValue(low)) and \(try withValue(high))"
        case .binary(let op, let left, let right, _) where op.isComparison:
            return "\(text(of: left.range)) = \(try shown(left)), expected \(op.rawValue) \(try withValue(right))"
        default:
            let values = measured.labels.enumerated().map { index, label in
                "\(label) = " + (DisplayFormat.text(table.columns[index].value(at: 0), groupIntegers: true) ?? "null")
            }
            return text(of: condition.range) + (values.isEmpty ? "" : " (" + values.joined(separator: ", ") + ")")
        }
    }

    /// The characters of the current statement in `range`.
    func text(of range: Range<Int>) -> String {
        let characters = Array(currentStatement)
        let lower = min(max(range.lowerBound, 0), characters.count)
        let upper = min(max(range.upperBound, lower), characters.count)
        return String(characters[lower..<upper])
    }
}

/// Values measured over pipelines while checking an assert, as one row of named columns.
struct MeasuredValues {
    private(set) var labels: [String] = []
    private var columns: [(String, Column)] = []

    /// Adds a one-row column; returns the name the rewritten condition uses for it.
    mutating func add(_ column: Column, text: String) -> String {
        let name = "assert value \(columns.count + 1)"
        labels.append(text)
        columns.append((name, column))
        return name
    }

    /// One row holding every value (a placeholder column when there are none, so literals
    /// still evaluate over one row).
    func table() -> Table {
        columns.isEmpty ? Table([("row", Column(type: .int64, data: .int64([0])))]) : Table(columns)
    }
}
