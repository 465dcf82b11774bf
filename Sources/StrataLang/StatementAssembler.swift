/// Joins physical lines into complete statements: a line ending in `|` or `\` continues
/// onto the next one (the `\` itself is dropped). Shared by the REPL, `.read` and scripts.
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
        if trimmed.hasSuffix("|") {
            pending.append(trimmed)
            return nil
        }
        // A continuation line may start with `|` after a line that did not end with one.
        pending.append(trimmed)
        let statement = pending.joined(separator: "\n")
        pending.removeAll()
        return statement
    }

    /// Returns whatever is pending (at end of input) and clears it.
    public mutating func flush() -> String? {
        guard !pending.isEmpty else { return nil }
        defer { pending.removeAll() }
        return pending.joined(separator: "\n")
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
