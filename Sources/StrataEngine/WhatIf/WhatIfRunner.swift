import StrataCore
import StrataLang

/// Runs a `whatif` sweep: checks the request before anything runs, then evaluates it by the
/// fast path (``WhatIfFastPath``) when the pipeline allows, else once per value.
struct WhatIfRunner {
    let request: WhatIf
    /// A binder for the session's tables (no parameters set).
    let binder: Binder
    let execute: (LogicalPlan) throws -> Table
    /// `(sum COL)`
    let sumColumn: Name?
    /// `(chart off)` hides the bar chart.
    let chart: Bool

    init(request: WhatIf, binder: Binder, execute: @escaping (LogicalPlan) throws -> Table) throws(Diagnostic) {
        self.request = request
        self.binder = binder
        self.execute = execute
        var sumColumn: Name?
        var chart = true
        for item in request.options {
            switch item.name.text {
            case "sum":
                guard case .word(let name) = item.value else {
                    throw Diagnostic("expected a column after sum: (sum monetary)", at: .statement(item.name.range))
                }
                sumColumn = name
            case "chart":
                guard case .word(let word) = item.value, ["on", "off"].contains(word.text) else {
                    throw Diagnostic("expected on or off after chart: (chart off)", at: .statement(item.name.range))
                }
                chart = word.text == "on"
            default:
                throw Diagnostic("unknown whatif option \"\(item.name.text)\"." + Suggestion.phrase(for: item.name.text, among: ["sum", "chart"]),
                                 at: .statement(item.name.range))
            }
        }
        self.sumColumn = sumColumn
        self.chart = chart
        try validate()
    }

    /// Unused parameters and parameters named like a source column are refused up front.
    func validate() throws(Diagnostic) {
        let sourceSchema = try binder.bind(request.pipeline.source).schema
        for parameter in request.parameters {
            if sourceSchema.contains(where: { $0.name == parameter.name.text }) {
                throw Diagnostic("parameter \(parameter.name.text) has the name of a column of the source: choose another name",
                                 at: .statement(parameter.name.range))
            }
            guard WhatIfNames.pipeline(request.pipeline, uses: parameter.name.text) else {
                throw Diagnostic("parameter \(parameter.name.text) is not used in the pipeline",
                                 at: .statement(parameter.name.range))
            }
        }
    }

    /// Every combination of parameter values, the first parameter varying slowest.
    var combinations: [[StrataLang.Literal]] {
        var result: [[StrataLang.Literal]] = [[]]
        for parameter in request.parameters {
            result = result.flatMap { prefix in parameter.values.map { prefix + [$0] } }
        }
        return result
    }

    /// A binder with the parameters of one run set.
    func binder(for values: [StrataLang.Literal]) -> Binder {
        var binder = self.binder
        for (parameter, value) in zip(request.parameters, values) { binder.parameters[parameter.name.text] = value }
        return binder
    }

    /// The bound value of each parameter literal, for the result table.
    func boundValues(_ values: [StrataLang.Literal]) throws(Diagnostic) -> [Value] {
        var result: [Value] = []
        for (parameter, value) in zip(request.parameters, values) {
            guard case .literal(let bound, _) = try binder.bindLiteral(value, parameter.valuesRange) else { return [] }
            result.append(bound)
        }
        return result
    }

    /// A parameter value as written.
    static func text(_ literal: StrataLang.Literal) -> String {
        switch literal {
        case .number(let text), .date(let text): text
        case .string(let text): "\"\(text)\""
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        }
    }

    /// The sweep: fast when possible, else plain.
    func run() throws -> WhatIfResult {
        switch try WhatIfFastPath.plan(self) {
        case .fast(let fast): return try fast.run(self)
        case .plain(let reason): return try runPlain(reason: reason)
        }
    }

    /// Binds and runs the pipeline once per combination.
    /// - Complexity: one pipeline run per combination.
    func runPlain(reason: String) throws -> WhatIfResult {
        let sourceRows = try execute(try binder.bind(request.pipeline.source)).rowCount
        var result = WhatIfResult(parameterNames: request.parameters.map(\.name.text), combinations: [], counts: [],
                                  sourceRows: sourceRows, money: nil, sums: [], countName: "rows", path: .plain(reason))
        for (index, values) in combinations.enumerated() {
            try Cancellation.check()
            let plan = try binder(for: values).bind(request.pipeline)
            if index == 0 {
                result.money = try WhatIfSum.moneyField(in: plan.schema, chosen: sumColumn)
                result.countName = WhatIfSum.countName(for: plan.schema)
            }
            let table: Table
            do {
                table = try execute(plan)
            } catch var diagnostic as Diagnostic {
                // A runtime error (division by zero, overflow) names the run it happened in.
                let setting = zip(request.parameters, values).map { "\($0.name.text) = \(WhatIfRunner.text($1))" }.joined(separator: ", ")
                diagnostic.notes.append("note: in the run with \(setting)")
                throw diagnostic
            }
            result.combinations.append(try boundValues(values))
            result.counts.append(table.rowCount)
            if let money = result.money, let column = table.column(named: money.name) {
                result.sums.append(try WhatIfSum.total(column, name: money.name, range: sumColumn?.range ?? request.pipeline.range))
            }
        }
        return result
    }
}
