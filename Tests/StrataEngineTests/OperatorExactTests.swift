import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

/// Exact results of the operators on small hand-made tables.
@Suite("Operator exact results")
struct OperatorExactTests {
    private func aggregate(_ name: String, _ function: AggregateFunction, _ argument: Int?, _ type: DataType,
                           range: Range<Int> = 0..<1) -> NamedAggregate {
        NamedAggregate(name: name, function: function, argument: argument, type: type, range: range)
    }

    @Test func groupsAreListedInOrderOfFirstAppearanceWithNullGroup() throws {
        let table = Table([
            ("区域", Columns.string(["华东", "华北", nil, "华东", "华南", nil, "华北"], dictionary: ["华南", "华北", "华东"])),
            ("amount", Columns.decimal([100, 250, 5, 1, nil, 7, 3])),
        ])
        let result = try AggregateOperator.run(table, keys: [0], aggregates: [
            aggregate("n", .count, nil, .int64), aggregate("s", .sum, 1, .decimal(scale: 2)),
        ])
        #expect(result.columnNames == ["区域", "n", "s"])
        #expect(result.rows == [
            [.string("华东"), .int(2), .decimal(101, scale: 2)],
            [.string("华北"), .int(2), .decimal(253, scale: 2)],
            [.null, .int(2), .decimal(12, scale: 2)],
            [.string("华南"), .int(1), .null],
        ])
    }

    @Test func aggregateWithoutKeysOnEmptyInputGivesOneRow() throws {
        let table = Table([("x", Columns.int([])), ("d", Columns.date([]))])
        let result = try AggregateOperator.run(table, keys: [], aggregates: [
            aggregate("n", .count, nil, .int64), aggregate("nx", .count, 0, .int64), aggregate("s", .sum, 0, .int64),
            aggregate("a", .avg, 0, .double), aggregate("m", .max, 1, .date), aggregate("cd", .countDistinct, 0, .int64),
            aggregate("md", .median, 0, .double), aggregate("sh", .share, nil, .double),
        ])
        #expect(result.rows == [[.int(0), .int(0), .null, .null, .null, .int(0), .null, .null]])
    }

    @Test func integerSumOverflowIsAnErrorAtTheAggregate() throws {
        let table = Table([("big", Columns.int([.max, 1]))])
        let sum = aggregate("s", .sum, 0, .int64, range: 14..<22)
        #expect(throws: Diagnostic("integer overflow in sum(big)", at: .statement(14..<22))) {
            try AggregateOperator.run(table, keys: [], aggregates: [sum])
        }
        let decimals = Table([("amount", Columns.decimal([.min, -1]))])
        #expect(throws: Diagnostic("integer overflow in sum(amount)", at: .statement(3..<9))) {
            try AggregateOperator.run(decimals, keys: [], aggregates: [self.aggregate("s", .sum, 0, .decimal(scale: 2), range: 3..<9)])
        }
        // An intermediate excursion beyond Int64 that comes back is exact, not an error.
        let back = Table([("x", Columns.int([.max, 1, -2]))])
        #expect(try AggregateOperator.run(back, keys: [], aggregates: [sum]).rows == [[.int(.max - 1)]])
    }

    @Test func medianAndQuantileInterpolateLikeNumpy() throws {
        // numpy: median([1,2,3,4]) = 2.5; quantile([1,2,3,4], 0.3) = 1.9; quantile(.., 0.75) = 3.25.
        let table = Table([
            ("x", Columns.int([4, 1, nil, 3, 2])),
            ("price", Columns.decimal([1050, 199, nil, 300, 1])),
            ("d", Columns.date([19_000, 19_003, nil, 19_001, 19_002])),
        ])
        let result = try AggregateOperator.run(table, keys: [], aggregates: [
            aggregate("m", .median, 0, .double), aggregate("q3", .quantile(0.3), 0, .double),
            aggregate("q75", .quantile(0.75), 0, .double), aggregate("q0", .quantile(0), 0, .double),
            aggregate("q1", .quantile(1), 0, .double), aggregate("mp", .median, 1, .double),
            aggregate("md", .median, 2, .date), aggregate("qd", .quantile(0.9), 2, .date),
        ])
        guard case .double(let q3) = result.rows[0][1] else { Issue.record("q3 not a double"); return }
        #expect(abs(q3 - 1.9) < 1e-12)
        #expect(result.rows[0][0] == .double(2.5))
        #expect(result.rows[0][2] == .double(3.25))
        #expect(result.rows[0][3] == .double(1))
        #expect(result.rows[0][4] == .double(4))
        guard case .double(let middlePrice) = result.rows[0][5] else { Issue.record("median price not a double"); return }
        #expect(abs(middlePrice - 2.495) < 1e-12)  // between 1.99 and 3.00
        #expect(result.rows[0][6] == .date(19_001))  // lower middle of 19000…19003
        #expect(result.rows[0][7] == .date(19_002))  // floor(3 × 0.9) = 2
        // odd count: the middle value
        let odd = Table([("x", Columns.double([5, 1, 3]))])
        #expect(try AggregateOperator.run(odd, keys: [], aggregates: [aggregate("m", .median, 0, .double)]).rows == [[.double(3)]])
    }

    @Test func minMaxFirstLastShareAndDistinct() throws {
        let table = Table([
            ("g", Columns.int([1, 2, 1, 1, 2])),
            ("name", Columns.string([nil, "b", "Zoë", "a", "é"], dictionary: ["é", "a", "Zoë", "b"])),
            ("v", Columns.double([nil, 2, 2, 1, .nan])),
        ])
        let result = try AggregateOperator.run(table, keys: [0], aggregates: [
            aggregate("lo", .min, 1, .string), aggregate("hi", .max, 1, .string),
            aggregate("f", .first, 1, .string), aggregate("l", .last, 1, .string),
            aggregate("sh", .share, nil, .double), aggregate("cd", .countDistinct, 2, .int64),
            aggregate("nv", .count, 2, .int64),
        ])
        #expect(result.rows[0] == [.int(1), .string("Zoë"), .string("a"), .string("Zoë"), .string("a"), .double(0.6), .int(2), .int(2)])
        #expect(result.rows[1][0...5] == [.int(2), .string("b"), .string("é"), .string("b"), .string("é"), .double(0.4)])
    }

    @Test func sumsOfDecimalsAreExactAndAverageIsDouble() throws {
        // 0.1 + 0.2 in cents is exactly 0.30; avg of decimals is a double.
        let table = Table([("amount", Columns.decimal([10, 20, nil]))])
        let result = try AggregateOperator.run(table, keys: [], aggregates: [
            aggregate("s", .sum, 0, .decimal(scale: 2)), aggregate("a", .avg, 0, .double),
            aggregate("sd", .sum, 0, .double),
        ])
        #expect(result.rows == [[.decimal(30, scale: 2), .double(0.15), .double(0.3)]])
    }

    @Test func sortPutsNullsLastInBothDirections() throws {
        let table = Table([
            ("x", Columns.int([3, nil, 1, 3, nil, 2])),
            ("s", Columns.string(["b", "a", nil, "B", "c", "中"])),
        ])
        #expect(Array(try SortOperator.order(table, keys: [SortSpec(column: 0, descending: false)], limit: nil)) == [2, 5, 0, 3, 1, 4])
        #expect(Array(try SortOperator.order(table, keys: [SortSpec(column: 0, descending: true)], limit: nil)) == [0, 3, 5, 2, 1, 4])
        // Unicode scalar order: "B" < "a" < "b" < "c" < "中"
        #expect(Array(try SortOperator.order(table, keys: [SortSpec(column: 1, descending: false)], limit: nil)) == [3, 1, 0, 4, 5, 2])
        #expect(Array(try SortOperator.order(table, keys: [SortSpec(column: 1, descending: true)], limit: nil)) == [5, 4, 0, 1, 3, 2])
        #expect(Array(try SortOperator.order(table, keys: [SortSpec(column: 0, descending: true)], limit: 3)) == [0, 3, 5])
    }

    @Test func sortHandlesTheFullInt64RangeWithNullsAndDoubles() throws {
        let table = Table([
            ("x", Columns.int([.max, nil, .min, 0, .max])),
            ("d", Columns.double([.infinity, -0.0, .nan, -.infinity, 0])),
        ])
        #expect(Array(try SortOperator.order(table, keys: [SortSpec(column: 0, descending: false)], limit: nil)) == [2, 3, 0, 4, 1])
        #expect(Array(try SortOperator.order(table, keys: [SortSpec(column: 0, descending: true)], limit: nil)) == [0, 4, 3, 2, 1])
        #expect(Array(try SortOperator.order(table, keys: [SortSpec(column: 1, descending: false)], limit: nil)) == [3, 1, 4, 0, 2])
    }

    @Test func leftJoinKeepsUnmatchedRowsWithNullsAndRenamesClashes() throws {
        let orders = Table([
            ("customer_id", Columns.int([7, 9, nil, 7])),
            ("amount", Columns.decimal([100, 200, 300, 400])),
        ])
        let customers = Table([
            ("id", Columns.int([7, 8, 7])),
            ("amount", Columns.decimal([1, 2, 3])),
            ("名字", Columns.string(["王芳", "李雷", "王芳二"])),
        ])
        let left = try JoinOperator.run(orders, customers, leftKeys: [0], rightKeys: [0], kind: .left)
        #expect(left.columnNames == ["customer_id", "amount", "amount_right", "名字"])
        #expect(left.rows == [
            [.int(7), .decimal(100, scale: 2), .decimal(1, scale: 2), .string("王芳")],
            [.int(7), .decimal(100, scale: 2), .decimal(3, scale: 2), .string("王芳二")],
            [.int(9), .decimal(200, scale: 2), .null, .null],
            [.null, .decimal(300, scale: 2), .null, .null],
            [.int(7), .decimal(400, scale: 2), .decimal(1, scale: 2), .string("王芳")],
            [.int(7), .decimal(400, scale: 2), .decimal(3, scale: 2), .string("王芳二")],
        ])
        let inner = try JoinOperator.run(orders, customers, leftKeys: [0], rightKeys: [0], kind: .inner)
        #expect(inner.rowCount == 4)
        let plan = LogicalPlan.join(.scan(table: "orders", schema: orders.fields), .scan(table: "customers", schema: customers.fields),
                                    leftKeys: [0], rightKeys: [0], kind: .left)
        #expect(plan.schema == left.fields)
    }

    @Test func joinsStringsAcrossDictionariesAndNullsNeverMatch() throws {
        let left = Table([("city", Columns.string(["上海", nil, "北京", "杭州"], dictionary: ["杭州", "北京", "上海"]))])
        let right = Table([
            ("city", Columns.string(["北京", "上海", nil, "广州"])),
            ("code", Columns.int([10, 21, 99, 20])),
        ])
        let result = try JoinOperator.run(left, right, leftKeys: [0], rightKeys: [0], kind: .inner)
        #expect(result.rows == [[.string("上海"), .int(21)], [.string("北京"), .int(10)]])
        // integer against decimal keys compare at the decimal scale
        let cents = Table([("k", Columns.decimal([100, 150])), ("v", Columns.int([1, 2]))])
        let whole = Table([("k", Columns.int([1, 2]))])
        #expect(try JoinOperator.run(whole, cents, leftKeys: [0], rightKeys: [0], kind: .left).rows == [
            [.int(1), .int(1)], [.int(2), .null],
        ])
    }

    @Test func unionMergesDictionariesAndKeepsNulls() throws {
        let first = Table([("tier", Columns.string(["A", nil, "重要价值客户"])), ("n", Columns.int([1, 2, 3]))])
        let second = Table([("tier", Columns.string(["重要价值客户", "沉睡客户", nil], dictionary: ["x", "沉睡客户"])),
                            ("n", Columns.int([nil, 5, 6]))])
        let result = try UnionOperator.run(first, second)
        #expect(result.rows == first.rows + second.rows)
        guard case .string(_, let dictionary) = result.columns[0].data else { Issue.record("not a string column"); return }
        #expect(Array(dictionary.values) == ["A", "重要价值客户", "x", "沉睡客户"])
        #expect(throws: Diagnostic.self) { try UnionOperator.run(first, Table([("tier", Columns.int([1])), ("n", Columns.int([1]))])) }
    }

    @Test func distinctKeepsFirstRowsInOrder() throws {
        let table = Table([
            ("a", Columns.string(["x", "y", "x", nil, nil, "y"])),
            ("b", Columns.double([0.0, 1, -0.0, .nan, .nan, 2])),
        ])
        #expect(try DistinctOperator.run(table).rows.count == 4)
        #expect(Array(try DistinctOperator.run(table).rows.map { $0[0] }) == [.string("x"), .string("y"), .null, .string("y")])
    }
}
