import StrataCore
import Testing
@testable import StrataEngine

/// Lowering of each verb: the plan's shape (through `explain`) and its output schema.
@Suite struct BinderVerbTests {
    let scanOrders = "scan orders: order_id, customer_id, order_date, amount, category"

    @Test func whereFiltersWithAPromotedConstant() throws {
        let plan = try BinderTest.plan("orders | where amount > 100")
        #expect(plan.explain() == "filter amount > 100.00\n  " + scanOrders)
        guard case .filter(_, let predicate) = plan else { Issue.record("not a filter"); return }
        #expect(predicate == .comparison(.greater, BinderTest.column("amount"), .literal(.decimal(10000, scale: 2), .decimal(scale: 2))))
        #expect(plan.schema == BinderTestCatalog.orders)
    }

    @Test func deriveReplacesInPlaceAppendsAndStagesDependentAssignments() throws {
        let plan = try BinderTest.plan("orders | derive amount = amount * 2, doubled = amount + 1, id = order_id")
        #expect(plan.explain() == """
            project order_id, customer_id, order_date, amount, category, doubled = amount + 1.00, id = order_id
              project order_id, customer_id, order_date, amount = amount * 2, category
                \(scanOrders)
            """)
        #expect(BinderTest.schema(plan) == [
            "order_id: integer", "customer_id: integer", "order_date: date", "amount: decimal(2)",
            "category: string", "doubled: decimal(2)", "id: integer",
        ])
    }

    @Test func deriveOfIndependentAssignmentsIsOneProject() throws {
        let plan = try BinderTest.plan("orders | derive a = amount, b = order_id")
        #expect(plan.explain() == """
            project order_id, customer_id, order_date, amount, category, a = amount, b = order_id
              \(scanOrders)
            """)
    }

    @Test func selectKeepsRenamesAndComputes() throws {
        let plan = try BinderTest.plan("orders | select order_id, 金额 = amount, big = amount > 100")
        #expect(BinderTest.schema(plan) == ["order_id: integer", "金额: decimal(2)", "big: boolean"])
        #expect(plan.explain().hasPrefix("project order_id, 金额 = amount, big = amount > 100.00\n"))
    }

    @Test func dropRemovesColumns() throws {
        let plan = try BinderTest.plan("orders | drop category, order_date")
        #expect(plan.schema.map(\.name) == ["order_id", "customer_id", "amount"])
    }

    @Test func groupOnPlainColumnsNeedsNoProject() throws {
        let plan = try BinderTest.plan("orders | group customer_id agg n = count(), spent = sum(amount), last = max(order_date)")
        #expect(plan.explain() == """
            aggregate by customer_id: n = count(), spent = sum(amount), last = max(order_date)
              \(scanOrders)
            """)
        #expect(BinderTest.schema(plan) == ["customer_id: integer", "n: integer", "spent: decimal(2)", "last: date"])
    }

    @Test func groupComputesExpressionKeysAndArgumentsInAProject() throws {
        let plan = try BinderTest.plan(
            "orders | group m = month(order_date) agg revenue = sum(amount * 2), n = count_distinct(customer_id)")
        #expect(plan.explain() == """
            aggregate by m: revenue = sum(`amount * 2`), n = count_distinct(customer_id)
              project m = month(order_date), `amount * 2` = amount * 2, customer_id
                \(scanOrders)
            """)
        #expect(BinderTest.schema(plan) == ["m: integer", "revenue: decimal(2)", "n: integer"])
    }

    @Test func groupReusesOneArgumentColumnAndAKeyColumn() throws {
        let plan = try BinderTest.plan("orders | group c = category agg a = min(amount + 1), b = max(amount + 1), k = count(category)")
        guard case .aggregate(.project(_, let columns), let keys, let aggregates) = plan else {
            Issue.record("not aggregate over project: \(plan.explain())")
            return
        }
        #expect(columns.map(\.name) == ["c", "amount + 1.00"])
        #expect(keys == [0])
        #expect(aggregates.map(\.argument) == [1, 1, 0])
    }

    @Test func groupWithoutKeysGivesOneRow() throws {
        let plan = try BinderTest.plan("orders | group agg n = count(), s = share()")
        #expect(plan.explain() == "aggregate: n = count(), s = share()\n  " + scanOrders)
        #expect(BinderTest.schema(plan) == ["n: integer", "s: double"])
    }

    @Test func aggregateResultTypes() throws {
        let plan = try BinderTest.plan("""
            orders | group category agg a = avg(amount), md = median(amount), mdd = median(order_date), \
            q = quantile(amount, 0.9), f = first(category), c = count(category), mn = min(category), \
            s = sum(order_id), l = last(order_date), d = count_distinct(order_date)
            """)
        #expect(BinderTest.schema(plan) == [
            "category: string", "a: double", "md: double", "mdd: date", "q: double", "f: string", "c: integer",
            "mn: string", "s: integer", "l: date", "d: integer",
        ])
        guard case .aggregate(_, _, let aggregates) = plan else { Issue.record("not an aggregate"); return }
        #expect(aggregates[3].function == .quantile(0.9))
        #expect(aggregates[5].function == .count && aggregates[5].argument == 4)
    }

    @Test func sortOnColumnsAndOnExpressions() throws {
        #expect(try BinderTest.plan("orders | sort amount desc, order_id").explain()
            == "sort amount desc, order_id\n  " + scanOrders)
        let plan = try BinderTest.plan("orders | sort amount * -1")
        #expect(plan.explain() == """
            project order_id, customer_id, order_date, amount, category
              sort `amount * -1`
                project order_id, customer_id, order_date, amount, category, `amount * -1` = amount * -1
                  \(scanOrders)
            """)
        #expect(plan.schema == BinderTestCatalog.orders)
    }

    @Test func limitAndTop() throws {
        #expect(try BinderTest.plan("orders | limit 5").explain() == "limit 5\n  " + scanOrders)
        #expect(try BinderTest.plan("orders | top 3 by amount").explain() == """
            limit 3
              sort amount desc
                \(scanOrders)
            """)
        #expect(try BinderTest.plan("orders | top 3 by amount asc").explain().contains("sort amount\n"))
    }

    @Test func distinctAllOrSomeColumns() throws {
        #expect(try BinderTest.plan("orders | distinct").explain() == "distinct\n  " + scanOrders)
        let plan = try BinderTest.plan("orders | distinct category, customer_id")
        #expect(plan.explain() == "distinct\n  project category, customer_id\n    " + scanOrders)
        #expect(plan.schema.map(\.name) == ["category", "customer_id"])
    }

    @Test func countIsAKeylessAggregate() throws {
        let plan = try BinderTest.plan("orders | where amount > 100 | count")
        #expect(plan.explain() == "aggregate: count = count()\n  filter amount > 100.00\n    " + scanOrders)
        #expect(BinderTest.schema(plan) == ["count: integer"])
    }

    @Test func joinTableAndParenthesisedPipeline() throws {
        let plan = try BinderTest.plan("customers | left join (orders | group customer_id agg spent = sum(amount)) on customer_id")
        #expect(plan.explain() == """
            left join on customer_id
              scan customers: customer_id, name, region, last_contact_date, signup, vip, score
              aggregate by customer_id: spent = sum(amount)
                \(scanOrders)
            """)
        #expect(plan.schema.map(\.name) == BinderTestCatalog.customers.map(\.name) + ["spent"])
        guard case .join(_, _, let leftKeys, let rightKeys, let kind) = plan else { Issue.record("not a join"); return }
        #expect(leftKeys == [0] && rightKeys == [0] && kind == .left)
    }

    @Test func joinRenamesClashingRightColumns() throws {
        let plan = try BinderTest.plan("orders | join orders on order_id")
        #expect(plan.schema.map(\.name) == [
            "order_id", "customer_id", "order_date", "amount", "category",
            "customer_id_right", "order_date_right", "amount_right", "category_right",
        ])
        // When NAME_right is taken too, the right side is renamed first: names stay unique.
        let twice = try BinderTest.plan("orders | derive amount_right = 1 | join orders on order_id")
        let names = twice.schema.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.contains("amount_right_right"))
    }

    @Test func unionWidensNumericColumns() throws {
        let plan = try BinderTest.plan("orders | union orders2024")
        #expect(plan.explain() == """
            union
              \(scanOrders)
              project order_id, customer_id, order_date, amount = cast(amount as decimal(2)), category
                scan orders2024: order_id, customer_id, order_date, amount, category
            """)
        #expect(plan.schema == BinderTestCatalog.orders)
        // The other way round the first input is widened.
        #expect(try BinderTest.plan("orders2024 | union orders").explain().hasPrefix(
            "union\n  project order_id, customer_id, order_date, amount = cast(amount as decimal(2)), category\n"))
    }

    @Test func pipelinesChainVerbs() throws {
        let plan = try BinderTest.plan("""
            orders | where order_date >= "2025-07-01" | derive big = amount >= 1000 \
            | group customer_id, big agg n = count() | sort n desc | limit 10
            """)
        #expect(BinderTest.schema(plan) == ["customer_id: integer", "big: boolean", "n: integer"])
    }
}
