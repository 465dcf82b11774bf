import Foundation
import StrataCore
import Testing
@testable import StrataEngine

/// Narrow dictionary codes (string columns with `UInt8` / `UInt16` codes) must never change a
/// result: the same statements over narrowed tables and their wide originals print the same.
@Suite struct NarrowCodesTests {
    /// Orders `o` (`id`, `cust`, `day`, `amount`, `cat` 4 values with nulls, `name` 300 values)
    /// and customers `c` (`cust`, `region`, `tier` with an entry the orders never use).
    static func tables(seed: UInt64, rows: Int) -> (orders: Table, customers: Table) {
        var random = TestRandom(seed: seed)
        var ids: [Value] = [], customers: [Value] = [], days: [Value] = [], amounts: [Value] = []
        var categories: [Value] = [], names: [Value] = []
        for row in 0..<rows {
            ids.append(.int(Int64(row) + 1))
            customers.append(.int(Int64(random.int(1...40))))
            days.append(.date(BinderTest.asOf - Int32(random.int(0...400))))
            amounts.append(.decimal(Int64(random.int(-5_000...200_000)), scale: 2))
            categories.append(random.chance(7) ? .null : .string(["家电", "数码", "图书", "Toys"][random.below(4)]))
            names.append(.string("客户\(random.below(300))号"))
        }
        let orders = Table([
            ("id", WhatIfTable.column(ids, type: .int64)), ("cust", WhatIfTable.column(customers, type: .int64)),
            ("day", WhatIfTable.column(days, type: .date)), ("amount", WhatIfTable.column(amounts, type: .decimal(scale: 2))),
            ("cat", WhatIfTable.column(categories, type: .string)), ("name", WhatIfTable.column(names, type: .string)),
        ])
        let customerTable = Table([
            ("cust", WhatIfTable.column((1...35).map { .int(Int64($0)) }, type: .int64)),
            ("region", WhatIfTable.column((1...35).map { .string(["华东", "华北", "华南"][$0 % 3]) }, type: .string)),
            ("cat", WhatIfTable.column((1...35).map { .string(["家电", "数码", "玩具"][$0 % 3]) }, type: .string)),
        ])
        return (orders, customerTable)
    }

    static let statements = [
        "o | where cat == \"家电\" | sort id | limit 30",
        "o | where cat != \"图书\" | count",
        "o | where cat == \"不存在\" | count",
        "o | where cat > \"Toys\" and name <= \"客户2号\" | count",
        "o | where cat in [\"数码\", \"Toys\"] | count",
        "o | where cat not in [\"数码\"] | count",
        "o | where contains(name, \"9\") | count",
        "o | where starts_with(name, \"客户1\") or ends_with(cat, \"码\") | count",
        "o | where cat is null | count",
        "o | derive x = cat == \"图书\", y = name < cat, u = upper(cat), l = lower(name), n = length(name) | sort id | limit 30",
        "o | derive t = case amount > 1000 => cat, amount > 0 => name, _ => \"负\" | group t agg n = count() | sort t",
        "o | derive u = upper(cat) | group u agg n = count() | sort u",
        "o | derive k = concat(cat, \"/\", name, amount) | group k agg n = count() | sort n desc, k | limit 10",
        "o | group cat agg n = count(), s = sum(amount), lo = min(name), hi = max(name), f = first(name) | sort cat",
        "o | group name agg n = count(), d = count_distinct(cat) | sort n desc, name | limit 20",
        "o | group cat, name agg n = count() | sort cat, name | limit 40",
        "o | sort cat desc, name, id | limit 30",
        "o | distinct cat | sort cat",
        "o | distinct name, cat | sort name, cat | limit 30",
        "o | join c on cust | group region agg n = count(), s = sum(amount) | sort region",
        "o | join c on cat | group region agg n = count() | sort region",
        "c | join o on cat | group cat agg n = count() | sort cat",
        "o | union o | group cat agg n = count() | sort cat",
        "o | select cat | union (c | select cat) | group cat agg n = count() | sort cat",
        "o | rfm cust, day, amount | group segment agg n = count(), m = sum(monetary) | sort segment",
        "o | rfm cust, day, amount | where segment == \"Champions\" | sort cust",
        "whatif o | where cat == \"家电\" and amount > T for T in [0, 100, 1000]",
        "describe o",
    ]

    @Test(arguments: [1, 2, 3] as [UInt64])
    func narrowCodesPrintWhatWideCodesPrint(seed: UInt64) throws {
        let (orders, customers) = NarrowCodesTests.tables(seed: seed, rows: 300 + Int(seed) * 457)
        let narrowOrders = orders.narrowed(), narrowCustomers = customers.narrowed()
        #expect(narrowOrders.column(named: "cat")?.data.elementSize == 1)
        #expect(narrowOrders.column(named: "name")?.data.elementSize == 2)
        #expect(narrowCustomers.column(named: "region")?.hasNarrowCodes == true)
        #expect(orders.column(named: "cat")?.hasNarrowCodes == false)
        NarrowTest.expectSameOutputs(NarrowCodesTests.statements, orders: orders, customers: customers, seed: seed)
    }

    /// A string column of exactly `distinct` entries (every one used in the first `distinct`
    /// rows), with nulls every 7th row after them.
    static func strings(distinct: Int, rows: Int) -> Column {
        var validity = Bitmap(count: rows, value: true)
        for row in stride(from: distinct + 3, to: rows, by: 7) { validity[row] = false }
        let codes = ContiguousArray((0..<rows).map { UInt32($0 % distinct) })
        return Column(type: .string, data: .string(codes: codes, dictionary: StringDictionary((0..<distinct).map { "s\($0)" })),
                      validity: validity)
    }

    @Test(arguments: [(256, 1), (257, 2), (65_536, 2), (65_537, 4)])
    func dictionarySizeDecidesTheWidth(distinct: Int, width: Int) {
        let wide = NarrowCodesTests.strings(distinct: distinct, rows: distinct + 300)
        guard case .string(_, let dictionary) = wide.data else { Issue.record("not a string column"); return }
        #expect(dictionary.count == distinct)
        let narrow = wide.narrowed()
        #expect(narrow.data.elementSize == width)
        #expect(DictionaryCodes.width(forDictionaryCount: distinct) == width)
        #expect(narrow.indicesAgree(with: wide))
        #expect(narrow.widened().data.elementSize == 4)
        #expect(narrow.widened().indicesAgree(with: wide))
        // The same answers from both layouts.
        let statements = [
            "o | group s agg n = count() | sort n desc, s | limit 5",
            "o | where s == \"s255\" or s == \"s256\" | count",
            "o | where s > \"s9\" | count",
            "o | distinct s | count",
            "o | sort s desc | limit 3",
            "o | union o | where s == \"s0\" | count",
        ]
        func run(_ column: Column) -> [String] { NarrowTest.run(statements, tables: [("o", Table([("s", column)]))]) }
        #expect(run(narrow) == run(wide))
    }

    @Test func unionOfNarrowAndWideWidensWhenTheMergedDictionaryNeedsIt() {
        let small = NarrowCodesTests.strings(distinct: 200, rows: 400).narrowed()
        let other = WhatIfTable.column((0..<100).map { .string("t\($0)") }, type: .string)
        #expect(small.data.elementSize == 1)
        let merged = UnionOperator.concatenate(small, other)
        guard case .string(_, let dictionary) = merged.data else { Issue.record("not a string column"); return }
        #expect(dictionary.count == 300)
        #expect(merged.data.elementSize == 2)
        let expected = (0..<400).map { small.value(at: $0) } + (0..<100).map { other.value(at: $0) }
        #expect((0..<500).map { merged.value(at: $0) } == expected)
    }

    @Test func nullRowsOutsideTheDictionaryNarrowToZero() {
        var validity = Bitmap(count: 4, value: true)
        validity[1] = false
        let column = Column(type: .string, data: .string(codes: ContiguousArray<UInt32>([0, 70_000, 2, 1]),
                                                         dictionary: StringDictionary(["a", "b", "c"])),
                            validity: validity)
        let narrow = column.narrowed()
        #expect(narrow.data.elementSize == 1)
        #expect((0..<4).map { narrow.value(at: $0) } == [.string("a"), .null, .string("c"), .string("b")])
        // A non-null code beyond the width keeps the column wide rather than losing it.
        let broken = Column(type: .string, data: .string(codes: ContiguousArray<UInt32>([0, 300]),
                                                         dictionary: StringDictionary(["a", "b"])))
        #expect(broken.narrowed().data.elementSize == 4)
    }

    @Test func scoringReadsNarrowKindCodes() throws {
        var random = TestRandom(seed: 5)
        let kinds = ["注册线索", "留电话", "白皮书", "活动", "官网访问", "未知"]
        let rows: [(Int64?, Int32?, String?)] = (0..<900).map { _ in
            (Int64(random.int(1...60)), Int32(random.int(0...200)), random.chance(9) ? nil : kinds[random.below(kinds.count)])
        }
        let events = ScoringHarness.events(rows)
        #expect(events.narrowed().column(named: "kind")?.data.elementSize == 1)
        let files = ["lead.csv": ScoringHarness.briefRules]
        func run(_ table: Table) throws -> [String] {
            let result = try ScoringHarness(["events": table], files: files)
                .run("events | score customer_id by kind (rules \"lead.csv\") | sort customer_id").table
            return (0..<result.rowCount).map { row in result.columns.map { "\($0.value(at: row))" }.joined(separator: ",") }
        }
        let wide = try run(events)
        #expect(wide.count == 60)
        #expect(try run(events.narrowed()) == wide)
    }

    @Test func exportWritesTheSameFile() throws {
        let (orders, customers) = NarrowCodesTests.tables(seed: 11, rows: 600)
        let files = try NarrowTest.exportedFiles(orders, customers: customers) { "export o | where cat != \"Toys\" | select id, cat, name to \"out\($0).csv\"" }
        #expect(files[0] == files[1])
        #expect(files[0].contains("家电"))
    }
}

extension Column {
    /// Every row holds the same value as in `other`.
    fileprivate func indicesAgree(with other: Column) -> Bool {
        count == other.count && (0..<count).allSatisfy { value(at: $0) == other.value(at: $0) }
    }
}
