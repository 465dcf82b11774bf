import Foundation
import Testing

/// The REPL's piped-input path (no TTY): line endings, odd bytes, end of input, `.quit`.
/// Runs the built binary found by ``StrataBinary``.
@Suite struct REPLPipeTests {
    /// Runs `strata` with raw bytes on standard input (``StrataBinary/run`` takes text).
    private func run(bytes: [UInt8]) throws -> StrataBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: StrataBinary.path)
        process.currentDirectoryURL = StrataBinary.packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["STRATA_HISTORY"] = FileManager.default.temporaryDirectory
            .appendingPathComponent("strata-repl-pipe-history").path
        process.environment = environment
        let input = FileManager.default.temporaryDirectory
            .appendingPathComponent("strata-repl-pipe-\(UUID().uuidString).txt")
        try Data(bytes).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("strata-repl-out-\(UUID().uuidString)")
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("strata-repl-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: errors)
        }
        // Files, not pipes: nothing can block however much the binary prints.
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        return StrataBinary.Result(
            stdout: String(decoding: try Data(contentsOf: output), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errors), as: UTF8.self),
            status: process.terminationStatus)
    }

    private func run(_ text: String) throws -> StrataBinary.Result {
        try run(bytes: Array(text.utf8))
    }

    private let load = #"load orders from "datasets/demo/orders.csv""#

    @Test func emptyInputPrintsNothingAndSucceeds() throws {
        let result = try run("")
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty, "no banner, no prompt when piped")
        #expect(result.stderr.isEmpty)
    }

    @Test func lastLineWithoutNewlineStillRuns() throws {
        let result = try run(load + "\norders | limit 2")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("2 rows"))
    }

    @Test func unfinishedStatementAtEndOfInputRuns() throws {
        let result = try run(load + "\norders |\n  limit 2 \\\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("2 rows"))
    }

    @Test func windowsLineEndingsAndByteOrderMark() throws {
        let result = try run(bytes: [0xEF, 0xBB, 0xBF] + Array((load + "\r\norders | limit 2\r\n").utf8))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("2 rows"))
    }

    @Test func invalidUTF8IsAnErrorNotACrash() throws {
        let result = try run(bytes: Array("orders".utf8) + [0xFF, 0xFE, 0x0A] + Array(".quit\n".utf8))
        #expect(result.status == 1)
        #expect(!result.stderr.isEmpty)
    }

    @Test func quitStopsReading() throws {
        let result = try run(load + "\n.quit\n" + #"load second from "datasets/demo/orders.csv""# + "\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("orders:"))
        #expect(!result.stdout.contains("second"), "nothing after .quit runs: \(result.stdout)")
    }

    @Test func aLineStartingWithABarCarriesOnTheStatementAsInScripts() throws {
        let text = load + "\norders\n  | where amount > 1000\n\n# the count\n  | group agg n = count()\n.timer off\n"
        let result = try run(text)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        // One result, the count, as the statement on one line gives it: not the orders table first.
        let oneLine = try run(load + "\norders | where amount > 1000 | group agg n = count()\n")
        #expect(result.stdout == oneLine.stdout)
        #expect(result.stdout.contains("1 row") && !result.stdout.contains("order_id"), "\(result.stdout)")
    }

    @Test func errorsNameTheLineOfStandardInput() throws {
        let result = try run(load + "\n\n# a typo below\norders\n  | where amout > 1\n")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<stdin>:5:11: error: column \"amout\" not found."), "\(result.stderr)")
    }

    @Test func aBarLineAfterADotCommandIsStillAnError() throws {
        let result = try run(load + "\n.timer off\n  | limit 1\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("<stdin>:3:3: error: expected a table name"), "\(result.stderr)")
    }

    @Test func blankAndCommentLinesAreSkipped() throws {
        let result = try run("\n   \n# just a comment\n")
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
    }
}
