import StrataCore

extension Parser {
    /// `export PIPELINE to "path.csv" [(columns [a, b, c], excel)]`
    mutating func export() throws(Diagnostic) -> Statement {
        advance()
        let pipeline = try self.pipeline()
        guard current.word == "to" else {
            throw error("expected to and the file path after the pipeline: export r | where recency > 90 to \"out/dormant.csv\"")
        }
        advance()
        guard case .string(let path) = current.kind else {
            throw error("expected the file path in double quotes: export orders to \"out/orders.csv\"")
        }
        let pathRange = current.range
        advance()
        let options = current.isSymbol("(") ? try exportOptions() : []
        return .export(pipeline, path: path, pathRange: pathRange, options: options)
    }

    /// The option list of `export … to "…"` (and `segment export`), normalised to plain
    /// option items. Two spellings of the column list are accepted:
    ///
    /// - `(columns [customer_id, name, phone], excel)` — the usual option syntax;
    /// - `(columns customer_id, name, phone; excel)` — bare names run until `;` or `)`,
    ///   and `;` also separates options.
    ///
    /// Both give `columns` a `.list` of `.word` values; other options are parsed as in any
    /// option group (`excel` takes no value). Names are not checked here: the engine's
    /// `CSVExportOptions` does that and points at the offending item.
    public mutating func exportOptions() throws(Diagnostic) -> [OptionItem] {
        try expectSymbol("(")
        var items: [OptionItem] = []
        while !current.isSymbol(")") {
            let optionName = try name(what: "an export option: columns [a, b], excel")
            var value: OptionValue?
            if optionName.text == "columns", !current.isSymbol("[") {
                value = try bareColumnList()
            } else if !current.isSymbol(",") && !current.isSymbol(";") && !current.isSymbol(")") {
                value = try optionValue()
            }
            items.append(OptionItem(name: optionName, value: value))
            if current.isSymbol(",") || current.isSymbol(";") { advance() } else { break }
        }
        try expectSymbol(")")
        return items
    }

    /// `a, b, c` up to `;` or `)`, as a list of words.
    private mutating func bareColumnList() throws(Diagnostic) -> OptionValue {
        let start = current.range.lowerBound
        var names: [OptionValue] = [.word(try name(what: "a column name after columns"))]
        while current.isSymbol(","), case .identifier = peek(1).kind {
            advance()
            names.append(.word(try name(what: "a column name")))
        }
        return .list(names, start..<previousEnd)
    }
}
