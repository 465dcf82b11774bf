import StrataCore
import Testing
@testable import StrataLang

@Suite struct ExportParserTests {
    /// The column names and option names of an `export` statement.
    static func parts(_ text: String) throws -> (columns: [String]?, options: [String], path: String) {
        guard case .export(_, let path, _, let options) = try Parser.parse(text) else { return (nil, [], "") }
        var columns: [String]?
        for item in options where item.name.text == "columns" {
            if case .list(let values, _) = item.value {
                columns = values.compactMap { if case .word(let name) = $0 { name.text } else { nil } }
            }
        }
        return (columns, options.map(\.name.text), path)
    }

    @Test func bothColumnSpellingsGiveTheSameList() throws {
        let bracketed = try ExportParserTests.parts(#"export r | where recency > 90 to "out/沉睡.csv" (columns [customer_id, `客户 名称`], excel)"#)
        #expect(bracketed.columns == ["customer_id", "客户 名称"])
        #expect(bracketed.options == ["columns", "excel"])
        #expect(bracketed.path == "out/沉睡.csv")
        let bare = try ExportParserTests.parts(#"export r to "x.csv" (columns customer_id, `客户 名称`; excel)"#)
        #expect(bare.columns == bracketed.columns && bare.options == bracketed.options)
        let plain = try ExportParserTests.parts(#"export (orders | limit 3) to "x.csv""#)
        #expect(plain.options.isEmpty && plain.columns == nil)
    }

    @Test func statementShapeAndRanges() throws {
        let text = #"export orders | limit 2 to "a.csv" (excel)"#
        guard case .export(let pipeline, let path, let pathRange, let options) = try Parser.parse(text) else {
            Issue.record("not an export")
            return
        }
        #expect(pipeline.verbs.map(\.kind) == [.limit(2)])
        #expect(path == "a.csv" && pathRange == 27..<34)
        #expect(options == [OptionItem(name: Name("excel", 36..<41), value: nil)])
    }

    @Test func mistakesPointAtThePosition() {
        #expect(parseError(#"export orders "x.csv""#) == """
            Error: expected to and the file path after the pipeline: export r | where recency > 90 to "out/dormant.csv"
              export orders "x.csv"
                            ^^^^^^^
            """)
        #expect(parseError("export orders to dormant") == """
            Error: expected the file path in double quotes: export orders to "out/orders.csv"
              export orders to dormant
                               ^^^^^^^
            """)
        #expect(parseError(#"export orders to "x.csv" (columns [a, b] excel)"#) == """
            Error: expected ), found excel
              export orders to "x.csv" (columns [a, b] excel)
                                                       ^^^^^
            """)
    }

    @Test func aTableNamedExportStillWorks() throws {
        #expect(try Parser.parse("export | limit 1") == .show(Pipeline(
            source: .table(Name("export", 0..<6)), verbs: [Verb(.limit(1), 9..<16)], range: 0..<16)))
    }
}

@Suite struct ExportAfterBareVerbTests {
    @Test func distinctWithoutColumnsStopsAtTheExportPath() throws {
        let statement = try Parser.parse(#"export orders | distinct to "out/x.csv""#)
        guard case .export(let pipeline, let path, _, _) = statement else {
            Issue.record("expected an export, got \(statement)")
            return
        }
        #expect(path == "out/x.csv")
        #expect(pipeline.verbs.count == 1)
        if case .distinct(let names) = pipeline.verbs.first?.kind { #expect(names.isEmpty) } else { Issue.record("expected distinct") }
    }
}
