import StrataCore
import Testing
@testable import StrataLang

@Suite struct ParserTests {
    @Test func loadWithOptions() throws {
        let statement = try Parser.parse(#"load 客户 from "客户导出.csv" (encoding gbk, types (amount decimal, phone string), on_error skip)"#)
        guard case .load(let name, let path, _, let options) = statement else {
            Issue.record("not a load: \(statement)")
            return
        }
        #expect(name.text == "客户")
        #expect(path == "客户导出.csv")
        #expect(options.map(\.name.text) == ["encoding", "types", "on_error"])
        guard case .group(let types, _) = options[1].value else {
            Issue.record("types is not a group")
            return
        }
        #expect(types.map(\.name.text) == ["amount", "phone"])
    }

    @Test func pipelineWithLimit() throws {
        let statement = try Parser.parse("orders | limit 5")
        #expect(statement == .show(Pipeline(source: .table(Name("orders", 0..<6)), verbs: [Verb(.limit(5), 9..<16)], range: 0..<16)))
    }

    @Test func multiLinePipelineAndComment() throws {
        let statement = try Parser.parse("orders |\n  limit 3  # first rows")
        guard case .show(let pipeline) = statement else {
            Issue.record("not a pipeline")
            return
        }
        #expect(pipeline.verbs.map(\.kind) == [.limit(3)])
    }

    @Test func letAndDescribe() throws {
        #expect(try Parser.parse("let top = orders | limit 10") == .assign(
            name: Name("top", 4..<7),
            pipeline: Pipeline(source: .table(Name("orders", 10..<16)), verbs: [Verb(.limit(10), 19..<27)], range: 10..<27)))
        guard case .describe(let pipeline) = try Parser.parse("describe `客户 名单`") else {
            Issue.record("not describe")
            return
        }
        #expect(pipeline.source == .table(Name("客户 名单", 9..<16)))
    }

    @Test func tableNamedLikeAKeywordStillWorks() throws {
        #expect(try Parser.parse("load | limit 1") == .show(Pipeline(
            source: .table(Name("load", 0..<4)), verbs: [Verb(.limit(1), 7..<14)], range: 0..<14)))
    }

    @Test func unknownVerbSuggestsAndPointsAtIt() {
        #expect(parseError("orders | limt 5") == """
            Error: unknown verb "limt". Did you mean "limit"?
              orders | limt 5
                       ^^^^
            """)
    }

    @Test func caretAlignsUnderChineseText() {
        #expect(parseError("客户 | limit x") == """
            Error: expected the number of rows after limit, found x
              客户 | limit x
                           ^
            """)
    }

    @Test func fullWidthPunctuationNamesItsHalfWidthForm() {
        #expect(parseError("订单 | where 金额 ＞ 100") == """
            Error: unexpected character "＞": type the half-width > instead (English punctuation)
              订单 | where 金额 ＞ 100
                                ^^
            """)
        #expect(parseError("o | where c == “家电”").contains("unexpected character \"“\": type the half-width \" instead"))
        #expect(parseError("o | derive n = count（）").contains("type the half-width ( instead"))
        #expect(parseError("o | where a ∈ 1") == """
            Error: unexpected character "∈"
              o | where a ∈ 1
                          ^
            """)
    }

    @Test func unterminatedStringPointsAtTheQuote() {
        #expect(parseError(#"load t from "a.csv"#) == """
            Error: unterminated string: add the closing "
              load t from "a.csv
                          ^
            """)
    }

    @Test func missingFromAndTrailingTokens() {
        #expect(parseError(#"load t "a.csv""#).hasPrefix("Error: expected from after the table name"))
        #expect(parseError("orders | limit 5 6").hasPrefix("Error: unexpected 6 after the statement\n"))
        #expect(parseError("orders | sort amount dsc").hasPrefix(#"Error: unexpected dsc after the statement. Did you mean "desc"?"#))
    }

    @Test func dateLiteralsAndRanges() throws {
        let tokens = try Lexer.tokenize("2026-06-30 30..180 1234.50")
        #expect(tokens.map(\.kind) == [.date("2026-06-30"), .number("30"), .symbol(".."), .number("180"),
                                       .number("1234.50"), .end])
    }
}

@Suite struct StatementAssemblerTests {
    @Test func trailingPipeAndBackslashContinue() {
        var assembler = StatementAssembler()
        #expect(assembler.feed("orders |") == nil)
        #expect(assembler.isContinuing)
        #expect(assembler.feed("  limit 3") == "orders |\n  limit 3")
        #expect(assembler.feed(#"load t from \"#) == nil)
        #expect(assembler.feed(#"  "a.csv""#) == "load t from \n  \"a.csv\"")
        #expect(!assembler.isContinuing)
    }

    @Test func blankAndCommentLinesAreSkippedButHashInStringsIsKept() {
        var assembler = StatementAssembler()
        #expect(assembler.feed("   ") == nil)
        #expect(assembler.feed("# note") == nil)
        #expect(assembler.feed(#"load t from "a#b.csv" # c"#) == #"load t from "a#b.csv""#)
        #expect(assembler.feed("orders |") == nil)
        assembler.reset()
        #expect(!assembler.isContinuing)
    }
}

@Suite struct StatementSplitTests {
    @Test func leadingPipeTrailingCommaAndOpenBracketsContinue() {
        let script = """
            .asof 2026-06-30
            customers | join spend on customer_id
              | derive tier = case spent >= 100000 => "A",
                                   spent >= 30000 => "B",
                                   _ => "C"
              | group tier agg n = count()

            orders | where category in ["家电",
                                        "数码"] and
              amount > 0
            | limit 1
            """
        let statements = StatementAssembler.split(script, firstLine: 10)
        #expect(statements.map(\.line) == [10, 11, 17])
        #expect(statements[1].text.hasPrefix("customers | join spend on customer_id\n  | derive tier"))
        #expect(statements[1].text.hasSuffix("| group tier agg n = count()"))
        #expect(statements[2].text.hasSuffix("amount > 0\n| limit 1"))
    }

    @Test func aDotCommandIsNeverReopened() {
        let statements = StatementAssembler.split(".tables\n| limit 1")
        #expect(statements.map(\.text) == [".tables", "| limit 1"])
    }
}
