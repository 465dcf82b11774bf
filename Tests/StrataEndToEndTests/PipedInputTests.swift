import Foundation
import Testing

/// Statements piped into the real `strata` binary: no prompts, results on stdout,
/// errors on stderr, exit code 1 when a statement failed.
@Suite struct PipedInputTests {
    @Test func loadAndLimitPrintsATableWithoutPromptNoise() throws {
        let result = try StrataBinary.run([], input: """
            load orders from "datasets/demo/orders.csv"
            orders | limit 3
            """)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(!result.stdout.contains("strata>"))
        #expect(result.stdout.hasPrefix("orders: "))
        #expect(result.stdout.contains("┌"))
        #expect(result.stdout.contains("order_id"))
        #expect(result.stdout.contains("3 rows"))
    }

    @Test func aFailedStatementSetsExitCodeOneAndTheSessionGoesOn() throws {
        let result = try StrataBinary.run([], input: """
            load orders from "datasets/demo/orders.csv"
            ordrs | limit 1
            .tables
            """)
        #expect(result.status == 1)
        // Piped, an error names the line it is on.
        #expect(result.stderr.contains(#"<stdin>:2:1: error: table "ordrs" not found. Did you mean "orders"?"#))
        #expect(result.stderr.contains("  ^^^^^"))
        #expect(result.stdout.contains("orders  "))
    }

    @Test func continuationLinesJoinIntoOneStatement() throws {
        let result = try StrataBinary.run([], input: "load orders from \"datasets/demo/orders.csv\"\norders |\n  limit 2\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("2 rows"))
    }

    @Test func aMissingFileNamesThePathAndKeepsTheOldTable() throws {
        let result = try StrataBinary.run([], input: """
            load orders from "datasets/demo/orders.csv"
            load orders from "no/such/file.csv"
            .tables
            """)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no/such/file.csv"))
        #expect(result.stdout.contains("orders"))
        #expect(result.stdout.components(separatedBy: "\n").contains { $0.hasPrefix("orders") && $0.contains("5 columns") })
    }

    @Test func versionAndHelp() throws {
        let version = try StrataBinary.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.split(separator: ".").count == 3)
        let help = try StrataBinary.run(["--help"])
        #expect(help.stdout.contains("run"))
        #expect(help.stdout.contains("gen"))
    }

    @Test func runAScriptReportsFileLineAndColumn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strata-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("bad.strata")
        try "# a comment\nload t from \"missing.csv\" (encodin gbk)\n".write(to: script, atomically: true, encoding: .utf8)
        let result = try StrataBinary.run(["run", script.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.strata:2:28: error: unknown load option \"encodin\". Did you mean \"encoding\"?"))
    }

    @Test func keepGoingRunsTheRestOfAScriptAfterAFailedStatement() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strata-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(contentsOf: StrataBinary.packageRoot.appendingPathComponent("datasets/demo/orders.csv"))
            .write(to: folder.appendingPathComponent("orders.csv"))
        let script = folder.appendingPathComponent("steps.strata")
        try "load orders from \"orders.csv\"\norders | where amout > 1\norders | group agg total = count()\n"
            .write(to: script, atomically: true, encoding: .utf8)
        let stopped = try StrataBinary.run(["run", script.path])
        #expect(stopped.status == 1)
        #expect(!stopped.stdout.contains("total"), "\(stopped.stdout)")
        let going = try StrataBinary.run(["run", script.path, "--keep-going"])
        #expect(going.status == 1, "a failed statement still fails the run")
        #expect(going.stderr.contains("steps.strata:2:16: error: column \"amout\" not found"), "\(going.stderr)")
        #expect(going.stdout.contains("total") && going.stdout.contains("21,000"), "\(going.stdout)")
    }
}
