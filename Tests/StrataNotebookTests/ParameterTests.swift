import Testing
@testable import StrataNotebook

@Suite struct ParameterTests {
    @Test func givenDefaultAndMissing() throws {
        let parameters = Parameters(["data": "/srv/drop"])
        #expect(try parameters.substitute(#"load t from "${data}/t.csv""#, path: "nb.md", firstLine: 4) == #"load t from "/srv/drop/t.csv""#)
        #expect(try parameters.substitute(".asof ${asof:-2026-06-30}", path: "nb.md", firstLine: 4) == ".asof 2026-06-30")
        #expect(try Parameters(["asof": "2026-07-31"]).substitute(".asof ${asof:-2026-06-30}", path: "nb.md", firstLine: 1) == ".asof 2026-07-31")
        #expect(try parameters.substitute("no parameters $ here {}", path: "nb.md", firstLine: 1) == "no parameters $ here {}")
        #expect(throws: NotebookError(path: "nb.md", line: 5, column: 7,
                                      message: "parameter \"asof\" is not set: pass --param asof=VALUE or write ${asof:-default}")) {
            try parameters.substitute("x\n.asof ${asof}", path: "nb.md", firstLine: 4)
        }
        #expect(throws: NotebookError.self) { try parameters.substitute("${data", path: "nb.md", firstLine: 1) }
        #expect(throws: NotebookError.self) { try parameters.substitute("${a b}", path: "nb.md", firstLine: 1) }
    }

    @Test func commandLineParameters() throws {
        #expect(try Parameters.parse(["a=1", "b=x=y", "c="]).get() == Parameters(["a": "1", "b": "x=y", "c": ""]))
        #expect(throws: NotebookError.self) { try Parameters.parse(["novalue"]).get() }
        #expect(throws: NotebookError.self) { try Parameters.parse(["=1"]).get() }
    }

    @Test func aMissingParameterStopsTheNotebookBeforeAnythingRuns() throws {
        let folder = try Folder(["nb.md": "```strata\n.asof 2026-06-30\n```\n\n```strata\nload t from \"${data}/t.csv\"\n```\n"])
        let report = NotebookTester(directory: folder.path).test("nb.md")
        #expect(report.error?.description == "nb.md:6:14: error: parameter \"data\" is not set: pass --param data=VALUE or write ${data:-default}")
        #expect(TestSummary.exitCode([report]) == 2)
    }
}
