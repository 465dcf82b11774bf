import StrataCore
import StrataLang
@testable import StrataEngine

/// Runs pipelines over in-memory tables with rule files from a dictionary (no disk).
struct ScoringHarness {
    var catalog = Catalog()
    var files: [String: String] = [:]
    /// 2026-06-30, as in every engine test.
    static let asOf = CivilDate(year: 2026, month: 6, day: 30).days

    init(_ tables: [String: Table], files: [String: String] = [:]) {
        for (name, table) in tables.sorted(by: { $0.key < $1.key }) { catalog.set(name, table) }
        self.files = files
    }

    func plan(_ text: String) throws -> LogicalPlan {
        guard case .show(let pipeline) = try Parser.parse(text) else { throw Diagnostic("not a pipeline: \(text)") }
        var binder = Binder(catalog: catalog, asOf: ScoringHarness.asOf)
        let files = self.files
        binder.readFile = { path, range throws(Diagnostic) in
            guard let text = files[path] else { throw Diagnostic("rules file \"\(path)\" not found", at: .statement(range)) }
            return text
        }
        return try binder.bind(pipeline)
    }

    /// The result table and what the operators reported.
    func run(_ text: String) throws -> (table: Table, context: ExecutionContext) {
        let context = ExecutionContext()
        let catalog = self.catalog
        let table = try Executor(tables: { catalog[$0] }, context: context).run(try plan(text))
        return (table, context)
    }

    /// The error as the REPL shows it, or "no error".
    func error(_ text: String) -> String {
        do {
            _ = try run(text)
            return "no error"
        } catch let diagnostic as Diagnostic {
            return diagnostic.render(source: text)
        } catch {
            return "unexpected error: \(error)"
        }
    }

    /// Events `(customer, days before the as-of date, kind)` as a table `customer_id, date, kind`.
    static func events(_ rows: [(Int64?, Int32?, String?)]) -> Table {
        Table([
            ("customer_id", Columns.int(rows.map(\.0))),
            ("date", Columns.date(rows.map { $0.1.map { asOf - $0 } })),
            ("kind", Columns.string(rows.map(\.2))),
        ])
    }

    /// The brief's rule set (§4), as shipped in notebooks/rules/lead_scoring.csv.
    static let briefRules = """
        # comment
        kind,points,cap,note
        注册线索,10,,registered as a lead
        留电话,10,,left a phone number
        白皮书,5,,downloaded a white paper
        活动,15,,attended an event
        官网访问,2,,product page visit (each)

        """
}
