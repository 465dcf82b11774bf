import StrataCore
import Testing
@testable import StrataEngine

@Suite("Evaluate strings and dates")
struct EvaluateStringDateTests {
    private let names = EvalFixture.table(
        EvalFixture.strings(["王芳", "李雷", "Alice", nil, "alice", "家电"]),
        EvalFixture.strings(["王芳", "Bob", "Alice", "x", "Zed", nil]))
    private let name = E.col(0, .string)

    private func eval(_ expr: BoundExpr, _ table: Table) throws -> [String] {
        EvalFixture.texts(try ExpressionEvaluator.evaluate(expr, on: table))
    }

    @Test func equalityUsesDictionaryCodes() throws {
        #expect(try ExpressionEvaluator.select(E.cmp(.equal, name, E.str("家电")), on: names) == [5])
        #expect(try ExpressionEvaluator.select(E.cmp(.equal, name, E.str("数码")), on: names) == [])
        #expect(try ExpressionEvaluator.select(E.cmp(.notEqual, name, E.str("数码")), on: names) == [0, 1, 2, 4, 5])
        #expect(try ExpressionEvaluator.select(E.cmp(.notEqual, E.str("王芳"), name), on: names) == [1, 2, 4, 5])
        #expect(try eval(E.cmp(.equal, name, E.str("李雷")), names) == ["false", "true", "false", "∅", "false", "false"])
    }

    @Test func orderIsByUnicodeScalars() throws {
        // "Alice" < "Bob" < "alice" < CJK, by code point.
        #expect(try ExpressionEvaluator.select(E.cmp(.less, name, E.str("Bob")), on: names) == [2])
        #expect(try ExpressionEvaluator.select(E.cmp(.greater, name, E.str("b")), on: names) == [0, 1, 5])
        #expect(try eval(E.cmp(.lessOrEqual, name, E.str("alice")), names) == ["false", "false", "true", "∅", "true", "false"])
        // Two columns with different dictionaries.
        let other = E.col(1, .string)
        #expect(try ExpressionEvaluator.select(E.cmp(.equal, name, other), on: names) == [0, 2])
        #expect(try ExpressionEvaluator.select(E.cmp(.less, name, other), on: names) == [])
        #expect(try eval(E.cmp(.greater, name, other), names) == ["false", "true", "false", "∅", "true", "∅"])
    }

    @Test func predicatesPerDictionaryEntry() throws {
        let contains = E.fn(.contains, [name, E.str("芳")], .bool)
        #expect(try ExpressionEvaluator.select(contains, on: names) == [0])
        #expect(try eval(contains, names) == ["true", "false", "false", "∅", "false", "false"])
        #expect(try ExpressionEvaluator.select(E.fn(.startsWith, [name, E.str("Al")], .bool), on: names) == [2])
        #expect(try ExpressionEvaluator.select(E.fn(.endsWith, [name, E.str("ce")], .bool), on: names) == [2, 4])
        #expect(try ExpressionEvaluator.select(E.fn(.contains, [name, E.str("")], .bool), on: names) == [0, 1, 2, 4, 5])
        #expect(try ExpressionEvaluator.select(.not(E.fn(.contains, [name, E.str("l")], .bool)), on: names) == [0, 1, 5])
        // Needle from another column: row by row.
        #expect(try eval(E.fn(.contains, [name, E.col(1, .string)], .bool), names) == ["true", "false", "true", "∅", "false", "∅"])
        let inList = BoundExpr.inList(name, [.string("家电"), .string("数码"), .string("Alice")], negated: false)
        #expect(try ExpressionEvaluator.select(inList, on: names) == [2, 5])
    }

    @Test func caseAndLength() throws {
        #expect(try eval(E.fn(.upper, [name], .string), names) == ["王芳", "李雷", "ALICE", "∅", "ALICE", "家电"])
        let lower = try ExpressionEvaluator.evaluate(E.fn(.lower, [name], .string), on: names)
        #expect(EvalFixture.texts(lower) == ["王芳", "李雷", "alice", "∅", "alice", "家电"])
        // "Alice" and "alice" merge into one dictionary entry.
        #expect(lower.data.stringCodes.dictionary.count == 5)
        #expect(try eval(E.fn(.length, [name], .int64), names) == ["2", "2", "5", "∅", "5", "2"])
        let equal = E.cmp(.equal, E.fn(.lower, [name], .string), E.str("alice"))
        #expect(try ExpressionEvaluator.select(equal, on: names) == [2, 4])
    }

    private let days = EvalFixture.table(
        EvalFixture.dates(["2020-12-31", "2021-01-01", "2021-01-04", "2024-12-30", "2026-05-17", nil, "2024-02-29"]))
    private let day = E.col(0, .date)

    @Test func dateArithmetic() throws {
        #expect(try eval(E.arith(.add, day, E.int(1), .date), days)
            == ["2021-01-01", "2021-01-02", "2021-01-05", "2024-12-31", "2026-05-18", "∅", "2024-03-01"])
        #expect(try eval(E.arith(.add, E.int(-1), day, .date), days)[0] == "2020-12-30")
        #expect(try eval(E.arith(.subtract, day, E.int(60), .date), days)[6] == "2023-12-31")
        // days_since(d) binds to asOf - d.
        #expect(try eval(E.arith(.subtract, E.date("2026-06-30"), day, .int64), days)
            == ["2007", "2006", "2003", "547", "44", "∅", "852"])
        #expect(throws: Diagnostic("date out of range in addition", at: .statement(2..<4))) {
            try ExpressionEvaluator.evaluate(E.arith(.add, day, E.int(Int64(Int32.max)), .date, range: 2..<4), on: days)
        }
    }

    @Test func isoWeeksAndParts() throws {
        #expect(try eval(E.fn(.week, [day], .int64), days) == ["53", "53", "1", "1", "20", "∅", "9"])
        #expect(try eval(E.fn(.year, [day], .int64), days) == ["2020", "2021", "2021", "2024", "2026", "∅", "2024"])
        #expect(try eval(E.fn(.month, [day], .int64), days) == ["12", "1", "1", "12", "5", "∅", "2"])
        let stamps = EvalFixture.table(EvalFixture.timestamps(["2026-01-01 00:00:00", "2025-12-31 23:59:59"]))
        #expect(try eval(E.fn(.year, [E.col(0, .timestamp)], .int64), stamps) == ["2026", "2025"])
        #expect(try eval(E.fn(.week, [E.col(0, .timestamp)], .int64), stamps) == ["1", "1"])
    }

    @Test func dateTrunc() throws {
        func trunc(_ unit: String) throws -> [String] {
            try eval(E.fn(.dateTrunc, [E.str(unit), day], .date), days)
        }
        #expect(try trunc("year") == ["2020-01-01", "2021-01-01", "2021-01-01", "2024-01-01", "2026-01-01", "∅", "2024-01-01"])
        #expect(try trunc("quarter") == ["2020-10-01", "2021-01-01", "2021-01-01", "2024-10-01", "2026-04-01", "∅", "2024-01-01"])
        #expect(try trunc("month") == ["2020-12-01", "2021-01-01", "2021-01-01", "2024-12-01", "2026-05-01", "∅", "2024-02-01"])
        #expect(try trunc("week") == ["2020-12-28", "2020-12-28", "2021-01-04", "2024-12-30", "2026-05-11", "∅", "2024-02-26"])
        #expect(try trunc("DAY") == ["2020-12-31", "2021-01-01", "2021-01-04", "2024-12-30", "2026-05-17", "∅", "2024-02-29"])
        #expect(throws: Diagnostic.self) { try trunc("fortnight") }
        let stamps = EvalFixture.table(EvalFixture.timestamps(["2026-05-17 13:45:00"]))
        #expect(try eval(E.fn(.dateTrunc, [E.str("month"), E.col(0, .timestamp)], .timestamp), stamps) == ["2026-05-01 00:00:00"])
    }

    @Test func timestampDifferenceIsFractionalDays() throws {
        let stamps = EvalFixture.table(EvalFixture.timestamps(["2026-06-30 12:00:00", nil]),
                                       EvalFixture.timestamps(["2026-06-29 00:00:00", "2026-06-29 00:00:00"]))
        let difference = E.arith(.subtract, E.col(0, .timestamp), E.col(1, .timestamp), .double)
        #expect(try eval(difference, stamps) == ["1.5", "∅"])
        let whole = E.arith(.subtract, E.col(0, .timestamp), E.col(1, .timestamp), .int64)
        #expect(try eval(whole, stamps) == ["1", "∅"])
        let later = E.arith(.add, E.col(1, .timestamp), E.int(2), .timestamp)
        #expect(try eval(later, stamps) == ["2026-07-01 00:00:00", "2026-07-01 00:00:00"])
    }
}
