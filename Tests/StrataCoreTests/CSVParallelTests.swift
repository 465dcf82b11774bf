import Testing
@testable import StrataCore

@Suite("CSV chunked parallel loading and rejected rows")
struct CSVParallelTests {
    /// A messy file: quoted newlines, CRLF, nulls, repeated strings, Chinese text.
    static let messy: String = {
        var lines = ["id,name,city,amount,day,note"]
        let cities = ["北京", "上海", "Shenzhen", "广州", "杭州"]
        for row in 0..<3000 {
            let note = row % 17 == 0 ? "\"multi\nline \(row % 5)\"" : (row % 11 == 0 ? "" : "n\(row % 23)")
            let amount = row % 13 == 0 ? "NULL" : "\"¥\(row % 1000),\(String(format3(row))).\(row % 100 < 10 ? "0" : "")\(row % 100)\""
            lines.append("\(row),name\(row % 37),\(cities[row % 5]),\(amount),2024/\(row % 12 + 1)/\(row % 28 + 1),\(note)")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }()

    static func format3(_ value: Int) -> String {
        let text = String(value % 1000)
        return String(repeating: "0", count: 3 - text.count) + text
    }

    static func snapshot(_ table: Table) -> [String] {
        table.columnNames.map { name in
            var text = "\(name):\(CSVTest.type(table, name)!):" + CSVTest.values(table, name).joined(separator: "|")
            if case .string(let codes, let dictionary)? = table.column(named: name)?.data {
                text += ":" + dictionary.values.joined(separator: "|") + ":" + codes.prefix(200).map(String.init).joined(separator: ",")
            }
            return text
        }
    }

    @Test func sameTableForEveryThreadCountAndChunkSize() throws {
        let reference = try CSVTest.load(CSVParallelTests.messy) { $0.threads = 1; $0.chunkSize = 1 << 30 }.table
        #expect(reference.rowCount == 3000)
        #expect(CSVTest.type(reference, "amount") == .decimal(scale: 2))
        #expect(CSVTest.type(reference, "day") == .date)
        let expected = CSVParallelTests.snapshot(reference)
        for threads in [1, 2, 4] {
            for chunkSize in [1, 7, 64, 1000, 100_000] {
                let table = try CSVTest.load(CSVParallelTests.messy) { $0.threads = threads; $0.chunkSize = chunkSize }.table
                let snapshot = CSVParallelTests.snapshot(table)
                let differing = table.columnNames.indices.filter { snapshot[$0] != expected[$0] }.map { table.columnNames[$0] }
                #expect(differing == [], "threads \(threads) chunk \(chunkSize)")
            }
        }
    }

    @Test func speculativePassOneAgreesWithPassTwo() throws {
        // Columns whose guess changes mid-file, widening decimals, dates that become
        // timestamps, integers that become doubles, all-null chunks, forced text.
        var lines = ["a,b,c,d,e,phone,f"]
        for row in 0..<400 {
            let b = row == 350 ? "2.125" : (row % 3 == 0 ? "\(row).5" : "\(row)")
            let c = row == 399 ? "2024-01-01 10:00" : "2024-02-\(row % 28 + 1)"
            let d = row == 200 ? "1e3" : "\(row)"
            let e = row < 300 ? "" : "x\(row % 4)"
            let f = row == 5 ? "007" : "\(row)"
            lines.append("\(row),\(b),\(c),\(d),\(e),1380000\(row % 10),\(f)")
        }
        let text = lines.joined(separator: "\n")
        for chunkSize in [1, 50, 1 << 20] {
            let fast = try CSVTest.load(text) { $0.chunkSize = chunkSize }.table
            let slow = try CSVTest.load(text) { $0.chunkSize = chunkSize; $0.speculate = false }.table
            #expect(CSVParallelTests.snapshot(fast) == CSVParallelTests.snapshot(slow), "chunk \(chunkSize)")
            #expect(fast.fields.map(\.type) == [.int64, .decimal(scale: 3), .timestamp, .double, .string, .string, .string])
        }
        let messyFast = try CSVTest.load(CSVParallelTests.messy) { $0.chunkSize = 500 }.table
        let messySlow = try CSVTest.load(CSVParallelTests.messy) { $0.chunkSize = 500; $0.speculate = false }.table
        #expect(CSVParallelTests.snapshot(messyFast) == CSVParallelTests.snapshot(messySlow))
    }

    @Test func dictionaryCodesInFirstSeenOrder() throws {
        let table = try CSVTest.load("c\nb\na\nb\nc\na\n") { $0.chunkSize = 2; $0.threads = 2 }.table
        guard case .string(let codes, let dictionary)? = table.column(named: "c")?.data else {
            Issue.record("not a string column")
            return
        }
        #expect(Array(dictionary.values) == ["b", "a", "c"])
        #expect(Array(codes) == [0, 1, 0, 2, 1])
    }

    @Test func skipBadRowsKeepsRejectsWithLines() throws {
        var lines = ["id,day,amount"]
        for row in 1...300 { lines.append("\(row),2024-01-\(row % 28 + 1),\(row).25") }
        lines[50] = "50,2024-02-30,50.25"          // line 51: impossible date
        lines[120] = "120,2024-01-01,12x"          // line 121: bad amount
        lines[200] = "200,2024-01-01"               // line 201: missing field
        lines[250] = "250,\"2024-01-01\nstill\",1"  // line 251-252: bad date spanning lines
        let text = lines.joined(separator: "\n") + "\n"
        for chunkSize in [16, 1 << 20] {
            let result = try CSVTest.load(text) { $0.skipBadRows = true; $0.chunkSize = chunkSize; $0.threads = 2 }
            #expect(result.table.rowCount == 296)
            let rejects = try #require(result.rejects)
            #expect(CSVTest.values(rejects, "line") == ["51", "121", "201", "251"])
            #expect(CSVTest.values(rejects, "column") == ["day", "amount", "", "day"])
            #expect(CSVTest.values(rejects, "reason") == [
                "column \"day\": expected a date, found \"2024-02-30\"",
                "column \"amount\": expected a number with at most 2 decimals, found \"12x\"",
                "expected 3 fields, found 2",
                "column \"day\": expected a date, found \"2024-01-01\\nstill\"",
            ])
            #expect(CSVTest.values(rejects, "raw")[0] == "50,2024-02-30,50.25")
            #expect(CSVTest.values(rejects, "raw")[3] == "250,\"2024-01-01\nstill\",1")
            #expect(!CSVTest.values(result.table, "id").contains("50"))
        }
    }

    @Test func rejectedRowsAddNoDictionaryEntries() throws {
        let result = try CSVTest.load("name,n\nkeep,1\nonly-in-bad-row,x\nkeep2,2\n") {
            $0.skipBadRows = true
            $0.types = ["n": .int64]
        }
        guard case .string(_, let dictionary)? = result.table.column(named: "name")?.data else { return }
        #expect(Array(dictionary.values) == ["keep", "keep2"])
        #expect(result.rejects?.rowCount == 1)
    }

    @Test func noRejectsTableWhenEverythingLoads() throws {
        #expect(try CSVTest.load("a\n1\n") { $0.skipBadRows = true }.rejects == nil)
    }
}
