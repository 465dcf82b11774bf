/// How a result table is printed: `.mode table|csv|json|markdown`.
public enum OutputMode: String, Sendable, CaseIterable {
    /// A Unicode box table for reading in a terminal (the only mode that honours `maxRows`).
    case table
    /// RFC 4180 comma-separated values, every row, for piping into other tools.
    case csv
    /// One JSON array of objects (one object per line), every row.
    case json
    /// A GitHub pipe table, every row, for pasting into reports.
    case markdown
}

/// Settings the renderer reads; the REPL's dot-commands change them.
public struct RenderOptions: Sendable {
    /// Output format (`.mode`).
    public var mode: OutputMode = .table
    /// Rows shown in table mode before the middle is elided (`.maxrows N`); 0 = no limit.
    ///
    /// The piping modes (csv, json, markdown) always write every row: a pipe that silently
    /// lost rows would be worse than a long one.
    public var maxRows: Int = 40
    /// ANSI styling (bold header, dim type row and `NULL`). Turn off when `NO_COLOR` is set or
    /// standard output is not a terminal.
    public var color: Bool = false
    /// Cells (and headers) wider than this many display columns are cut with `…`.
    /// Table mode only; 0 = no limit.
    public var maxCellWidth: Int = 40
    /// The line under a box table in place of `N rows` (a preview says what it previews).
    public var footer: String?

    public init() {}
}

/// ANSI styles used by the table renderer; empty strings when color is off.
struct TextStyle {
    let bold: String
    let dim: String
    let reset: String

    init(color: Bool) {
        bold = color ? "\u{1B}[1m" : ""
        dim = color ? "\u{1B}[2m" : ""
        reset = color ? "\u{1B}[0m" : ""
    }
}
