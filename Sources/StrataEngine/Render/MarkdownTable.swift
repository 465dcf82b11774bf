import StrataCore

/// Markdown mode: a GitHub pipe table, every row, padded by display width.
///
/// ```
/// | id | tier         |   amount |
/// |---:|--------------|---------:|
/// |  1 | 重要价值客户 | 1,234.50 |
/// ```
/// Numbers are right-aligned (`---:`), other columns left. Values use the display format
/// (grouped numbers, ISO dates, escaped control characters), nulls print as `NULL`, `|` in a
/// value is written `\|`, and cells are never cut. No footer: a text line right under a
/// pipe table would be read as one more row.
enum MarkdownTable {
    /// - Complexity: O(rows × columns), two passes (widths, then lines).
    static func render(_ table: Table, into output: inout String) {
        let rightAligned = table.fields.map(\.type.isNumeric)
        let headers = table.fields.map { escapePipes(DisplayFormat.escaped($0.name)) }
        var cells: [[String]] = []
        var widths: [Int] = []
        for columnIndex in 0..<table.columnCount {
            let formatter = CellFormatter(field: table.fields[columnIndex], column: table.columns[columnIndex])
            var columnCells: [String] = []
            columnCells.reserveCapacity(table.rowCount)
            var width = max(3, DisplayWidth.of(headers[columnIndex]))
            for row in 0..<table.rowCount {
                let text = formatter.text(row: row).map(escapePipes) ?? "NULL"
                width = max(width, DisplayWidth.of(text))
                columnCells.append(text)
            }
            cells.append(columnCells)
            widths.append(width)
        }

        output += line(headers, widths: widths, rightAligned: rightAligned)
        output += "|"
        for columnIndex in 0..<table.columnCount {
            let dashes = String(repeating: "-", count: widths[columnIndex] + 1)
            output += rightAligned[columnIndex] ? dashes + ":|" : dashes + "-|"
        }
        output += "\n"
        for row in 0..<table.rowCount {
            output += line(cells.map { $0[row] }, widths: widths, rightAligned: rightAligned)
        }
    }

    private static func line(_ texts: [String], widths: [Int], rightAligned: [Bool]) -> String {
        var result = "|"
        for index in texts.indices {
            result += " " + DisplayWidth.pad(texts[index], to: widths[index], alignRight: rightAligned[index]) + " |"
        }
        return result + "\n"
    }

    private static func escapePipes(_ text: String) -> String {
        guard text.contains("|") else { return text }
        return text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
