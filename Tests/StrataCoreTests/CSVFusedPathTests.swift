import Testing
@testable import StrataCore

/// The fused pass-1 loop, its fallbacks, lazy UTF-8 validation and the raw value buffers:
/// every load must equal the general (non-speculative) path's.
@Suite("CSV fused fast path")
struct CSVFusedPathTests {
    /// Rows that take the fused loop, interleaved with rows that must leave it: quoted
    /// fields, edge spaces, null tokens, CRLF and lone CR, blank lines, a decimal that widens,
    /// integers in a decimal column, a late timestamp, a column empty for a while, texts that
    /// look like numbers, Chinese text, a field that is only `-`.
    static let mixed: String = {
        var lines = ["id,amount,day,city,late,shape,code"]
        let cities = ["北京", "上海", "Shenzhen", "广州", "杭州", "NULL", "-"]
        for row in 0..<2500 {
            var amount = "\(row % 997).\(row % 10)\(row % 7)"
            if row % 101 == 0 { amount = "\(row)" }
            if row == 1700 { amount = "3.125" }
            if row % 211 == 0 { amount = " \(row).50 " }
            if row % 307 == 0 { amount = "" }
            var day = "2024-\(row % 9 + 1 < 10 ? "0" : "")\(row % 9 + 1)-1\(row % 9)"
            if row == 2400 { day = "2024-03-01 10:30" }
            var city = cities[row % cities.count]
            if row % 13 == 0 { city = "\"\(city), 区\"" }
            if row % 29 == 0 { city = "\"say \"\"hi\"\"\"" }
            let late = row < 900 ? "" : "v\(row % 3)"
            let shape = row % 5 == 0 ? "12" : (row % 5 == 1 ? "\"¥1,200.50\"" : "x\(row % 4)")
            let code = row % 50 == 0 ? "007" : "\(row)"
            lines.append("\(row),\(amount),\(day),\(city),\(late),\(shape),\(code)")
            if row % 97 == 0 { lines.append("") }
        }
        var text = ""
        for (index, line) in lines.enumerated() {
            text += line
            text += index % 5 == 0 ? "\r\n" : (index % 41 == 0 ? "\r" : "\n")
        }
        return text
    }()

    @Test func fusedLoadEqualsGeneralLoad() throws {
        let reference = try CSVTest.load(CSVFusedPathTests.mixed) { $0.speculate = false; $0.threads = 1 }.table
        #expect(reference.rowCount == 2500)
        #expect(reference.fields.map(\.type) == [.int64, .decimal(scale: 3), .timestamp, .string, .string, .string, .string])
        let expected = CSVParallelTests.snapshot(reference)
        for threads in [1, 2] {
            for chunkSize in [1, 13, 200, 4096, 1 << 20] {
                let table = try CSVTest.load(CSVFusedPathTests.mixed) { $0.threads = threads; $0.chunkSize = chunkSize }.table
                #expect(CSVParallelTests.snapshot(table) == expected, "threads \(threads) chunk \(chunkSize)")
            }
        }
    }

    @Test func cleanTypedFileTakesReusedBuffers() throws {
        // Every chunk keeps its guesses: values come straight from the fused loop's buffers.
        var lines = ["order_id,customer_id,order_date,amount,category"]
        let categories = ["办公用品", "电子产品", "家具", "Software", "a-much-longer-category-name"]
        for row in 1...5000 {
            lines.append("\(row),\(row * 7 % 1000),2025-\(row % 12 + 1 < 10 ? "0" : "")\(row % 12 + 1)-0\(row % 9 + 1),"
                + "\(row % 500).\(row % 10)0,\(categories[row % categories.count])")
        }
        let text = lines.joined(separator: "\n") + "\n"
        let fast = try CSVTest.load(text) { $0.chunkSize = 3000; $0.threads = 2 }.table
        let slow = try CSVTest.load(text) { $0.chunkSize = 3000; $0.speculate = false }.table
        #expect(fast.fields.map(\.type) == [.int64, .int64, .date, .decimal(scale: 2), .string])
        #expect(CSVParallelTests.snapshot(fast) == CSVParallelTests.snapshot(slow))
        #expect(CSVTest.values(fast, "amount").prefix(2) == ["1.10", "2.20"])
    }

    @Test func nullTokensWithDigitsKeepTheGeneralPath() throws {
        let text = "a,b\n1,x\n0,y\n2,0\n"
        let table = try CSVTest.load(text) { $0.nullTokens = ["0", ""] }.table
        #expect(CSVTest.values(table, "a") == ["1", "∅", "2"])
        #expect(CSVTest.values(table, "b") == ["x", "y", "∅"])
    }

    @Test func badUTF8DeepInsideATextColumnIsFoundAndPlaced() throws {
        var bytes = Array("id,name\n".utf8)
        for row in 0..<3000 { bytes += Array("\(row),客户\(row % 5)\n".utf8) }
        for row in 3000..<3100 {
            bytes += Array("\(row),".utf8)
            if row == 3000 { bytes += [0xFF] }  // line 3002, column 6
            bytes += Array("客户\(row % 5)\n".utf8)
        }
        let failure = CSVTest.failure(bytes: bytes) { $0.encoding = "utf8"; $0.chunkSize = 4096 }
        #expect(failure?.message == "the file is not valid UTF-8: unexpected byte 0xFF")
        #expect(failure?.position == "3002:6")
        // Detected: not UTF-8, so GB18030, which rejects 0xFF too.
        let detected = CSVTest.failure(bytes: bytes) { $0.chunkSize = 4096 }
        #expect(detected?.message.hasPrefix("cannot decode the file as UTF-8 or GB18030") == true)
    }

    @Test func nulAndInnerByteOrderMarkAreFoundOnTheFusedPath() throws {
        var clean = "id,name,n\n"
        for row in 0..<2000 { clean += "\(row),名\(row % 3),\(row)\n" }
        let nul = Array((clean + "2000,a\u{0}b,1\n").utf8)
        #expect(CSVTest.failure(bytes: nul) { $0.chunkSize = 2048 }?.message.hasPrefix("NUL byte") == true)
        let nulNumber = Array((clean + "2000,a,1\u{0}\n").utf8)
        #expect(CSVTest.failure(bytes: nulNumber) { $0.chunkSize = 2048 }?.position == "2002:9")
        let bom = Array((clean + "2000,\u{FEFF}a,1\n").utf8)
        #expect(CSVTest.failure(bytes: bom) { $0.chunkSize = 2048 }?.message.hasPrefix("byte order mark") == true)
    }

    @Test func gbkFileStillDetectedAfterAnOptimisticStart() throws {
        // "北京" in GBK after plenty of clean ASCII rows: the fused loop meets it as a new text.
        var bytes = Array("id,city\n".utf8)
        for row in 0..<2000 { bytes += Array("\(row),city\(row % 4)\n".utf8) }
        bytes += Array("2000,".utf8) + [0xB1, 0xB1, 0xBE, 0xA9] + [10]
        let result = try CSVTest.load(bytes: bytes) { $0.chunkSize = 1024 }
        #expect(result.encoding == "GB18030")
        #expect(CSVTest.values(result.table, "city").last == "北京")
    }

    @Test func valueBuffersGrowAcrossTheMappedThreshold() {
        let buffers = CSVValueBuffers(columnCount: 2, expectedRows: 3)
        buffers.setWidth(0, 8)
        buffers.setWidth(1, 4)
        let count = CSVValueBuffers.mappedThreshold / 4 + 1000
        for index in 0..<count {
            buffers.append64(0, Int64(index) * 3)
            buffers.append32(1, UInt32(index))
            if index % 1000 == 0 { buffers.appendNullRow(1, index) }
        }
        let wide = buffers.array(0, as: Int64.self)
        let narrow = buffers.array(1, as: UInt32.self)
        #expect(wide.count == count && narrow.count == count)
        #expect(wide[count - 1] == Int64(count - 1) * 3 && narrow[count - 1] == UInt32(count - 1))
        #expect(buffers.nullRows(1).count == (count + 999) / 1000)
        buffers.release(0)
        #expect(buffers.count(0) == 0)
    }

    @Test func arenaSharesHoldTheirValuesGrowOutAndAreReleasedOneByOne() {
        // 20,000 first values: 160 KB and 80 KB shares of one arena.
        let buffers = CSVValueBuffers(columnCount: 3, expectedRows: 20_000)
        buffers.setWidth(0, 8)
        buffers.setWidth(1, 4)
        buffers.setWidth(2, 8)
        let count = 50_000  // past the shares: columns grow into mappings of their own
        for index in 0..<count {
            buffers.append64(0, Int64(index) &* 7)
            buffers.append32(1, UInt32(index ^ 0x5A5A))
            if index < 20_000 { buffers.append64(2, -Int64(index)) }
            if index == 0 {
                // The shares lie back to back in the arena, each rounded to whole pages.
                let first = buffers.rawValues(0), second = buffers.rawValues(1), third = buffers.rawValues(2)
                if let first, let second, let third {
                    #expect(second - first == CSVValueBuffers.mappedBytes(20_000 * 8))
                    #expect(third - second == CSVValueBuffers.mappedBytes(20_000 * 4))
                } else {
                    Issue.record("no buffers after the first values")
                }
            }
        }
        let wide = buffers.array(0, as: Int64.self), narrow = buffers.array(1, as: UInt32.self)
        let kept = buffers.array(2, as: Int64.self)
        #expect(wide.count == count && narrow.count == count && kept.count == 20_000)
        #expect(wide.indices.allSatisfy { wide[$0] == Int64($0) * 7 })
        #expect(narrow.indices.allSatisfy { narrow[$0] == UInt32($0 ^ 0x5A5A) })
        #expect(kept.indices.allSatisfy { kept[$0] == -Int64($0) })
        buffers.release(2)
        #expect(buffers.count(2) == 0)
        // The other columns' values are untouched by their neighbour's release.
        #expect(buffers.array(0, as: Int64.self) == wide)
    }

    @Test func chunksSizedFromASampleLoadAsTheGeneralPathLoadsThem() throws {
        // Long records first (the sample guesses ~12K records a 600 KB chunk, ~19K come): the
        // chunks' buffers start as arena shares sized too small and grow; and the other way round.
        for longFirst in [true, false] {
            var text = "id,amount,day,city\n"
            for row in 0..<60_000 {
                let long = (row < 3_000) == longFirst
                let city = long ? "城市\(row % 9)-" + String(repeating: "x", count: 20) : "c\(row % 5)"
                text += "\(row * 37),\(row % 1000).\(row % 7)5,2025-01-\(10 + row % 19),\(city)\n"
            }
            let reference = try CSVTest.load(text) { $0.speculate = false; $0.threads = 1 }.table
            for threads in [1, 2] {
                let table = try CSVTest.load(text) { $0.threads = threads; $0.chunkSize = 600_000 }.table
                #expect(table.rowCount == 60_000)
                #expect(CSVParallelTests.snapshot(table) == CSVParallelTests.snapshot(reference),
                        "long first: \(longFirst), threads \(threads)")
            }
        }
    }

    @Test func recordBytesComesFromTheLinesOfTheSample() {
        let text = Array("a,b\n1,2\n10,20\n".utf8)
        text.withUnsafeBufferPointer { buffer in
            #expect(CSVLoader.recordBytes(buffer.baseAddress!, from: 4, count: text.count) == 5)  // 10 bytes, 2 lines
            #expect(CSVLoader.recordBytes(buffer.baseAddress!, from: text.count, count: text.count) == 0)
        }
    }

    @Test func shortDictionaryKeysKeepEveryLengthApart() {
        var dictionary = CSVByteDictionary()
        var texts: [[UInt8]] = []
        for length in 0...20 {
            texts.append(Array(repeating: UInt8(ascii: "a"), count: length))
            if length > 0 { texts.append(Array(repeating: UInt8(ascii: "a"), count: length - 1) + [UInt8(ascii: "b")]) }
            if length > 1 { texts.append([UInt8(ascii: "b")] + Array(repeating: UInt8(ascii: "a"), count: length - 1)) }
        }
        texts.append(Array("北京".utf8))
        texts.append(Array("北".utf8))
        var codes: [UInt32] = []
        // A trailing sentinel byte: a non-empty array always has a base address.
        func code(_ text: [UInt8]) -> UInt32 {
            (text + [0]).withUnsafeBufferPointer { dictionary.code($0.baseAddress!, $0.count - 1) }
        }
        for text in texts { codes.append(code(text)) }
        #expect(Set(codes).count == texts.count)
        for (index, text) in texts.enumerated() {
            #expect(code(text) == codes[index])
            #expect(Array(dictionary.bytes(Int(codes[index]))) == text)
        }
    }
}
