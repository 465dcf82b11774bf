import StrataCore
import Testing
@testable import StrataLang

/// The condition of `t | where …`, printed fully parenthesised.
private func condition(_ text: String) throws -> String {
    guard case .show(let pipeline) = try Parser.parse("t | where " + text),
          case .filter(let expr) = pipeline.verbs.first?.kind
    else { return "not a where" }
    return expr.description
}

private func verbs(_ text: String) throws -> [Verb.Kind] {
    guard case .show(let pipeline) = try Parser.parse(text) else { return [] }
    return pipeline.verbs.map(\.kind)
}

@Suite struct ExpressionParserTests {
    @Test func precedence() throws {
        #expect(try condition("a + b * 2 > 10 and not c or d") == "(or (and (> (+ a (* b 2)) 10) (not c)) d)")
        #expect(try condition("a - b - c == 1") == "(== (- (- a b) c) 1)")
        #expect(try condition("(a + b) * -c >= -1.5") == "(>= (* (+ a b) (- c)) -1.5)")
        #expect(try condition("not a == 1") == "(not (== a 1))")
    }

    @Test func testsInBetweenIsNull() throws {
        #expect(try condition(#"amount > 100 and category in ["家电", "数码"]"#)
            == #"(and (> amount 100) (in category ["家电", "数码"]))"#)
        #expect(try condition("days_since(last_contact_date) between 60 and 90")
            == "(between days_since(last_contact_date) 60 90)")
        #expect(try condition("x not between 1 + 1 and 5 or y is not null")
            == "(or (not between x (+ 1 1) 5) (is not null y))")
        #expect(try condition("region not in [\"北京\"] and phone is null")
            == #"(and (not in region ["北京"]) (is null phone))"#)
        #expect(try condition("order_date >= 2025-07-01") == "(>= order_date 2025-07-01)")
        #expect(try condition("`客户 名称` == \"王芳\" and 金额 > 0") == #"(and (== 客户 名称 "王芳") (> 金额 0))"#)
    }

    @Test func caseArmsEndBeforeTheNextAssignment() throws {
        let kinds = try verbs("""
            t | derive tier = case spent >= 100000 and days_since(last) <= 90 => "A",
                                   spent >= 30000 => "B",
                                   _ => "C", flag = true
            """)
        guard case .derive(let assignments) = kinds.first else {
            Issue.record("not a derive: \(kinds)")
            return
        }
        #expect(assignments.map { $0.name?.text } == ["tier", "flag"])
        #expect(assignments[0].expr.description
            == #"(case (and (>= spent 100000) (<= days_since(last) 90)) => "A", (>= spent 30000) => "B", _ => "C")"#)
        let withoutDefault = try verbs(#"t | derive s = case x > 1 => "big", n = 2"#)
        guard case .derive(let second) = withoutDefault.first else { return }
        #expect(second.map { $0.name?.text } == ["s", "n"])
        #expect(second[0].expr.description == #"(case (> x 1) => "big")"#)
    }

    @Test func everyVerb() throws {
        let kinds = try verbs("""
            orders | where amount > 1 | derive y = year(order_date) | select customer_id, 金额 = amount
              | drop y | group region, m = month(d) agg n = count(), s = sum(amount) | sort s desc, region
              | limit 5 | top 3 by s | distinct | distinct a, b | count
              | left join (customers | where x) on customer_id, region | join c on id | union other
              | duplicates phone, name
            """)
        #expect(kinds.count == 15)
        guard case .group(let keys, let aggregates) = kinds[4] else { Issue.record("group"); return }
        #expect(keys.map { $0.name?.text } == [nil, "m"])
        #expect(aggregates.map { $0.expr.description } == ["count()", "sum(amount)"])
        guard case .sort(let sortKeys) = kinds[5] else { Issue.record("sort"); return }
        #expect(sortKeys.map(\.descending) == [true, false])
        guard case .top(3, let topKeys) = kinds[7] else { Issue.record("top"); return }
        #expect(topKeys.map(\.descending) == [true])
        #expect(kinds[8] == .distinct([]))
        #expect(kinds[10] == .count)
        guard case .join(.left, .pipeline(let inner), let on) = kinds[11] else { Issue.record("left join"); return }
        #expect(inner.verbs.count == 1)
        #expect(on.map(\.text) == ["customer_id", "region"])
        guard case .join(.inner, .table(let c), _) = kinds[12] else { Issue.record("join"); return }
        #expect(c.text == "c")
        guard case .duplicates(let keysOfDuplicates) = kinds[14] else { Issue.record("duplicates"); return }
        #expect(keysOfDuplicates.map(\.text) == ["phone", "name"])
    }

    @Test func groupWithoutKeys() throws {
        guard case .group(let keys, let aggregates) = try verbs("t | group agg n = count()").first else {
            Issue.record("not a group")
            return
        }
        #expect(keys.isEmpty && aggregates.count == 1)
    }

    @Test func errorsPointAtTheProblem() {
        #expect(parseError("orders | wher amount > 1") == """
            Error: unknown verb "wher". Did you mean "where"?
              orders | wher amount > 1
                       ^^^^
            """)
        #expect(parseError("t | where a = 1") == """
            Error: use == to compare (= names a new column in derive, select and agg)
              t | where a = 1
                          ^
            """)
        #expect(parseError("t | group region n = count()").hasPrefix("Error: expected agg after the group keys"))
        #expect(parseError("t | derive count()").hasPrefix("Error: expected NAME = expression, found count"))
        #expect(parseError("t | where a in [1, 2").hasPrefix("Error: expected ], found end of statement"))
        #expect(parseError("t | top 5 amount").hasPrefix("Error: expected by after top 5"))
        #expect(parseError("t | join c").hasPrefix("Error: expected on and the key columns"))
        #expect(parseError("t | where (a > 1").hasPrefix("Error: expected ), found end of statement"))
        #expect(parseError("t | where case a => 1").hasPrefix("no error"))
        #expect(parseError("t | where case a 1").hasPrefix("Error: expected => after the condition"))
    }
}

@Suite struct SegmentationVerbParserTests {
    @Test func rfmAbcScoreCluster() throws {
        guard case .show(let pipeline) = try Parser.parse("""
            orders | rfm customer_id, order_date, amount (method quantile, bins 4, r_breaks [30, 90, 180])
              | abc monetary (a 0.8, b 0.95) | cluster 4 on recency, monetary (log, seed 7)
            """) else {
            Issue.record("not a pipeline")
            return
        }
        guard case .rfm(let customer, let date, let amount, let options) = pipeline.verbs[0].kind else {
            Issue.record("not rfm")
            return
        }
        #expect([customer.text, date.text, amount.text] == ["customer_id", "order_date", "amount"])
        #expect(options.map(\.name.text) == ["method", "bins", "r_breaks"])
        guard case .abc(let column, let abcOptions) = pipeline.verbs[1].kind,
              case .cluster(4, let columns, let clusterOptions) = pipeline.verbs[2].kind else {
            Issue.record("not abc and cluster")
            return
        }
        #expect(column.text == "monetary" && abcOptions.count == 2)
        #expect(columns.map(\.text) == ["recency", "monetary"] && clusterOptions.map(\.name.text) == ["log", "seed"])
        guard case .show(let scored) = try Parser.parse(#"interactions | score customer_id by kind (rules "r.csv")"#),
              case .score(let key, let kind, let scoreOptions) = scored.verbs[0].kind else {
            Issue.record("not score")
            return
        }
        #expect(key.text == "customer_id" && kind.text == "kind" && scoreOptions.count == 1)
    }
}
