import Foundation
import Testing

/// `strata run` and `strata test` as CI runs them.
@Suite struct NotebookCommandTests {
    static let orders = "order_id,amount\n1,10.50\n2,20.00\n"

    func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("strata-e2e-nb-\(UUID().uuidString)")
        for (name, text) in files {
            let file = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        return url
    }

    @Test func testReportsDiffsAndEndsWithTheCount() throws {
        let good = "Q?\n\n```strata\n.asof 2026-06-30\nload o from \"o.csv\"\n```\n\n```output\no: 2 rows × 2 columns from o.csv (UTF-8)\n```\n"
        let url = try folder(["nbs/o.csv": Self.orders, "nbs/good.md": good,
                              "nbs/bad.md": good.replacingOccurrences(of: "2 rows", with: "3 rows")])
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try StrataBinary.run(["test", "nbs", "--junit", "out/report.xml"], directory: url)
        #expect(result.status == 1)
        #expect(result.stdout.contains("nbs/bad.md:8: cell 1 output differs\n--- recorded\n+++ actual\n@@ -1,1 +1,1 @@\n-o: 3 rows"))
        #expect(result.stdout.hasSuffix("\n1 passed, 1 failed\n"))
        #expect(FileManager.default.fileExists(atPath: url.appendingPathComponent("out/report.xml").path))

        let updated = try StrataBinary.run(["test", "nbs", "--update"], directory: url)
        #expect(updated.status == 0)
        #expect(updated.stdout.hasSuffix("2 passed, 0 failed\n"))
        let text = try String(contentsOf: url.appendingPathComponent("nbs/bad.md"), encoding: .utf8)
        #expect(text == good)

        let unreadable = try StrataBinary.run(["test", "nbs/none.md"], directory: url)
        #expect(unreadable.status == 2)
        #expect(unreadable.stdout.hasSuffix("0 passed, 1 failed\n"))
    }

    @Test func runPrintsStatementsAndOutputsAndWrites() throws {
        let url = try folder(["o.csv": Self.orders,
                              "nb.md": "# Q\n\n```strata\n.asof ${asof:-2026-06-30}\nload o from \"${data}\"\n```\n"])
        defer { try? FileManager.default.removeItem(at: url) }
        let missing = try StrataBinary.run(["run", "nb.md"], directory: url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nb.md:5:14: error: parameter \"data\" is not set"))

        let run = try StrataBinary.run(["run", "nb.md", "--param", "data=o.csv", "--write"], directory: url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "strata> .asof 2026-06-30\nstrata> load o from \"o.csv\"\no: 2 rows × 2 columns from o.csv (UTF-8)\n")
        let text = try String(contentsOf: url.appendingPathComponent("nb.md"), encoding: .utf8)
        #expect(text.hasSuffix("```\n\n```output\no: 2 rows × 2 columns from o.csv (UTF-8)\n```\n"))

        let outside = try StrataBinary.run(["run", "nb.md", "--param", "data=/etc/passwd"], directory: url)
        // A --param path is allowed on purpose; /etc/passwd is simply not a CSV of orders.
        #expect(outside.status == 1)
    }

    @Test func runRefusesFilesOutsideTheAllowedFolders() throws {
        let url = try folder(["nb/steal.strata": "load k from \"../../../../../../../../etc/hostname\"\n"])
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try StrataBinary.run(["run", "nb/steal.strata", "--outputs-only"], directory: url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("is outside the allowed folders (notebook folder, current folder, --allow-path)"))
    }
}
