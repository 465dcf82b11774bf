import Testing
@testable import StrataNotebook

@Suite struct NotebookParserTests {
    static let sample = """
        # Title

        Some prose with `code`.

        ```strata
        load t from "t.csv"
        t | limit 1
        ```

        ```output
        old output
        ```

        ````markdown
        ```strata
        not a cell
        ```
        ````

        ```output
        not an output: no cell right before
        ```

        ```strata error
        t | where nope
        ```
        trailing prose
        """

    @Test func cellsOutputsAndProseAreFound() throws {
        let notebook = try Notebook.parse(Self.sample, path: "nb.md")
        #expect(notebook.cells.count == 2)
        let first = notebook.cells[0]
        #expect(first.code == "load t from \"t.csv\"\nt | limit 1")
        #expect(first.firstCodeLine == 6)
        #expect(first.line == 5)
        #expect(first.output?.text == "old output")
        #expect(first.output?.line == 10)
        #expect(notebook.cells[1].expectsError)
        #expect(notebook.cells[1].output == nil)
        #expect(notebook.text == Self.sample)
    }

    @Test func rewritingChangesOnlyOutputFences() throws {
        let notebook = try Notebook.parse(Self.sample, path: "nb.md")
        let rewritten = notebook.text(replacingOutputs: [1: "new\noutput  \n\n", 2: "Error: x\n"])
        let expected = Self.sample
            .replacingOccurrences(of: "```output\nold output\n```", with: "```output\nnew\noutput\n```")
            .replacingOccurrences(of: "t | where nope\n```\n", with: "t | where nope\n```\n\n```output\nError: x\n```\n")
        #expect(rewritten == expected)
        // Unchanged outputs leave the text byte for byte.
        #expect(notebook.text(replacingOutputs: [:]) == Self.sample)
        let again = try Notebook.parse(rewritten, path: "nb.md")
        #expect(again.cells[1].output?.text == "Error: x")
    }

    @Test func crlfFilesStayCRLF() throws {
        let text = "Prose\r\n\r\n```strata\r\n.asof\r\n```\r\n\r\n```output\r\nold\r\n```\r\nend\r\n"
        let notebook = try Notebook.parse(text, path: "nb.md")
        #expect(notebook.cells.first?.code == ".asof")
        #expect(notebook.cells.first?.output?.text == "old")
        #expect(notebook.text == text)
        let rewritten = notebook.text(replacingOutputs: [1: "a\nb\n"])
        #expect(rewritten == "Prose\r\n\r\n```strata\r\n.asof\r\n```\r\n\r\n```output\r\na\r\nb\r\n```\r\nend\r\n")
        let inserted = try Notebook.parse("```strata\r\nx\r\n```", path: "nb.md").text(replacingOutputs: [1: "out"])
        #expect(inserted == "```strata\r\nx\r\n```\r\n\r\n```output\r\nout\r\n```")
    }

    @Test func anOutputHoldingBackticksGetsALongerFence() throws {
        let notebook = try Notebook.parse("```strata\nx\n```\n", path: "nb.md")
        let rewritten = notebook.text(replacingOutputs: [1: "a ``` b"])
        #expect(rewritten == "```strata\nx\n```\n\n````output\na ``` b\n````\n")
        #expect(try Notebook.parse(rewritten, path: "nb.md").cells[0].output?.text == "a ``` b")
    }

    @Test func problemsAreReportedWithTheirLine() {
        #expect(throws: NotebookError(path: "nb.md", line: 3, column: 1, message: "this ```strata cell is never closed")) {
            try Notebook.parse("a\n\n```strata\nx\n", path: "nb.md")
        }
        do {
            _ = try Notebook.parse("```strata skip\nx\n```\n", path: "nb.md")
            Issue.record("an unknown option must be refused")
        } catch {
            #expect(error.description.hasPrefix("nb.md:1:1: error: unknown cell option \"skip\""))
        }
    }

    @Test func aScriptIsOneCell() {
        let script = Notebook.script("load t from \"t.csv\"\n\nt | limit 1\n")
        #expect(script.cells.count == 1)
        #expect(script.cells[0].firstCodeLine == 1)
        #expect(!script.isMarkdown)
    }
}
