import ArgumentParser
import Foundation
import StrataCore
import StrataEngine
import StrataNotebook

/// `strata run NB.md|SCRIPT.strata`: replay a notebook or script through one session,
/// printing each statement (after a `strata> ` prompt, as in the REPL) and its output.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a notebook (*.md) or script (*.strata) and print each statement with its output.",
        discussion: """
            Paths in the file resolve against its folder. Files may be read and written only under \
            the file's folder, the current folder, --allow-path folders and --param values that \
            are paths. Exit code: 0 when every cell ran, 1 when one failed, 2 when the file could \
            not be read or a parameter is missing.
            """)

    @Argument(help: ArgumentHelp("The notebook (*.md) or script (*.strata) to run.", valueName: "FILE"))
    var file: String

    @Option(name: .customLong("param"), help: ArgumentHelp("Fills ${name} in the cells.", valueName: "name=value"))
    var parameters: [String] = []

    @Flag(name: .long, help: "Store the fresh outputs in the notebook (only its output fences change).")
    var write = false

    @Flag(name: .long, help: "Run the remaining cells after a failed one.")
    var keepGoing = false

    @Flag(name: .long, help: "Print only what the statements print, not the statements.")
    var outputsOnly = false

    @Option(name: .customLong("allow-path"), help: ArgumentHelp("Another folder the notebook may read and write.", valueName: "DIR"))
    var allowedPaths: [String] = []

    @OptionGroup var sessionOptions: SessionOptions

    func run() throws {
        let directory = FileManager.default.currentDirectoryPath
        let notebook: Notebook
        let parameters: Parameters
        do {
            parameters = try Parameters.parse(self.parameters).get()
            notebook = try NotebookFiles.load(file, in: directory)
        } catch {
            ConsoleOutput.standardError("\(error)\n")
            throw ExitCode(2)
        }
        if write, !notebook.isMarkdown {
            throw ValidationError("--write needs a Markdown notebook (*.md); \(file) is a script")
        }
        let session = NotebookSession.make(for: file, in: directory, allowing: allowedPaths,
                                           parameters: parameters, settings: try sessionOptions.makeSession(color: false).settings)
        // Scripts re-run on each data drop keep their segments: the same workspace as the REPL.
        sessionOptions.installWorkspace(in: session)
        var lastCell = 0
        let runner = NotebookRunner(path: file, parameters: parameters, keepGoing: keepGoing) { statement, outcome, cell in
            if !outputsOnly {
                var echo = cell.number != lastCell && lastCell != 0 ? "\n" : ""
                for (offset, line) in statement.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    echo += (offset == 0 ? "strata> " : "   ...> ") + line + "\n"
                }
                ConsoleOutput.standardOutput(echo)
            }
            lastCell = cell.number
            Run.print(outcome.output, error: false)
            // An expected error is part of the cell's output.
            Run.print(outcome.error, error: !cell.expectsError)
        }
        let result: NotebookRun
        do { result = try runner.run(notebook, in: session) } catch {
            ConsoleOutput.standardError("\(error)\n")
            throw ExitCode(2)
        }
        for cell in result.cells where cell.cell.expectsError {
            if let failure = cell.failure { ConsoleOutput.standardError(failure) }
        }
        if write {
            if result.failed {
                ConsoleOutput.standardError("\(file): not written, because a cell failed\n")
            } else {
                let outputs = result.changedOutputs
                do {
                    if !outputs.isEmpty {
                        try NotebookFiles.write(notebook.text(replacingOutputs: outputs), to: file, in: directory)
                    }
                } catch {
                    ConsoleOutput.standardError("\(error)\n")
                    throw ExitCode(2)
                }
                ConsoleOutput.standardError("\(file): \(outputs.count) \(outputs.count == 1 ? "output" : "outputs") written\n")
            }
        }
        if result.failed { throw ExitCode(1) }
        // Done: end the process now instead of freeing the session's tables one by one (about
        // 40 ms after a 10M-row notebook). Output is unbuffered and the workspace's
        // transactions are committed, so nothing is lost.
        Foundation.exit(0)
    }

    private static func print(_ text: String, error: Bool) {
        guard !text.isEmpty else { return }
        let line = text.hasSuffix("\n") ? text : text + "\n"
        if error { ConsoleOutput.standardError(line) } else { ConsoleOutput.standardOutput(line) }
    }
}
