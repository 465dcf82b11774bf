import Foundation
import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

/// Timings on 10M rows; run only on request, in release:
/// `STRATA_BENCH=1 swift build -c release --build-tests -Xswiftc -enable-testing --scratch-path .build-ops-rel`
/// then the test binary with `--testing-library swift-testing --filter OperatorBenchmark`.
@Suite("Operator benchmark", .enabled(if: ProcessInfo.processInfo.environment["STRATA_BENCH"] == "1"))
struct OperatorBenchmarkTests {
    static let orderCount = 10_000_000
    static let customerCount = 1_000_000

    /// orders(customer_id 1…100k, amount decimal(2), order_date, big_customer_id 1…1M)
    static func orders() -> Table {
        var random = TestRandom(seed: 42)
        var customer = ContiguousArray<Int64>(), bigCustomer = ContiguousArray<Int64>()
        var amount = ContiguousArray<Int64>(), date = ContiguousArray<Int32>()
        for _ in 0..<orderCount {
            customer.append(Int64(random.next() % 100_000) + 1)
            bigCustomer.append(Int64(random.next() % UInt64(customerCount)) + 1)
            amount.append(Int64(random.next() % 10_000_000))
            date.append(Int32(19_000 + random.next() % 1_500))
        }
        return Table([
            ("customer_id", Column(type: .int64, data: .int64(customer))),
            ("amount", Column(type: .decimal(scale: 2), data: .int64(amount))),
            ("order_date", Column(type: .date, data: .int32(date))),
            ("big_customer_id", Column(type: .int64, data: .int64(bigCustomer))),
        ])
    }

    /// customers(id 1…1M shuffled, region string, since date)
    static func customers() -> Table {
        var random = TestRandom(seed: 7)
        var ids = ContiguousArray<Int64>((1...Int64(customerCount)))
        for index in stride(from: ids.count - 1, to: 0, by: -1) {
            ids.swapAt(index, Int(random.next() % UInt64(index + 1)))
        }
        let regions = StringDictionary(["华东", "华北", "华南", "西南", "东北", "西北", "华中"])
        let codes = ContiguousArray((0..<customerCount).map { _ in UInt32(random.next() % 7) })
        let since = ContiguousArray((0..<customerCount).map { _ in Int32(17_000 + random.next() % 3_000) })
        return Table([
            ("id", Column(type: .int64, data: .int64(ids))),
            ("region", Column(type: .string, data: .string(codes: codes, dictionary: regions))),
            ("since", Column(type: .date, data: .int32(since))),
        ])
    }

    /// CPU time of this thread in ms: on a shared, loaded machine it is far closer to the
    /// unloaded wall time than the wall clock is.
    private func threadMilliseconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1_000 + Double(spec.tv_nsec) / 1_000_000
    }

    private func time(_ label: String, repeats: Int = 3, _ body: () throws -> Int) rethrows {
        var bestWall = Duration.seconds(1_000)
        var bestCPU = Double.infinity
        var size = 0
        for _ in 0..<repeats {
            let start = ContinuousClock.now, startCPU = threadMilliseconds()
            size = try body()
            bestCPU = min(bestCPU, threadMilliseconds() - startCPU)
            bestWall = min(bestWall, ContinuousClock.now - start)
        }
        let wall = Double(bestWall.components.seconds) * 1_000 + Double(bestWall.components.attoseconds) / 1e15
        print("BENCH \(label): cpu \(String(format: "%.1f", bestCPU)) ms, wall \(String(format: "%.1f", wall)) ms (rows out \(size))")
    }

    @Test func tenMillionRows() throws {
        let orders = Self.orders()
        let customers = Self.customers()
        let aggregates = [
            NamedAggregate(name: "spent", function: .sum, argument: 1, type: .decimal(scale: 2), range: 0..<1),
            NamedAggregate(name: "n", function: .count, argument: nil, type: .int64, range: 0..<1),
            NamedAggregate(name: "last", function: .max, argument: 2, type: .date, range: 0..<1),
        ]
        try time("group 100k customer ids: sum(decimal), count(), max(date)") {
            try AggregateOperator.run(orders, keys: [0], aggregates: aggregates).rowCount
        }
        try time("group 1M customer ids (hash-free range) same aggregates") {
            try AggregateOperator.run(orders, keys: [3], aggregates: aggregates).rowCount
        }
        try time("join 1M orders + group region × order_date (two packed keys) count()") {
            let joined = try JoinOperator.run(orders.prefix(1_000_000), customers, leftKeys: [3], rightKeys: [0], kind: .inner)
            return try AggregateOperator.run(joined, keys: [4, 2], aggregates: [aggregates[1]]).rowCount
        }
        try time("median(amount) by 100k customers") {
            try AggregateOperator.run(orders, keys: [0], aggregates: [
                NamedAggregate(name: "m", function: .median, argument: 1, type: .double, range: 0..<1),
            ]).rowCount
        }
        try time("sort order by decimal amount") {
            try SortOperator.order(orders, keys: [SortSpec(column: 1, descending: false)], limit: nil).count
        }
        try time("sort by decimal amount incl. gather of 4 columns") {
            try SortOperator.run(orders, keys: [SortSpec(column: 1, descending: true)]).rowCount
        }
        try time("sort by customer_id, amount desc (packed two keys)") {
            try SortOperator.order(orders, keys: [SortSpec(column: 0, descending: false), SortSpec(column: 1, descending: true)], limit: nil).count
        }
        try time("top 100 by amount desc") {
            try SortOperator.order(orders, keys: [SortSpec(column: 1, descending: true)], limit: 100).count
        }
        try time("join 10M orders to 1M customers on int key (inner)") {
            try JoinOperator.run(orders, customers, leftKeys: [3], rightKeys: [0], kind: .inner).rowCount
        }
        try time("left join 10M orders to 1M customers") {
            try JoinOperator.run(orders, customers, leftKeys: [3], rightKeys: [0], kind: .left).rowCount
        }
        try time("distinct customer_id, order_date") {
            try DistinctOperator.run(Table(fields: [orders.fields[0], orders.fields[2]],
                                           columns: [orders.columns[0], orders.columns[2]])).rowCount
        }
        try time("union 10M + 1M") {
            try UnionOperator.run(orders, orders.prefix(1_000_000)).rowCount
        }
    }
}
