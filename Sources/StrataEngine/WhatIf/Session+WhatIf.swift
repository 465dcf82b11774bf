import StrataCore
import StrataLang

extension Session {
    /// `whatif PIPELINE for P in …`: the sweep table, and in table mode a bar chart under it.
    func runWhatIf(_ request: WhatIf) throws -> Outcome {
        let runner = try whatIfRunner(request)
        if runner.endsInSingleKeyGroup {
            return Outcome(output: Renderer.render(try runner.runGrouped().table, options: settings.render))
        }
        let result = try runner.run()
        var text = Renderer.render(WhatIfTable.table(result), options: settings.render)
        if settings.render.mode == .table, runner.chart {
            text += WhatIfChart.render(result)
        }
        return Outcome(output: text)
    }

    /// `.explain whatif …`: which evaluation path the sweep takes, and why.
    func explainWhatIf(_ request: WhatIf) throws -> String {
        let runner = try whatIfRunner(request)
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
        return try WhatIfRunner(request: request, binder: binder) { [unowned self] plan in try self.execute(plan) }
    }
}
