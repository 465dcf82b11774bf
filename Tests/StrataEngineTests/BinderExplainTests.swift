import StrataCore
import Testing
@testable import StrataEngine

/// `.explain` golden text: deterministic, in the language's own syntax, no data.
@Suite struct BinderExplainTests {
    @Test func topRegionsByRevenue() throws {
        let plan = try BinderTest.plan("orders | group category agg revenue = sum(amount) | sort revenue desc | limit 5")
        #expect(plan.explain() == """
            limit 5
              sort revenue desc
                aggregate by category: revenue = sum(amount)
                  scan orders: order_id, customer_id, order_date, amount, category
            """)
    }

    @Test func tieringRules() throws {
        let plan = try BinderTest.plan("""
            customers | join (orders | group customer_id agg spent = sum(amount)) on customer_id
              | derive tier = case spent >= 100000 and days_since(last_contact_date) <= 90 => "A",
                                   spent >= 30000 => "B",
                                   _ => "C"
              | group tier agg customers = count(), revenue = sum(spent) | sort tier
            """)
        #expect(plan.explain() == """
            sort tier
              aggregate by tier: customers = count(), revenue = sum(spent)
                project customer_id, name, region, last_contact_date, signup, vip, score, spent, \
            tier = (case spent >= 100000.00 and 2026-06-30 - last_contact_date <= 90 => "A", \
            spent >= 30000.00 => "B", _ => "C")
                  join on customer_id
                    scan customers: customer_id, name, region, last_contact_date, signup, vip, score
                    aggregate by customer_id: spent = sum(amount)
                      scan orders: order_id, customer_id, order_date, amount, category
            """)
    }

    @Test func expressionsKeepPrecedenceCastsAndQuoting() throws {
        let plan = try BinderTest.plan(#"""
            orders | where (amount + 1) * 2 > 10 and (category in ["家电", "say \"hi\""] or not order_id - 1 > 3)
              | derive d = order_id / 2, m = -(amount - 1)
            """#)
        #expect(plan.explain() == #"""
            project order_id, customer_id, order_date, amount, category, d = cast(order_id as double) / 2, m = -(amount - 1.00)
              filter (amount + 1.00) * 2 > 10.00 and (category in ["家电", "say \"hi\""] or not order_id - 1 > 3)
                scan orders: order_id, customer_id, order_date, amount, category
            """#)
    }

    @Test func namesThatAreNotIdentifiersAreQuoted() throws {
        let plan = try BinderTest.plan("`客户 名单` | where `消费 金额` is not null | select 客户, `消费 金额`")
        #expect(plan.explain() == """
            project 客户, `消费 金额`
              filter `消费 金额` is not null
                scan `客户 名单`: 客户, `消费 金额`
            """)
    }

    @Test func aggregatesJoinsAndUnions() throws {
        let plan = try BinderTest.plan("""
            orders | union orders2024 | left join (customers | select customer_id, region) on customer_id \
            | group region agg p90 = quantile(amount, 0.9), n = count(category), d = count_distinct(customer_id) \
            | distinct
            """)
        #expect(plan.explain() == """
            distinct
              aggregate by region: p90 = quantile(amount, 0.9), n = count(category), d = count_distinct(customer_id)
                left join on customer_id
                  union
                    scan orders: order_id, customer_id, order_date, amount, category
                    project order_id, customer_id, order_date, amount = cast(amount as decimal(2)), category
                      scan orders2024: order_id, customer_id, order_date, amount, category
                  project customer_id, region
                    scan customers: customer_id, name, region, last_contact_date, signup, vip, score
            """)
    }

    @Test func functionsAndDates() throws {
        let plan = try BinderTest.plan("""
            customers | where signup >= 2025-07-01 and month(signup) in [1, 2] \
            | derive q = date_trunc("quarter", last_contact_date), r = round(score, 1), c = coalesce(region, "未知")
            """)
        #expect(plan.explain() == """
            project customer_id, name, region, last_contact_date, signup, vip, score, \
            q = date_trunc("quarter", last_contact_date), r = round(score, 1), c = coalesce(region, "未知")
              filter signup >= "2025-07-01 00:00:00" and month(cast(signup as date)) in [1, 2]
                scan customers: customer_id, name, region, last_contact_date, signup, vip, score
            """)
    }
}
