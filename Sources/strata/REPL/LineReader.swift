/// What one attempt to read a line produced.
enum LineRead: Equatable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C while typing: the half-typed line is gone; show a fresh prompt.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// A source of input lines for the REPL: libedit on a terminal, plain stdin otherwise.
protocol LineReader {
    /// Reads one line, showing `prompt` when the reader is interactive.
    mutating func readLine(prompt: String) -> LineRead
    /// Records a finished statement (a no-op for readers without history).
    mutating func addHistory(_ statement: String)
    /// The unfinished statement typed so far on earlier lines, so tab completion on a
    /// continuation line still knows the pipeline's source table. Empty when none.
    mutating func setPendingStatement(_ text: String)
}

extension LineReader {
    mutating func setPendingStatement(_ text: String) {}
}
