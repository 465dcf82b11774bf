import Foundation
import Testing
@testable import StrataEngine
@testable import StrataNotebook

@Suite struct TranscriptTests {
    @Test func saveNotebookWritesAReplayableNotebook() throws {
        let folder = try Folder(["data/orders.csv": Fixture.orders])
        let session = Session(workingDirectory: folder.path)
        _ = session.execute(".asof 2026-06-30")
        _ = session.execute(#"load orders from "data/orders.csv""#)
        _ = session.execute("orders | where amout > 1")        // an error: left out
        _ = session.execute(".timer on")                        // left out
        _ = session.execute("orders | group category agg n = count() | sort category")
        _ = session.execute("assert count(orders) == 4")
        let saved = session.execute(".save notebook notebooks/explore.md")
        #expect(saved.output.hasPrefix("saved 4 cells to notebooks/explore.md\n"), "\(saved.error)")
        let text = folder.read("notebooks/explore.md")
        #expect(text.contains("```strata\nload orders from \"../data/orders.csv\"\n```\n\n```output\norders: 4 rows × 5 columns from ../data/orders.csv (UTF-8)\n```\n"))
        #expect(!text.contains("amout") && !text.contains("Run Time") && !text.contains(".timer"))
        // The moved path is moved in the recorded load message too, so it replays as saved.
        let replayed = NotebookTester(directory: folder.path).test("notebooks/explore.md")
        #expect(replayed.passed, "\(replayed)")
    }

    @Test func aColouredSessionSavesANotebookWithoutColour() throws {
        let folder = try Folder(["data/orders.csv": Fixture.orders])
        let session = Session(workingDirectory: folder.path)
        session.settings.render.color = true
        _ = session.execute(".asof 2026-06-30")
        _ = session.execute(#"load orders from "data/orders.csv""#)
        let shown = session.execute("orders | group category agg n = count() | sort category")
        #expect(shown.output.contains("\u{1B}["), "the REPL shows colour: \(shown.output)")
        _ = session.execute(".save notebook nb/coloured.md")
        let text = folder.read("nb/coloured.md")
        #expect(!text.contains("\u{1B}"), "\(text)")
        #expect(text.contains("category"))
        let replayed = NotebookTester(directory: folder.path).test("nb/coloured.md")
        #expect(replayed.passed, "\(replayed)")
    }

    @Test func withoutColorDropsEscapesOnly() {
        #expect(Session.withoutColor("\u{1B}[1m品类\u{1B}[0m │ \u{1B}[2mstring\u{1B}[0m") == "品类 │ string")
        #expect(Session.withoutColor("plain [1m text") == "plain [1m text")
    }

    @Test func readRunsANotebookIntoTheSession() throws {
        let folder = try Folder([
            "nb/orders.csv": Fixture.orders,
            "nb/setup.md": "Prose.\n\n```strata\nload orders from \"${dir:-.}/orders.csv\"\n```\n\n```output\nrecorded\n```\n",
        ])
        let session = Session(workingDirectory: folder.path)
        NotebookSession.installReader(in: session)
        let outcome = session.execute(".read nb/setup.md")
        #expect(outcome.succeeded, "\(outcome.error)")
        #expect(outcome.output == "orders: 4 rows × 5 columns from ./orders.csv (UTF-8)\n")
        #expect(session.catalog["orders"]?.rowCount == 4)
        #expect(session.workingDirectory == folder.path)
        // Without the reader (an engine-only session) a notebook is refused plainly.
        #expect(!Session(workingDirectory: folder.path).execute(".read nb/setup.md").succeeded)
    }
}
