import Foundation
import StrataEngine
import StrataLang

/// What one cell did.
public struct CellRun: Sendable {
    public var cell: Notebook.Cell
    /// Everything the cell's statements printed, in order; for a ```strata error cell also
    /// the error text (its path is the notebook's file name, so it reads the same anywhere).
    public var output: String
    /// Why the cell failed (a statement error, a false assert, an expected error that did not
    /// come); nil when it ran as it should.
    public var failure: String?
    /// False when the cell was not run because an earlier one failed.
    public var ran: Bool
}

/// The result of running a notebook's cells.
public struct NotebookRun: Sendable {
    public var cells: [CellRun]
    public var failed: Bool { cells.contains { $0.failure != nil || !$0.ran } }
}

/// Runs a notebook's cells in order through one ``Session`` (the same path as the REPL):
/// each cell's statements are split like a script's (a line ending in `|` or `\` continues),
/// `${name}` parameters are filled in first, and errors read `path:line:col: error: …` with
/// the line inside the notebook file.
public struct NotebookRunner {
    /// The notebook's path as shown in errors.
    public var path: String
    public var parameters: Parameters
    /// Run the cells after a failed one instead of stopping.
    public var keepGoing: Bool
    /// Called after each statement (`strata run` prints as it goes).
    public var observer: ((_ statement: String, _ outcome: Outcome, _ cell: Notebook.Cell) -> Void)?

    public init(path: String, parameters: Parameters = Parameters(), keepGoing: Bool = false,
                observer: ((String, Outcome, Notebook.Cell) -> Void)? = nil) {
        self.path = path
        self.parameters = parameters
        self.keepGoing = keepGoing
        self.observer = observer
    }

    /// The code of every cell with parameters filled in; fails before anything runs.
    public func prepare(_ notebook: Notebook) throws(NotebookError) -> [String] {
        var codes: [String] = []
        for cell in notebook.cells {
            codes.append(try parameters.substitute(cell.code, path: path, firstLine: cell.firstCodeLine))
        }
        return codes
    }

    /// Runs the cells in `session` (whose working folder should be the notebook's folder).
    /// - Throws: a ``NotebookError`` when a parameter is missing (nothing has run then).
    public func run(_ notebook: Notebook, in session: Session) throws(NotebookError) -> NotebookRun {
        let codes = try prepare(notebook)
        var runs: [CellRun] = []
        var stopped = false
        for (cell, code) in zip(notebook.cells, codes) {
            if stopped {
                runs.append(CellRun(cell: cell, output: "", failure: nil, ran: false))
                continue
            }
            let (run, quit) = runCell(cell, code: code, in: session)
            runs.append(run)
            if quit || (run.failure != nil && !keepGoing) { stopped = true }
        }
        return NotebookRun(cells: runs)
    }

    private func runCell(_ cell: Notebook.Cell, code: String, in session: Session) -> (CellRun, quit: Bool) {
        // An expected error is part of the recorded output: name the file alone so the
        // output does not depend on the folder `strata test` was started from.
        let shownPath = cell.expectsError ? (path as NSString).lastPathComponent : path
        var output = ""
        // With `keepGoing`, a failed statement does not stop its cell either (a script is one cell).
        var failures = ""
        for (statement, line) in StatementAssembler.split(code, firstLine: cell.firstCodeLine) {
            let outcome = session.execute(statement, file: shownPath, line: line)
            observer?(statement, outcome, cell)
            output += NotebookRunner.terminated(outcome.output)
            if !outcome.succeeded {
                if cell.expectsError {
                    output += NotebookRunner.terminated(outcome.error)
                    return (CellRun(cell: cell, output: output, failure: nil, ran: true), outcome.quit)
                }
                failures += NotebookRunner.terminated(outcome.error)
                if keepGoing, !outcome.quit { continue }
                return (CellRun(cell: cell, output: output, failure: failures, ran: true), outcome.quit)
            }
            if outcome.quit { return (CellRun(cell: cell, output: output, failure: failures.isEmpty ? nil : failures, ran: true), true) }
        }
        if !failures.isEmpty { return (CellRun(cell: cell, output: output, failure: failures, ran: true), false) }
        let failure = cell.expectsError
            ? "\(path):\(cell.line): error: cell \(cell.number) is marked ```strata error but ran without an error\n"
            : nil
        return (CellRun(cell: cell, output: output, failure: failure, ran: true), false)
    }

    static func terminated(_ text: String) -> String {
        text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    }
}
