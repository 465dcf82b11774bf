import Foundation
import StrataCore
import Testing
@testable import StrataEngine

@Suite struct CSVExportTests {
    /// A table with every cell kind the writer treats differently.
    static func sample() -> Table {
        var names = StringDictionary()
        let texts = ["=SUM(A1:A9)", "+86 138", "-5", "@cmd", "\tTab", "\rCR", "王小明, 上海", "say \"hi\"", "plain", ""]
        let codes = ContiguousArray(texts.map { names.code(for: $0) })
        let count = texts.count
        var validity = Bitmap(count: count, value: true)
        validity[8] = false
        return Table([
            ("客户", Column(type: .string, data: .string(codes: codes, dictionary: names))),
            ("amount", Column(type: .decimal(scale: 2), data: .int64(ContiguousArray((0..<count).map { Int64($0 - 3) * 1_050 })))),
            ("n", Column(type: .int64, data: .int64(ContiguousArray((0..<count).map { -Int64($0) })), validity: validity)),
            ("day", Column(type: .date, data: .int32(ContiguousArray((0..<count).map { CivilDate(year: 2026, month: 6, day: 30).days - Int32($0) })))),
        ])
    }

    static func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func dangerousTextIsPrefixedAndNumbersStayNumbers() throws {
        let scratch = try Scratch()
        let path = scratch.url.appendingPathComponent("x.csv").path
        let summary = try CSVExport.write(CSVExportTests.sample(), to: path)
        #expect(summary.rows == 10 && summary.columns == 4)
        let text = String(decoding: try CSVExportTests.read(path), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "客户,amount,n,day")
        #expect(lines[1] == "'=SUM(A1:A9),-31.50,0,2026-06-30")
        #expect(lines[2] == "'+86 138,-21.00,-1,2026-06-29")
        #expect(lines[3] == "'-5,-10.50,-2,2026-06-28")        // text "-5" is guarded, the numbers are not
        #expect(lines[4] == "'@cmd,0.00,-3,2026-06-27")
        #expect(lines[5] == "'\tTab,10.50,-4,2026-06-26")
        // CR forces quotes; the guard goes inside them.
        #expect(text.contains("\n\"'\rCR\",21.00,-5,2026-06-25\n"))
        #expect(text.contains("\n\"王小明, 上海\",31.50,-6,2026-06-24\n"))
        #expect(text.contains("\n\"say \"\"hi\"\"\",42.00,-7,2026-06-23\n"))
        #expect(text.contains("\nplain,52.50,,2026-06-22\n"))     // null integer: empty field
        #expect(text.hasSuffix("\n\"\",63.00,-9,2026-06-21\n"))    // empty string stays distinct from null
        #expect(!text.contains("\r\n"))
        #expect(summary.bytes == text.utf8.count)
    }

    @Test func headerNamesAreGuardedToo() throws {
        let scratch = try Scratch()
        let path = scratch.url.appendingPathComponent("h.csv").path
        let table = Table([("=cmd", Column(type: .int64, data: .int64([-1])))])
        _ = try CSVExport.write(table, to: path)
        #expect(String(decoding: try CSVExportTests.read(path), as: UTF8.self) == "'=cmd\n-1\n")
    }

    @Test func excelModeKeepsDigitTextsAsText() throws {
        let scratch = try Scratch()
        var dictionary = StringDictionary()
        let texts = ["13574535758", "110101199003074512", "007", "0", "1234567890", "138-0013", "12a45678901", "０１"]
        let codes = ContiguousArray(texts.map { dictionary.code(for: $0) })
        let table = Table([("phone", Column(type: .string, data: .string(codes: codes, dictionary: dictionary)))])
        let excel = scratch.url.appendingPathComponent("excel.csv").path
        _ = try CSVExport.write(table, to: excel, excel: true)
        let lines = String(decoding: try CSVExportTests.read(excel).dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        // Phones, ID numbers and leading zeros as text formulas; short numbers and other texts as they are.
        let formula = { (digits: String) in "\"=\"\"" + digits + "\"\"\"" }
        #expect(lines == ["phone", formula("13574535758"), formula("110101199003074512"), formula("007"), "0", "1234567890",
                          "138-0013", "12a45678901", "０１", ""])
        // Plain CSV keeps the digits as they are.
        let plain = scratch.url.appendingPathComponent("plain.csv").path
        _ = try CSVExport.write(table, to: plain)
        #expect(String(decoding: try CSVExportTests.read(plain), as: UTF8.self).hasPrefix("phone\n13574535758\n110101199003074512\n007\n"))
    }

    @Test func excelModeWritesABOMAndCRLF() throws {
        let scratch = try Scratch()
        let path = scratch.url.appendingPathComponent("excel.csv").path
        _ = try CSVExport.write(CSVExportTests.sample(), columns: ["day", "客户"], to: path, excel: true)
        let bytes = try CSVExportTests.read(path)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("day,客户\r\n2026-06-30,'=SUM(A1:A9)\r\n"))
        #expect(text.hasSuffix("2026-06-21,\"\"\r\n"))
        // Every line end is CRLF except the CR inside the quoted cell.
        #expect(text.components(separatedBy: "\r\n").count == 12)
    }

    @Test func unknownColumnsFailWithASuggestionAndWriteNothing() throws {
        let scratch = try Scratch()
        let path = scratch.url.appendingPathComponent("none.csv").path
        #expect(throws: Diagnostic.self) { try CSVExport.write(CSVExportTests.sample(), columns: ["amout"], to: path) }
        do {
            _ = try CSVExport.write(CSVExportTests.sample(), columns: ["amout"], to: path)
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message == #"column "amout" not found. Did you mean "amount"?"#)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
    }

    @Test func exportStatementWritesAndReports() throws {
        let scratch = try Scratch(["orders.csv": SessionTests.orders])
        let session = Session(workingDirectory: scratch.url.path)
        _ = session.execute(#"load orders from "orders.csv""#)
        let outcome = session.execute(#"export orders | where amount > 0 to "out/pos.csv" (columns [order_id, category, amount], excel)"#)
        #expect(outcome.succeeded, "\(outcome.error)")
        #expect(outcome.output == "exported 2 rows × 3 columns to out/pos.csv\n")
        let bytes = try CSVExportTests.read(scratch.url.appendingPathComponent("out/pos.csv").path)
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == "order_id,category,amount\r\n1,家电,1234.50\r\n2,数码,99.99\r\n")
        // The issue's spelling: bare names up to `;`.
        let bare = session.execute(#"export orders to "all.csv" (columns order_id, amount; excel)"#)
        #expect(bare.output == "exported 3 rows × 2 columns to all.csv\n")
    }

    @Test func aFailingStatementLeavesTheOldFileIntact() throws {
        let scratch = try Scratch(["orders.csv": SessionTests.orders, "keep.csv": "old contents\n"])
        let session = Session(workingDirectory: scratch.url.path)
        _ = session.execute(#"load orders from "orders.csv""#)
        let keep = scratch.url.appendingPathComponent("keep.csv").path
        for statement in [
            #"export orders | where amount / 0 > 1 to "keep.csv""#,          // fails while running
            #"export orders | where amout > 1 to "keep.csv""#,               // fails binding
            #"export orders to "keep.csv" (columns [nope])"#,               // unknown column
            #"export orders to "keep.csv" (colums [amount])"#,              // unknown option
        ] {
            let outcome = session.execute(statement)
            #expect(!outcome.succeeded, "\(statement)")
            #expect(String(decoding: try CSVExportTests.read(keep), as: UTF8.self) == "old contents\n")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted() == ["keep.csv", "orders.csv"])
        let error = session.execute(#"export orders to "keep.csv" (colums [amount])"#).error
        #expect(error.contains(#"unknown export option "colums"; options are columns [a, b] and excel. Did you mean "columns"?"#))
    }

    @Test func aFailureMidWriteLeavesTheOldFileAndNoTemporaryFile() throws {
        let scratch = try Scratch(["keep.csv": "old\n"])
        let path = scratch.url.appendingPathComponent("keep.csv").path
        let rows = CSVExport.rowsPerChunk * 300 + 7   // several flushes happen before the failure
        let table = Table([("k", Column(type: .int64, data: .int64(ContiguousArray((0..<Int64(rows)).map { $0 }))))])
        var chunks = 0
        #expect(throws: Cancelled.self) {
            try CSVExport.write(table, columns: nil, to: path, excel: false, displayPath: nil) {
                chunks += 1
                if chunks == 250 { throw Cancelled() }
            }
        }
        #expect(String(decoding: try CSVExportTests.read(path), as: UTF8.self) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) == ["keep.csv"])
        // Without the failure the same table replaces the file.
        let summary = try CSVExport.write(table, to: path)
        #expect(summary.rows == rows)
        #expect(try CSVExportTests.read(path).count == summary.bytes)
    }

    @Test func aFolderOrConfinedPathIsRefused() throws {
        let scratch = try Scratch(["orders.csv": SessionTests.orders])
        let session = Session(workingDirectory: scratch.url.path)
        _ = session.execute(#"load orders from "orders.csv""#)
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("dir.csv"), withIntermediateDirectories: true)
        let folder = session.execute(#"export orders to "dir.csv""#)
        #expect(folder.error.hasPrefix(#"Error: cannot write "dir.csv": it is a folder"#))
        session.fileAccess = FileAccessPolicy(allowing: [scratch.url.path])
        let outside = session.execute(#"export orders to "../escape.csv""#)
        #expect(outside.error.hasPrefix(#"Error: "../escape.csv" is outside the allowed folders"#))
        #expect(outside.error.contains(String(repeating: " ", count: 19) + "^^^"))
    }
}
