import StrataCore
import StrataLang

/// The checked options of `export … to "…" (…)` and `segment export … (…)`.
///
/// `columns [a, b, c]` (or `columns a, b, c;`) keeps and orders those columns of the
/// result; `excel` writes UTF-8 with a byte-order mark and CRLF line ends, which Excel on
/// Chinese Windows needs to read UTF-8 instead of GBK.
public struct CSVExportOptions: Sendable, Equatable {
    /// The option names `export` accepts.
    public static let names = ["columns", "excel"]

    /// The columns to write, in order, with their positions in the statement; nil = all.
    public var columns: [Name]?
    /// UTF-8 with a BOM and CRLF line ends.
    public var excel: Bool

    public init(columns: [Name]? = nil, excel: Bool = false) {
        self.columns = columns
        self.excel = excel
    }

    /// Checks option items as parsed by `Parser.exportOptions()`.
    public init(_ items: [OptionItem]) throws(Diagnostic) {
        self.init()
        var seen: Set<String> = []
        for item in items {
            guard seen.insert(item.name.text).inserted else {
                throw Diagnostic("option \(item.name.text) is given twice", at: .statement(item.name.range))
            }
            switch item.name.text {
            case "columns":
                guard case .list(let values, _) = item.value, !values.isEmpty else {
                    throw Diagnostic("expected the column names: columns [customer_id, name, phone]",
                                     at: .statement(item.value?.range ?? item.name.range))
                }
                var names: [Name] = []
                for value in values {
                    guard case .word(let name) = value else {
                        throw Diagnostic("expected a column name", at: .statement(value.range))
                    }
                    if names.contains(where: { $0.text == name.text }) {
                        throw Diagnostic("column \"\(name.text)\" is listed twice", at: .statement(name.range))
                    }
                    names.append(name)
                }
                columns = names
            case "excel":
                if let value = item.value {
                    throw Diagnostic("excel takes no value: (excel)", at: .statement(value.range))
                }
                excel = true
            default:
                throw Diagnostic("unknown export option \"\(item.name.text)\"; options are columns [a, b] and excel."
                    + Suggestion.phrase(for: item.name.text, among: CSVExportOptions.names),
                    at: .statement(item.name.range))
            }
        }
    }

    /// `table` reduced to the chosen columns, in the order given. An unknown name fails
    /// with a suggestion, pointing at the name in the statement.
    public func select(from table: Table) throws(Diagnostic) -> Table {
        guard let columns else { return table }
        var picked: [(String, Column)] = []
        for name in columns {
            guard let index = table.columnIndex(named: name.text) else {
                var message = "column \"\(name.text)\" not found." + Suggestion.phrase(for: name.text, among: table.columnNames)
                if CSVExportOptions.names.contains(name.text) {
                    message += " To pass \(name.text) as an option, end the column list with ; or write columns [a, b]"
                }
                throw Diagnostic(message, at: name.range.isEmpty ? nil : .statement(name.range))
            }
            picked.append((name.text, table.columns[index]))
        }
        return Table(picked)
    }
}
