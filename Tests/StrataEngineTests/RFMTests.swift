import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

/// RFM scoring end to end (through a session) and its binning against plain references.
@Suite struct RFMTests {
    static let asOf = CivilDate(year: 2026, month: 6, day: 30).days

    /// Orders `(customer, days before as-of, amount in cents)`.
    static func orders(_ rows: [(String, Int32, Int64)]) -> Table {
        var dictionary = StringDictionary()
        let codes = ContiguousArray(rows.map { dictionary.code(for: $0.0) })
        return Table([
            ("customer", Column(type: .string, data: .string(codes: codes, dictionary: dictionary))),
            ("day", Column(type: .date, data: .int32(ContiguousArray(rows.map { asOf - $0.1 })))),
            ("amount", Column(type: .decimal(scale: 2), data: .int64(ContiguousArray(rows.map(\.2))))),
        ])
    }

    static func session(_ table: Table) -> Session {
        let session = Session()
        session.settings.asOf = asOf
        session.catalog.set("orders", table)
        return session
    }

    /// Rows of a table as `a|b|c`.
    static func rows(_ table: Table) -> [String] {
        (0..<table.rowCount).map { row in table.columns.map { $0.value(at: row).description }.joined(separator: "|") }
    }

    static func run(_ session: Session, _ pipeline: String) throws -> Table {
        guard case .show(let parsed) = try Parser.parse(pipeline) else { throw Diagnostic("not a pipeline") }
        return try session.evaluate(parsed)
    }

    @Test func handComputedSmallTable() throws {
        // 张三: two orders (1 and 10 days ago), 王五: one 100 days ago, 李四: three, last 40 days ago.
        let session = Self.session(Self.orders([
            ("张三", 10, 10000), ("王五", 100, 5050), ("李四", 40, 100), ("张三", 1, 2000),
            ("李四", 50, 200), ("李四", 60, 300),
        ]))
        let table = try Self.run(session, "orders | rfm customer, day, amount (bins 3)")
        #expect(table.columnNames == ["customer", "recency", "frequency", "monetary", "r", "f", "m", "rfm", "segment"])
        #expect(Self.rows(table).map { $0.split(separator: "|").prefix(8).joined(separator: "|") } == [
            "张三|1|2|120.00|3|2|3|323", "王五|100|1|50.50|1|1|2|112", "李四|40|3|6.00|2|3|1|231",
        ])
        let distinct = try Self.run(session, "orders | rfm customer, day, amount (distinct_days, avg) | select customer, frequency, monetary")
        #expect(Self.rows(distinct) == ["张三|2|60", "王五|1|50.5", "李四|3|2"])
    }

    /// NTILE by a plain sort-and-split, as SQL defines it.
    static func referenceNtile(values: [Double], keys: [Int64], bins: Int, descending: Bool) -> [Int64] {
        let order = values.indices.sorted { left, right in
            if values[left] != values[right] { return descending ? values[left] > values[right] : values[left] < values[right] }
            return keys[left] < keys[right]
        }
        var scores = [Int64](repeating: 0, count: values.count)
        let n = values.count, small = n / bins, remainder = n % bins
        var position = 0
        for bucket in 0..<bins {
            let size = small + (bucket < remainder ? 1 : 0)
            for _ in 0..<size {
                scores[order[position]] = Int64(bucket + 1)
                position += 1
            }
        }
        return scores
    }

    @Test(arguments: [(1, 3), (7, 5), (100, 5), (1013, 4), (64, 100)])
    func ntileEqualsSortAndSplit(count: Int, bins: Int) throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            let values = (0..<count).map { _ in Double(Int.random(in: 0..<max(count / 8, 2), using: &generator)) }
            let keys = (0..<Int64(count)).shuffled(using: &generator)
            let keyColumn = Column(type: .int64, data: .int64(ContiguousArray(keys)))
            let valueColumn = Column(type: .int64, data: .int64(ContiguousArray(values.map { Int64($0) })))
            for dimension in [RFMDimension.recency, .frequency] {
                let scored = try RFMBinning.score(dimension, column: valueColumn, values: ContiguousArray(values), keys: keyColumn,
                                                  rule: .ntile(bins: bins), partitions: nil, partitionLabels: [])
                #expect(Array(scored.scores) == Self.referenceNtile(values: values, keys: keys, bins: bins,
                                                                     descending: dimension == .recency))
            }
        }
    }

    @Test func quantileAndRPackageBreaks() throws {
        let values: [Double] = [1, 1, 1, 2, 3, 10]
        let column = Column(type: .int64, data: .int64(ContiguousArray(values.map { Int64($0) })))
        let keys = Column(type: .int64, data: .int64([1, 2, 3, 4, 5, 6]))
        // Type-7 quartiles 1, 1.5, 2.75; bins (q[k-1], q[k]]: score 2 stays empty.
        let quantile = try RFMBinning.score(.frequency, column: column, values: ContiguousArray(values), keys: keys,
                                            rule: .quantile(bins: 4), partitions: nil, partitionLabels: [])
        #expect(Array(quantile.scores) == [1, 1, 1, 3, 4, 4])
        #expect(quantile.rows.map(\.rule) == ["frequency <= 1", "1 < frequency <= 1.5", "1.5 < frequency <= 2.75", "frequency > 2.75"])
        #expect(quantile.warning?.contains("1 of 4 scores hold no customer") == true)
        // The R rfm package: breaks + 1 (2, 2.5, 3.75), bins [lower, upper).
        let rpackage = try RFMBinning.score(.frequency, column: column, values: ContiguousArray(values), keys: keys,
                                            rule: .rpackage(bins: 4), partitions: nil, partitionLabels: [])
        #expect(Array(rpackage.scores) == [1, 1, 1, 2, 3, 4])
        // Recency the other way round: low recency is the best score.
        let recency = try RFMBinning.score(.recency, column: column, values: ContiguousArray(values), keys: keys,
                                           rule: .quantile(bins: 4), partitions: nil, partitionLabels: [])
        #expect(Array(recency.scores) == [4, 4, 4, 2, 1, 1])
    }

    @Test func explicitBreaksPutABreakInTheLowerBin() throws {
        let session = Self.session(Self.orders([("a", 30, 100), ("b", 31, 100), ("c", 180, 100), ("d", 181, 100), ("e", 0, 100)]))
        let table = try Self.run(session, "orders | rfm customer, day, amount (r_breaks [30, 90, 180]) | select customer, r")
        #expect(Self.rows(table) == ["a|4", "b|3", "c|2", "d|1", "e|4"])
    }

    @Test func nestedBinsFrequencyWithinEachRecencyScore() throws {
        var rows: [(String, Int32, Int64)] = []
        for customer in 0..<40 {
            let orders = customer % 7 + 1
            for order in 0..<orders { rows.append(("c\(customer)", Int32(customer * 3 + order), Int64(100 * (customer % 5 + 1)))) }
        }
        let session = Self.session(Self.orders(rows))
        let table = try Self.run(session, "orders | rfm customer, day, amount (nested, bins 2)")
        let r = table.column(named: "r")!, f = table.column(named: "f")!, frequency = table.column(named: "frequency")!
        let keys = table.column(named: "customer")!
        for score in 1...2 {
            let members = (0..<table.rowCount).filter { r.value(at: $0) == .int(Int64(score)) }
            // F is NTILE(2) over this R score's customers only, ties by key (text order).
            let texts = members.map { keys.value(at: $0).description }
            let counts = members.map { Double(frequency.value(at: $0).description)! }
            let order = members.indices.sorted { counts[$0] != counts[$1] ? counts[$0] < counts[$1] : texts[$0] < texts[$1] }
            var reference = [Int64](repeating: 0, count: members.count)
            let half = (members.count + 1) / 2
            for (position, index) in order.enumerated() { reference[index] = position < half ? 1 : 2 }
            #expect(members.map { Int64(f.value(at: $0).description)! } == reference)
        }
        let report = try Self.report(session, "nested")
        #expect(report.rows.contains { $0.dimension == "frequency" && $0.within == "r 1" })
        #expect(report.rows.contains { $0.dimension == "monetary" && $0.within == "r 2, f 1" })
    }

    static func report(_ session: Session, _ options: String) throws -> RFMReport {
        _ = session.execute("let scored = orders | rfm customer, day, amount (\(options), bins 2)")
        return try #require(session.segmentation.reports["scored"])
    }

    @Test func thresholdsShowsBreaksAndCounts() throws {
        let session = Self.session(Self.orders([("a", 1, 100), ("b", 20, 200), ("c", 45, 300), ("d", 200, 400)]))
        _ = session.execute("let r = orders | rfm customer, day, amount (method quantile, bins 2)")
        let outcome = session.execute(".thresholds r")
        #expect(outcome.succeeded)
        #expect(outcome.output.contains("method quantile, 2 bins, 4 customers as of 2026-06-30, scheme default"))
        #expect(outcome.output.contains("recency <= 32.5"))
        #expect(outcome.output.contains("monetary > 2.5"))
        #expect(session.execute(".thresholds orders").error.contains("was not made by rfm"))
    }
}
