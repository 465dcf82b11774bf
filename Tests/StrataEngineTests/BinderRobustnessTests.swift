import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

/// Whatever a user types, binding ends in a plan or a located diagnostic — never a trap.
@Suite struct BinderRobustnessTests {
    static let statements = [
        #"orders | where amount > 100 and category in ["家电", "数码"] | count"#,
        "orders | group customer_id agg n = count(), spent = sum(amount), last = max(order_date)",
        "orders | group category agg revenue = sum(amount) | sort revenue desc | limit 5",
        "customers | join (orders | group customer_id agg spent = sum(amount)) on customer_id",
        #"customers | derive idle = days_since(last_contact_date) | where idle between 60 and 90"#,
        #"orders | derive t = case amount >= 100 => "A", amount >= 10 => "B", _ => "C" | group t agg n = count()"#,
        #"orders | select order_id, m = date_trunc("month", order_date), r = round(amount * 1.5, 1)"#,
        "orders | union orders2024 | distinct customer_id | top 3 by customer_id",
        #"customers | where signup >= "2025-07-01" or vip == true | drop score"#,
        "orders | where -amount % 3 != 0 and not (order_id in [1, -2, 3.5]) | sort amount * 2 desc",
        "orders | group agg q = quantile(amount, 0.9), m = median(order_date), s = share()",
        #"orders | derive c = coalesce(category, "无"), l = length(lower(c)) | where contains(c, "家")"#,
    ]

    /// Tokens spliced into statements: verbs, operators, names, literals of every kind.
    static let pieces = [
        "|", "(", ")", "[", "]", ",", "=", "==", "<", "+", "-", "*", "/", "%", "and", "or", "not", "null",
        "true", "in", "between", "is", "case", "=>", "_", "agg", "group", "sort", "desc", "amount", "category",
        "order_date", "order_id", "vip", "signup", "nope", "sum(", "count()", "days_since(", "0", "-1", "1.5",
        "99999999999999999999", "2026-02-30", "2026-06-30", #""x""#, #""2025-01-01""#, "`客户 名单`", "limit 3",
        "join orders on order_id", "union customers", "select", "derive", "where", "quantile(amount,", "round(",
    ]

    @Test func mutatedStatementsNeverTrap() {
        var generator = TestRandom(seed: 20260630)
        var bound = 0
        var diagnosed = 0
        for statement in Self.statements {
            let words = statement.split(separator: " ").map(String.init)
            for _ in 0..<300 {
                var mutated = words
                for _ in 0..<(1 + generator.below(2)) {
                    let position = generator.below(mutated.count)
                    switch generator.below(3) {
                    case 0: mutated.remove(at: position)
                    case 1: mutated[position] = Self.pieces[generator.below(Self.pieces.count)]
                    default: mutated.insert(Self.pieces[generator.below(Self.pieces.count)], at: position)
                    }
                    if mutated.isEmpty { mutated = ["orders"] }
                }
                let text = mutated.joined(separator: " ")
                do {
                    guard case .show(let pipeline) = try Parser.parse(text) else { continue }
                    let plan = try BinderTest.binder.bind(pipeline)
                    _ = plan.explain()
                    _ = plan.schema
                    bound += 1
                } catch {
                    guard case .statement(let range)? = error.location else {
                        Issue.record("diagnostic without a position for: \(text)")
                        continue
                    }
                    #expect(range.lowerBound >= 0 && range.upperBound <= text.count + 1, "\(text)")
                    diagnosed += 1
                }
            }
        }
        // Both outcomes occur: the mutations are neither all harmless nor all fatal.
        #expect(bound > 50)
        #expect(diagnosed > 100)
    }
}
