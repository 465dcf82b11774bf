import StrataCore
import Testing
@testable import StrataEngine

@Suite("Evaluate logic")
struct EvaluateLogicTests {
    /// All nine pairs of true / false / null.
    private let pairs = EvalFixture.table(
        EvalFixture.bools([true, true, true, false, false, false, nil, nil, nil]),
        EvalFixture.bools([true, false, nil, true, false, nil, true, false, nil]))
    private let a = E.col(0, .bool)
    private let b = E.col(1, .bool)

    private func eval(_ expr: BoundExpr, _ table: Table) throws -> [String] {
        EvalFixture.texts(try ExpressionEvaluator.evaluate(expr, on: table))
    }

    @Test func threeValuedTruthTable() throws {
        #expect(try eval(.and(a, b), pairs) == ["true", "false", "∅", "false", "false", "false", "∅", "false", "∅"])
        #expect(try eval(.or(a, b), pairs) == ["true", "true", "true", "true", "false", "∅", "true", "∅", "∅"])
        #expect(try eval(.not(a), pairs) == ["false", "false", "false", "true", "true", "true", "∅", "∅", "∅"])
        #expect(try eval(.and(a, E.null(.bool)), pairs) == ["∅", "∅", "∅", "false", "false", "false", "∅", "∅", "∅"])
        #expect(try eval(.or(E.bool(true), b), pairs) == Array(repeating: "true", count: 9))
    }

    @Test func selectionsAgreeWithTheTruthTable() throws {
        #expect(try ExpressionEvaluator.select(.and(a, b), on: pairs) == [0])
        #expect(try ExpressionEvaluator.select(.or(a, b), on: pairs) == [0, 1, 2, 3, 6])
        #expect(try ExpressionEvaluator.select(.not(.and(a, b)), on: pairs) == [1, 3, 4, 5, 7])
        #expect(try ExpressionEvaluator.select(.not(.or(a, b)), on: pairs) == [4])
        #expect(try ExpressionEvaluator.select(.not(a), on: pairs) == [3, 4, 5])
        #expect(try ExpressionEvaluator.select(.not(.not(a)), on: pairs) == [0, 1, 2])
        #expect(try ExpressionEvaluator.select(E.cmp(.equal, a, b), on: pairs) == [0, 4])
        #expect(try ExpressionEvaluator.select(E.cmp(.less, a, b), on: pairs) == [3])
    }

    @Test func isNullIsNeverNull() throws {
        #expect(try eval(.isNull(a, negated: false), pairs) == ["false", "false", "false", "false", "false", "false", "true", "true", "true"])
        #expect(try eval(.isNull(.and(a, b), negated: true), pairs) == ["true", "true", "false", "true", "true", "true", "false", "true", "false"])
        #expect(try ExpressionEvaluator.select(.isNull(b, negated: false), on: pairs) == [2, 5, 8])
        #expect(try ExpressionEvaluator.select(.not(.isNull(b, negated: false)), on: pairs) == [0, 1, 3, 4, 6, 7])
        #expect(try ExpressionEvaluator.select(.isNull(E.null(.int64), negated: false), on: pairs).count == 9)
    }

    @Test func inListWithNullsInTheList() throws {
        let table = EvalFixture.table(EvalFixture.ints([1, 2, 3, nil]))
        let x = E.col(0, .int64)
        #expect(try eval(.inList(x, [.int(1), .int(3)], negated: false), table) == ["true", "false", "true", "∅"])
        #expect(try eval(.inList(x, [.int(1), .int(3)], negated: true), table) == ["false", "true", "false", "∅"])
        #expect(try eval(.inList(x, [.int(1), .null], negated: false), table) == ["true", "∅", "∅", "∅"])
        #expect(try eval(.inList(x, [.int(1), .null], negated: true), table) == ["false", "∅", "∅", "∅"])
        #expect(try ExpressionEvaluator.select(.inList(x, [.int(3), .int(1)], negated: false), on: table) == [0, 2])
        #expect(try ExpressionEvaluator.select(.inList(x, [.int(1)], negated: true), on: table) == [1, 2])
        #expect(try ExpressionEvaluator.select(.inList(x, [.int(1), .null], negated: true), on: table) == [])
        // A long list takes the binary-search path.
        let many = (0..<40).map { Value.int(Int64($0) * 3) }
        #expect(try ExpressionEvaluator.select(.inList(x, many, negated: false), on: table) == [2])
    }

    @Test func comparisonsOfEveryType() throws {
        let table = EvalFixture.table(
            EvalFixture.ints([5, 10, nil]), EvalFixture.decimals(["100.00", "100.01", "99.99"]),
            EvalFixture.doubles([0.5, .nan, -1]), EvalFixture.dates(["2026-06-30", "2026-07-01", nil]),
            EvalFixture.timestamps(["2026-06-30 10:00:00", nil, "2026-06-30 09:59:59"]))
        #expect(try ExpressionEvaluator.select(E.cmp(.greater, E.col(0, .int64), E.int(5)), on: table) == [1])
        #expect(try ExpressionEvaluator.select(E.cmp(.lessOrEqual, E.int(5), E.col(0, .int64)), on: table) == [0, 1])
        #expect(try ExpressionEvaluator.select(E.cmp(.greater, E.col(1, .decimal(scale: 2)), E.dec(10000)), on: table) == [1])
        // The binder's cast of the literal is folded: amount > 100 with 100 an integer.
        let cast = E.cmp(.greaterOrEqual, E.col(1, .decimal(scale: 2)), .cast(E.int(100), .decimal(scale: 2)))
        #expect(try ExpressionEvaluator.select(cast, on: table) == [0, 1])
        #expect(try ExpressionEvaluator.select(E.cmp(.less, E.col(2, .double), E.double(1)), on: table) == [0, 2])
        // IEEE: NaN < 1 is false, so `not (NaN < 1)` is true (no rewrite to `>=` for doubles).
        #expect(try ExpressionEvaluator.select(.not(E.cmp(.less, E.col(2, .double), E.double(1))), on: table) == [1])
        #expect(try ExpressionEvaluator.select(E.cmp(.notEqual, E.col(3, .date), E.date("2026-06-30")), on: table) == [1])
        let noon = E.cmp(.greater, E.col(4, .timestamp), .cast(E.date("2026-06-30"), .timestamp))
        #expect(try ExpressionEvaluator.select(noon, on: table) == [0, 2])
        #expect(try eval(E.cmp(.equal, E.col(0, .int64), E.col(0, .int64)), table) == ["true", "true", "∅"])
    }
}
