import Foundation
import Testing
import StrataGenerator

/// Structure, integrity and realism of the clean dataset.
@Suite("Dataset shape")
struct DatasetShapeTests {
    struct Dataset {
        var customers: [[String]]
        var orders: [[String]]
        var interactions: [[String]]
    }

    static func load(customers: Int, orders: Int, seed: UInt64 = 42) throws -> Dataset {
        let generated = try TestSupport.generate(customers: customers, orders: orders, seed: seed)
        return Dataset(
            customers: try TestSupport.records(generated, "customers.csv"),
            orders: try TestSupport.records(generated, "orders.csv"),
            interactions: try TestSupport.records(generated, "interactions.csv")
        )
    }

    @Test("Row counts are exact", arguments: [(2_000, 21_000), (50, 20), (10, 0), (1, 5), (3_000, 30_000)])
    func exactCounts(customers: Int, orders: Int) throws {
        let data = try Self.load(customers: customers, orders: orders)
        #expect(data.customers.count == customers + 1)
        #expect(data.orders.count == orders + 1)
        #expect(data.customers.allSatisfy { $0.count == 10 })
        #expect(data.orders.allSatisfy { $0.count == 5 })
        #expect(data.interactions.allSatisfy { $0.count == 3 })
        #expect(data.customers.dropFirst().map(\.[0]) == (1...customers).map(String.init))
    }

    @Test("Headers are English snake_case")
    func headers() throws {
        let data = try Self.load(customers: 20, orders: 100)
        #expect(data.customers[0] == [
            "customer_id", "name", "region", "channel", "industry", "company_size",
            "signup_date", "stage", "phone", "last_contact_date",
        ])
        #expect(data.orders[0] == ["order_id", "customer_id", "order_date", "amount", "category"])
        #expect(data.interactions[0] == ["customer_id", "date", "kind"])
    }

    @Test("Orders reference customers, are dated in the window, sorted by date then id, two decimals")
    func orderIntegrity() throws {
        let data = try Self.load(customers: 2_000, orders: 21_000)
        let asOf = Int(TestSupport.asOf.days)
        var previousDay = Int.min
        for (index, order) in data.orders.dropFirst().enumerated() {
            #expect(order[0] == String(index + 1))
            let customer = Int(order[1]) ?? 0
            #expect(customer >= 1 && customer <= 2_000)
            let day = try #require(TestSupport.day(order[2]))
            #expect(day <= asOf && day > asOf - 3 * 365 - 1)
            #expect(day >= previousDay)
            previousDay = day
            let amount = order[3]
            let parts = amount.split(separator: ".")
            #expect(parts.count == 2 && parts[1].count == 2 && Double(amount) != nil, "amount \(amount)")
        }
        let refunds = data.orders.dropFirst().filter { $0[3].hasPrefix("-") }.count
        #expect(refunds > 0 && refunds < data.orders.count / 20)
    }

    @Test("Stage and last contact agree with the order and interaction history")
    func consistency() throws {
        let data = try Self.load(customers: 2_000, orders: 21_000)
        let asOf = Int(TestSupport.asOf.days)
        var orderCount = [Int: Int](), lastOrder = [Int: Int](), lastContact = [Int: Int]()
        for order in data.orders.dropFirst() {
            let customer = Int(order[1])!, day = TestSupport.day(order[2])!
            orderCount[customer, default: 0] += 1
            lastOrder[customer] = max(lastOrder[customer] ?? .min, day)
        }
        for interaction in data.interactions.dropFirst() {
            let customer = Int(interaction[0])!, day = try #require(TestSupport.day(interaction[1]))
            #expect(day <= asOf)
            lastContact[customer] = max(lastContact[customer] ?? .min, day)
        }
        for customer in data.customers.dropFirst() {
            let id = Int(customer[0])!
            let signup = try #require(TestSupport.day(customer[6]))
            #expect(signup <= asOf)
            #expect(customer[9] == (lastContact[id].map { TestSupport.isoText(day: $0) } ?? ""))
            let stage = customer[7]
            switch orderCount[id] ?? 0 {
            case 0: #expect(stage == "线索" || stage == "商机")
            case let count where asOf - lastOrder[id]! > 365: #expect(stage == "流失", "\(count) orders")
            case 1: #expect(stage == "客户")
            default: #expect(stage == "老客户")
            }
        }
        let leads = data.customers.dropFirst().filter { $0[7] == "线索" || $0[7] == "商机" }.count
        #expect(leads >= 300 && leads <= 500, "leads: \(leads) of 2000")
    }

    @Test("Top 20% of buyers hold more than 60% of revenue; recency spreads from days to years")
    func realism() throws {
        let data = try Self.load(customers: 5_000, orders: 50_000, seed: 3)
        var revenue = [Int: Double](), lastOrder = [Int: Int]()
        for order in data.orders.dropFirst() {
            let customer = Int(order[1])!
            revenue[customer, default: 0] += Double(order[3])!
            lastOrder[customer] = max(lastOrder[customer] ?? .min, TestSupport.day(order[2])!)
        }
        let sorted = revenue.values.sorted(by: >)
        let top = sorted.prefix(sorted.count / 5).reduce(0, +)
        #expect(top / sorted.reduce(0, +) > 0.6)
        let asOf = Int(TestSupport.asOf.days)
        let recencies = lastOrder.values.map { asOf - $0 }
        #expect(recencies.filter { $0 <= 30 }.count > recencies.count / 10)
        #expect(recencies.filter { $0 > 365 }.count > recencies.count / 10)
    }

    @Test("Names needing RFC 4180 quoting are quoted, and appear in the demo-sized set")
    func quoting() throws {
        let generated = try TestSupport.generate(customers: 2_000, orders: 1_000)
        let text = String(decoding: try TestSupport.bytes(generated, "customers.csv"), as: UTF8.self)
        let names = try TestSupport.parseCSV(text).dropFirst().map(\.[1])
        let withComma = names.filter { $0.contains(",") }
        let withQuote = names.filter { $0.contains("\"") }
        #expect(withComma.count >= 5)
        #expect(withQuote.count >= 5)
        for name in withComma + withQuote {
            let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            #expect(text.contains("," + quoted + ","), "\(name) not quoted")
        }
        #expect(names.contains { $0.unicodeScalars.first!.isASCII && $0.contains(" ") })
        #expect(names.contains { $0.hasSuffix("有限公司") })
    }

    @Test("Phones are mostly 11-digit mobiles with some junk and blanks")
    func phones() throws {
        let data = try Self.load(customers: 2_000, orders: 1_000)
        let phones = data.customers.dropFirst().map(\.[8])
        let mobiles = phones.filter { $0.count == 11 && $0.hasPrefix("1") && $0 != "13800000000" && $0 != "11111111111" }
        #expect(mobiles.count > 1_600)
        #expect(phones.contains("123456789"))
        #expect(phones.filter { $0 == "13800000000" }.count > 20)
        #expect(phones.contains(""))
    }
}
