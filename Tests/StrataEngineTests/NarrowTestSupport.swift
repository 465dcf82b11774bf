import Foundation
import StrataCore
import Testing
@testable import StrataEngine

/// Shared checks of narrow storage (``Column/narrowed()``): the same statements print the same
/// outputs, and the same export writes the same file, whether tables are narrow or wide.
enum NarrowTest {
    /// The outputs of `statements` in a fresh session (as of 2026-06-30, render `mode`) over
    /// tables `o` and `c`; a failed statement gives `error: …`.
    static func run(_ statements: [String], _ orders: Table, _ customers: Table, mode: String) -> [String] {
        run(statements, tables: [("o", orders), ("c", customers)], mode: mode)
    }

    /// The outputs of `statements` over the named tables (as of 2026-06-30, render `mode`).
    static func run(_ statements: [String], tables: [(String, Table)], mode: String = "table") -> [String] {
        let session = Session(workingDirectory: "/")
        _ = session.execute(".asof 2026-06-30")
        _ = session.execute(".mode \(mode)")
        for (name, table) in tables { session.catalog.set(name, table) }
        return statements.map { statement in
            let outcome = session.execute(statement)
            return outcome.succeeded ? outcome.output : "error: \(outcome.error)"
        }
    }

    /// Expects every statement to succeed on the wide tables and to print the same in table and
    /// csv mode with narrow tables on both sides, and narrow meeting wide on either side.
    static func expectSameOutputs(_ statements: [String], orders: Table, customers: Table, seed: UInt64) {
        let narrowOrders = orders.narrowed(), narrowCustomers = customers.narrowed()
        for mode in ["table", "csv"] {
            let wide = run(statements, orders, customers, mode: mode)
            for (index, output) in wide.enumerated() {
                #expect(!output.hasPrefix("error:") && !output.isEmpty, "\(statements[index]): \(output)")
            }
            for (left, right) in [(narrowOrders, narrowCustomers), (narrowOrders, customers), (orders, narrowCustomers)] {
                let narrow = run(statements, left, right, mode: mode)
                for (index, statement) in statements.enumerated() {
                    #expect(narrow[index] == wide[index], "seed \(seed) \(mode): \(statement)")
                }
            }
        }
    }

    /// The files `export` writes for `orders` and for its narrowed copy (`statement(n)` exports
    /// table `o` to `out<n>.csv`).
    static func exportedFiles(_ orders: Table, customers: Table, statement: (Int) -> String) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("narrow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for (index, table) in [orders, orders.narrowed()].enumerated() {
            let session = Session(workingDirectory: folder.path)
            session.catalog.set("o", table)
            session.catalog.set("c", customers)
            let outcome = session.execute(statement(index))
            #expect(outcome.succeeded, "\(outcome.error)")
            files.append(try String(contentsOf: folder.appendingPathComponent("out\(index).csv"), encoding: .utf8))
        }
        return files
    }
}
