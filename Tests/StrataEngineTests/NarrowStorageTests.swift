import Foundation
import StrataCore
import Testing
@testable import StrataEngine

/// Narrow storage (`int64` / `decimal` columns kept as `Int32`) must never change a result:
/// the same statements over a narrowed table and its wide original print the same text.
@Suite struct NarrowStorageTests {
    /// Random orders `o` (`id`, `cust`, `day`, `amount` decimal(2), `qty`, `cat`) with ties and
    /// nulls, and customers `c` (`cust`, `region`); every integer fits in 32 bits.
    static func tables(seed: UInt64, rows: Int) -> (orders: Table, customers: Table) {
        var random = TestRandom(seed: seed)
        var builder = TableBuilder()
        var ids: [Value] = [], customers: [Value] = [], days: [Value] = [], amounts: [Value] = []
        var quantities: [Value] = [], categories: [Value] = []
        for row in 0..<rows {
            ids.append(.int(Int64(row) * 7 + 1))
            customers.append(random.chance(5) ? .null : .int(Int64(random.int(1...40))))
            days.append(.date(BinderTest.asOf - Int32(random.int(0...400))))
            amounts.append(random.chance(8) ? .null : .decimal(Int64(random.int(-50_000...2_000_000)), scale: 2))
            quantities.append(random.chance(10) ? .null : .int(Int64(random.int(-3...12))))
            categories.append(.string(["家电", "数码", "图书"][random.below(3)]))
        }
        builder.add("id", ids, .int64)
        builder.add("cust", customers, .int64)
        builder.add("day", days, .date)
        builder.add("amount", amounts, .decimal(scale: 2))
        builder.add("qty", quantities, .int64)
        builder.add("cat", categories, .string)
        let regions = (1...35).map { Value.string(["华东", "华北", "华南"][$0 % 3]) }
        let customerTable = Table([
            ("cust", WhatIfTable.column((1...35).map { .int(Int64($0)) }, type: .int64)),
            ("region", WhatIfTable.column(regions, type: .string)),
        ])
        return (builder.table, customerTable)
    }

    static let statements = [
        "o | where amount > 100 | sort id",
        "o | where cust == 7 and qty >= 3",
        "o | where 5 < qty | where amount <= 0",
        "o | where amount >= 99999999999",
        "o | where amount < 99999999999 | count",
        "o | where id != 5000000000 | count",
        "o | where qty > -5000000000 | count",
        "o | where qty in [1, 2, 3] | count",
        "o | where qty is null | count",
        "o | derive x = id * 1000000, y = amount + 1, z = -qty, w = qty * amount | sort id | limit 40",
        "o | derive big = id * 1000000000 | group agg s = sum(big)",
        "o | derive f = amount / 3, g = qty / 2.5, h = round(amount, 1), i = abs(qty), j = qty % 4 | sort id | limit 20",
        "o | group cust agg n = count(), s = sum(amount), lo = min(amount), hi = max(amount), a = avg(amount), md = median(amount) | sort cust",
        "o | group qty agg q = sum(qty), dq = count_distinct(cust), av = avg(qty), md = median(qty), f = first(amount), l = last(id) | sort qty",
        "o | group cat agg s = sum(amount), lo = min(qty), hi = max(id), q = quantile(amount, 0.9) | sort cat",
        "o | join c on cust | group region agg n = count(), s = sum(amount) | sort region",
        "c | join o on cust | group region agg n = count() | sort region",
        "o | sort amount desc, id | limit 25",
        "o | sort qty, cust desc, id | limit 25",
        "o | distinct cust, qty | sort cust, qty",
        "o | union o | group cust agg s = sum(amount) | sort cust",
        "o | group cust agg s = sum(amount) | union (o | group cust agg s = sum(qty)) | sort cust, s",
        "o | rfm cust, day, amount | sort cust",
        "o | rfm cust, day, amount (method quantile) | group segment agg n = count(), m = sum(monetary) | sort segment",
        "o | abc amount | limit 10",
        "whatif o | where amount > T for T in [0, 100, 1000, 20000]",
        "whatif o | where qty >= T for T in [0, 3, 6, 20] (sum amount)",
        "whatif o | where id <= T for T in [10, 500, 3000000000]",
        "describe o",
    ]

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func narrowTablesPrintWhatWideTablesPrint(seed: UInt64) throws {
        let (orders, customers) = NarrowStorageTests.tables(seed: seed, rows: 200 + Int(seed) * 613)
        let narrowOrders = orders.narrowed(), narrowCustomers = customers.narrowed()
        for name in ["id", "cust", "amount", "qty"] {
            #expect(narrowOrders.column(named: name)?.isNarrow == true, "\(name)")
        }
        #expect(narrowCustomers.column(named: "cust")?.isNarrow == true)
        #expect(narrowOrders.column(named: "day")?.isNarrow == false)
        NarrowTest.expectSameOutputs(NarrowStorageTests.statements, orders: orders, customers: customers, seed: seed)
    }

    @Test func exportWritesTheSameFile() throws {
        let (orders, customers) = NarrowStorageTests.tables(seed: 9, rows: 500)
        let files = try NarrowTest.exportedFiles(orders, customers: customers) { "export o | where qty > 2 to \"out\($0).csv\"" }
        #expect(files[0] == files[1])
        #expect(files[0].contains("-"))
    }

    @Test func boundaryValuesDecideTheStorage() {
        func column(_ values: [Value], _ type: DataType = .int64) -> Column { WhatIfTable.column(values, type: type) }
        let extremes = column([.int(Int64(Int32.max)), .int(Int64(Int32.min)), .null, .int(0)])
        let narrow = extremes.narrowed()
        #expect(narrow.isNarrow)
        #expect((0..<4).map { narrow.value(at: $0) } == (0..<4).map { extremes.value(at: $0) })
        #expect(narrow.widened().data.int64Values == narrow.data.int64Values)
        #expect(!column([.int(Int64(Int32.max) + 1), .int(1)]).narrowed().isNarrow)
        #expect(column([.int(Int64(Int32.min)), .int(1)]).narrowed().isNarrow)
        #expect(!column([.int(Int64(Int32.min) - 1), .int(1)]).narrowed().isNarrow)
        #expect(!column([.int(.min), .int(.max)]).narrowed().isNarrow)
        #expect(!column([.int(1), .null, .int(1 << 40)]).narrowed().isNarrow)
        #expect(!column([.decimal(Int64(Int32.max) + 1, scale: 2)], .decimal(scale: 2)).narrowed().isNarrow)
        #expect(column([.decimal(-12_345, scale: 2)], .decimal(scale: 2)).narrowed().isNarrow)
        #expect(!column([.date(5)], .date).narrowed().isNarrow)
        // A value that cannot narrow keeps the whole column wide; nulls alone narrow.
        #expect(column([.null, .null]).narrowed().isNarrow)
    }

    @Test func boundaryValuesGiveTheSameResults() {
        let numbers: [Int64?] = [Int64(Int32.max), Int64(Int32.min) + 1, nil, 0, -1, Int64(Int32.max) - 1, Int64(Int32.min)]
        let wide = Table([("k", WhatIfTable.column(numbers.map { $0.map(Value.int) ?? .null }, type: .int64)),
                          ("m", WhatIfTable.column(numbers.map { $0.map { .decimal($0, scale: 2) } ?? .null }, type: .decimal(scale: 2)))])
        let narrow = wide.narrowed()
        #expect(narrow.columns.allSatisfy { $0.isNarrow })
        let statements = [
            "o | derive a = k + k, b = k * 2, c = -k, d = m * 3 | sort k",
            "o | derive a = k + 1 | sort a",
            "o | group agg s = sum(k), t = sum(m), lo = min(k), hi = max(m), a = avg(k), md = median(m)",
            "o | where k > 2147483646 | count",
            "o | where k >= -2147483647 and k < 2147483647 | count",
            "o | where k == -2147483648 or k <= -2147483649 | count",
            "o | derive n = -k, p = k - 1 | sort n",
            "o | where m == 21474836.47",
            "o | sort k desc",
            "o | join (o | derive j = 1) on k | count",
        ]
        func run(_ table: Table) -> [String] { NarrowTest.run(statements, tables: [("o", table)]) }
        let wideOutput = run(wide), narrowOutput = run(narrow)
        #expect(wideOutput.allSatisfy { !$0.hasPrefix("error:") }, "\(wideOutput)")
        for (index, statement) in statements.enumerated() {
            #expect(narrowOutput[index] == wideOutput[index], "\(statement)")
        }
        // Results of arithmetic stay 64-bit: no overflow at 32 bits.
        #expect(wideOutput[0].contains("4,294,967,294") && wideOutput[0].contains("-4,294,967,296"))
    }
}

/// Columns built from boxed values, for small test tables.
private struct TableBuilder {
    var named: [(String, Column)] = []
    mutating func add(_ name: String, _ values: [Value], _ type: DataType) {
        named.append((name, WhatIfTable.column(values, type: type)))
    }
    var table: Table { Table(named) }
}
