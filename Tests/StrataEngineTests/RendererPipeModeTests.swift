import Foundation
import StrataCore
import Testing
@testable import StrataEngine

@Suite("Renderer: csv, json, markdown")
struct RendererPipeModeTests {
    @Test func csvQuotesOnlyWhatNeedsQuotingAndKeepsRawValues() {
        let expected = """
        customer_id,name,tier,amount,orders,score,signup,vip
        1001,王芳,重要价值客户,1234567.50,12345,0.3333333333333333,2026-06-30,true
        1002,"Li ""Lee"", Jr.",一般客户,-0.05,7,1234567.125,2026-06-29,
        1003,,"VIP客户 A|B
        x",,0,2.5e-07,1970-01-01,true

        """
        #expect(Renderer.render(RenderFixture.mixed, options: RenderFixture.options(.csv)) == expected)
    }

    @Test func csvTellsEmptyStringFromNullAndQuotesHeaders() {
        let table = Table([("名字, 全称", RenderFixture.strings(["", nil, "a\r\nb"]))])
        #expect(Renderer.render(table, options: RenderFixture.options(.csv)) == "\"名字, 全称\"\n\"\"\n\n\"a\r\nb\"\n")
    }

    @Test func csvAndJsonIgnoreMaxRows() {
        let table = RenderFixture.cities(rows: 100)
        let csv = Renderer.render(table, options: RenderFixture.options(.csv, maxRows: 4))
        #expect(csv.split(separator: "\n").count == 101)
        let json = Renderer.render(table, options: RenderFixture.options(.json, maxRows: 4))
        #expect(json.split(separator: "\n").count == 102)
        let markdown = Renderer.render(table, options: RenderFixture.options(.markdown, maxRows: 4))
        #expect(markdown.split(separator: "\n").count == 102)
    }

    @Test func jsonIsOneObjectPerLineInColumnOrder() {
        let expected = """
        [
        {"customer_id":1001,"name":"王芳","tier":"重要价值客户","amount":1234567.50,"orders":12345,"score":0.3333333333333333,"signup":"2026-06-30","vip":true},
        {"customer_id":1002,"name":"Li \\"Lee\\", Jr.","tier":"一般客户","amount":-0.05,"orders":7,"score":1234567.125,"signup":"2026-06-29","vip":null},
        {"customer_id":1003,"name":null,"tier":"VIP客户 A|B\\nx","amount":null,"orders":0,"score":2.5e-07,"signup":"1970-01-01","vip":true}
        ]

        """
        #expect(Renderer.render(RenderFixture.mixed, options: RenderFixture.options(.json)) == expected)
    }

    @Test func jsonParsesBackWithExactValues() throws {
        let text = Renderer.render(RenderFixture.mixed, options: RenderFixture.options(.json))
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        let rows = try #require(parsed)
        #expect(rows.count == 3)
        #expect(rows[0]["name"] as? String == "王芳")
        #expect(rows[0]["customer_id"] as? Int == 1001)
        #expect((rows[0]["amount"] as? NSNumber)?.decimalValue == Decimal(string: "1234567.5"))
        #expect(rows[1]["name"] as? String == "Li \"Lee\", Jr.")
        #expect(rows[1]["vip"] is NSNull)
        #expect(rows[2]["tier"] as? String == "VIP客户 A|B\nx")
        #expect(rows[2]["signup"] as? String == "1970-01-01")
    }

    @Test func jsonEscapesControlCharactersAndNonFiniteDoubles() throws {
        let table = Table([
            ("k\"ey", RenderFixture.strings(["\u{01}tab\there\\ \u{7F}", "😀 é"])),
            ("x", Column(type: .double, data: .double([.nan, -.infinity]))),
        ])
        let text = Renderer.render(table, options: RenderFixture.options(.json))
        #expect(text == "[\n{\"k\\\"ey\":\"\\u0001tab\\there\\\\ \\u007F\",\"x\":null},\n{\"k\\\"ey\":\"😀 é\",\"x\":null}\n]\n")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(rows[0]["k\"ey"] as? String == "\u{01}tab\there\\ \u{7F}")
        #expect(rows[1]["k\"ey"] as? String == "😀 é")
        #expect(Renderer.render(RenderFixture.mixed.prefix(0), options: RenderFixture.options(.json)) == "[]\n")
    }

    @Test func markdownAlignsNumbersRightAndPadsByDisplayWidth() {
        let expected = """
        | customer_id | name          | tier            |       amount | orders |         score | signup     | vip  |
        |------------:|---------------|-----------------|-------------:|-------:|--------------:|------------|------|
        |        1001 | 王芳          | 重要价值客户    | 1,234,567.50 | 12,345 |      0.333333 | 2026-06-30 | true |
        |        1002 | Li "Lee", Jr. | 一般客户        |        -0.05 |      7 | 1,234,567.125 | 2026-06-29 | NULL |
        |        1003 | NULL          | VIP客户 A\\|B\\nx |         NULL |      0 |       2.5e-07 | 1970-01-01 | true |

        """
        let text = Renderer.render(RenderFixture.mixed, options: RenderFixture.options(.markdown))
        #expect(text == expected)
        let widths = Set(text.split(separator: "\n").map { DisplayWidth.of(String($0)) })
        #expect(widths.count == 1)
    }

    @Test func streamedPiecesEndOnLinesAndEqualTheWholeText() {
        let table = RenderFixture.cities(rows: 120_000)
        for mode in [OutputMode.csv, .json] {
            var pieces: [String] = []
            Renderer.write(table, options: RenderFixture.options(mode)) { pieces.append($0) }
            #expect(pieces.count > 1)
            #expect(pieces.allSatisfy { $0.hasSuffix("\n") })
            #expect(pieces.joined() == Renderer.render(table, options: RenderFixture.options(mode)))
        }
    }
}
