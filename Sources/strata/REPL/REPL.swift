import Foundation
import StrataEngine
import StrataLang
import StrataCore

/// The read–execute–print loop over one ``Session``.
///
/// Interactive (a terminal): banner, `strata> ` and `   ...> ` prompts, libedit editing,
/// history, tab completion; Ctrl-C drops the line or cancels the running statement, Ctrl-D on
/// an empty line exits; the exit code is 0. Piped: no banner, no prompts; statements join
/// lines as scripts do (a line starting with `|` carries on the statement before it, so each
/// statement runs once the next non-blank line is read); an unfinished statement at the end
/// of input still runs; the exit code is 1 if any statement failed.
struct REPL {
    /// Prompt for the first line of a statement.
    static let prompt = "strata> "
    /// Prompt for continuation lines; as wide as ``prompt`` so the text lines up.
    static let continuationPrompt = "   ...> "

    private let session: Session
    private let interactive: Bool
    private let color: Bool
    private var reader: any LineReader

    /// A REPL reading the terminal with libedit when `interactive`, else plain stdin lines.
    init(session: Session, interactive: Bool, color: Bool) {
        let reader: any LineReader
        if interactive {
            InterruptHandler.install()
            reader = LibEditLineReader(historyPath: HistoryFile.path()) { line, cursor in
                REPL.complete(line: line, cursor: cursor, session: session)
            }
        } else {
            reader = PlainLineReader()
        }
        self.init(session: session, interactive: interactive, color: color, reader: reader)
    }

    /// A REPL over any reader (tests pass a scripted one).
    init(session: Session, interactive: Bool, color: Bool, reader: any LineReader) {
        self.session = session
        self.interactive = interactive
        self.color = color
        self.reader = reader
    }

    /// Runs until `.quit` or the end of input; returns the process exit code.
    mutating func run() -> Int32 {
        if interactive {
            ConsoleOutput.standardOutput("Strata \(StrataVersion.current) — .help for commands, .quit to exit\n")
        }
        var assembler = StatementAssembler()
        var pendingLines: [String] = []
        var anyFailed = false
        // Piped: a finished statement waits for the next non-blank line, which may carry it on.
        var held: String?
        // Piped: errors name the line a statement starts on (`<stdin>:8:28: error: …`).
        var lineNumber = 0
        var statementLine = 1
        var heldLine = 1

        reading: while true {
            reader.setPendingStatement(pendingLines.joined(separator: "\n"))
            switch reader.readLine(prompt: currentPrompt(continuing: assembler.isContinuing)) {
            case .interrupted:
                // Ctrl-C at a prompt: forget the line and any half-entered statement.
                assembler.reset()
                pendingLines.removeAll()
                ConsoleOutput.standardOutput("^C\n")
            case .endOfInput:
                if interactive {
                    ConsoleOutput.standardOutput("\n")
                    break reading
                }
                if let statement = held {
                    let outcome = execute(statement, line: heldLine)
                    anyFailed = anyFailed || !outcome.succeeded
                    if outcome.quit { break reading }
                }
                if let statement = assembler.flush() {
                    let outcome = execute(statement, line: statementLine)
                    anyFailed = anyFailed || !outcome.succeeded
                }
                break reading
            case .line(let line):
                lineNumber += 1
                if let statement = held, !assembler.isContinuing {
                    if StatementAssembler.carriesOn(line) {
                        assembler.reopen(statement)
                        statementLine = heldLine
                        held = nil
                    } else if StatementAssembler.isBlank(line) {
                        continue reading
                    } else {
                        held = nil
                        let outcome = execute(statement, line: heldLine)
                        anyFailed = anyFailed || !outcome.succeeded
                        if outcome.quit { break reading }
                    }
                }
                if !assembler.isContinuing { statementLine = lineNumber }
                guard let statement = assembler.feed(line) else {
                    if assembler.isContinuing { pendingLines.append(line) }
                    continue reading
                }
                pendingLines.removeAll()
                if !interactive, !statement.hasPrefix(".") {
                    held = statement
                    heldLine = statementLine
                    continue reading
                }
                let outcome = execute(statement, line: statementLine)
                anyFailed = anyFailed || !outcome.succeeded
                if outcome.quit { break reading }
            }
        }
        return interactive ? 0 : (anyFailed ? 1 : 0)
    }

    /// Runs one statement and prints what it produced; Ctrl-C meanwhile cancels it. Piped,
    /// an error names standard input and the `line` the statement starts on.
    private mutating func execute(_ statement: String, line: Int) -> Outcome {
        // Into history first, so even a statement that brings the process down is kept.
        reader.addHistory(statement)
        Cancellation.reset()
        InterruptHandler.clear()
        let outcome = interactive ? session.execute(statement)
            : session.execute(statement, file: "<stdin>", line: line, recorded: true)
        // A Ctrl-C that arrived while running has done its job; it must not drop the next line.
        // The terminal echoed `^C` without a newline: end that line before printing more.
        if InterruptHandler.consume() { ConsoleOutput.standardOutput("\n") }
        Cancellation.reset()
        if !outcome.output.isEmpty {
            ConsoleOutput.standardOutput(outcome.output.hasSuffix("\n") ? outcome.output : outcome.output + "\n")
        }
        if !outcome.error.isEmpty {
            ConsoleOutput.standardError(outcome.error.hasSuffix("\n") ? outcome.error : outcome.error + "\n")
        }
        return outcome
    }

    /// The prompt to show, or "" when piped. In color, the prompt is bold; the escape
    /// sequences sit between libedit's ignore markers (\1 … \2) so they take no width.
    private func currentPrompt(continuing: Bool) -> String {
        guard interactive else { return "" }
        let text = continuing ? REPL.continuationPrompt : REPL.prompt
        guard color else { return text }
        let body = text.dropLast()  // the space stays outside the bold part
        return "\u{1}\u{1B}[1m\u{2}\(body)\u{1}\u{1B}[0m\u{2} "
    }

    /// Tab completion against the session's tables, columns, dot-commands and keywords.
    static func complete(line: String, cursor: Int, session: Session) -> Completion {
        Completer.complete(line: line, cursor: cursor, context: session)
    }
}
