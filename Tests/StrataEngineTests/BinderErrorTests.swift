import StrataCore
import Testing
@testable import StrataEngine

/// Every binder error as the REPL shows it: message, the statement, a caret under the cause.
@Suite struct BinderErrorTests {
    @Test func unknownColumnSuggestsTheClosestName() {
        #expect(BinderTest.error("orders | where amout > 100") == """
            Error: column "amout" not found. Did you mean "amount"?
              orders | where amout > 100
                             ^^^^^
            """)
        #expect(BinderTest.error("orders | drop categroy") == """
            Error: column "categroy" not found. Did you mean "category"?
              orders | drop categroy
                            ^^^^^^^^
            """)
    }

    @Test func unknownTableSuggestsTheClosestName() {
        #expect(BinderTest.error("order | limit 1") == """
            Error: table "order" not found. Did you mean "orders"?
              order | limit 1
              ^^^^^
            """)
    }

    @Test func caretAlignsUnderChineseNames() {
        #expect(BinderTest.error("`客户 名单` | where 消费 > 1") == """
            Error: column "消费" not found.
              `客户 名单` | where 消费 > 1
                                  ^^^^
            """)
    }

    @Test func whereNeedsACondition() {
        #expect(BinderTest.error("orders | where amount * 2") == """
            Error: where needs a condition, found a decimal expression
              orders | where amount * 2
                             ^^^^^^^^^^
            """)
        #expect(BinderTest.error("orders | where order_id").hasPrefix(
            "Error: where needs a condition, found an integer expression"))
    }

    @Test func logicalOperatorsNeedConditions() {
        #expect(BinderTest.error("orders | where amount > 1 and category") == """
            Error: and needs a condition on each side, found a string expression
              orders | where amount > 1 and category
                                            ^^^^^^^^
            """)
        #expect(BinderTest.error("orders | where not amount").hasPrefix("Error: not needs a condition, found a decimal expression"))
    }

    @Test func selectedExpressionsNeedNames() {
        #expect(BinderTest.error("orders | select order_id, amount * 2") == """
            Error: name this column: select x = …
              orders | select order_id, amount * 2
                                        ^^^^^^^^^^
            """)
        #expect(BinderTest.error("orders | select a = order_id, a = amount") == """
            Error: column "a" appears twice in select: give it another name
              orders | select a = order_id, a = amount
                                            ^
            """)
    }

    @Test func dropCannotRemoveEverything() {
        #expect(BinderTest.error("accounts | drop customer_id, spent") == """
            Error: drop would remove every column
              accounts | drop customer_id, spent
                              ^^^^^^^^^^^^^^^^^^
            """)
    }

    @Test func aggregatesBelongInsideAgg() {
        #expect(BinderTest.error("orders | where sum(amount) > 1") == """
            Error: sum() is an aggregate: use it inside group … agg
              orders | where sum(amount) > 1
                             ^^^^^^^^^^^
            """)
        #expect(BinderTest.error("orders | group customer_id agg x = amount") == """
            Error: agg needs an aggregate such as sum(x)
              orders | group customer_id agg x = amount
                                                 ^^^^^^
            """)
        #expect(BinderTest.error("orders | group customer_id agg a = sum(amount) / count()") == """
            Error: agg needs an aggregate such as sum(x)
              orders | group customer_id agg a = sum(amount) / count()
                                                 ^^^^^^^^^^^^^^^^^^^^^
              to combine aggregates, derive after the group: group k agg s = sum(x), n = count() | derive average = s / n
            """)
        #expect(BinderTest.error("orders | group month(order_date) agg n = count()") == """
            Error: name this key: group k = …
              orders | group month(order_date) agg n = count()
                             ^^^^^^^^^^^^^^^^^
            """)
        #expect(BinderTest.error("orders | group category agg category = count()") == """
            Error: column "category" appears twice in group: give it another name
              orders | group category agg category = count()
                                          ^^^^^^^^
            """)
    }

    @Test func aggregateArgumentsAreChecked() {
        #expect(BinderTest.error("orders | group customer_id agg s = sum(category)") == """
            Error: sum needs a number, found a string
              orders | group customer_id agg s = sum(category)
                                                     ^^^^^^^^
            """)
        #expect(BinderTest.error("customers | group region agg m = max(vip)").hasPrefix(
            "Error: max needs a number, date or string, found a boolean"))
        #expect(BinderTest.error("orders | group agg m = median(category)").hasPrefix(
            "Error: median needs a number or a date, found a string"))
        #expect(BinderTest.error("orders | group agg m = avg(order_date)").hasPrefix("Error: avg needs a number, found a date"))
        #expect(BinderTest.error("orders | group agg q = quantile(amount, 2)") == """
            Error: quantile needs a fraction from 0 to 1 as its second argument, such as quantile(x, 0.9)
              orders | group agg q = quantile(amount, 2)
                                                      ^
            """)
        #expect(BinderTest.error("orders | group agg s = sum()") == """
            Error: sum takes one argument: sum(x)
              orders | group agg s = sum()
                                     ^^^^^
            """)
        #expect(BinderTest.error("orders | group agg s = share(amount)").hasPrefix("Error: share takes no argument: share()"))
    }

    @Test func comparisonsNeedCompatibleTypes() {
        #expect(BinderTest.error("orders | where category > 5") == """
            Error: cannot compare a string with an integer
              orders | where category > 5
                             ^^^^^^^^^^^^
            """)
        #expect(BinderTest.error("orders | where amount == null") == """
            Error: a comparison with null is never true: use x is null or x is not null
              orders | where amount == null
                             ^^^^^^^^^^^^^^
            """)
        #expect(BinderTest.error("customers | where vip > false").hasPrefix("Error: booleans can only be compared with == or !="))
        #expect(BinderTest.error("orders | where order_date > order_id").hasPrefix(
            "Error: cannot compare a date with an integer"))
    }

    @Test func invalidDates() {
        #expect(BinderTest.error("orders | where order_date > 2026-02-30") == """
            Error: 2026-02-30 is not a valid date
              orders | where order_date > 2026-02-30
                                          ^^^^^^^^^^
            """)
        #expect(BinderTest.error(#"orders | where order_date > "2026-13-01""#) == """
            Error: "2026-13-01" is not a date: write dates as yyyy-MM-dd
              orders | where order_date > "2026-13-01"
                                          ^^^^^^^^^^^^
            """)
    }

    @Test func arithmeticNeedsNumbers() {
        #expect(BinderTest.error("orders | derive x = category + 1") == """
            Error: cannot add a string and an integer
              orders | derive x = category + 1
                                  ^^^^^^^^^^^^
            """)
        #expect(BinderTest.error("orders | derive x = order_date * 2").hasPrefix("Error: cannot multiply a date by an integer"))
        #expect(BinderTest.error("orders | derive x = 1 - order_date").hasPrefix("Error: cannot subtract a date from an integer"))
        #expect(BinderTest.error("customers | derive x = score % 2").hasPrefix(
            "Error: % needs integers or decimals, found a double and an integer"))
        #expect(BinderTest.error("orders | derive x = -category").hasPrefix("Error: - needs a number, found a string"))
        #expect(BinderTest.error("orders | derive x = 99999999999999999999").hasPrefix(
            "Error: number 99999999999999999999 is too large for an integer"))
    }

    @Test func inListsNeedConstantsOfACompatibleType() {
        #expect(BinderTest.error("orders | where order_id in [customer_id]") == """
            Error: in [...] needs constant values, such as [1, 2] or ["a", "b"]
              orders | where order_id in [customer_id]
                                          ^^^^^^^^^^^
            """)
        #expect(BinderTest.error(#"orders | where order_id in [1, "2"]"#) == """
            Error: cannot compare an integer with a string
              orders | where order_id in [1, "2"]
                                             ^^^
            """)
        #expect(BinderTest.error("orders | where category in [null]").hasPrefix("Error: null never matches in [...]"))
    }

    @Test func caseValuesShareOneType() {
        #expect(BinderTest.error(#"orders | derive t = case amount > 1 => "A", _ => 0"#) == """
            Error: case values must share one type: found a string and an integer
              orders | derive t = case amount > 1 => "A", _ => 0
                                                               ^
            """)
        #expect(BinderTest.error(#"orders | derive t = case amount => "A""#).hasPrefix(
            "Error: case needs a condition before =>, found a decimal expression"))
    }

    @Test func functionsCheckNamesCountsAndTypes() {
        #expect(BinderTest.error("orders | derive x = lowr(category)") == """
            Error: unknown function "lowr". Did you mean "lower"?
              orders | derive x = lowr(category)
                                  ^^^^
            """)
        #expect(BinderTest.error("orders | derive x = lower()") == """
            Error: lower takes one argument: lower(text)
              orders | derive x = lower()
                                  ^^^^^^^
            """)
        #expect(BinderTest.error("orders | derive x = year(category)") == """
            Error: year needs a date, found a string: year(date)
              orders | derive x = year(category)
                                       ^^^^^^^^
            """)
        #expect(BinderTest.error(#"orders | derive x = date_trunc("mnth", order_date)"#) == """
            Error: unknown unit "mnth" for date_trunc. Did you mean "month"?
              orders | derive x = date_trunc("mnth", order_date)
                                             ^^^^^^
            """)
        #expect(BinderTest.error("orders | derive x = date_trunc(month, order_date)").hasPrefix(
            "Error: date_trunc needs the unit in quotes first"))
        #expect(BinderTest.error("orders | derive x = round(amount, 1.5)").hasPrefix(
            "Error: round needs a whole number of digits from -18 to 9"))
        #expect(BinderTest.error("orders | derive x = coalesce(amount, category)").hasPrefix(
            "Error: coalesce arguments must share one type: found a decimal and a string"))
        #expect(BinderTest.error("orders | derive x = contains(category, 1)").hasPrefix(
            "Error: contains needs a string, found an integer: contains(text, part)"))
        #expect(BinderTest.error("orders | derive x = days_since(amount)").hasPrefix(
            "Error: days_since needs a date, found a decimal: days_since(date)"))
        #expect(BinderTest.error("orders | derive x = abs(category)").hasPrefix("Error: abs needs a number, found a string"))
    }

    @Test func joinKeysMustExistOnBothSidesWithOneType() {
        #expect(BinderTest.error("orders | join customers on order_id") == """
            Error: column "order_id" not found in the joined table.
              orders | join customers on order_id
                                         ^^^^^^^^
            """)
        #expect(BinderTest.error("accounts | join orders on customer_id") == """
            Error: join key "customer_id" is a string here but an integer in the joined table
              accounts | join orders on customer_id
                                        ^^^^^^^^^^^
            """)
        #expect(BinderTest.error("orders | join ledger on customer_id") == """
            Error: join key "customer_id" is an integer here but a decimal in the joined table
              orders | join ledger on customer_id
                                      ^^^^^^^^^^^
              hint: load both with the same type, e.g. (types (customer_id integer))
            """)
        #expect(BinderTest.error("orders | join (orders | derive k = amount) on amount").hasPrefix(
            "Error: join keys must be integers, strings or dates; \"amount\" is a decimal"))
    }

    @Test func unionNeedsTheSameColumns() {
        #expect(BinderTest.error("orders | union customers") == """
            Error: union needs the same columns in the same order: column 1 is "order_id" here but "customer_id" in the other table
              orders | union customers
                             ^^^^^^^^^
            """)
        #expect(BinderTest.error("orders | union (orders | drop category)") == """
            Error: union: the other table has no column "category"
              orders | union (orders | drop category)
                              ^^^^^^^^^^^^^^^^^^^^^^
            """)
        #expect(BinderTest.error("orders | union (orders | derive extra = 1)").hasPrefix(
            "Error: union: the other table has an extra column \"extra\""))
        #expect(BinderTest.error("orders | union (orders | derive category = 1)").hasPrefix(
            "Error: union: column \"category\" is a string here but an integer in the other table"))
    }

    @Test func duplicatesNeedsKnownColumns() {
        #expect(BinderTest.error("orders | duplicates customer_idd").hasPrefix(#"Error: column "customer_idd" not found. Did you mean "customer_id"?"#))
    }
}
