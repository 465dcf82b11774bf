import StrataCore
import Testing
@testable import StrataEngine

/// `select` and `evaluate` of random predicates over random tables with nulls, against a plain
/// row-by-row reference over boxed `Value`s written here.
@Suite("Evaluate properties")
struct EvaluatePropertyTests {
    static let words = ["家电", "数码", "A", "a", "b", "Bob", "王芳", ""]
    /// Column types: 0 int64, 1 decimal(2), 2 date, 3 string, 4 int64 (no nulls), 5 bool.
    static let types: [DataType] = [.int64, .decimal(scale: 2), .date, .string, .int64, .bool]

    func randomValue(_ type: DataType, _ random: inout TestRandom) -> Value {
        switch type {
        case .int64: .int(Int64(random.below(11)) - 5)
        case .decimal: .decimal(Int64(random.below(21)) * 25 - 250, scale: 2)
        case .date: .date(20_000 + Int32(random.below(8)))
        case .string: .string(Self.words[random.below(Self.words.count)])
        default: .bool(random.chance(50))
        }
    }

    func randomTable(_ random: inout TestRandom) -> Table {
        let rows = random.below(150)
        let columns = Self.types.enumerated().map { index, type -> Column in
            let values = (0..<rows).map { _ -> Value in
                index != 4 && random.chance(20) ? .null : randomValue(type, &random)
            }
            return column(type, values)
        }
        return EvalFixture.table(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5])
    }

    func column(_ type: DataType, _ values: [Value]) -> Column {
        switch type {
        case .int64: EvalFixture.ints(values.map { if case .int(let v) = $0 { v } else { nil } })
        case .decimal:
            Column(type: type, data: .int64(ContiguousArray(values.map { if case .decimal(let u, _) = $0 { u } else { 7 } })),
                   validity: EvalFixture.validity(values.map { $0.isNull ? nil : 1 }))
        case .date:
            Column(type: type, data: .int32(ContiguousArray(values.map { if case .date(let d) = $0 { d } else { -9 } })),
                   validity: EvalFixture.validity(values.map { $0.isNull ? nil : 1 }))
        case .string: EvalFixture.strings(values.map { if case .string(let s) = $0 { s } else { nil } })
        default: EvalFixture.bools(values.map { if case .bool(let b) = $0 { b } else { nil } })
        }
    }

    func randomPredicate(_ depth: Int, _ random: inout TestRandom) -> BoundExpr {
        if depth > 0, random.chance(55) {
            switch random.below(3) {
            case 0: return .and(randomPredicate(depth - 1, &random), randomPredicate(depth - 1, &random))
            case 1: return .or(randomPredicate(depth - 1, &random), randomPredicate(depth - 1, &random))
            default: return .not(randomPredicate(depth - 1, &random))
            }
        }
        let index = random.below(Self.types.count)
        let type = Self.types[index]
        let column = BoundExpr.column(index, type)
        let ops: [ComparisonOperator] = [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual]
        switch random.below(10) {
        case 0:
            return .isNull(column, negated: random.chance(50))
        case 1:
            let values = (0..<random.below(4)).map { _ in random.chance(15) ? Value.null : randomValue(type, &random) }
            return .inList(column, values, negated: random.chance(40))
        case 2 where type == .bool:
            return column
        case 3 where type == .int64:
            let other = BoundExpr.column(index == 0 ? 4 : 0, .int64)
            return .comparison(ops[random.below(6)], column, other)
        default:
            let literal = BoundExpr.literal(random.chance(5) ? .null : randomValue(type, &random), type)
            return random.chance(25)
                ? .comparison(ops[random.below(6)], literal, column)
                : .comparison(ops[random.below(6)], column, literal)
        }
    }

    // MARK: reference

    func value(_ expr: BoundExpr, _ table: Table, _ row: Int) -> Value {
        switch expr {
        case .column(let index, _): return table.columns[index].value(at: row)
        case .literal(let value, _): return value
        default: return truth(expr, table, row).map(Value.bool) ?? .null
        }
    }

    func order(_ left: Value, _ right: Value) -> Int {
        switch (left, right) {
        case (.int(let a), .int(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.decimal(let a, _), .decimal(let b, _)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.date(let a), .date(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
        case (.string(let a), .string(let b)):
            return a == b ? 0 : (Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) ? -1 : 1)
        default:
            Issue.record("incomparable \(left) \(right)")
            return 0
        }
    }

    /// Three-valued truth of a predicate at one row: nil is unknown.
    func truth(_ expr: BoundExpr, _ table: Table, _ row: Int) -> Bool? {
        switch expr {
        case .and(let left, let right):
            let (a, b) = (truth(left, table, row), truth(right, table, row))
            if a == false || b == false { return false }
            return a == true && b == true ? true : nil
        case .or(let left, let right):
            let (a, b) = (truth(left, table, row), truth(right, table, row))
            if a == true || b == true { return true }
            return a == false && b == false ? false : nil
        case .not(let inner): return truth(inner, table, row).map { !$0 }
        case .isNull(let inner, let negated): return value(inner, table, row).isNull != negated
        case .inList(let inner, let list, let negated):
            let x = value(inner, table, row)
            if x.isNull { return nil }
            if list.contains(where: { !$0.isNull && order(x, $0) == 0 }) { return !negated }
            return list.contains(where: \.isNull) ? nil : negated
        case .comparison(let op, let left, let right):
            let (a, b) = (value(left, table, row), value(right, table, row))
            if a.isNull || b.isNull { return nil }
            return op.holds(order(a, b))
        case .column(let index, _):
            if case .bool(let flag) = table.columns[index].value(at: row) { return flag }
            return nil
        default:
            Issue.record("unexpected \(expr)")
            return nil
        }
    }

    @Test func selectAndEvaluateMatchTheReference() throws {
        var random = TestRandom(seed: 20_260_630)
        for _ in 0..<60 {
            let table = randomTable(&random)
            for _ in 0..<25 {
                let predicate = randomPredicate(3, &random)
                let expected = (0..<table.rowCount).map { truth(predicate, table, $0) }
                let selected = try ExpressionEvaluator.select(predicate, on: table)
                let wanted = RowSelection((0..<table.rowCount).filter { expected[$0] == true }.map { Int32($0) })
                #expect(selected == wanted, "select \(predicate)")
                let column = try ExpressionEvaluator.evaluate(predicate, on: table)
                let got = (0..<table.rowCount).map { column.isNull($0) ? nil : column.data.boolValues[$0] }
                #expect(got == expected, "evaluate \(predicate)")
            }
        }
    }

    @Test func caseWhenMatchesFirstMatchReference() throws {
        var random = TestRandom(seed: 77)
        for _ in 0..<80 {
            let table = randomTable(&random)
            let arms = (0..<(1 + random.below(3))).map { armIndex in
                BoundCaseArm(condition: randomPredicate(2, &random), value: .literal(.int(Int64(armIndex)), .int64))
            }
            // A column `otherwise` takes the general path; all-constant values the fill path.
            let otherwise: BoundExpr = random.chance(50) ? .column(0, .int64) : .literal(random.chance(30) ? .null : .int(9), .int64)
            let expr = BoundExpr.caseWhen(arms, otherwise: otherwise, .int64)
            let column = try ExpressionEvaluator.evaluate(expr, on: table)
            for row in 0..<table.rowCount {
                let arm = arms.firstIndex { truth($0.condition, table, row) == true }
                let fallback: Value
                if case .literal(let constant, _) = otherwise { fallback = constant } else { fallback = table.columns[0].value(at: row) }
                let expected: Value = arm.map { .int(Int64($0)) } ?? fallback
                #expect(column.value(at: row) == expected, "row \(row) of \(expr)")
            }
        }
    }
}
