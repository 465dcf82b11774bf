import Testing
@testable import StrataCore

@Suite("CSV structure: quoting, line ends, headers")
struct CSVStructureTests {
    @Test func quotedFieldsWithDelimitersNewlinesAndQuotes() throws {
        let text = "id,note\n1,\"a, b\"\n2,\"line1\nline2\"\n3,\"say \"\"hi\"\"\"\n4,plain\n"
        let table = try CSVTest.load(text).table
        #expect(table.rowCount == 4)
        #expect(CSVTest.values(table, "note") == ["a, b", "line1\nline2", "say \"hi\"", "plain"])
        #expect(CSVTest.values(table, "id") == ["1", "2", "3", "4"])
    }

    @Test func crlfLfAndCrOnlyLineEnds() throws {
        for newline in ["\r\n", "\n", "\r"] {
            let text = ["a,b", "1,x", "2,y"].joined(separator: newline) + newline
            let table = try CSVTest.load(text).table
            #expect(table.rowCount == 2, "newline \(newline.debugDescription)")
            #expect(CSVTest.values(table, "b") == ["x", "y"])
        }
    }

    @Test func lastLineWithoutNewlineAndTrailingEmptyLines() throws {
        #expect(try CSVTest.load("a\n1\n2").table.rowCount == 2)
        #expect(try CSVTest.load("a,b\n1,2\n\n\n").table.rowCount == 1)
    }

    @Test func linesOfOnlySpacesOrTabsAreBlank() throws {
        for lineEnd in ["\n", "\r\n"] {
            let text = ["a,b", "1,2", "   ", "3,4", "\t \t", "", "5,6", "  "].joined(separator: lineEnd) + lineEnd
            for speculate in [false, true] {
                let table = try CSVTest.load(text) { $0.speculate = speculate }.table
                #expect(CSVTest.values(table, "a") == ["1", "3", "5"], "speculate \(speculate)")
            }
        }
        // A quoted blank is a value, not a blank line: here a row with too few fields.
        #expect(CSVTest.failure("a,b\n1,2\n\"  \"\n")?.message.contains("expected 2 fields, found 1") == true)
    }

    @Test func crInsideQuotesIsData() throws {
        let table = try CSVTest.load("a,b\r\n\"x\r\ny\",1\r\n").table
        #expect(CSVTest.values(table, "a") == ["x\r\ny"])
    }

    @Test func quoteInsideUnquotedFieldIsLiteral() throws {
        let table = try CSVTest.load("item,size\n5\" screen,1\n").table
        #expect(CSVTest.values(table, "item") == ["5\" screen"])
    }

    @Test func delimiterDetection() throws {
        #expect(try CSVTest.load("a;b;c\n1;2;3\n").table.columnCount == 3)
        #expect(try CSVTest.load("a\tb\n1\t2\n").table.columnNames == ["a", "b"])
        #expect(try CSVTest.load("a|b\n1|2\n").table.columnNames == ["a", "b"])
        // A comma inside a quoted header name does not count.
        #expect(try CSVTest.load("\"x,y\";z\n1;2\n").table.columnNames == ["x,y", "z"])
        let forced = try CSVTest.load("a;b\n1;2\n") { $0.delimiter = UInt8(ascii: ";") }
        #expect(forced.table.columnCount == 2)
    }

    @Test func headerNamesTrimmedChineseDuplicatesAndEmpty() throws {
        let result = try CSVTest.load(" 客户 ,name,name,,name_2\n1,a,b,c,d\n")
        #expect(result.table.columnNames == ["客户", "name", "name_3", "column4", "name_2"])
        #expect(result.warnings.count == 2)
        #expect(result.warnings.contains("duplicate column name \"name\" (column 3) renamed to \"name_3\""))
        #expect(result.warnings.contains("column 4 has no name; named it \"column4\""))
    }

    @Test func headerOnlyFileHasStringColumnsAndNoRows() throws {
        let table = try CSVTest.load("id,amount,date\n").table
        #expect(table.rowCount == 0)
        #expect(table.fields.map(\.type) == [.string, .string, .string])
    }

    @Test func noHeaderOption() throws {
        let table = try CSVTest.load("1,x\n2,y\n") { $0.header = false }.table
        #expect(table.columnNames == ["column1", "column2"])
        #expect(table.rowCount == 2)
        #expect(CSVTest.type(table, "column1") == .int64)
    }

    @Test func nullTokens() throws {
        let table = try CSVTest.load("a,b\n1,x\nNULL,-\nNA,\\N\n,n/a\n 4 ,y\n").table
        #expect(CSVTest.values(table, "a") == ["1", "∅", "∅", "∅", "4"])
        #expect(CSVTest.values(table, "b") == ["x", "∅", "∅", "∅", "y"])
        #expect(table.column(named: "a")?.nullCount == 3)
        let custom = try CSVTest.load("a\n1\n?\n") { $0.nullTokens = ["?"] }.table
        #expect(CSVTest.values(custom, "a") == ["1", "∅"])
    }

    @Test func wideRowsAndLongFields() throws {
        let names = (1...2000).map { "c\($0)" }
        let row = (1...2000).map(String.init)
        let table = try CSVTest.load(names.joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n").table
        #expect(table.columnCount == 2000)
        #expect(CSVTest.values(table, "c2000") == ["2000"])
        let long = String(repeating: "x", count: 1_000_000)
        let longTable = try CSVTest.load("a,b\n\"\(long)\",1\n").table
        #expect(CSVTest.values(longTable, "a").first?.count == 1_000_000)
    }
}

/// Spreadsheet text formulas (`="007"`, as Excel-bound exports write digit texts) load as
/// their text, quoted or not; anything else that starts with `=` stays as written.
@Suite struct CSVFormulaTextTests {
    @Test func textFormulasLoadAsTheirText() throws {
        let quoted = "\"=\"\"13574535758\"\"\""
        let rows = ["id,phone,code,n", "1,=\"18587500681\",=\"007\",=\"5\"", "2,\(quoted),x,6", "3,13900000000,\"=\"\"a\"\"b\"\"\",7",
                    "4,=\"\",=SUM(A1),8", "5, =\"0123\" ,y,9"]
        let text = rows.joined(separator: "\n") + "\n"
        for speculate in [false, true] {
            for chunkSize in [20, 1 << 20] {
                let table = try CSVTest.load(text) { $0.speculate = speculate; $0.threads = 2; $0.chunkSize = chunkSize }.table
                #expect(CSVTest.values(table, "phone") == ["18587500681", "13574535758", "13900000000", "∅", "0123"])
                #expect(CSVTest.values(table, "code") == ["007", "x", "=\"a\"b\"", "=SUM(A1)", "y"])
                #expect(CSVTest.type(table, "n") == .int64 && CSVTest.values(table, "n") == ["5", "6", "7", "8", "9"])
            }
        }
    }
}
