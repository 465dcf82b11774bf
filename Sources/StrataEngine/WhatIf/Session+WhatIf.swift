import StrataCore
import StrataLang

extension Session {
    /// `whatif PIPELINE for P in …` (the sweep table; in table mode a bar chart under it, or
    /// heat tables for a grid), `whatif … compare …` and `whatif … movers …`. Warnings come
    /// first. `let NAME = whatif …` keeps the result table instead of printing it.
    func runWhatIf(_ request: WhatIf) throws -> Outcome {
        let runner = try whatIfRunner(request)
        var warnings = runner.warnings
        let table: Table
        var picture: String?
        var chartAfterTable = ""
        let drawing = settings.render.mode == .table && runner.chart
        if let comparison = request.comparison {
            if comparison.kind == .movers, let sum = runner.sumColumn {
                throw Diagnostic("movers lists the rows themselves; (sum COL) applies to compare and sweeps",
                                 at: .statement(sum.range))
            }
            let sides = try runner.runSides()
            table = comparison.kind == .movers
                ? try WhatIfCompare.movers(sides, range: request.range)
                : try WhatIfCompare.table(sides, by: comparison.by, money: runner.sumColumn, range: request.range)
        } else if runner.endsInSingleKeyGroup {
            let groups = try runner.runGrouped()
            table = groups.table
            if drawing { chartAfterTable = WhatIfGroupChart.render(groups) }
        } else {
            let result = try runner.run()
            if let warning = WhatIfRunner.sameResultWarning(result) { warnings.append(warning) }
            table = WhatIfTable.table(result)
            if drawing {
                // A grid reads best as heat tables; the long form stays for the piping modes.
                if request.parameters.count == 2 { picture = WhatIfHeat.render(result) }
                if picture == nil { chartAfterTable = WhatIfChart.render(result) }
            }
        }
        let warningText = warnings.map { "warning: \($0)\n" }.joined()
        if let target = request.target {
            catalog.set(target.text, table)
            segmentation.remember(target.text)
            return .notice(warningText + Session.summary(target.text, table) + "\n")
        }
        let text = picture ?? (Renderer.render(table, options: settings.render) + chartAfterTable)
        if settings.render.mode == .table { return Outcome(output: warningText + text) }
        // Piped data stays clean: warnings go to standard error.
        return Outcome(output: text, error: warningText)
    }

    /// `.explain whatif …`: which evaluation path the sweep takes, and why; for a comparison,
    /// how rows are matched.
    func explainWhatIf(_ request: WhatIf) throws -> String {
        let runner = try whatIfRunner(request)
        if request.comparison != nil {
            if runner.preservesSourceRows {
                return "whatif: two runs; rows match by their source row (the pipeline only filters, derives, selects, sorts or limits)"
            }
            let schema = try runner.binder(for: runner.sides.left).bind(request.pipeline).schema
            return "whatif: two runs; rows match by the result's first column \(schema.first?.name ?? "") "
                + "(it must be a key: no nulls, no repeats)"
        }
        if runner.endsInSingleKeyGroup {
            return "whatif: plain path, the pipeline runs once per value (it ends in group: one column per group value)"
        }
        switch try WhatIfFastPath.plan(runner) {
        case .fast(let fast): return "whatif: fast path — \(fast.summary)"
        case .plain(let reason): return "whatif: plain path, the pipeline runs once per value (\(reason))"
        }
    }

    func whatIfRunner(_ request: WhatIf) throws -> WhatIfRunner {
        var binder = Binder(catalog: catalog, asOf: settings.asOf)
        binder.schemes = segmentation.schemes
        binder.readFile = { [unowned self] path, range throws(Diagnostic) in try self.readRuleFile(path, at: range) }
        binder.segmentMembers = { [unowned self] reference throws(Diagnostic) in try self.segmentMembers(reference) }
        return try WhatIfRunner(request: request, binder: binder) { [unowned self] plan in try self.execute(plan) }
    }
}
