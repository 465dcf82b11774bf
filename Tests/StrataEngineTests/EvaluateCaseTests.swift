import StrataCore
import Testing
@testable import StrataEngine

@Suite("Evaluate case, coalesce and numeric functions")
struct EvaluateCaseTests {
    private func eval(_ expr: BoundExpr, _ table: Table) throws -> [String] {
        let column = try ExpressionEvaluator.evaluate(expr, on: table)
        #expect(column.type == expr.type)
        return EvalFixture.texts(column)
    }

    @Test func firstMatchingArmWins() throws {
        let table = EvalFixture.table(EvalFixture.decimals(["150000.00", "50000.00", "100.00", nil, "30000.00"]),
                                      EvalFixture.ints([10, 200, 5, 1, 95]))
        let spent = E.col(0, .decimal(scale: 2))
        let tier = BoundExpr.caseWhen([
            BoundCaseArm(condition: .and(E.cmp(.greaterOrEqual, spent, E.dec(10_000_000)), E.cmp(.lessOrEqual, E.col(1, .int64), E.int(90))),
                         value: E.str("A")),
            BoundCaseArm(condition: E.cmp(.greaterOrEqual, spent, E.dec(3_000_000)), value: E.str("B")),
            BoundCaseArm(condition: E.cmp(.greaterOrEqual, spent, E.dec(0)), value: E.str("重要价值客户")),
        ], otherwise: E.str("C"), .string)
        #expect(try eval(tier, table) == ["A", "B", "重要价值客户", "C", "B"])
        let noOtherwise = BoundExpr.caseWhen([BoundCaseArm(condition: E.cmp(.greater, E.col(1, .int64), E.int(50)), value: spent)],
                                             otherwise: E.null(.decimal(scale: 2)), .decimal(scale: 2))
        #expect(try eval(noOtherwise, table) == ["∅", "50000.00", "∅", "∅", "30000.00"])
    }

    @Test func armsRunOnlyOnTheirRows() throws {
        let table = EvalFixture.table(EvalFixture.ints([0, 4, nil, 50]))
        let x = E.col(0, .int64)
        let safe = BoundExpr.caseWhen([BoundCaseArm(condition: E.cmp(.equal, x, E.int(0)), value: E.int(0))],
                                      otherwise: E.arith(.divide, E.int(100), x, .int64), .int64)
        #expect(try eval(safe, table) == ["0", "25", "∅", "2"])
        // Values drawn from columns with their own dictionaries.
        let strings = EvalFixture.table(EvalFixture.strings(["a", "b", nil]), EvalFixture.strings(["家电", "数码", "服装"]),
                                        EvalFixture.bools([true, false, false]))
        let pick = BoundExpr.caseWhen([BoundCaseArm(condition: E.col(2, .bool), value: E.col(0, .string))],
                                      otherwise: E.col(1, .string), .string)
        #expect(try eval(pick, strings) == ["a", "数码", "服装"])
    }

    @Test func coalesceTakesTheFirstNonNull() throws {
        let table = EvalFixture.table(EvalFixture.ints([1, nil, nil, 4]), EvalFixture.ints([10, 20, nil, nil]),
                                      EvalFixture.strings([nil, "王", nil, "x"]), EvalFixture.strings(["李", "y", nil, nil]))
        let ints = E.fn(.coalesce, [E.col(0, .int64), E.col(1, .int64), E.int(0)], .int64)
        #expect(try eval(ints, table) == ["1", "20", "0", "4"])
        #expect(try eval(E.fn(.coalesce, [E.col(0, .int64), E.col(1, .int64)], .int64), table) == ["1", "20", "∅", "4"])
        #expect(try eval(E.fn(.coalesce, [E.col(2, .string), E.col(3, .string)], .string), table) == ["李", "王", "∅", "x"])
        #expect(try eval(E.fn(.coalesce, [E.col(2, .string), E.str("未知")], .string), table) == ["未知", "王", "未知", "x"])
    }

    @Test func absAndRound() throws {
        let table = EvalFixture.table(EvalFixture.decimals(["2.345", "-2.345", "0.004", nil], scale: 3),
                                      EvalFixture.doubles([2.5, -2.5, 0.125, nil]), EvalFixture.ints([15, -15, 149, .min]))
        let dec = E.col(0, .decimal(scale: 3))
        #expect(try eval(E.fn(.round, [dec, E.int(2)], .decimal(scale: 2)), table) == ["2.35", "-2.35", "0.00", "∅"])
        #expect(try eval(E.fn(.round, [dec, E.int(2)], .decimal(scale: 3)), table) == ["2.350", "-2.350", "0.000", "∅"])
        #expect(try eval(E.fn(.round, [dec, E.int(0)], .decimal(scale: 0)), table) == ["2", "-2", "0", "∅"])
        #expect(try eval(E.fn(.round, [E.col(1, .double)], .double), table) == ["3", "-3", "0", "∅"])
        #expect(try eval(E.fn(.round, [E.col(1, .double), E.int(2)], .double), table) == ["2.5", "-2.5", "0.13", "∅"])
        let ints = EvalFixture.table(EvalFixture.ints([15, -15, 149]))
        #expect(try eval(E.fn(.round, [E.col(0, .int64), E.int(-1)], .int64), ints) == ["20", "-20", "150"])
        #expect(try eval(E.fn(.abs, [dec], .decimal(scale: 3)), table) == ["2.345", "2.345", "0.004", "∅"])
        #expect(try eval(E.fn(.abs, [E.col(1, .double)], .double), table) == ["2.5", "2.5", "0.125", "∅"])
        #expect(throws: Diagnostic("integer overflow in abs", at: .statement(3..<9))) {
            try ExpressionEvaluator.evaluate(E.fn(.abs, [E.col(2, .int64)], .int64, range: 3..<9), on: table)
        }
    }

    @Test func literalsBroadcast() throws {
        let table = EvalFixture.table(EvalFixture.ints([1, 2]))
        #expect(try eval(E.str("家电"), table) == ["家电", "家电"])
        #expect(try eval(E.null(.date), table) == ["∅", "∅"])
        #expect(try eval(E.arith(.multiply, E.int(6), E.int(7), .int64), table) == ["42", "42"])
    }
}
