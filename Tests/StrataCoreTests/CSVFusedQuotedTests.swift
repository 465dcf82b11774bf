import Testing
@testable import StrataCore

/// The fused loop's quoted text fields, in-place values and end-of-loop statistics: random
/// files load exactly as the general (non-speculative) path loads them, for every chunking.
@Suite("CSV fused quoted fields")
struct CSVFusedQuotedTests {
    /// A small deterministic generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// A customers-like file: quoted names with delimiters, doubled quotes and line breaks,
    /// empty and null fields, decimals and dates, a low-cardinality text column; `noise` adds
    /// fields the fused loop must leave to the general one.
    static func randomFile(seed: UInt64, rows: Int, noise: Bool) -> String {
        var random = Random(state: seed)
        let names = ["无锡聚海电子股份有限公司", "Acme", "重庆金丰实业有限公司", "a", "北京"]
        let regions = ["华东", "华南", "west", "北"]
        var text = "id,name,region,amount,day,note\n"
        for row in 0..<rows {
            var name = names[random.next(names.count)] + "\(random.next(50))"
            switch random.next(20) {
            case 0: name = "\"\(name),华东分公司\""
            case 1: name = "\"\"\"天青\"\"\(name)\""
            case 2: name = ""
            case 3: name = "\"\""
            case 4: name = "\"NULL\""
            case 5: name = "\"多行\n\(name)\""
            case 6: name = "\"\(name)\""
            case 7 where noise: name = "\" \(name)\""
            case 8 where noise: name = "\"\(name)\"x"
            default: break
            }
            var amount = "\(random.next(10_000)).\(random.next(10))\(random.next(10))"
            switch random.next(30) {
            case 0: amount = ""
            case 1: amount = "\(random.next(500))"
            case 2 where noise: amount = "\"\(amount)\""
            case 3 where noise && row > rows / 2: amount = "\(random.next(100)).125"
            default: break
            }
            var day = "2024-0\(random.next(9) + 1)-1\(random.next(10))"
            if random.next(15) == 0 { day = "" }
            let region = random.next(12) == 0 ? "\"\(regions[random.next(regions.count)])\"" : regions[random.next(regions.count)]
            var note = random.next(4) == 0 ? "" : "n\(random.next(3))"
            if random.next(25) == 0 { note = "\"a,\"\"b\"\"\"" }
            var line = "\(row),\(name),\(region),\(amount),\(day),\(note)"
            if noise, random.next(97) == 0 { line += ",extra" }
            text += line
            text += random.next(7) == 0 ? "\r\n" : "\n"
        }
        return text
    }

    static func expectSameAsGeneral(_ text: String, skipBadRows: Bool) throws {
        let reference = try CSVTest.load(text) { $0.speculate = false; $0.threads = 1; $0.skipBadRows = skipBadRows }
        let expected = CSVParallelTests.snapshot(reference.table)
        for threads in [1, 2] {
            for chunkSize in [1, 97, 1024, 1 << 20] {
                let result = try CSVTest.load(text) {
                    $0.threads = threads; $0.chunkSize = chunkSize; $0.skipBadRows = skipBadRows
                }
                let snapshot = CSVParallelTests.snapshot(result.table)
                let differing = result.table.columnNames.indices.filter { snapshot[$0] != expected[$0] }
                #expect(differing == [], "threads \(threads) chunk \(chunkSize): \(differing.map { result.table.columnNames[$0] })")
                #expect(result.table.rowCount == reference.table.rowCount)
            }
        }
    }

    @Test func cleanQuotedFilesLoadAsTheGeneralPath() throws {
        for seed in 1...4 {
            let text = CSVFusedQuotedTests.randomFile(seed: UInt64(seed), rows: 1500, noise: false)
            try CSVFusedQuotedTests.expectSameAsGeneral(text, skipBadRows: false)
        }
    }

    @Test func noisyFilesLoadAsTheGeneralPath() throws {
        // Bad rows are skipped: their values must not reach the statistics (a 3-digit fraction
        // in a rejected row would widen the decimal's scale).
        for seed in 11...14 {
            let text = CSVFusedQuotedTests.randomFile(seed: UInt64(seed), rows: 1500, noise: true)
            try CSVFusedQuotedTests.expectSameAsGeneral(text, skipBadRows: true)
        }
    }

    @Test func quotedTextIsUnescapedAndTyped() throws {
        let text = "id,name,n\n1,\"\"\"天青\"\"百货\",5\n2,\"无锡,华东\",6\n3,\"\",7\n4,plain,8\n5,\"a\nb\",9\n"
        let table = try CSVTest.load(text).table
        #expect(CSVTest.values(table, "name") == ["\"天青\"百货", "无锡,华东", "∅", "plain", "a\nb"])
        #expect(CSVTest.type(table, "n") == .int64)
    }

    @Test func rejectedRowsLeaveNoDecimalScale() throws {
        var text = "id,amount,name\n"
        for row in 0..<3000 { text += "\(row),\(row % 100).5\(row % 10),n\(row % 7)\n" }
        text += "3000,1.125,x,extra\n"
        let table = try CSVTest.load(text) { $0.skipBadRows = true; $0.chunkSize = 4096 }.table
        #expect(CSVTest.type(table, "amount") == .decimal(scale: 2))
        #expect(table.rowCount == 3000)
    }

    @Test func dictionaryKeepsLongAndShortTextsApartAcrossGrowth() {
        var dictionary = CSVByteDictionary()
        var texts: [[UInt8]] = []
        for index in 0..<5000 {
            // Same first 8 bytes and length for many long texts; short ones of every length.
            texts.append(Array("公司名称-\(index)-有限公司".utf8))
            texts.append(Array(String(index, radix: 36).utf8))
            texts.append(Array("prefix00\(index % 10)".utf8) + Array(repeating: UInt8(ascii: "z"), count: index % 9))
        }
        var codes: [UInt32] = []
        func code(_ text: [UInt8]) -> UInt32 {
            (text + [0]).withUnsafeBufferPointer { dictionary.code($0.baseAddress!, $0.count - 1) }
        }
        var firstSeen: [[UInt8]: UInt32] = [:]
        for text in texts {
            let value = code(text)
            if let known = firstSeen[text] { #expect(value == known) } else { firstSeen[text] = value }
            codes.append(value)
        }
        #expect(dictionary.count == firstSeen.count)
        for (text, value) in firstSeen { #expect(Array(dictionary.bytes(Int(value))) == text) }
        // Codes are handed out in first-seen order.
        var next: UInt32 = 0
        var seen = Set<UInt32>()
        for value in codes where !seen.contains(value) {
            #expect(value == next)
            seen.insert(value)
            next += 1
        }
    }
}
