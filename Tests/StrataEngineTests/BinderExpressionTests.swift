import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

/// Expressions: literals, promotion, date arithmetic, comparisons, `in`, `between`, `case`,
/// functions. Expected trees are written out in full.
@Suite struct BinderExpressionTests {
    let amount = BinderTest.column("amount")
    let orderID = BinderTest.column("order_id")
    let orderDate = BinderTest.column("order_date")
    let category = BinderTest.column("category")
    let signup = BinderTest.column("signup", in: BinderTestCatalog.customers)
    let score = BinderTest.column("score", in: BinderTestCatalog.customers)

    private func decimal(_ units: Int64, _ scale: Int) -> BoundExpr {
        .literal(.decimal(units, scale: scale), .decimal(scale: scale))
    }

    private func range(_ expression: String) -> Range<Int> {
        // `orders | derive x = ` is 20 characters.
        20..<(20 + expression.count)
    }

    @Test func literals() throws {
        #expect(try BinderTest.bound("42") == .literal(.int(42), .int64))
        #expect(try BinderTest.bound("-7") == .literal(.int(-7), .int64))
        #expect(try BinderTest.bound("1234.50") == decimal(123450, 2))
        #expect(try BinderTest.bound("-0.05") == decimal(-5, 2))
        #expect(try BinderTest.bound("0.1234567891") == .literal(.double(0.1234567891), .double))
        #expect(try BinderTest.bound("2026-06-30") == .literal(.date(BinderTest.asOf), .date))
        #expect(try BinderTest.bound(#""家电""#) == .literal(.string("家电"), .string))
        #expect(try BinderTest.bound("true") == .literal(.bool(true), .bool))
    }

    @Test func integerAndDecimalPromoteToDecimal() throws {
        #expect(try BinderTest.bound("order_id + 1.5") == .arithmetic(
            .add, .cast(orderID, .decimal(scale: 1)), decimal(15, 1), .decimal(scale: 1), range: range("order_id + 1.5")))
        // Different scales: the larger one; the constant is rescaled, not cast at run time.
        #expect(try BinderTest.bound("amount - 1.5") == .arithmetic(
            .subtract, amount, decimal(150, 2), .decimal(scale: 2), range: range("amount - 1.5")))
    }

    @Test func multiplicationKeepsExactOperandsAndAddsScales() throws {
        #expect(try BinderTest.bound("amount * 2") == .arithmetic(
            .multiply, amount, .literal(.int(2), .int64), .decimal(scale: 2), range: range("amount * 2")))
        #expect(try BinderTest.bound("amount * 1.5").type == .decimal(scale: 3))
        #expect(try BinderTest.bound("amount * amount").type == .decimal(scale: 4))
        #expect(try BinderTest.bound("amount * 0.00001 * 0.001").type == .decimal(scale: 9))
        #expect(try BinderTest.bound("order_id * 3").type == .int64)
    }

    @Test func divisionGivesDoubleAndRemainderStaysExact() throws {
        #expect(try BinderTest.bound("order_id / 2") == .arithmetic(
            .divide, .cast(orderID, .double), .literal(.double(2), .double), .double, range: range("order_id / 2")))
        #expect(try BinderTest.bound("amount / amount").type == .double)
        #expect(try BinderTest.bound("order_id % 7").type == .int64)
        #expect(try BinderTest.bound("amount % 3").type == .decimal(scale: 2))
    }

    @Test func doubleWinsOverDecimal() throws {
        #expect(try BinderTest.bound("score + 1.25", in: "customers") == .arithmetic(
            .add, score, .literal(.double(1.25), .double), .double, range: 23..<35))
        #expect(try BinderTest.bound("-score", in: "customers") == .negate(score))
    }

    @Test func dateArithmetic() throws {
        #expect(try BinderTest.bound("order_date + 30") == .arithmetic(
            .add, orderDate, .literal(.int(30), .int64), .date, range: range("order_date + 30")))
        // Integer + date is written date + integer.
        #expect(try BinderTest.bound("30 + order_date") == .arithmetic(
            .add, orderDate, .literal(.int(30), .int64), .date, range: range("30 + order_date")))
        #expect(try BinderTest.bound("order_date - 7").type == .date)
        #expect(try BinderTest.bound("order_date - 2026-01-01").type == .int64)
        #expect(try BinderTest.bound("signup + 1", in: "customers").type == .timestamp)
        #expect(try BinderTest.bound("signup - last_contact_date", in: "customers") == .arithmetic(
            .subtract, signup, .cast(BinderTest.column("last_contact_date", in: BinderTestCatalog.customers), .timestamp),
            .double, range: 23..<49))
    }

    @Test func comparisonsPromoteAndReadDateStrings() throws {
        let july = CivilDate(year: 2025, month: 7, day: 1).days
        #expect(try BinderTest.bound(#"order_date >= "2025-07-01""#) == .comparison(
            .greaterOrEqual, orderDate, .literal(.date(july), .date)))
        #expect(try BinderTest.bound("order_id < 2.5") == .comparison(
            .less, .cast(orderID, .decimal(scale: 1)), decimal(25, 1)))
        #expect(try BinderTest.bound("signup >= 2025-07-01", in: "customers") == .comparison(
            .greaterOrEqual, signup, .literal(.timestamp(Int64(july) * 86_400_000_000), .timestamp)))
        let lastContact = BinderTest.column("last_contact_date", in: BinderTestCatalog.customers)
        #expect(try BinderTest.bound("signup > last_contact_date", in: "customers") == .comparison(
            .greater, signup, .cast(lastContact, .timestamp)))
        #expect(try BinderTest.bound("vip == true", in: "customers").type == .bool)
        #expect(try BinderTest.bound(#"category != "家电""#) == .comparison(.notEqual, category, .literal(.string("家电"), .string)))
    }

    @Test func logicalOperators() throws {
        let big = BoundExpr.comparison(.greater, amount, decimal(10000, 2))
        let appliances = BoundExpr.comparison(.equal, category, .literal(.string("家电"), .string))
        #expect(try BinderTest.bound(#"amount > 100 and not category == "家电""#) == .and(big, .not(appliances)))
        #expect(try BinderTest.bound(#"amount > 100 or category == "家电""#) == .or(big, appliances))
    }

    @Test func inListsConvertConstantsToTheOperandsType() throws {
        #expect(try BinderTest.bound(#"category in ["家电", "数码"]"#) == .inList(
            category, [.string("家电"), .string("数码")], negated: false))
        #expect(try BinderTest.bound("amount not in [100, -5, 0.5]") == .inList(
            amount, [.decimal(10000, scale: 2), .decimal(-500, scale: 2), .decimal(50, scale: 2)], negated: true))
        // An integer column against a fraction compares as decimals.
        #expect(try BinderTest.bound("order_id in [1, 2.5]") == .inList(
            .cast(orderID, .decimal(scale: 1)), [.decimal(10, scale: 1), .decimal(25, scale: 1)], negated: false))
        let first = CivilDate(year: 2025, month: 1, day: 1).days
        #expect(try BinderTest.bound(#"order_date in ["2025-01-01", 2025-01-01]"#) == .inList(
            orderDate, [.date(first), .date(first)], negated: false))
    }

    @Test func betweenIsTwoComparisons() throws {
        let low = BoundExpr.comparison(.lessOrEqual, decimal(1000, 2), amount)
        let high = BoundExpr.comparison(.lessOrEqual, amount, decimal(2000, 2))
        #expect(try BinderTest.bound("amount between 10 and 20") == .and(low, high))
        #expect(try BinderTest.bound("amount not between 10 and 20") == .not(.and(low, high)))
    }

    @Test func isNull() throws {
        #expect(try BinderTest.bound("amount is null") == .isNull(amount, negated: false))
        #expect(try BinderTest.bound("category is not null") == .isNull(category, negated: true))
    }

    @Test func caseUnifiesArmTypes() throws {
        let big = BoundExpr.comparison(.greater, amount, decimal(10000, 2))
        #expect(try BinderTest.bound(#"case amount > 100 => "big", _ => "small""#) == .caseWhen(
            [BoundCaseArm(condition: big, value: .literal(.string("big"), .string))],
            otherwise: .literal(.string("small"), .string), .string))
        // Numbers widen; without `_` the rest is a typed null.
        #expect(try BinderTest.bound("case amount > 100 => 1, amount > 10 => 0.5") == .caseWhen(
            [BoundCaseArm(condition: big, value: decimal(10, 1)),
             BoundCaseArm(condition: .comparison(.greater, amount, decimal(1000, 2)), value: decimal(5, 1))],
            otherwise: .literal(.null, .decimal(scale: 1)), .decimal(scale: 1)))
        // A null arm takes the other arms' type.
        #expect(try BinderTest.bound("case amount > 100 => null, _ => amount") == .caseWhen(
            [BoundCaseArm(condition: big, value: .literal(.null, .decimal(scale: 2)))], otherwise: amount, .decimal(scale: 2)))
    }

    @Test func daysSinceMeasuresFromTheAnalysisDate() throws {
        let lastContact = BinderTest.column("last_contact_date", in: BinderTestCatalog.customers)
        let text = "days_since(last_contact_date)"
        #expect(try BinderTest.bound(text, in: "customers") == .arithmetic(
            .subtract, .literal(.date(BinderTest.asOf), .date), lastContact, .int64, range: 23..<(23 + text.count)))
        // A timestamp counts from its day.
        guard case .arithmetic(_, _, let argument, .int64, _) = try BinderTest.bound("days_since(signup)", in: "customers") else {
            Issue.record("not a subtraction")
            return
        }
        #expect(argument == .cast(signup, .date))
    }

    @Test func scalarFunctions() throws {
        func call(_ text: String, in table: String = "orders") throws -> (ScalarFunction, [BoundExpr], DataType) {
            guard case .function(let function, let arguments, let type, _) = try BinderTest.bound(text, in: table) else {
                throw Diagnostic("\(text) is not a function call")
            }
            return (function, arguments, type)
        }
        #expect(try call("coalesce(amount, 0)") == (.coalesce, [amount, decimal(0, 2)], .decimal(scale: 2)))
        #expect(try call(#"contains(category, "家")"#) == (.contains, [category, .literal(.string("家"), .string)], .bool))
        #expect(try call(#"starts_with(category, "a")"#).0 == .startsWith)
        #expect(try call(#"ends_with(category, "a")"#).0 == .endsWith)
        #expect(try call("lower(category)") == (.lower, [category], .string))
        #expect(try call("upper(category)").2 == .string)
        #expect(try call("length(category)") == (.length, [category], .int64))
        #expect(try call("year(order_date)") == (.year, [orderDate], .int64))
        #expect(try call("month(signup)", in: "customers") == (.month, [.cast(signup, .date)], .int64))
        #expect(try call("week(order_date)").0 == .week)
        #expect(try call(#"date_trunc("quarter", order_date)"#)
            == (.dateTrunc, [.literal(.string("quarter"), .string), orderDate], .date))
        #expect(try call("abs(amount)") == (.abs, [amount], .decimal(scale: 2)))
        #expect(try call("round(amount, 1)") == (.round, [amount, .literal(.int(1), .int64)], .decimal(scale: 1)))
        #expect(try call("round(amount)").2 == .decimal(scale: 0))
        #expect(try call("round(amount, 4)").2 == .decimal(scale: 2))
        #expect(try call("round(score, 1)", in: "customers").2 == .double)
        #expect(try call("round(amount, -2)") == (.round, [amount, .literal(.int(-2), .int64)], .decimal(scale: 0)))
        #expect(try call("round(order_id, -2)").2 == .int64)
        // An integer is already round.
        #expect(try BinderTest.bound("round(order_id, 2)") == orderID)
    }

    @Test func standaloneExpressionBinding() throws {
        let expr = Expr.binary(.greater, .name(Name("amount", 0..<6)), .literal(.number("5"), 9..<10), 0..<10)
        #expect(try BinderTest.binder.bind(expr, schema: BinderTestCatalog.orders)
            == .comparison(.greater, amount, decimal(500, 2)))
    }
}
