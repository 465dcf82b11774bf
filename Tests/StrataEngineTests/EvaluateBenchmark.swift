import Foundation
import StrataCore
import StrataEngine
import Testing

/// Evaluator micro-benchmark on 10M rows. Off by default (timing is not a test); run with
/// `STRATA_BENCH=1 swift test -c release --scratch-path .build-eval-rel --filter EvaluateBenchmark`.
@Suite("EvaluateBenchmark", .enabled(if: ProcessInfo.processInfo.environment["STRATA_BENCH"] != nil))
struct EvaluateBenchmark {
    static let rowCount = 10_000_000

    /// amount decimal(2) 0–2000.00 with 1% nulls; category one of 12 (家电 ~1/12); order date in
    /// 2023–2026; customer id integer.
    static func orders() -> Table {
        var random = TestRandom(seed: 0x5EED)
        func next() -> UInt64 { random.next() }
        let categories = ["家电", "数码", "服装", "食品", "图书", "美妆", "母婴", "运动", "家居", "汽车", "宠物", "其他"]
        var amounts = ContiguousArray<Int64>(), codes = ContiguousArray<UInt32>(), dates = ContiguousArray<Int32>()
        var customers = ContiguousArray<Int64>()
        amounts.reserveCapacity(rowCount); codes.reserveCapacity(rowCount); dates.reserveCapacity(rowCount)
        customers.reserveCapacity(rowCount)
        var validity = Bitmap(count: rowCount, value: true)
        let start = CivilDate(year: 2023, month: 1, day: 1).days
        for row in 0..<rowCount {
            let random = next()
            amounts.append(Int64(random % 200_000))
            codes.append(UInt32((random >> 20) % 12))
            dates.append(start + Int32((random >> 32) % 1_300))
            customers.append(Int64((random >> 40) % 100_000))
            if (random >> 56) % 100 == 0 { validity[row] = false }
        }
        return Table([
            ("amount", Column(type: .decimal(scale: 2), data: .int64(amounts), validity: validity)),
            ("category", Column(type: .string, data: .string(codes: codes, dictionary: StringDictionary(categories)))),
            ("order_date", Column(type: .date, data: .int32(dates))),
            ("customer_id", Column(type: .int64, data: .int64(customers))),
        ])
    }

    /// Best of `runs` in milliseconds.
    static func time(_ runs: Int = 7, _ body: () throws -> Int) rethrows -> (ms: Double, result: Int) {
        var best = Double.infinity
        var result = 0
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            result = try body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return (best, result)
    }

    @Test func selections() throws {
        let table = Self.orders()
        print("-- default allocator (fresh pages for every large result)")
        try run(table)
        print("-- MemoryTuning.reuseLargeAllocations(): \(MemoryTuning.reuseLargeAllocations())")
        try run(table)
    }

    func run(_ table: Table) throws {
        let amount = BoundExpr.column(0, .decimal(scale: 2))
        let category = BoundExpr.column(1, .string)
        let date = BoundExpr.column(2, .date)
        let amountOver100 = BoundExpr.comparison(.greater, amount, .cast(.literal(.int(100), .int64), .decimal(scale: 2)))
        let isAppliance = BoundExpr.comparison(.equal, category, .literal(.string("家电"), .string))
        let recent = BoundExpr.comparison(.greaterOrEqual, date, .literal(.date(CivilDate(year: 2025, month: 7, day: 1).days), .date))
        let cases: [(String, BoundExpr)] = [
            ("amount > 100 (decimal)", amountOver100),
            ("category == \"家电\"", isAppliance),
            ("order_date >= 2025-07-01", recent),
            ("customer_id < 50000 (int)", .comparison(.less, .column(3, .int64), .literal(.int(50_000), .int64))),
            ("amount > 100 and category == \"家电\"", .and(amountOver100, isAppliance)),
            ("category == \"家电\" and amount > 100", .and(isAppliance, amountOver100)),
            ("category in [家电, 数码]", .inList(category, [.string("家电"), .string("数码")], negated: false)),
            ("contains(category, \"电\")", .function(.contains, [category, .literal(.string("电"), .string)], .bool, range: 0..<1)),
            ("amount > 100 or recent", .or(amountOver100, recent)),
            ("not (amount > 100)", .not(amountOver100)),
        ]
        for (name, predicate) in cases {
            let (ms, count) = try Self.time { try ExpressionEvaluator.select(predicate, on: table).count }
            print("select \(name): \(String(format: "%.1f", ms)) ms, \(count) rows")
        }
        let derived: [(String, BoundExpr)] = [
            ("amount * 0.9 (decimal(2))", .arithmetic(.multiply, amount, .literal(.decimal(9, scale: 1), .decimal(scale: 1)),
                                                     .decimal(scale: 2), range: 0..<1)),
            ("amount + amount", .arithmetic(.add, amount, amount, .decimal(scale: 2), range: 0..<1)),
            ("asof - order_date", .arithmetic(.subtract, .literal(.date(CivilDate(year: 2026, month: 6, day: 30).days), .date),
                                              date, .int64, range: 0..<1)),
            ("month(order_date)", .function(.month, [date], .int64, range: 0..<1)),
            ("case amount >= 1000 => A, >= 100 => B, _ => C", .caseWhen([
                BoundCaseArm(condition: .comparison(.greaterOrEqual, amount, .literal(.decimal(100_000, scale: 2), .decimal(scale: 2))),
                             value: .literal(.string("A"), .string)),
                BoundCaseArm(condition: amountOver100, value: .literal(.string("B"), .string)),
            ], otherwise: .literal(.string("C"), .string), .string)),
        ]
        for (name, expr) in derived {
            let (ms, _) = try Self.time(5) { try ExpressionEvaluator.evaluate(expr, on: table).count }
            print("evaluate \(name): \(String(format: "%.1f", ms)) ms")
        }
    }
}
