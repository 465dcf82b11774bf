import StrataCore
import StrataLang
@testable import StrataEngine

/// Schemas the binder tests bind against (no data: the binder never reads any).
struct BinderTestCatalog: SchemaCatalog {
    static let orders: [Field] = [
        Field(name: "order_id", type: .int64), Field(name: "customer_id", type: .int64),
        Field(name: "order_date", type: .date), Field(name: "amount", type: .decimal(scale: 2)),
        Field(name: "category", type: .string),
    ]
    static let customers: [Field] = [
        Field(name: "customer_id", type: .int64), Field(name: "name", type: .string),
        Field(name: "region", type: .string), Field(name: "last_contact_date", type: .date),
        Field(name: "signup", type: .timestamp), Field(name: "vip", type: .bool),
        Field(name: "score", type: .double),
    ]

    let tables: [String: [Field]] = [
        "orders": orders,
        "customers": customers,
        // Same columns as orders, amounts in whole yuan: union widens them.
        "orders2024": orders.map { $0.name == "amount" ? Field(name: "amount", type: .int64) : $0 },
        "accounts": [Field(name: "customer_id", type: .string), Field(name: "spent", type: .decimal(scale: 2))],
        "ledger": [Field(name: "customer_id", type: .decimal(scale: 0)), Field(name: "balance", type: .decimal(scale: 2))],
        "客户 名单": [Field(name: "客户", type: .string), Field(name: "消费 金额", type: .decimal(scale: 2))],
    ]

    func schema(of table: String) -> [Field]? { tables[table] }

    var tableNames: [String] { tables.keys.sorted() }
}

enum BinderTest {
    /// The analysis date of every test: 2026-06-30.
    static let asOf = CivilDate(year: 2026, month: 6, day: 30).days

    static var binder: Binder { Binder(catalog: BinderTestCatalog(), asOf: asOf) }

    /// Parses and binds a bare pipeline.
    static func plan(_ text: String) throws -> LogicalPlan {
        guard case .show(let pipeline) = try Parser.parse(text) else {
            throw Diagnostic("not a pipeline: \(text)")
        }
        return try binder.bind(pipeline)
    }

    /// The bound form of `expression` over `table` (bound as `derive x = expression`).
    static func bound(_ expression: String, in table: String = "orders") throws -> BoundExpr {
        guard case .project(_, let columns) = try plan("\(table) | derive x = \(expression)"),
              let last = columns.last else {
            throw Diagnostic("derive did not bind to a project")
        }
        return last.expr
    }

    /// The error as the REPL shows it (message, line, caret), or "no error".
    static func error(_ text: String) -> String {
        do {
            _ = try plan(text)
            return "no error"
        } catch let diagnostic as Diagnostic {
            return diagnostic.render(source: text)
        } catch {
            return "unexpected error: \(error)"
        }
    }

    /// Column names and types, as `name: type` strings.
    static func schema(_ plan: LogicalPlan) -> [String] {
        plan.schema.map { "\($0.name): \($0.type)" }
    }

    static func column(_ name: String, in fields: [Field] = BinderTestCatalog.orders) -> BoundExpr {
        let index = fields.firstIndex { $0.name == name } ?? -1
        return .column(index, fields[index].type)
    }
}
