import StrataCore

/// The session's tables by name, remembering creation order for `.tables`.
public struct Catalog: Sendable {
    private var tables: [String: Table] = [:]
    public private(set) var names: [String] = []

    public init() {}

    public subscript(name: String) -> Table? { tables[name] }

    /// Adds or replaces a table; a replaced table keeps its place in the order.
    public mutating func set(_ name: String, _ table: Table) {
        if tables.updateValue(table, forKey: name) == nil { names.append(name) }
    }

    /// The table named `name`, or an error pointing at `range` (when the name came from a
    /// statement) with a suggestion.
    public func table(_ name: String, at range: Range<Int>?) throws(Diagnostic) -> Table {
        if let table = tables[name] { return table }
        let hint = names.isEmpty
            ? " No tables are loaded yet: load NAME from \"file.csv\"."
            : Suggestion.phrase(for: name, among: names)
        throw Diagnostic("table \"\(name)\" not found.\(hint)", at: range.map { .statement($0) })
    }
}
