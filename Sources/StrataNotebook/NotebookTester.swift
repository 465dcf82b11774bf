import Foundation
import StrataCore
import StrataEngine

/// How one cell fared in `strata test`.
public struct CellReport: Sendable, Equatable {
    public enum Status: Sendable, Equatable { case passed, failed, skipped }
    public var number: Int
    /// 1-based line of the cell's opening fence.
    public var line: Int
    public var status: Status
    /// The failure text (an error, or the `cell N output differs` line and the diff).
    public var message: String
}

/// How one notebook fared in `strata test`.
public struct NotebookReport: Sendable, Equatable {
    public var path: String
    public var cells: [CellReport]
    /// Set when the notebook could not be read, parsed or prepared (exit code 2).
    public var error: NotebookError?
    /// Cells whose recorded output was rewritten by `--update`.
    public var updatedCells: Int = 0
    /// True when `--update` added output fences (so later cells moved down).
    var insertedFences = false

    public var passed: Bool { error == nil && cells.allSatisfy { $0.status == .passed } }
}

/// `strata test`: replays each notebook in a fresh session and compares outputs.
public struct NotebookTester {
    /// Re-record outputs instead of comparing them.
    public var update = false
    public var parameters = Parameters()
    /// Extra folders the notebooks may use (`--allow-path`).
    public var allowedPaths: [String] = []
    /// The current folder: relative paths start here, and it is allowed.
    public var directory: String
    /// Prepares each notebook's fresh session, given its temporary folder (the command line
    /// puts a fresh segment workspace there).
    public var prepareSession: ((Session, _ scratchFolder: String) -> Void)?

    public init(directory: String, update: Bool = false, parameters: Parameters = Parameters(), allowedPaths: [String] = []) {
        self.directory = directory
        self.update = update
        self.parameters = parameters
        self.allowedPaths = allowedPaths
    }

    /// Tests one notebook or script. The session starts empty with its working folder set to
    /// the notebook's folder, confined (see ``NotebookFiles/policy(for:in:allowing:parameters:)``),
    /// with a fresh temporary folder as `${workspace}` for anything a notebook writes.
    public func test(_ path: String) -> NotebookReport {
        let report = testOnce(path)
        // Inserting output fences moves the cells below them, and an expected error records
        // its line: record once more so those lines match where the cells now are.
        guard update, report.updatedCells > 0, report.insertedFences else { return report }
        var again = testOnce(path)
        again.updatedCells = max(again.updatedCells, report.updatedCells)
        return again
    }

    private func testOnce(_ path: String) -> NotebookReport {
        let notebook: Notebook
        do { notebook = try NotebookFiles.load(path, in: directory) } catch {
            return NotebookReport(path: path, cells: [], error: error)
        }
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("strata-test-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: workspace) }

        var values = parameters.values
        values["workspace"] = values["workspace"] ?? workspace
        let session = NotebookSession.make(for: path, in: directory, allowing: allowedPaths + [workspace],
                                           parameters: parameters)
        prepareSession?(session, workspace)
        let runner = NotebookRunner(path: path, parameters: Parameters(values))
        let run: NotebookRun
        do { run = try runner.run(notebook, in: session) } catch {
            return NotebookReport(path: path, cells: [], error: error)
        }
        var report = NotebookReport(path: path, cells: [], error: nil)
        var fresh: [Int: String] = [:]
        for cellRun in run.cells {
            report.cells.append(check(cellRun, path: path, fresh: &fresh))
        }
        if update, !fresh.isEmpty, notebook.isMarkdown, !run.failed {
            do {
                try NotebookFiles.write(notebook.text(replacingOutputs: fresh), to: path, in: directory)
                report.updatedCells = fresh.count
                report.insertedFences = notebook.cells.contains { fresh[$0.number] != nil && $0.output == nil }
            } catch {
                report.error = error
            }
        }
        return report
    }

    /// Compares a cell with its recorded output; collects the output to record when it
    /// differs (or there is no fence yet and it printed something).
    private func check(_ run: CellRun, path: String, fresh: inout [Int: String]) -> CellReport {
        let cell = run.cell
        var report = CellReport(number: cell.number, line: cell.line, status: .passed, message: "")
        guard run.ran else {
            report.status = .skipped
            report.message = "not run: an earlier cell failed"
            return report
        }
        if let failure = run.failure {
            report.status = .failed
            report.message = failure
            return report
        }
        let actual = NotebookTester.comparable(run.output)
        guard let recorded = cell.output else {
            if !actual.isEmpty { fresh[cell.number] = run.output }
            return report
        }
        let expected = NotebookTester.comparable(recorded.text)
        guard expected != actual else { return report }
        fresh[cell.number] = run.output
        if !update {
            report.status = .failed
            report.message = "\(path):\(recorded.line): cell \(cell.number) output differs\n"
                + UnifiedDiff.diff(expected, actual)
        }
        return report
    }

    /// Lines as compared: trailing whitespace of each line and trailing blank lines ignored.
    public static func comparable(_ text: String) -> [String] {
        Notebook.outputLines(text)
    }
}

