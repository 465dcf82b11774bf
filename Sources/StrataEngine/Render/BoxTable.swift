import StrataCore

/// Table mode: a Unicode box table sized by display width (CJK characters are 2 columns).
///
/// ```
/// ┌─────────────┬──────────────┬──────────────┐
/// │ customer_id │ tier         │       amount │
/// │     integer │ string       │   decimal(2) │
/// ├─────────────┼──────────────┼──────────────┤
/// │        1001 │ 重要价值客户 │ 1,234,567.50 │
/// │        1002 │ NULL         │        -0.05 │
/// └─────────────┴──────────────┴──────────────┘
/// 2 rows
/// ```
/// The second header line gives each column's type: analysts loading CSV files need to see
/// at a glance whether `amount` was read as a decimal or as text (DuckDB shows it too).
/// Numbers are right-aligned (header included), everything else left-aligned; nulls print
/// as `NULL`; cells wider than `maxCellWidth` end in `…`.
enum BoxTable {
    static func render(_ table: Table, window: RowWindow, options: RenderOptions, into output: inout String) {
        let style = TextStyle(color: options.color)
        let limit = options.maxCellWidth > 0 ? options.maxCellWidth : Int.max
        let cut = { (text: String) in limit == Int.max ? text : DisplayWidth.truncate(text, to: limit) }
        let rightAligned = table.fields.map(\.type.isNumeric)
        let headers = table.fields.map { cut(DisplayFormat.escaped($0.name)) }
        let types = table.fields.map(\.type.description)

        // Column-major cells of the shown rows; nil is NULL.
        var cells: [[String?]] = []
        var widths: [Int] = []
        for columnIndex in 0..<table.columnCount {
            let formatter = CellFormatter(field: table.fields[columnIndex], column: table.columns[columnIndex])
            var columnCells: [String?] = []
            columnCells.reserveCapacity(window.shownCount)
            var width = max(DisplayWidth.of(headers[columnIndex]), DisplayWidth.of(types[columnIndex]))
            if window.isElided { width = max(width, 1) }
            for row in [window.head, window.tail].joined() {
                let text = formatter.text(row: row).map(cut)
                width = max(width, text.map(DisplayWidth.of) ?? 4)
                columnCells.append(text)
            }
            cells.append(columnCells)
            widths.append(width)
        }

        output += border("┌", "┬", "┐", widths)
        output += line(headers.map { style.bold + $0 + style.reset }, plainWidths: headers.map(DisplayWidth.of),
                       widths: widths, rightAligned: rightAligned)
        output += line(types.map { style.dim + $0 + style.reset }, plainWidths: types.map(DisplayWidth.of),
                       widths: widths, rightAligned: rightAligned)
        if window.shownCount > 0 { output += border("├", "┼", "┤", widths) }

        for shownIndex in 0..<window.shownCount {
            if shownIndex == window.head.count {
                output += line(widths.map { _ in "…" }, plainWidths: widths.map { _ in 1 },
                               widths: widths, rightAligned: rightAligned)
            }
            var texts: [String] = []
            var plainWidths: [Int] = []
            for columnIndex in 0..<table.columnCount {
                if let text = cells[columnIndex][shownIndex] {
                    texts.append(text)
                    plainWidths.append(DisplayWidth.of(text))
                } else {
                    texts.append(style.dim + "NULL" + style.reset)
                    plainWidths.append(4)
                }
            }
            output += line(texts, plainWidths: plainWidths, widths: widths, rightAligned: rightAligned)
        }
        if window.isElided, window.tail.isEmpty {
            output += line(widths.map { _ in "…" }, plainWidths: widths.map { _ in 1 },
                           widths: widths, rightAligned: rightAligned)
        }
        output += border("└", "┴", "┘", widths)
        output += (options.footer ?? window.footer) + "\n"
    }

    private static func border(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> String {
        left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right + "\n"
    }

    /// One `│ a │ b │` line; `texts` may carry ANSI codes, so padding uses `plainWidths`.
    private static func line(_ texts: [String], plainWidths: [Int], widths: [Int], rightAligned: [Bool]) -> String {
        var result = "│"
        for index in texts.indices {
            let padding = String(repeating: " ", count: max(0, widths[index] - plainWidths[index]))
            result += " " + (rightAligned[index] ? padding + texts[index] : texts[index] + padding) + " │"
        }
        return result + "\n"
    }
}
