import StrataCore
import Testing
@testable import StrataEngine

@Suite("Evaluate arithmetic")
struct EvaluateArithmeticTests {
    private func eval(_ expr: BoundExpr, _ table: Table) throws -> [String] {
        let column = try ExpressionEvaluator.evaluate(expr, on: table)
        #expect(column.type == expr.type)
        #expect(column.count == table.rowCount)
        return EvalFixture.texts(column)
    }

    @Test func integerOperatorsPropagateNulls() throws {
        let table = EvalFixture.table(EvalFixture.ints([7, -7, nil, 10]), EvalFixture.ints([2, 2, 3, nil]))
        let (a, b) = (E.col(0, .int64), E.col(1, .int64))
        #expect(try eval(E.arith(.add, a, b, .int64), table) == ["9", "-5", "∅", "∅"])
        #expect(try eval(E.arith(.subtract, a, b, .int64), table) == ["5", "-9", "∅", "∅"])
        #expect(try eval(E.arith(.multiply, a, b, .int64), table) == ["14", "-14", "∅", "∅"])
        #expect(try eval(E.arith(.divide, a, b, .int64), table) == ["3", "-3", "∅", "∅"])
        #expect(try eval(E.arith(.remainder, a, b, .int64), table) == ["1", "-1", "∅", "∅"])
        #expect(try eval(E.arith(.add, a, E.int(1), .int64), table) == ["8", "-6", "∅", "11"])
        #expect(try eval(E.arith(.subtract, E.int(1), a, .int64), table) == ["-6", "8", "∅", "-9"])
        #expect(try eval(E.arith(.add, a, E.null(.int64), .int64), table) == ["∅", "∅", "∅", "∅"])
        #expect(try eval(.negate(a), table) == ["-7", "7", "∅", "-10"])
    }

    @Test func overflowIsADiagnosticAtTheOperator() {
        let table = EvalFixture.table(EvalFixture.ints([1, .max]))
        let expr = E.arith(.add, E.col(0, .int64), E.int(1), .int64, range: 4..<9)
        #expect(throws: Diagnostic("integer overflow in addition", at: .statement(4..<9))) {
            try ExpressionEvaluator.evaluate(expr, on: table)
        }
        let product = E.arith(.multiply, E.col(0, .int64), E.int(3), .int64, range: 2..<3)
        #expect(throws: Diagnostic("integer overflow in multiplication", at: .statement(2..<3))) {
            try ExpressionEvaluator.evaluate(product, on: table)
        }
        let minimum = EvalFixture.table(EvalFixture.ints([.min]))
        #expect(throws: Diagnostic("integer overflow in division", at: .statement(0..<1))) {
            try ExpressionEvaluator.evaluate(E.arith(.divide, E.col(0, .int64), E.int(-1), .int64), on: minimum)
        }
    }

    @Test func nullRowsNeverOverflowOrDivideByZero() throws {
        // Null rows hold Int64.max (fixture junk): adding to them must not be an error.
        let table = EvalFixture.table(EvalFixture.ints([1, nil]), EvalFixture.ints([nil, 0]))
        #expect(try eval(E.arith(.add, E.col(0, .int64), E.int(5), .int64), table) == ["6", "∅"])
        let divided = E.arith(.divide, E.col(0, .int64), E.col(1, .int64), .int64)
        #expect(try eval(divided, EvalFixture.table(EvalFixture.ints([8, nil]), EvalFixture.ints([nil, 0]))) == ["∅", "∅"])
    }

    @Test func divisionByZeroForEveryNumericType() {
        let cases: [(BoundExpr, Table)] = [
            (E.arith(.divide, E.col(0, .int64), E.col(1, .int64), .int64, range: 3..<8),
             EvalFixture.table(EvalFixture.ints([1, 2]), EvalFixture.ints([1, 0]))),
            (E.arith(.remainder, E.col(0, .int64), E.int(0), .int64, range: 3..<8), EvalFixture.table(EvalFixture.ints([1]))),
            (E.arith(.divide, E.col(0, .double), E.double(0), .double, range: 3..<8), EvalFixture.table(EvalFixture.doubles([1.5]))),
            (E.arith(.divide, E.col(0, .decimal(scale: 2)), E.dec(0), .decimal(scale: 2), range: 3..<8),
             EvalFixture.table(EvalFixture.decimals(["1.00"]))),
            (E.arith(.remainder, E.col(0, .decimal(scale: 2)), E.dec(0), .decimal(scale: 2), range: 3..<8),
             EvalFixture.table(EvalFixture.decimals(["1.00"]))),
        ]
        for (expr, table) in cases {
            #expect(throws: Diagnostic("division by zero", at: .statement(3..<8))) {
                try ExpressionEvaluator.evaluate(expr, on: table)
            }
        }
    }

    @Test func decimalAdditionIsExact() throws {
        let table = EvalFixture.table(EvalFixture.decimals(["0.10", "1.05", nil]), EvalFixture.decimals(["0.20", "-2.10", "1"]))
        let sum = E.arith(.add, E.col(0, .decimal(scale: 2)), E.col(1, .decimal(scale: 2)), .decimal(scale: 2))
        #expect(try eval(sum, table) == ["0.30", "-1.05", "∅"])
        let equal = E.cmp(.equal, sum, E.dec(30))
        #expect(try ExpressionEvaluator.select(equal, on: table) == [0])
        #expect(try eval(E.arith(.remainder, E.col(0, .decimal(scale: 2)), E.dec(4), .decimal(scale: 2)), table) == ["0.02", "0.01", "∅"])
    }

    @Test func decimalMultiplyRescalesHalfAwayFromZero() throws {
        // 2 decimals × 2 decimals = 4 decimals, rescaled to the binder's 2: 1.25 × 0.10 = 0.125 → 0.13.
        let table = EvalFixture.table(EvalFixture.decimals(["1.25", "-1.25", "3.33", "0.01"]),
                                      EvalFixture.decimals(["0.10", "0.10", "3.00", "0.49"]))
        let product = E.arith(.multiply, E.col(0, .decimal(scale: 2)), E.col(1, .decimal(scale: 2)), .decimal(scale: 2))
        #expect(try eval(product, table) == ["0.13", "-0.13", "9.99", "0.00"])
        // decimal × integer keeps the decimal's scale exactly.
        let times = E.arith(.multiply, E.col(0, .decimal(scale: 2)), E.int(3), .decimal(scale: 2))
        #expect(try eval(times, table) == ["3.75", "-3.75", "9.99", "0.03"])
        // An intermediate product beyond Int64 still gives the right, representable result.
        let big = EvalFixture.table(EvalFixture.decimals(["90000000000000.00"]), EvalFixture.decimals(["1000.00"]))
        let scaled = E.arith(.multiply, E.col(0, .decimal(scale: 2)), E.col(1, .decimal(scale: 2)), .decimal(scale: 0))
        #expect(try eval(scaled, big) == ["90000000000000000"])
        #expect(throws: Diagnostic.self) {
            try ExpressionEvaluator.evaluate(E.arith(.multiply, E.col(0, .decimal(scale: 2)), E.col(0, .decimal(scale: 2)), .decimal(scale: 2)), on: big)
        }
    }

    @Test func decimalDivisionFollowsTheResultType() throws {
        let table = EvalFixture.table(EvalFixture.decimals(["1.00", "2.00"]), EvalFixture.decimals(["3.00", "8.00"]))
        let (a, b) = (E.col(0, .decimal(scale: 2)), E.col(1, .decimal(scale: 2)))
        // Binder style 1: casts to double, double result.
        let asDouble = E.arith(.divide, .cast(a, .double), .cast(b, .double), .double)
        #expect(try eval(asDouble, table) == ["0.3333333333333333", "0.25"])
        // Binder style 2: decimal operands, double result type.
        #expect(try eval(E.arith(.divide, a, b, .double), table) == ["0.3333333333333333", "0.25"])
        // Decimal result: exact, rounded half away from zero.
        #expect(try eval(E.arith(.divide, a, b, .decimal(scale: 4)), table) == ["0.3333", "0.2500"])
    }

    @Test func doubleArithmetic() throws {
        let table = EvalFixture.table(EvalFixture.doubles([1.5, nil, -2.5]))
        let a = E.col(0, .double)
        #expect(try eval(E.arith(.multiply, a, E.double(2), .double), table) == ["3", "∅", "-5"])
        #expect(try eval(E.arith(.remainder, a, E.double(1), .double), table) == ["0.5", "∅", "-0.5"])
        #expect(try eval(.negate(a), table) == ["-1.5", "∅", "2.5"])
    }

    @Test func casts() throws {
        let table = EvalFixture.table(EvalFixture.ints([3, nil, -2]), EvalFixture.decimals(["1.005", "-1.005", "2.994"], scale: 3),
                                      EvalFixture.dates(["2026-06-30", nil, "1969-12-31"]))
        #expect(try eval(.cast(E.col(0, .int64), .decimal(scale: 2)), table) == ["3.00", "∅", "-2.00"])
        #expect(try eval(.cast(E.col(0, .int64), .double), table) == ["3", "∅", "-2"])
        #expect(try eval(.cast(E.col(1, .decimal(scale: 3)), .decimal(scale: 2)), table) == ["1.01", "-1.01", "2.99"])
        #expect(try eval(.cast(E.col(1, .decimal(scale: 3)), .double), table) == ["1.005", "-1.005", "2.994"])
        #expect(try eval(.cast(E.col(2, .date), .timestamp), table) == ["2026-06-30 00:00:00", "∅", "1969-12-31 00:00:00"])
        let huge = EvalFixture.table(EvalFixture.ints([.max / 10]))
        #expect(throws: Diagnostic("integer overflow in conversion of integer to decimal(2)", at: .statement(5..<6))) {
            try ExpressionEvaluator.evaluate(E.arith(.add, .cast(E.col(0, .int64), .decimal(scale: 2)), E.dec(1), .decimal(scale: 2), range: 5..<6), on: huge)
        }
    }

    @Test func constantDivisionByZeroOnlyFailsWhenRowsExist() throws {
        let empty = EvalFixture.table(EvalFixture.ints([]))
        let expr = E.arith(.add, E.col(0, .int64), E.arith(.divide, E.int(1), E.int(0), .int64), .int64)
        #expect(try ExpressionEvaluator.evaluate(expr, on: empty).count == 0)
        #expect(throws: Diagnostic("division by zero", at: .statement(0..<1))) {
            try ExpressionEvaluator.evaluate(expr, on: EvalFixture.table(EvalFixture.ints([1])))
        }
    }
}
