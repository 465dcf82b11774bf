import StrataCore
import Testing
@testable import StrataEngine

/// `concat(a, b, …)` against a row-by-row model: each argument's text as `Value.description`
/// writes it, nulls adding nothing.
@Suite struct ConcatTests {
    /// `o`: `id`, `cat` (4 texts and nulls), `name` (`distinct` texts), `amount` decimal(2),
    /// `day`, `flag`, `score` (each with nulls).
    static func table(rows: Int, distinct: Int, seed: UInt64) -> Table {
        var random = TestRandom(seed: seed)
        var columns: [String: [Value]] = [:]
        for row in 0..<rows {
            columns["id", default: []].append(.int(Int64(row)))
            columns["cat", default: []].append(random.chance(10) ? .null : .string(["家电", "数码", "A-", ""][random.below(4)]))
            columns["name", default: []].append(.string("客户\(random.below(distinct))"))
            columns["amount", default: []].append(random.chance(10) ? .null : .decimal(Int64(random.int(-9_999...99_999)), scale: 2))
            columns["day", default: []].append(random.chance(10) ? .null : .date(20_000 + Int32(random.below(500))))
            columns["flag", default: []].append(random.chance(10) ? .null : .bool(random.chance(50)))
            columns["score", default: []].append(random.chance(10) ? .null : .double(Double(random.int(0...1000)) / 8))
        }
        let types: [String: DataType] = ["id": .int64, "cat": .string, "name": .string, "amount": .decimal(scale: 2),
                                         "day": .date, "flag": .bool, "score": .double]
        return Table(["id", "cat", "name", "amount", "day", "flag", "score"].map { name in
            (name, WhatIfTable.column(columns[name] ?? [], type: types[name]))
        })
    }

    /// The `k` column of `o | derive k = EXPRESSION | select k`, one text per row (CSV mode).
    static func derived(_ expression: String, _ table: Table) -> [String] {
        let output = NarrowTest.run(["o | derive k = \(expression) | select k"], tables: [("o", table)], mode: "csv")[0]
        // CSV writes the empty text as "" (an empty field is null).
        return output.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast()
            .map { $0 == "\"\"" ? "" : String($0) }
    }

    static func model(_ table: Table, _ parts: [String], rows: Int) -> [String] {
        (0..<rows).map { row in
            parts.map { part in
                if part.hasPrefix("\"") { return String(part.dropFirst().dropLast()) }
                return table.column(named: part)?.value(at: row).description ?? "?"
            }.joined()
        }
    }

    @Test(arguments: [(300, 40, 1), (3_000, 2_900, 2)] as [(Int, Int, UInt64)])
    func everyRowReadsAsItsArgumentsJoined(rows: Int, distinct: Int, seed: UInt64) {
        // 3,000 ids × 2,900 names: more pairs than the dense table takes (the hash map's case).
        let table = ConcatTests.table(rows: rows, distinct: distinct, seed: seed)
        for parts in [["cat", "\"-\"", "name"], ["id", "name"], ["name", "\"/\"", "amount", "day", "flag", "score", "cat"],
                      ["\"x\""], ["amount"]] {
            let expression = "concat(" + parts.joined(separator: ", ") + ")"
            let got = ConcatTests.derived(expression, table)
            let expected = ConcatTests.model(table, parts, rows: rows)
            #expect(got.count == rows, "\(expression)")
            // CSV quotes texts with quotes or commas only; these have none.
            #expect(got == expected, "\(expression): first difference at row \(got.indices.first { $0 < expected.count && got[$0] != expected[$0] } ?? -1)")
        }
    }

    @Test func nullsAddNothingAndAllNullsGiveTheEmptyText() {
        let table = ConcatTests.table(rows: 50, distinct: 5, seed: 3)
        #expect(Set(ConcatTests.derived("concat(null)", table)) == [""])
        #expect(ConcatTests.derived("concat(null, \"a\", null)", table) == Array(repeating: "a", count: 50))
        let output = NarrowTest.run(["o | derive k = concat(cat) | where k is null | count"], tables: [("o", table)])[0]
        #expect(output.contains("0"), "concat never gives null: \(output)")
    }

    @Test func argumentCountIsChecked() {
        let output = NarrowTest.run(["o | derive k = concat()"], tables: [("o", ConcatTests.table(rows: 5, distinct: 2, seed: 4))])[0]
        #expect(output.contains("concat takes one or more arguments: concat(a, b, …)"), "\(output)")
    }
}
