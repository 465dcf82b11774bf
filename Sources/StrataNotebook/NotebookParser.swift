/// Reads the Markdown notebook format: CommonMark fenced code blocks (``` or ~~~, at most
/// three spaces of indentation, closed by a fence of the same character at least as long).
/// A fence whose info string is `strata` is a cell (`strata error`: a cell that must fail);
/// an `output` fence separated from a cell only by blank lines is that cell's recorded
/// output. Every other line is prose. Fences of other languages are skipped whole, so a
/// ```` ````markdown ```` example containing ```strata is not run.
extension Notebook {
    /// Parses `text`; `path` names the file in errors.
    /// - Complexity: O(length of the text).
    public static func parse(_ text: String, path: String) throws(NotebookError) -> Notebook {
        let lines = NotebookLines.split(text)
        var cells: [Cell] = []
        var lastCellClose: Int?   // closing line of the latest cell still waiting for an output
        var index = 0
        while index < lines.count {
            let content = NotebookLines.content(lines[index])
            guard let open = Fence(opening: content) else {
                if !content.allSatisfy(\.isWhitespace) { lastCellClose = nil }
                index += 1
                continue
            }
            var close = index + 1
            while close < lines.count, !open.isClosed(by: NotebookLines.content(lines[close])) { close += 1 }
            let words = open.info.split(whereSeparator: \.isWhitespace).map(String.init)
            let body = lines[min(index + 1, close)..<min(close, lines.count)].map { open.dedent(NotebookLines.content($0)) }
            switch words.first {
            case "strata":
                guard close < lines.count else {
                    throw NotebookError(path: path, line: index + 1, column: open.indent + 1,
                                        message: "this ```strata cell is never closed")
                }
                let options = words.dropFirst()
                if let unknown = options.first(where: { $0 != "error" }) {
                    throw NotebookError(path: path, line: index + 1, column: open.indent + 1,
                                        message: "unknown cell option \"\(unknown)\": write ```strata, or ```strata error for a cell that must fail")
                }
                cells.append(Cell(number: cells.count + 1, expectsError: options.contains("error"),
                                  openLine: index, closeLine: close, code: body.joined(separator: "\n"),
                                  firstCodeLine: index + 2, output: nil))
                lastCellClose = close
            case "output" where lastCellClose != nil && cells.last?.output == nil:
                guard close < lines.count else {
                    throw NotebookError(path: path, line: index + 1, column: open.indent + 1,
                                        message: "this ```output fence is never closed")
                }
                cells[cells.count - 1].output = OutputFence(openLine: index, closeLine: close,
                                                            text: body.joined(separator: "\n"),
                                                            fence: open.marker, indent: open.indent)
                lastCellClose = nil
            default:
                lastCellClose = nil
            }
            index = close + 1
        }
        return Notebook(lines: lines, cells: cells, lineEnding: NotebookLines.ending(of: lines), isMarkdown: true)
    }
}

/// An opening code fence: ```` ```info ```` or `~~~info`.
struct Fence {
    /// The fence characters, e.g. "```" or "~~~~".
    var marker: String
    var info: String
    /// Spaces before the fence (content lines lose up to this many).
    var indent: Int

    init?(opening line: String) {
        let characters = Array(line)
        var position = 0
        while position < characters.count, characters[position] == " " { position += 1 }
        guard position <= 3, position < characters.count,
              characters[position] == "`" || characters[position] == "~" else { return nil }
        let fenceCharacter = characters[position]
        var end = position
        while end < characters.count, characters[end] == fenceCharacter { end += 1 }
        guard end - position >= 3 else { return nil }
        let info = String(characters[end...]).trimmingWhitespace()
        // CommonMark: a backtick fence's info string cannot contain a backtick.
        if fenceCharacter == "`", info.contains("`") { return nil }
        marker = String(characters[position..<end])
        self.info = info
        indent = position
    }

    /// True when `line` closes this fence.
    func isClosed(by line: String) -> Bool {
        let characters = Array(line)
        var position = 0
        while position < characters.count, characters[position] == " " { position += 1 }
        guard position <= 3 else { return false }
        var end = position
        while end < characters.count, characters[end] == marker.first { end += 1 }
        guard end - position >= marker.count else { return false }
        return characters[end...].allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// A content line without the fence's indentation (at most that many spaces).
    func dedent(_ line: String) -> String {
        var remaining = indent
        var result = Substring(line)
        while remaining > 0, result.first == " " {
            result = result.dropFirst()
            remaining -= 1
        }
        return String(result)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }

    /// Without trailing spaces, tabs and `\r`.
    func trimmingTrailingWhitespace() -> String {
        var result = Substring(self)
        while let last = result.last, last.isWhitespace { result = result.dropLast() }
        return String(result)
    }
}
