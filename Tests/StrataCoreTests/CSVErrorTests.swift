import Testing
@testable import StrataCore

@Suite("CSV bad input: messages and positions")
struct CSVErrorTests {
    @Test func emptyFile() {
        #expect(CSVTest.failure("")?.message == "empty file")
        #expect(CSVTest.failure("\r\n\n")?.message == "empty file")
        #expect(CSVTest.failure(bytes: [0xEF, 0xBB, 0xBF])?.position == "1:1")
    }

    @Test func unterminatedQuoteAtItsOpeningQuote() {
        let diagnostic = CSVTest.failure("a,b\n1,x\n2,\"never\nclosed\n3,y\n")
        #expect(diagnostic?.message == "unterminated quoted field: no closing quote before the end of the file")
        #expect(diagnostic?.position == "3:3")
        #expect(diagnostic?.notes == [])
        // Also across chunk boundaries.
        let long = "a,b\n" + String(repeating: "1,x\n", count: 500) + "2,\"open\n" + String(repeating: "z,z\n", count: 500)
        let chunked = CSVTest.failure(long) { $0.chunkSize = 64 }
        #expect(chunked?.position == "502:3")
    }

    @Test func wrongFieldCount() {
        let diagnostic = CSVTest.failure("a,b,c\n1,2,3\n4,5,6,7\n8,9\n")
        #expect(diagnostic?.message == "expected 3 fields, found 4")
        #expect(diagnostic?.position == "3:7")
        #expect(diagnostic?.notes == [
            "t.csv:4:4: expected 3 fields, found 2",
            "2 problems in 2 rows; use (on_error skip) to load the good rows into t_rejects",
        ])
    }

    @Test func textAfterClosingQuote() {
        let diagnostic = CSVTest.failure("a,b\n\"x\"y,1\n")
        #expect(diagnostic?.message.hasPrefix("unexpected text after a closing quote") == true)
        #expect(diagnostic?.position == "2:4")
    }

    @Test func nulByte() {
        let diagnostic = CSVTest.failure(bytes: Array("a,b\n1,x\0y\n".utf8))
        #expect(diagnostic?.message.hasPrefix("NUL byte in the file") == true)
        #expect(diagnostic?.position == "2:4")
    }

    @Test func byteOrderMarkInTheMiddle() {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8)
        let diagnostic = CSVTest.failure(bytes: bytes)
        #expect(diagnostic?.message.hasPrefix("byte order mark (U+FEFF) in the middle of the file") == true)
        #expect(diagnostic?.position == "3:1")
    }

    @Test func badValuesFirstFourMoreAndTotal() {
        var lines = ["id,order_date,amount"]
        for row in 1...30 {
            let date = row % 7 == 0 ? "2024-02-30" : "2024-01-\(row % 28 + 1)"
            let amount = row % 10 == 0 ? "n/a?" : "\(row).5"
            lines.append("\(row),\(date),\(amount)")
        }
        lines += (31...1000).map { "\($0),2024-03-01,1.25" }
        let diagnostic = CSVTest.failure(lines.joined(separator: "\n"))
        #expect(diagnostic?.message == "column \"order_date\": expected a date, found \"2024-02-30\"")
        #expect(diagnostic?.position == "8:3")
        #expect(diagnostic?.notes == [
            "t.csv:11:15: column \"amount\": expected a number with at most 2 decimals, found \"n/a?\"",
            "t.csv:15:4: column \"order_date\": expected a date, found \"2024-02-30\"",
            "t.csv:21:15: column \"amount\": expected a number with at most 2 decimals, found \"n/a?\"",
            "t.csv:22:4: column \"order_date\": expected a date, found \"2024-02-30\"",
            "7 bad values in 7 rows; use (on_error skip) to load the good rows into t_rejects, or types (order_date string) to keep the text",
        ])
    }

    @Test func impossibleValuesOfTheirType() {
        let dates = (1...200).map { "2024-01-\($0 % 28 + 1)" }
        #expect(CSVTest.failure("d\n" + (dates + ["2024-13-01"]).joined(separator: "\n"))?.message
                == "column \"d\": expected a date, found \"2024-13-01\"")
        let numbers = (1...200).map { "\($0).5e1" }
        #expect(CSVTest.failure("x\n" + (numbers + ["1e400"]).joined(separator: "\n"))?.message
                == "column \"x\": expected a number, found \"1e400\"")
        let amounts = (1...200).map { "¥\($0).50" }
        let overflow = CSVTest.failure("x\n" + (amounts + ["¥99999999999999999999.00"]).joined(separator: "\n"))
        #expect(overflow?.message == "column \"x\": expected a number with at most 2 decimals, found \"¥99999999999999999999.00\"")
        #expect(overflow?.position == "202:1")
    }

    @Test func columnsCountCharactersNotBytes() {
        let diagnostic = CSVTest.failure("名称,金额\n苹果,1\n香蕉,x\n") { $0.types = ["金额": .int64] }
        #expect(diagnostic?.message == "column \"金额\": expected an integer, found \"x\"")
        #expect(diagnostic?.position == "3:4")
    }

    @Test func positionsCountNewlinesInsideQuotes() {
        let diagnostic = CSVTest.failure("a,b\n\"multi\nline\",1\nz,oops\n") { $0.types = ["b": .int64] }
        #expect(diagnostic?.position == "4:3")
    }

    @Test func longValuesAreTruncatedInMessages() {
        let long = String(repeating: "长", count: 100)
        let diagnostic = CSVTest.failure("a\n\(long)\n") { $0.types = ["a": .int64] }
        #expect(diagnostic?.message == "column \"a\": expected an integer, found \"\(String(repeating: "长", count: 40))…\"")
    }

    @Test func fileErrorsNameThePath() throws {
        #expect(throws: Diagnostic.self) { try CSVReader.load(path: "/nonexistent/x.csv", displayPath: "x.csv") }
        do {
            _ = try CSVReader.load(path: "/nonexistent/x.csv", displayPath: "x.csv")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message == "cannot open \"x.csv\": no such file")
        }
        do {
            _ = try CSVReader.load(path: ".", displayPath: "tmp")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message == "cannot load \"tmp\": it is a directory, not a file")
        }
    }

    @Test func hostileInputsNeverCrash() {
        let inputs: [[UInt8]] = [
            [34], [34, 34], [34, 34, 34], [44], [10], [13], [13, 10, 34], Array("a\n\"".utf8), Array("a,b\n,".utf8),
            Array("a\n\u{FEFF}".utf8), [0xFF, 0xFE], [0xFE, 0xFF, 0x00], [0xC3], [0x80, 0x80], Array("¥-\n¥-".utf8),
            Array("x\n¥\n$\n-\n+\n.\n,\n1e\n1e-\n--1\n".utf8), Array("d\n2024年\n2024-1-\n9999-99-99 99:99\n".utf8),
        ]
        for input in inputs {
            _ = try? CSVTest.load(bytes: input)
            _ = try? CSVTest.load(bytes: input) { $0.chunkSize = 1; $0.skipBadRows = true }
        }
    }

    @Test func cancellationStopsALoad() {
        #expect(throws: Cancelled.self) {
            try CSVTest.load("a\n" + String(repeating: "1\n", count: 10_000)) { $0.isCancelled = { true } }
        }
        // Default wiring: the process-wide flag (not requested here).
        #expect(CSVOptions().isCancelled() == Cancellation.isRequested)
    }
}

@Suite("CSV hostile shapes")
struct CSVHostileShapeTests {
    @Test func hundredThousandColumnHeader() throws {
        let header = (1...100_000).map { "c\($0)" }.joined(separator: ",")
        let row = (1...100_000).map { _ in "1" }.joined(separator: ",")
        let table = try CSVTest.load(header + "\n" + row + "\n" + row + "\n").table
        #expect(table.columnCount == 100_000)
        #expect(table.rowCount == 2)
        #expect(table.fields.last?.name == "c100000")
    }

    @Test func tenMegabyteSingleField() throws {
        let field = String(repeating: "字", count: 3_500_000)
        let table = try CSVTest.load("a,b\n\"\(field)\",1\n") { $0.chunkSize = 1 << 16 }.table
        #expect(table.rowCount == 1)
        #expect(CSVTest.values(table, "b") == ["1"])
    }

    @Test func numericInSomeRowsTextInOthers() {
        let rows = (1...300).map { $0 % 100 == 0 ? "C\($0)" : "\($0)" }
        let diagnostic = CSVTest.failure("customer_id\n" + rows.joined(separator: "\n"))
        #expect(diagnostic?.message == "column \"customer_id\": expected an integer, found \"C100\"")
        #expect(diagnostic?.notes.last == "3 bad values in 3 rows; use (on_error skip) to load the good rows into t_rejects, or types (customer_id string) to keep the text")
    }

    @Test func negativeAmountsLoad() throws {
        let table = try CSVTest.load("amount\n-12.50\n¥-3.00\n\"-¥1,000.00\"\n").table
        #expect(CSVTest.values(table, "amount") == ["-12.50", "-3.00", "-1000.00"])
    }
}
