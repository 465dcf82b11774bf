/// Where a problem is: a position in a data file, or a span of a statement's text.
public enum SourceLocation: Sendable, Equatable {
    /// 1-based line and column in a file (columns count characters, not bytes).
    case file(path: String, line: Int, column: Int)
    /// Character offsets into the statement being executed.
    case statement(Range<Int>)
}

/// A user-facing error: what went wrong and where. Rendering is separate (``render(source:)``).
public struct Diagnostic: Error, Sendable, Equatable {
    public var message: String
    public var location: SourceLocation?
    /// Extra lines shown after the message (further problems, hints).
    public var notes: [String]

    public init(_ message: String, at location: SourceLocation? = nil, notes: [String] = []) {
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// The same diagnostic for a statement embedded `offset` characters into a longer line.
    public func shifted(by offset: Int) -> Diagnostic {
        guard case .statement(let range) = location else { return self }
        var copy = self
        copy.location = .statement(range.lowerBound + offset..<range.upperBound + offset)
        return copy
    }

    /// Compiler-style text: `file:line:col: error: message` for files;
    /// `Error: message` plus the statement with a caret line for statements.
    public func render(source: String? = nil) -> String {
        var lines: [String]
        switch location {
        case .file(let path, let line, let column):
            lines = ["\(path):\(line):\(column): error: \(message)"]
        case .statement(let range):
            lines = ["Error: \(message)"]
            if let source { lines += Diagnostic.caretLines(source: source, range: range) }
        case nil:
            lines = ["Error: \(message)"]
        }
        lines += notes.map { "  " + $0 }
        return lines.joined(separator: "\n")
    }

    /// For a statement read from a script: `file:line:col: error: message`, then the caret lines.
    /// `firstLine` is the script line the statement starts on.
    public func render(source: String, file: String, firstLine: Int) -> String {
        guard case .statement(let range) = location else { return render(source: source) }
        let prefix = Array(source).prefix(max(0, range.lowerBound))
        let line = firstLine + prefix.filter { $0 == "\n" }.count
        let column = prefix.count - (prefix.lastIndex(of: "\n").map { $0 + 1 } ?? 0) + 1
        var lines = ["\(file):\(line):\(column): error: \(message)"]
        lines += Diagnostic.caretLines(source: source, range: range)
        lines += notes.map { "  " + $0 }
        return lines.joined(separator: "\n")
    }

    /// The source line holding `range` and a `^^^` marker under it, aligned by display width.
    /// A line longer than 160 characters (a generated or pasted statement) is cut to the part
    /// around the marker, with `...` where text was left out.
    static func caretLines(source: String, range: Range<Int>) -> [String] {
        let characters = Array(source)
        let start = min(max(range.lowerBound, 0), characters.count)
        var lineStart = start
        while lineStart > 0, characters[lineStart - 1] != "\n" { lineStart -= 1 }
        var lineEnd = start
        while lineEnd < characters.count, characters[lineEnd] != "\n" { lineEnd += 1 }
        var end = min(max(range.upperBound, start + 1), lineEnd)
        var lead = "", trail = ""
        if lineEnd - lineStart > 160 {
            let shownStart = max(lineStart, start - 60)
            end = min(end, start + 60)
            let shownEnd = min(lineEnd, max(end, start + 1) + 40)
            if shownStart > lineStart { lead = "..." }
            if shownEnd < lineEnd { trail = "..." }
            lineStart = shownStart
            lineEnd = shownEnd
        }
        let line = lead + String(characters[lineStart..<lineEnd]) + trail
        let before = lead.count + DisplayWidth.of(String(characters[lineStart..<start]))
        let markWidth = max(1, DisplayWidth.of(String(characters[start..<max(start, end)])))
        return ["  " + line, "  " + String(repeating: " ", count: before) + String(repeating: "^", count: markWidth)]
    }
}
