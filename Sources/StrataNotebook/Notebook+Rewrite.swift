/// Storing fresh outputs (`strata run --write`, `strata test --update`): only the contents
/// of output fences change, and a cell that printed something but has no fence gets one
/// right after it. Every other byte is copied as it was, in the file's own line endings.
extension Notebook {
    /// The notebook text with `outputs[cellNumber]` as the recorded output of those cells.
    /// Cells not in `outputs` keep their fences untouched.
    /// - Complexity: O(length of the text + length of the outputs).
    public func text(replacingOutputs outputs: [Int: String]) -> String {
        guard isMarkdown else { return text }
        var edits: [(first: Int, last: Int, lines: [String])] = []   // replace lines first...last
        for cell in cells {
            guard let output = outputs[cell.number] else { continue }
            let body = Notebook.outputLines(output)
            if let fence = cell.output {
                let marker = Notebook.marker(for: body, preferring: fence.fence)
                let indent = String(repeating: " ", count: fence.indent)
                var replaced = [indent + marker + "output"] + body.map { (fence.indent > 0 && !$0.isEmpty ? indent : "") + $0 }
                replaced.append(indent + marker)
                if marker == fence.fence {
                    // Keep the fence lines exactly as written; replace only what is between.
                    replaced[0] = NotebookLines.content(lines[fence.openLine])
                    replaced[replaced.count - 1] = NotebookLines.content(lines[fence.closeLine])
                }
                edits.append((fence.openLine, fence.closeLine, replaced))
            } else if !body.isEmpty {
                let marker = Notebook.marker(for: body, preferring: "```")
                let closing = NotebookLines.content(lines[cell.closeLine])
                edits.append((cell.closeLine, cell.closeLine, [closing, "", marker + "output"] + body + [marker]))
            }
        }
        var result = ""
        var index = 0
        for edit in edits.sorted(by: { $0.first < $1.first }) {
            while index < edit.first {
                result += lines[index]
                index += 1
            }
            // The last replaced line keeps its own terminator (none at the end of a file).
            let lastTerminator = String(lines[edit.last].dropFirst(NotebookLines.content(lines[edit.last]).count))
            for (offset, line) in edit.lines.enumerated() {
                result += line + (offset == edit.lines.count - 1 ? lastTerminator : lineEnding)
            }
            index = edit.last + 1
        }
        while index < lines.count {
            result += lines[index]
            index += 1
        }
        return result
    }

    /// Output text as fence lines: trailing whitespace per line and trailing blank lines
    /// removed (what the comparison ignores is not recorded either).
    static func outputLines(_ output: String) -> [String] {
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).trimmingTrailingWhitespace()
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines
    }

    /// `preferring` when no line of `body` could close it, else a longer backtick fence.
    static func marker(for body: [String], preferring: String) -> String {
        var longest = 0
        for line in body {
            var run = 0
            for character in line {
                run = character == "`" || character == "~" ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        if longest < preferring.count { return preferring }
        return String(repeating: "`", count: max(3, longest + 1))
    }
}

extension NotebookRun {
    /// Outputs to record: cells whose output differs from their fence (ignoring trailing
    /// whitespace), and cells without a fence that printed something.
    public var changedOutputs: [Int: String] {
        var outputs: [Int: String] = [:]
        for run in cells where run.ran && run.failure == nil {
            let actual = Notebook.outputLines(run.output)
            if let recorded = run.cell.output {
                if Notebook.outputLines(recorded.text) != actual { outputs[run.cell.number] = run.output }
            } else if !actual.isEmpty {
                outputs[run.cell.number] = run.output
            }
        }
        return outputs
    }
}
