import Foundation
import StrataCore
import StrataLang

extension Session {
    /// Executes a parsed statement.
    func run(_ statement: Statement) throws -> Outcome {
        switch statement {
        case .load(let name, let path, let pathRange, let options):
            return try load(name: name, path: path, pathRange: pathRange, options: options)
        case .describe(let pipeline):
            let profile = Describe.profile(try evaluate(pipeline), asOf: settings.asOf)
            return Outcome(output: Renderer.render(profile, options: settings.render))
        case .assign(let name, let pipeline):
            let table = try evaluate(pipeline)
            catalog.set(name.text, table)
            segmentation.remember(name.text)
            segments.recordDerived(name.text, from: pipeline)
            return .notice(Session.summary(name.text, table) + "\n")
        case .show(let pipeline):
            return Outcome(output: Renderer.render(try evaluate(pipeline), options: settings.render))
        case .assert(let condition):
            return try runAssert(condition)
        case .whatif(let request):
            return try runWhatIf(request)
        case .segment(let command):
            return try runSegment(command)
        case .export(let pipeline, let path, let pathRange, let options):
            return try runExport(pipeline, path: path, pathRange: pathRange, options: options)
        }
    }

    /// Binds a pipeline against the session's tables (checking names and types) and runs it.
    func evaluate(_ pipeline: Pipeline) throws -> Table {
        try execute(plan(pipeline))
    }

    /// The logical plan of a pipeline, as of the session's `.asof` date.
    func plan(_ pipeline: Pipeline) throws(Diagnostic) -> LogicalPlan {
        var binder = Binder(catalog: catalog, asOf: settings.asOf)
        binder.schemes = segmentation.schemes
        binder.readFile = { [unowned self] path, range throws(Diagnostic) in try self.readRuleFile(path, at: range) }
        binder.segmentMembers = { [unowned self] reference throws(Diagnostic) in try self.segmentMembers(reference) }
        return try binder.bind(pipeline)
    }

    func execute(_ plan: LogicalPlan) throws -> Table {
        let catalog = self.catalog
        let context = ExecutionContext()
        defer { segmentation.absorb(context) }
        return try Executor(tables: { catalog[$0] }, context: context).run(plan)
    }

    /// `load NAME from "path" (options)`: the table is replaced only when the whole file loaded.
    func load(name: Name, path: String, pathRange: Range<Int>, options items: [OptionItem]) throws -> Outcome {
        var options = try LoadOptions.csvOptions(from: items)
        options.tableName = name.text
        let result: CSVLoadResult
        do {
            let resolved = try accessiblePath(path, at: pathRange)
            try checkMemory(toLoad: resolved, displayPath: path)
            result = try CSVReader.load(path: resolved, displayPath: path, options: options)
        } catch let diagnostic as Diagnostic where diagnostic.location == nil {
            throw Diagnostic(diagnostic.message, at: .statement(pathRange), notes: diagnostic.notes)
        }
        catalog.set(name.text, result.table)
        segments.recordLoad(name.text, path: path, resolvedPath: resolve(path: path), rows: result.table.rowCount)
        var lines = ["\(Session.summary(name.text, result.table)) from \(path) (\(result.encoding))"]
        lines += result.warnings.map { "  warning: \($0)" }
        if let rejects = result.rejects {
            let rejectsName = name.text + "_rejects"
            catalog.set(rejectsName, rejects)
            lines.append("  \(NumberText.integer(Int64(rejects.rowCount), grouped: true)) rejected "
                + (rejects.rowCount == 1 ? "value" : "values") + " kept in \(rejectsName)")
        }
        return .notice(lines.joined(separator: "\n") + "\n")
    }

    /// Refuses a file that cannot fit: reading it takes its size, and the typed columns built
    /// from it up to half as much again (more than that only for text that barely repeats).
    private func checkMemory(toLoad path: String, displayPath: String) throws(Diagnostic) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.intValue else { return }
        try MemoryBudget.check(size + size / 2, for: "loading \(displayPath) (\(MemoryBudget.format(size)))",
                               advice: "Load a smaller extract, or close programs that hold memory.")
    }

    /// `orders: 21,437 rows × 5 columns`
    static func summary(_ name: String, _ table: Table) -> String {
        "\(name): \(NumberText.count(table.rowCount, "row")) × \(NumberText.count(table.columnCount, "column"))"
    }
}

extension Session {
    /// `.explain PIPELINE`: the result's columns with their types, then the bound plan as
    /// text. `offset` places the pipeline in the command line so error carets land under the
    /// right characters.
    func explain(_ text: String, offset: Int) throws -> String {
        do {
            let statement = try Parser.parse(text)
            if case .whatif(let request) = statement { return try explainWhatIf(request) }
            guard case .show(let pipeline) = statement else {
                throw Diagnostic("Usage: .explain PIPELINE, e.g. .explain orders | where amount > 100")
            }
            let bound = try plan(pipeline)
            let columns = bound.schema.map { ExprText.name($0.name) + " " + $0.type.description }
            return "result: " + columns.joined(separator: ", ") + "\n" + bound.explain()
        } catch let diagnostic as Diagnostic {
            throw diagnostic.shifted(by: offset)
        }
    }
}
