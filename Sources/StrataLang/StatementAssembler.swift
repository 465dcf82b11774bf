/// Joins physical lines into complete statements. A statement continues onto the next line
/// when the line ends in `|`, `,`, `=>`, `=`, `and`, `or` or `\` (the `\` itself is
/// dropped), or while a `(` or `[` is open. In scripts and notebooks (``split(_:firstLine:)``)
/// a line that starts with `|` also continues the statement before it.
/// Shared by the REPL, `.read`, scripts and notebooks.
public struct StatementAssembler: Sendable {
    private var pending: [String] = []

    public init() {}

    /// True while a statement is still open (the REPL shows its continuation prompt).
    public var isContinuing: Bool { !pending.isEmpty }

    /// Feeds one line; returns the finished statement when this line completes one.
    /// Blank and comment-only lines outside a statement return nil.
    public mutating func feed(_ line: String) -> String? {
        let trimmed = StatementAssembler.stripComment(line).trimmingTrailingWhitespace()
        if pending.isEmpty, trimmed.allSatisfy(\.isWhitespace) { return nil }
        if trimmed.hasSuffix("\\") {
            pending.append(String(trimmed.dropLast()))
            return nil
        }
        if StatementAssembler.continues(trimmed, after: pending) {
            pending.append(trimmed)
            return nil
        }
        // A continuation line may start with `|` after a line that did not end with one.
        pending.append(trimmed)
        let statement = pending.joined(separator: "\n")
        pending.removeAll()
        return statement
    }

    /// Reopens a finished `statement` (which is not a dot command): the next lines fed carry on
    /// from it, as a line starting with `|` does in ``split(_:firstLine:)``.
    public mutating func reopen(_ statement: String) {
        pending = [statement]
    }

    /// Whether `line` carries on the statement before it: it starts with `|`.
    public static func carriesOn(_ line: String) -> Bool {
        line.drop(while: \.isWhitespace).hasPrefix("|")
    }

    /// Whether `line` is blank or only a comment.
    public static func isBlank(_ line: String) -> Bool {
        stripComment(line).allSatisfy(\.isWhitespace)
    }

    /// Returns whatever is pending (at end of input) and clears it.
    public mutating func flush() -> String? {
        guard !pending.isEmpty else { return nil }
        defer { pending.removeAll() }
        return pending.joined(separator: "\n")
    }

    /// The statements of a whole script or notebook cell with the line each starts on.
    /// Here a line beginning with `|` continues the statement before it, as in
    /// `customers | join spend on customer_id` followed by `  | derive …`.
    public static func split(_ text: String, firstLine: Int = 1) -> [(text: String, line: Int)] {
        var statements: [(text: String, line: Int)] = []
        var assembler = StatementAssembler()
        var startLine = firstLine
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            if carriesOn(line), !assembler.isContinuing, let previous = statements.last, !previous.text.hasPrefix(".") {
                // Reopen the previous statement: this line carries on its pipeline.
                statements.removeLast()
                assembler.reopen(previous.text)
                startLine = previous.line
            }
            if !assembler.isContinuing { startLine = firstLine + offset }
            if let statement = assembler.feed(line) { statements.append((statement, startLine)) }
        }
        if let statement = assembler.flush() { statements.append((statement, startLine)) }
        return statements
    }

    /// True when a statement ending with `line` (after `pending` lines) goes on.
    static func continues(_ line: String, after pending: [String]) -> Bool {
        // A trailing `=` also covers `==`, `>=`, …: each still needs its right side.
        if ["|", ",", "=>", "="].contains(where: line.hasSuffix) { return true }
        let lastWord = line.split(whereSeparator: { $0.isWhitespace }).last.map(String.init) ?? ""
        if lastWord == "and" || lastWord == "or" { return true }
        return openBrackets(in: pending + [line]) > 0
    }

    /// `(` and `[` not yet closed, outside strings and backticks.
    static func openBrackets(in lines: [String]) -> Int {
        var depth = 0
        var quote: Character?
        for line in lines {
            for character in line {
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "\"" || character == "`" {
                    quote = character
                } else if character == "(" || character == "[" {
                    depth += 1
                } else if character == ")" || character == "]" {
                    depth -= 1
                }
            }
        }
        return depth
    }

    /// Drops a half-entered statement (Ctrl-C at the continuation prompt).
    public mutating func reset() { pending.removeAll() }

    /// The line without a trailing `# comment` (a `#` inside quotes or backticks is kept).
    static func stripComment(_ line: String) -> String {
        var quote: Character?
        for (offset, character) in line.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "`" {
                quote = character
            } else if character == "#" {
                return String(line.prefix(offset))
            }
        }
        return line
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[startIndex..<end])
    }
}
