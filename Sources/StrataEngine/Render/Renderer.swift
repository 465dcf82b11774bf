import StrataCore

/// Turns a result table into text in the current output mode.
///
/// | mode | rows written | values |
/// |---|---|---|
/// | table | `maxRows` (head and tail around a `…` row), footer `N rows` | display format |
/// | markdown | all | display format |
/// | csv, json | all | raw, lossless |
///
/// The display format (grouping, doubles, escapes) is described on ``DisplayFormat``; the
/// raw one on ``RawCellEncoder``. Output is deterministic: no locale, no clock, no
/// terminal size.
public enum Renderer {
    /// The whole table as text (ends with a newline).
    ///
    /// - Complexity: table mode O(shown rows × columns); other modes O(rows × columns).
    public static func render(_ table: Table, options: RenderOptions) -> String {
        var text = ""
        write(table, options: options) { piece in
            if text.isEmpty { text = piece } else { text += piece }
        }
        return text
    }

    /// Writes the table in pieces of about a megabyte (each ending on a line break), so a
    /// caller can stream millions of CSV or JSON rows to standard output without holding
    /// all the text at once. Concatenated, the pieces equal ``render(_:options:)``.
    public static func write(_ table: Table, options: RenderOptions, to sink: @escaping (String) -> Void) {
        if table.columnCount == 0, options.mode == .table || options.mode == .markdown {
            sink("(no columns)\n")
            return
        }
        switch options.mode {
        case .table:
            var text = ""
            BoxTable.render(table, window: RowWindow(rowCount: table.rowCount, maxRows: options.maxRows),
                            options: options, into: &text)
            sink(text)
        case .markdown:
            var text = ""
            MarkdownTable.render(table, into: &text)
            sink(text)
        case .csv:
            var output = ByteSink(sink: sink)
            DelimitedText.write(table, to: &output)
            output.flush()
        case .json:
            var output = ByteSink(sink: sink)
            JSONText.write(table, to: &output)
            output.flush()
        }
    }
}
