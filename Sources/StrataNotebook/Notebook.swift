/// A Markdown notebook: prose for people, ```strata cells, and after a cell an ```output
/// fence holding what the cell printed. The text is kept line by line with each line's own
/// terminator, so rewriting outputs leaves every other byte as it was (CRLF files stay CRLF).
///
/// A plain `*.strata` script is a notebook of one cell and no prose.
public struct Notebook: Sendable, Equatable {
    /// The lines of the file, each with its terminator (`\n`, `\r\n`, or none for the last).
    public let lines: [String]
    /// The cells in order.
    public let cells: [Cell]
    /// The terminator new lines get: the file's first terminator (`\n` when it has none).
    public let lineEnding: String
    /// False for a plain script: it has no output fences to rewrite.
    public let isMarkdown: Bool

    /// One ```strata fence.
    public struct Cell: Sendable, Equatable {
        /// 1-based position among the cells.
        public var number: Int
        /// ```` ```strata error ````: the cell must fail; its output fence records the error.
        public var expectsError: Bool
        /// Line index (0-based) of the opening fence; -1 for a script.
        public var openLine: Int
        /// Line index (0-based) of the closing fence, or of the script's last line.
        public var closeLine: Int
        /// The code, lines joined with `\n` (fence indentation and `\r` removed).
        public var code: String
        /// 1-based file line of the first code line.
        public var firstCodeLine: Int
        /// The recorded output, when an ```output fence follows.
        public var output: OutputFence?

        /// 1-based line of the opening fence (what reports cite).
        public var line: Int { max(openLine + 1, 1) }
    }

    /// An ```output fence after a cell.
    public struct OutputFence: Sendable, Equatable {
        /// Line indexes (0-based) of the opening and closing fence lines.
        public var openLine: Int
        public var closeLine: Int
        /// The recorded text, lines joined with `\n`.
        public var text: String
        /// The fence as written (e.g. "```"), reused when the output is rewritten.
        public var fence: String
        public var indent: Int

        /// 1-based line of the opening fence.
        public var line: Int { openLine + 1 }
    }

    public init(lines: [String], cells: [Cell], lineEnding: String, isMarkdown: Bool) {
        self.lines = lines
        self.cells = cells
        self.lineEnding = lineEnding
        self.isMarkdown = isMarkdown
    }

    /// A plain script: the whole text is one cell starting at line 1.
    public static func script(_ text: String) -> Notebook {
        let lines = NotebookLines.split(text)
        let code = lines.map(NotebookLines.content).joined(separator: "\n")
        let cell = Cell(number: 1, expectsError: false, openLine: -1, closeLine: max(lines.count - 1, 0),
                        code: code, firstCodeLine: 1, output: nil)
        return Notebook(lines: lines, cells: [cell], lineEnding: NotebookLines.ending(of: lines), isMarkdown: false)
    }

    /// The text as read, byte for byte.
    public var text: String { lines.joined() }
}

/// A notebook that could not be read or parsed (exit code 2).
public struct NotebookError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:col: error: message`
    public var description: String {
        var location = path
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): error: \(message)"
    }
}

/// Splitting text into lines that keep their terminators.
enum NotebookLines {
    /// Lines with terminators; joining them gives `text` back exactly.
    static func split(_ text: String) -> [String] {
        var lines: [String] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == UInt8(ascii: "\n") {
                lines.append(String(text[start..<next]))
                start = next
            }
            index = next
        }
        if start < utf8.endIndex { lines.append(String(text[start...])) }
        return lines
    }

    /// A line without its `\n` or `\r\n`.
    static func content(_ line: String) -> String {
        var bytes = Array(line.utf8)
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The terminator of the first terminated line.
    static func ending(of lines: [String]) -> String {
        guard let first = lines.first(where: { $0.utf8.last == UInt8(ascii: "\n") }) else { return "\n" }
        return first.utf8.dropLast().last == UInt8(ascii: "\r") ? "\r\n" : "\n"
    }
}
