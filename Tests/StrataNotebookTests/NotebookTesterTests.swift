import Foundation
import Testing
import StrataEngine
@testable import StrataNotebook

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct NotebookTesterTests {
    static let notebook = """
        # Orders

        Which categories sell?

        ```strata
        .asof 2026-06-30
        load orders from "orders.csv"
        ```

        ```output
        orders: 4 rows × 5 columns from orders.csv (UTF-8)
        ```

        ```strata
        orders | count
        assert count(orders) == 4
        ```

        ```strata error
        orders | where amout > 1
        ```

        """

    @Test func updateRecordsThenTheNotebookPasses() throws {
        let folder = try Folder(["orders.csv": Fixture.orders, "nb.md": Self.notebook])
        let tester = NotebookTester(directory: folder.path)
        // Cells without a fence only have to run.
        #expect(tester.test("nb.md").passed)
        let updated = NotebookTester(directory: folder.path, update: true).test("nb.md")
        #expect(updated.passed)
        #expect(updated.updatedCells == 2)
        let text = folder.read("nb.md")
        #expect(text.hasPrefix(Self.notebook.components(separatedBy: "```strata\norders | count")[0]))
        #expect(text.contains("```strata error\norders | where amout > 1\n```\n\n```output\nnb.md:30:16: error: column \"amout\" not found. Did you mean \"amount\"?\n"))
        #expect(text.contains("│       4 │"))
        let report = tester.test("nb.md")
        #expect(report.passed, "\(report.cells)")
        #expect(TestSummary.text([report]).hasSuffix("\n1 passed, 0 failed\n"))
        #expect(TestSummary.exitCode([report]) == 0)
        // Updating again changes nothing.
        _ = NotebookTester(directory: folder.path, update: true).test("nb.md")
        #expect(folder.read("nb.md") == text)
    }

    @Test func aDifferingOutputFailsWithFileLineAndDiff() throws {
        let changed = Self.notebook.replacingOccurrences(of: "orders: 4 rows", with: "orders: 5 rows")
        let folder = try Folder(["orders.csv": Fixture.orders, "nb.md": changed])
        let report = NotebookTester(directory: folder.path).test("nb.md")
        #expect(!report.passed)
        #expect(report.cells[0].status == .failed)
        #expect(report.cells[0].message == """
            nb.md:10: cell 1 output differs
            --- recorded
            +++ actual
            @@ -1,1 +1,1 @@
            -orders: 5 rows × 5 columns from orders.csv (UTF-8)
            +orders: 4 rows × 5 columns from orders.csv (UTF-8)

            """)
        #expect(report.cells[1].status == .passed)
        #expect(TestSummary.exitCode([report]) == 1)
        #expect(TestSummary.text([report]).hasSuffix("\n0 passed, 1 failed\n"))
        // Trailing whitespace and trailing blank lines do not count.
        let padded = Self.notebook.replacingOccurrences(of: "(UTF-8)\n```", with: "(UTF-8)   \n\n\n```")
        try folder.write("nb.md", padded)
        #expect(NotebookTester(directory: folder.path).test("nb.md").passed)
    }

    @Test func errorsFailTheCellAndSkipTheRest() throws {
        let folder = try Folder([
            "orders.csv": Fixture.orders,
            "nb.md": "```strata\nload orders from \"orders.csv\"\nassert count(orders) > 10\n```\n\n```strata\norders | count\n```\n\n```strata error\norders | count\n```\n",
        ])
        let report = NotebookTester(directory: folder.path).test("nb.md")
        #expect(report.cells.map(\.status) == [.failed, .skipped, .skipped])
        #expect(report.cells[0].message.hasPrefix("nb.md:3:8: error: assert failed: count(orders) = 4, expected > 10"))
        // An error cell that does not fail is a failure; --update does not write after a failure.
        try folder.write("nb.md", "```strata error\n.asof 2026-06-30\n```\n")
        let quiet = NotebookTester(directory: folder.path, update: true).test("nb.md")
        #expect(quiet.cells[0].message.contains("is marked ```strata error but ran without an error"))
        #expect(folder.read("nb.md") == "```strata error\n.asof 2026-06-30\n```\n")
    }

    @Test func exitCodes() throws {
        let folder = try Folder(["good.md": "```strata\n.asof 2026-06-30\n```\n", "bad.md": "```strata\n.asof\n"])
        let good = NotebookTester(directory: folder.path).test("good.md")
        let bad = NotebookTester(directory: folder.path).test("bad.md")
        let missing = NotebookTester(directory: folder.path).test("none.md")
        #expect(TestSummary.exitCode([good]) == 0)
        #expect(TestSummary.exitCode([good, bad]) == 2)
        #expect(missing.error?.description == "none.md: error: cannot read: no such file")
        #expect(TestSummary.exitCode([good], missing: ["x"]) == 2)
        #expect(TestSummary.text([good, bad]).hasSuffix("1 passed, 1 failed\n"))
    }

    @Test func foldersAreSearchedForNotebooksAndScripts() throws {
        let folder = try Folder([
            "nbs/b.md": "```strata\n.asof 2026-06-30\n```\n", "nbs/a/x.strata": ".asof 2026-06-30\n",
            "nbs/README.md": "# no cells\n", "nbs/.hidden/h.md": "```strata\n```\n", "nbs/data.csv": "a\n1\n",
        ])
        let found = NotebookFiles.discover(["nbs", "nope"], in: folder.path)
        #expect(found.files == ["nbs/a/x.strata", "nbs/b.md"])
        #expect(found.missing == ["nope"])
    }

    @Test func junitIsWellFormedAndEscaped() throws {
        let reports = [
            NotebookReport(path: "a&b.md", cells: [
                CellReport(number: 1, line: 3, status: .passed, message: ""),
                CellReport(number: 2, line: 9, status: .failed, message: "a.md:9: cell 2 output differs\n-<x> \"q\" 'y' \u{1B}[0m\n"),
                CellReport(number: 3, line: 12, status: .skipped, message: "not run"),
            ], error: nil),
            NotebookReport(path: "broken.md", cells: [], error: NotebookError(path: "broken.md", line: 1, message: "never closed <")),
        ]
        let xml = JUnitReport.xml(reports)
        let delegate = JUnitCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = delegate
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")\n\(xml)")
        #expect(delegate.elements.filter { $0 == "testsuite" }.count == 2)
        #expect(delegate.elements.filter { $0 == "testcase" }.count == 4)
        #expect(delegate.elements.contains("failure") && delegate.elements.contains("skipped") && delegate.elements.contains("error"))
        #expect(delegate.text.contains("-<x> \"q\" 'y' \u{FFFD}[0m"))
        #expect(delegate.attributes.contains("a&b.md"))
    }
}

/// Collects element names, attribute values and text while parsing.
final class JUnitCollector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var attributes: [String] = []
    var text = ""

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String]) {
        elements.append(elementName)
        self.attributes += attributes.values
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }
}
