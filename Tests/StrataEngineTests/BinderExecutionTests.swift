import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

/// Bound plans run through the evaluator and the operators: checks that what the binder emits
/// is what they accept (casts, decimal scales, date arithmetic), on a few hand-checked rows.
@Suite struct BinderExecutionTests {
    /// Five orders; order 5 has no amount.
    static let orders: Table = {
        var categories = StringDictionary()
        let codes = ContiguousArray(["家电", "数码", "家电", "食品", "数码"].map { categories.code(for: $0) })
        var amountValidity = Bitmap(count: 5, value: true)
        amountValidity[4] = false
        let day = CivilDate(year: 2026, month: 6, day: 1).days
        return Table([
            ("order_id", Column(type: .int64, data: .int64([1, 2, 3, 4, 5]))),
            ("customer_id", Column(type: .int64, data: .int64([10, 10, 20, 30, 20]))),
            ("order_date", Column(type: .date, data: .int32([day, day + 10, day + 20, day - 40, day + 29]))),
            ("amount", Column(type: .decimal(scale: 2), data: .int64([12050, 99900, 500, 3333, 0]), validity: amountValidity)),
            ("category", Column(type: .string, data: .string(codes: codes, dictionary: categories))),
        ])
    }()

    /// Runs a plan with the session's executor over the `orders` table above.
    static func run(_ plan: LogicalPlan) throws -> Table {
        try Executor(tables: { $0 == "orders" ? orders : nil }).run(plan)
    }

    /// Rows as `a|b|c` text, nulls empty.
    static func rows(_ text: String) throws -> [String] {
        let table = try run(try BinderTest.plan(text))
        #expect(table.fields == (try BinderTest.plan(text)).schema)
        return (0..<table.rowCount).map { row in
            table.columns.map { $0.value(at: row).description }.joined(separator: "|")
        }
    }

    @Test func filterWithPromotedConstantsAndLists() throws {
        #expect(try Self.rows(#"orders | where amount > 100 and category in ["家电", "数码"] | select order_id"#) == ["1", "2"])
        #expect(try Self.rows(#"orders | where order_date >= "2026-06-21" | select order_id"#) == ["3", "5"])
        #expect(try Self.rows("orders | where order_id in [1, 2.5, 3] | select order_id") == ["1", "3"])
        #expect(try Self.rows("orders | where amount between 5 and 120.50 | select order_id") == ["1", "3", "4"])
    }

    /// `where | select` gathers only the projected columns of the selected rows: values, nulls
    /// and errors are those of filtering first, then projecting.
    @Test func projectionAfterFilterSeesOnlySelectedRows() throws {
        #expect(try Self.rows("orders | where order_id >= 4 | select amount, category") == ["33.33|食品", "|数码"])
        #expect(try Self.rows("orders | where customer_id != 20 | select x = 60 % (customer_id - 20), order_id")
            == ["0|1", "0|2", "0|4"])
        #expect(try Self.rows("orders | where order_id > 9 | select order_id") == [])
        #expect(try Self.rows("orders | where order_id > 0 | select k = 1, order_id | limit 2") == ["1|1", "1|2"])
    }

    /// A `where` on the left side's columns above a join runs below it: the rows and their order
    /// are those of filtering the join's output, for inner and left joins and repeated keys.
    @Test func filterOnLeftColumnsIsPushedBelowTheJoin() throws {
        var names = StringDictionary()
        let regions = Table([
            ("customer_id", Column(type: .int64, data: .int64([20, 10, 20]))),
            ("region", Column(type: .string, data: .string(codes: ContiguousArray(["华南", "华东", "华北"].map { names.code(for: $0) }),
                                                         dictionary: names))),
        ])
        let executor = Executor(tables: { ["orders": Self.orders, "regions": regions][$0] })
        let left = LogicalPlan.scan(table: "orders", schema: Self.orders.fields)
        let right = LogicalPlan.scan(table: "regions", schema: regions.fields)
        let predicates: [BoundExpr] = [
            .comparison(.greater, .column(0, .int64), .literal(.int(2), .int64)),
            .or(.isNull(.column(3, .decimal(scale: 2)), negated: false),
                .comparison(.equal, .column(1, .int64), .literal(.int(10), .int64))),
        ]
        for kind in [JoinKind.inner, .left] {
            let join = LogicalPlan.join(left, right, leftKeys: [1], rightKeys: [0], kind: kind)
            let joined = try executor.run(join)
            for predicate in predicates {
                #expect(predicate.readsOnly(columnsBelow: Self.orders.columnCount) && !predicate.canFail)
                let expected = joined.gather(try ExpressionEvaluator.select(predicate, on: joined))
                let pushed = try executor.run(.filter(join, predicate: predicate))
                let text = { (table: Table) in
                    (0..<table.rowCount).map { row in table.columns.map { $0.value(at: row).description }.joined(separator: "|") }
                }
                #expect(text(pushed) == text(expected))
                #expect(pushed.fields == expected.fields)
            }
        }
        // An aggregate over the join builds only the columns it reads: the same groups and sums.
        for kind in [JoinKind.inner, .left] {
            let join = LogicalPlan.join(left, right, leftKeys: [1], rightKeys: [0], kind: kind)
            let filtered = LogicalPlan.filter(join, predicate: predicates[0])
            for child in [join, filtered] {
                let aggregates = [NamedAggregate(name: "n", function: .count, argument: nil, type: .int64, range: 0..<1),
                                  NamedAggregate(name: "s", function: .sum, argument: 3, type: .decimal(scale: 2), range: 0..<1)]
                let pruned = try executor.run(.aggregate(child, keys: [5], aggregates: aggregates))
                let full = try AggregateOperator.run(try executor.run(child), keys: [5], aggregates: aggregates)
                let text = { (table: Table) in
                    (0..<table.rowCount).map { row in table.columns.map { $0.value(at: row).description }.joined(separator: "|") }
                }
                #expect(text(pruned) == text(full) && !text(full).isEmpty)
                #expect(pruned.fields == full.fields)
            }
        }
        // Conditions that could raise an error, or read the right side, stay above the join.
        let division = BoundExpr.arithmetic(.divide, .column(0, .int64), .literal(.int(0), .int64), .int64, range: 0..<1)
        #expect(BoundExpr.comparison(.greater, division, .literal(.int(0), .int64)).canFail)
        #expect(!BoundExpr.comparison(.equal, .column(5, .string), .literal(.string("华南"), .string))
            .readsOnly(columnsBelow: Self.orders.columnCount))
    }

    /// NFC `é` and NFD `e` + U+0301 are different texts everywhere (as bytes, like grouping and
    /// ordering): `==`, `in` and joins do not treat them as one.
    @Test func textsInOtherUnicodeFormsStayApart() {
        var texts = StringDictionary()
        let codes = ContiguousArray(["\u{E9}", "e\u{301}", "\u{E9}"].map { texts.code(for: $0) })
        let session = Session(workingDirectory: "/")
        session.catalog.set("t", Table([("s", Column(type: .string, data: .string(codes: codes, dictionary: texts))),
                                        ("v", Column(type: .int64, data: .int64([1, 2, 3])))]))
        _ = session.execute(".mode csv")
        #expect(session.execute("t | where s == \"\u{E9}\" | select v").output == "v\n1\n3\n")
        #expect(session.execute("t | where s in [\"e\u{301}\"] | select v").output == "v\n2\n")
        #expect(session.execute("t | select k = s in [\"\u{E9}\"]").output == "k\ntrue\nfalse\ntrue\n")
        #expect(session.execute("t | join t on s | select v, v_right").output == "v,v_right\n1,1\n1,3\n2,2\n3,1\n3,3\n")
        // A segment keyed by the NFD text holds only that row.
        let members = SegmentMembers(label: "@nfd", keys: .strings(["e\u{301}"]))
        let table = session.catalog["t"]
        let rows = table.map { try? ExpressionEvaluator.select(.inSegment(.column(0, .string), members, negated: false), on: $0) }
        #expect(rows == .some(.some([1])))
    }

    @Test func arithmeticKeepsDecimalsExact() throws {
        #expect(try Self.rows("orders | select a = amount * 2, b = amount * 1.5, c = amount + 1, d = order_id / 2 | limit 2")
            == ["241.00|180.750|121.50|0.5", "1998.00|1498.500|1000.00|1"])
        #expect(try Self.rows("orders | select r = round(amount, 0), m = amount % 3 | limit 1") == ["121|0.50"])
    }

    @Test func datesAndDaysSince() throws {
        #expect(try Self.rows("orders | select d = days_since(order_date), n = order_date + 30, m = month(order_date) | limit 2")
            == ["29|2026-07-01|6", "19|2026-07-11|6"])
        #expect(try Self.rows(#"orders | select t = date_trunc("month", order_date) | distinct"#) == ["2026-06-01", "2026-04-01"])
    }

    @Test func caseAndCoalesce() throws {
        #expect(try Self.rows(#"orders | select t = case amount >= 100 => "A", amount >= 10 => "B", _ => "C", c = coalesce(amount, 0)"#)
            == ["A|120.50", "A|999.00", "C|5.00", "B|33.33", "C|0.00"])
    }

    @Test func groupSortTopAndCount() throws {
        #expect(try Self.rows("orders | group customer_id agg n = count(), s = sum(amount), x = max(order_date) | sort s desc")
            == ["10|2|1119.50|2026-06-11", "30|1|33.33|2026-04-22", "20|2|5.00|2026-06-30"])
        #expect(try Self.rows("orders | group c = lower(category) agg s = sum(amount * 2) | top 1 by s") == ["数码|1998.00"])
        #expect(try Self.rows("orders | where amount is null | count") == ["1"])
        #expect(try Self.rows("orders | sort -order_id | limit 2 | select order_id") == ["5", "4"])
    }

    @Test func joinAndUnion() throws {
        #expect(try Self.rows("""
            orders | join (orders | group customer_id agg n = count()) on customer_id | select order_id, n
            """) == ["1|2", "2|2", "3|2", "4|1", "5|2"])
        #expect(try Self.rows("orders | union orders | count") == ["10"])
    }
}
