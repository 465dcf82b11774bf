import CStrataScan
import Testing
@testable import StrataCore

/// The fused loop's block path: the structural index against a byte-by-byte reference, and
/// random typed files (every field shape a block must take or leave) loading exactly as the
/// general (non-speculative) path loads them, for every chunking.
@Suite("CSV fused blocks")
struct CSVFusedBlockTests {
    typealias Random = CSVFusedQuotedTests.Random

    /// What `strata_csv_index` must find, byte by byte: complete plain records of exactly
    /// `columns` fields, each starting before `softEnd`.
    static func referenceIndex(_ bytes: [UInt8], start: Int, softEnd: Int, delimiter: UInt8, columns: Int,
                               maxRows: Int) -> (ends: [UInt32], starts: [UInt32]) {
        var ends: [UInt32] = []
        var starts: [UInt32] = [0]
        var cursor = start
        records: while starts.count - 1 < maxRows, cursor < softEnd, cursor < bytes.count {
            var fieldEnds: [UInt32] = []
            var position = cursor
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 34 { break records }
                if byte == delimiter {
                    fieldEnds.append(UInt32(position - start))
                    if fieldEnds.count >= columns { break records }
                } else if byte == 10 || byte == 13 {
                    let crlf = byte == 13 && position + 1 < bytes.count && bytes[position + 1] == 10
                    guard byte == 10 || crlf, fieldEnds.count == columns - 1 else { break records }
                    fieldEnds.append(UInt32(position - start))
                    position += crlf ? 2 : 1
                    ends += fieldEnds
                    starts.append(UInt32(position - start))
                    cursor = position
                    continue records
                }
                position += 1
            }
            break
        }
        return (ends, starts)
    }

    @Test func indexMatchesAByteByByteReference() {
        var random = Random(state: 7)
        let alphabet: [UInt8] = Array("ab1,,,;\n\n\r\"中".utf8)
        var taken = 0
        var possible = 0
        for trial in 0..<600 {
            let columns = 2 + random.next(4)
            // Mostly well-formed rows, with a stray byte now and then.
            var bytes: [UInt8] = []
            // Every third file is long and nearly clean, with one line ending throughout.
            let long = trial % 3 == 0
            let strayOdds = long ? 400 : 25
            let crlf = random.next(3) == 0
            for _ in 0..<random.next(long ? 300 : 40) {
                for column in 0..<columns {
                    for _ in 0..<random.next(6) { bytes.append(UInt8(ascii: "0") + UInt8(random.next(10))) }
                    if random.next(strayOdds) == 0 { bytes.append(alphabet[random.next(alphabet.count)]) }
                    if column < columns - 1 { bytes.append(UInt8(ascii: ",")) }
                }
                bytes += (long ? crlf : random.next(3) == 0) ? [13, 10] : [10]
            }
            if !long, random.next(4) == 0, !bytes.isEmpty { bytes.removeLast(random.next(min(bytes.count, 5)) + 1) }
            let start = bytes.isEmpty ? 0 : random.next(min(bytes.count, 3))
            let softEnd = random.next(3) == 0 ? start + random.next(bytes.count + 1) : bytes.count
            let maxRows = 1 + random.next(trial % 2 == 0 ? 50 : 4)
            let expected = CSVFusedBlockTests.referenceIndex(bytes, start: start, softEnd: softEnd, delimiter: 44,
                                                             columns: columns, maxRows: maxRows)
            var ends = [UInt32](repeating: 0, count: maxRows * columns + 32)
            var starts = [UInt32](repeating: 0, count: maxRows + 1)
            let rows = (bytes + [0]).withUnsafeBufferPointer { buffer in
                Int(strata_csv_index(buffer.baseAddress, Int64(start), Int64(bytes.count), Int64(softEnd), 44,
                                     Int64(columns), Int64(maxRows), &ends, &starts))
            }
            // A prefix of the reference's records, and at least one when it has one.
            let expectedRows = expected.starts.count - 1
            #expect(rows <= expectedRows && (rows == 0) == (expectedRows == 0), "trial \(trial)")
            #expect(Array(ends.prefix(rows * columns)) == Array(expected.ends.prefix(rows * columns)), "trial \(trial)")
            #expect(Array(starts.prefix(rows + 1)) == Array(expected.starts.prefix(rows + 1)), "trial \(trial)")
            if long {
                taken += rows
                possible += expectedRows
            }
        }
        // In nearly clean files most records are taken in one call.
        #expect(taken * 10 >= possible * 9, "\(taken) of \(possible)")
    }

    /// An orders-like file whose every column sometimes holds a shape a block must leave to
    /// the per-record loop (or null): long and negative integers, leading zeros, decimals
    /// with up to four fraction digits, bad and empty dates, texts with edge spaces, null
    /// tokens, a quoted field. `hostile` adds shapes that change a column's type (a decimal
    /// in an integer column, an exponent, leading zeros), after which pass 2 parses all.
    static func randomFile(seed: UInt64, rows: Int, lineEnd: String, hostile: Bool) -> String {
        var random = Random(state: seed)
        let categories = ["母婴", "食品", "NULL", "Software", "家居 用品", "a"]
        var text = "order_id,customer_id,order_date,amount,category,note" + lineEnd
        for row in 0..<rows {
            var id = "\(row + 1)"
            switch random.next(60) {
            case 0: id = "-\(row)"
            case 1: id = "123456789012"
            case 2: id = "0"
            case 3: id = ""
            default: break
            }
            var customer = "\(random.next(100_000_000))"
            switch random.next(80) {
            case 0 where hostile: customer = "0\(random.next(100))"
            case 1: customer = "99999999"
            case 2 where hostile: customer = "1e3"
            case 3 where hostile && row > rows / 2: customer = "\(random.next(100)).5"
            default: break
            }
            var date = "2024-0\(1 + random.next(9))-\(10 + random.next(19))"
            switch random.next(50) {
            case 0: date = ""
            case 1 where hostile: date = "2024-1-5"
            case 2 where hostile: date = "2024/1/5"
            case 3: date = "1899-12-31"
            default: break
            }
            var amount = "\(random.next(100_000)).\(random.next(100))"
            switch random.next(30) {
            case 0: amount = "\(random.next(1000))"
            case 1: amount = "-\(random.next(100)).5"
            case 2: amount = "0.\(random.next(10_000))"
            case 3: amount = ""
            case 4: amount = "12345678.12"
            case 5 where hostile: amount = "00.5"
            default: break
            }
            var category = categories[random.next(categories.count)]
            switch random.next(40) {
            case 0: category = " \(category)"
            case 1: category = ""
            case 2: category = "\"\(category),x\""
            default: break
            }
            let note = row > rows / 3 && random.next(10) == 0 ? "n\(random.next(5))" : ""
            text += "\(id),\(customer),\(date),\(amount),\(category),\(note)" + lineEnd
        }
        return text
    }

    @Test func randomTypedFilesLoadAsTheGeneralPathLoadsThem() throws {
        for seed: UInt64 in [1, 2, 3, 4] {
            for lineEnd in ["\n", "\r\n"] {
                let text = CSVFusedBlockTests.randomFile(seed: seed, rows: 3000, lineEnd: lineEnd, hostile: seed == 4)
                let reference = try CSVTest.load(text) { $0.speculate = false; $0.threads = 1 }.table
                #expect(reference.rowCount == 3000)
                let expected = CSVParallelTests.snapshot(reference)
                for threads in [1, 2] {
                    for chunkSize in [7, 500, 9000, 1 << 20] {
                        let table = try CSVTest.load(text) { $0.threads = threads; $0.chunkSize = chunkSize }.table
                        #expect(CSVParallelTests.snapshot(table) == expected,
                                "seed \(seed) \(lineEnd == "\n" ? "LF" : "CRLF") threads \(threads) chunk \(chunkSize)")
                    }
                }
            }
        }
    }

    @Test func cleanFileKeepsItsTypesAndValues() throws {
        var text = "id,amount,day,city\n"
        for row in 0..<5000 { text += "\(row * 37),\(row % 1000).\(row % 7)5,2025-01-\(10 + row % 19),城市\(row % 9)\n" }
        let table = try CSVTest.load(text) { $0.threads = 2; $0.chunkSize = 20_000 }.table
        #expect(table.fields.map(\.type) == [.int64, .decimal(scale: 2), .date, .string])
        #expect(CSVTest.values(table, "id").suffix(1) == ["\(4999 * 37)"])
        #expect(CSVTest.values(table, "amount").prefix(3) == ["0.05", "1.15", "2.25"])
        #expect(CSVTest.values(table, "city").prefix(2) == ["城市0", "城市1"])
    }

    @Test func eightDigitsReadsEveryLengthAndRejectsNonDigits() {
        for length in 1...8 {
            for value in [0, 7, 10_000_000, 12_345_678, 99_999_999] {
                let digits = String(value).suffix(length)
                let bytes = Array("xxxxxxxx\(digits)".utf8)
                let parsed = bytes.withUnsafeBufferPointer { buffer in
                    CSVFusedBlock.eightDigits(buffer.baseAddress! + bytes.count, digits.count)
                }
                #expect(parsed == Int64(digits), "\(digits)")
            }
        }
        for bad in ["1a", "/0", ":1", " 1", "1-", "12345.78"] {
            let bytes = Array("00000000\(bad)".utf8)
            let parsed = bytes.withUnsafeBufferPointer { buffer in
                CSVFusedBlock.eightDigits(buffer.baseAddress! + bytes.count, bad.utf8.count)
            }
            #expect(parsed == nil, "\(bad)")
        }
    }
}

extension CSVFusedBlockTests {
    @Test func shortDecimalAgreesWithTheNumberScan() {
        var texts = ["0", "7", "10", "01", "0.5", "00.5", "1.", ".5", "1.2.3", "12345678", "123456.8", "0.00001",
                     "9.99", "81.09", "-1.5", "1,5", "1e5", "1.5x", "x"]
        var random = CSVFusedQuotedTests.Random(state: 11)
        for _ in 0..<2000 {
            let length = 1 + random.next(8)
            texts.append(String((0..<length).map { _ in Array("0123456789.")[random.next(11)] }))
        }
        for text in texts {
            #expect(text.utf8.count <= 8)
            let bytes = Array("########\(text)".utf8)
            let short = bytes.withUnsafeBufferPointer { CSVFusedBlock.shortDecimal($0.baseAddress! + bytes.count, text.utf8.count) }
            let scan = bytes.withUnsafeBufferPointer { buffer -> (Int64, Int)? in
                let start = buffer.baseAddress! + 8
                guard let number = CSVFusedScan.number(start, from: 0, count: text.utf8.count),
                      number.end == text.utf8.count, number.valid, number.value >= 0, start[0] != 45 else { return nil }
                return (number.value, max(number.fractionDigits, 0))
            }
            #expect(short?.value == scan?.0 && short?.fractionDigits == scan?.1, "\(text)")
        }
    }
}

extension CSVFusedBlockTests {
    /// Random CSV-ish bytes (digits, dots, signs, delimiters, quotes, line ends, spaces,
    /// letters, Chinese) load exactly as the general path loads them, or fail the same way.
    @Test func randomBytesLoadOrFailAsTheGeneralPathDoes() throws {
        var random = Random(state: 99)
        let pieces = ["1", "23", "456", "7890123", "0", "-", ".", ".5", "12.34", ",", ",", ",", "\n", "\n", "\r\n", "\r",
                      "\"", "\"\"", " ", "a", "中文", "2024-01-05", "", "NULL"]
        var loaded = 0
        for trial in 0..<300 {
            var text = "a,b,c\n"
            // Mostly clean rows of numbers, with noise now and then.
            let noise = 20 + random.next(400)
            for _ in 0..<random.next(400) {
                if random.next(noise) == 0 {
                    for _ in 0..<1 + random.next(6) { text += pieces[random.next(pieces.count)] }
                } else {
                    text += "\(random.next(100_000)),\(random.next(1000)).\(random.next(100)),2024-0\(1 + random.next(9))-1\(random.next(9))\n"
                }
            }
            let reference = CSVTest.failure(text) { $0.speculate = false; $0.threads = 1 }
            if reference == nil { loaded += 1 }
            let expected = reference == nil
                ? try CSVParallelTests.snapshot(CSVTest.load(text) { $0.speculate = false; $0.threads = 1 }.table) : []
            for chunkSize in [64, 1000, 1 << 20] {
                let failure = CSVTest.failure(text) { $0.chunkSize = chunkSize; $0.threads = 2 }
                #expect(failure?.message == reference?.message, "trial \(trial) chunk \(chunkSize)")
                if failure == nil, reference == nil {
                    let table = try CSVTest.load(text) { $0.chunkSize = chunkSize; $0.threads = 2 }.table
                    #expect(CSVParallelTests.snapshot(table) == expected, "trial \(trial) chunk \(chunkSize)")
                }
            }
        }
        // Both outcomes are exercised.
        #expect(loaded > 60 && loaded < 270, "\(loaded) of 300 loaded")
    }
}

extension CSVFusedBlockTests {
    /// A wide file takes short blocks (the field ends stay small): 300 columns of numbers,
    /// dates and texts with a null here and there.
    @Test func wideFileLoadsAsTheGeneralPathLoadsIt() throws {
        let columns = 300
        var text = (0..<columns).map { "c\($0)" }.joined(separator: ",") + "\n"
        for row in 0..<700 {
            text += (0..<columns).map { column -> String in
                if (row + column) % 97 == 0 { return "" }
                switch column % 3 {
                case 0: return "\(row * column)"
                case 1: return "2024-0\(1 + row % 9)-1\(column % 10)"
                default: return "t\((row + column) % 11)"
                }
            }.joined(separator: ",") + "\n"
        }
        let reference = try CSVTest.load(text) { $0.speculate = false; $0.threads = 1 }.table
        let table = try CSVTest.load(text) { $0.threads = 2; $0.chunkSize = 50_000 }.table
        #expect(table.columnCount == columns && table.rowCount == 700)
        #expect(CSVParallelTests.snapshot(table) == CSVParallelTests.snapshot(reference))
    }
}

/// Texts with spaces or tabs at their edges are trimmed, by the fused paths as by the general
/// loop: null tokens and blanks, values (a padded key is one key) and shapes (a column of
/// padded numbers still infers a number type).
@Suite struct CSVPaddedTextTests {
    static func paddedFile(seed: UInt64, rows: Int) -> String {
        var random = CSVFusedBlockTests.Random(state: seed)
        let pads = ["", " ", "  ", "\t", " \t"]
        let words = ["北京", "上海 浦东", "NULL", "N/A", "", "a", "12", "3.5", "2024-01-05", "-"]
        var text = "id,city,code,note\n"
        for row in 0..<rows {
            func padded(_ word: String) -> String {
                random.next(4) == 0 ? pads[random.next(pads.count)] + word + pads[random.next(pads.count)] : word
            }
            let city = padded(words[random.next(words.count)])
            // Mostly numbers: the column infers a number type unless its padded texts say otherwise.
            let code = padded(random.next(30) == 0 ? "x\(row % 7)" : "\(random.next(1000))")
            var note = padded(random.next(3) == 0 ? "n\(random.next(50))" : "")
            if random.next(50) == 0 { note = "\"" + padded("q\(row % 3)") + "\"" }
            text += "\(row),\(city),\(code),\(note)\n"
        }
        return text
    }

    @Test func paddedTextsLoadAsTheGeneralPathLoadsThem() throws {
        for seed: UInt64 in [11, 12, 13] {
            let text = CSVPaddedTextTests.paddedFile(seed: seed, rows: 4000)
            for nullTokens: Set<String> in [CSVOptions().nullTokens, ["NULL"]] {
                let reference = try CSVTest.load(text) { $0.speculate = false; $0.threads = 1; $0.nullTokens = nullTokens }
                let expected = CSVParallelTests.snapshot(reference.table)
                for chunkSize in [700, 20_000, 1 << 20] {
                    let result = try CSVTest.load(text) {
                        $0.threads = 2; $0.chunkSize = chunkSize; $0.nullTokens = nullTokens
                    }
                    #expect(CSVParallelTests.snapshot(result.table) == expected,
                            "seed \(seed), null tokens \(nullTokens.sorted()), chunk \(chunkSize)")
                }
            }
        }
    }

    @Test func paddedNumbersInAChunkGuessedAsTextCountAsNumbers() throws {
        // Each chunk starts with a text, so its guess is text and its values are counted as
        // dictionary codes; the padded numbers after it make the column 99.9% numbers.
        var text = "id,amount\n"
        for row in 0..<3000 { text += "\(row),\(row % 1000 == 0 ? "x" : (row % 2 == 0 ? " \(row % 90)" : "\(row % 90)"))\n" }
        let reference = CSVTest.failure(text) { $0.speculate = false; $0.threads = 1 }
        #expect(reference?.message.contains("amount") == true, "an integer column with 3 texts: \(String(describing: reference))")
        for chunkSize in [4_000, 1 << 20] {
            let failure = CSVTest.failure(text) { $0.threads = 2; $0.chunkSize = chunkSize }
            #expect(failure?.message == reference?.message, "chunk \(chunkSize)")
        }
    }

    @Test func paddedKeysAreOneValue() throws {
        let keys = ["C001", " C001", "C001 ", "  C001  ", "\" C001\"", "\tC001", "\"C001\t\"", "C002", " 上海 浦东 "]
        var text = "k,n\n"
        for row in 0..<2_000 { text += "\(keys[row % keys.count]),\(row)\n" }
        for speculate in [false, true] {
            for chunkSize in [500, 1 << 20] {
                let table = try CSVTest.load(text) { $0.speculate = speculate; $0.threads = 2; $0.chunkSize = chunkSize }.table
                guard case .string(_, let dictionary)? = table.column(named: "k")?.data else {
                    Issue.record("k is not text")
                    continue
                }
                #expect(Set(dictionary.values) == ["C001", "C002", "上海 浦东"], "speculate \(speculate), chunk \(chunkSize)")
                #expect(CSVTest.values(table, "k").filter { $0 == "C001" }.count == 1_556)  // 7 of every 9 rows
            }
        }
    }

    @Test func aColumnOfPaddedNumbersInfersItsNumberType() throws {
        var text = "id,amount\n"
        for row in 0..<3000 { text += "\(row),\(row % 5 == 0 ? " " : "")\(row % 100)\(row % 7 == 0 ? "\t" : "")\n" }
        let table = try CSVTest.load(text) { $0.threads = 2; $0.chunkSize = 4_000 }.table
        #expect(CSVTest.type(table, "amount") == .int64)
        #expect(CSVTest.values(table, "amount").prefix(3) == ["0", "1", "2"])
    }
}
