import StrataCore

/// A key of a segment member as read from a table column: integer or text.
public enum MemberKey: Hashable, Sendable, CustomStringConvertible {
    case int(Int64)
    case text(String)

    public var description: String {
        switch self {
        case .int(let value): String(value)
        case .text(let value): "\"\(value)\""
        }
    }
}

extension TransitionMatrix {
    /// The matrix from two tables holding a key column and a label column each (e.g. two
    /// versions of a tiered segment). Keys may be integer or text (the same type on both
    /// sides); labels are the label column's display text (any type). Rows with a null key
    /// are skipped; a null label reads `NULL`.
    /// - Throws: ``Diagnostic`` when a column is missing, the key types differ, or a key has
    ///   two labels on one side.
    public init(before: Table, after: Table, key: String, label: String, order: [String]? = nil) throws(Diagnostic) {
        let earlier = try TransitionMatrix.pairs(before, key: key, label: label, side: "the earlier snapshot")
        let later = try TransitionMatrix.pairs(after, key: key, label: label, side: "the later snapshot")
        if let first = earlier.first?.0, let second = later.first?.0 {
            switch (first, second) {
            case (.int, .int), (.text, .text): break
            default: throw Diagnostic("the key column \(key) is an integer on one side and text on the other")
            }
        }
        try self.init(before: earlier, after: later, order: order)
    }

    static func pairs(_ table: Table, key: String, label: String, side: String) throws(Diagnostic) -> [(MemberKey, String)] {
        guard let keys = table.column(named: key)?.widened() else {
            throw Diagnostic("\(side) has no column \"\(key)\"." + Suggestion.phrase(for: key, among: table.columnNames))
        }
        guard let labels = table.column(named: label) else {
            throw Diagnostic("\(side) has no column \"\(label)\"." + Suggestion.phrase(for: label, among: table.columnNames))
        }
        var result: [(MemberKey, String)] = []
        result.reserveCapacity(table.rowCount)
        switch (keys.type, keys.data) {
        case (.int64, .int64(let values)):
            for row in 0..<table.rowCount where !keys.isNull(row) {
                result.append((.int(values[row]), labels.value(at: row).description))
            }
        case (.string, .string(let codes, let dictionary)):
            for row in 0..<table.rowCount where !keys.isNull(row) {
                result.append((.text(dictionary[codes[row]]), labels.value(at: row).description))
            }
        default:
            throw Diagnostic("the key column \(key) is \(keys.type); keys must be integer or string")
        }
        return result
    }

    /// The matrix as a table: a `from` column (the earlier label), one integer column per
    /// later label, then `left` and `total`; a row per earlier label, then `entered` (keys
    /// new in the later snapshot; its `left` cell is null) and `total` (column sums). A
    /// label that clashes with `from`, `left` or `total` gets a `_2` suffix as a column name.
    ///
    /// ```
    /// from     A  B  C  left  total
    /// A        5  2  0     1      8
    /// B        1  9  3     0     13
    /// entered  2  0  4  NULL      6
    /// total    8 11  7     1     27
    /// ```
    /// - Complexity: O(L²) for L labels.
    public func table() -> Table {
        var rowNames = StringDictionary()
        let fromCodes = ContiguousArray((labels + ["entered", "total"]).map { rowNames.code(for: $0) })
        var columns: [(String, Column)] = [("from", Column(type: .string, data: .string(codes: fromCodes, dictionary: rowNames)))]
        var used: Set<String> = ["from", "left", "total"]
        func integers(_ values: [Int], nullAt: Int? = nil) -> Column {
            var validity: Bitmap?
            if let nullAt {
                var bitmap = Bitmap(count: values.count, value: true)
                bitmap[nullAt] = false
                validity = bitmap
            }
            return Column(type: .int64, data: .int64(ContiguousArray(values.map(Int64.init))), validity: validity)
        }
        var rowTotals = labels.indices.map { left[$0] }
        for (to, label) in labels.enumerated() {
            var name = label
            var suffix = 2
            while used.contains(name) { name = "\(label)_\(suffix)"; suffix += 1 }
            used.insert(name)
            let cells = labels.indices.map { counts[$0][to] }
            for from in labels.indices { rowTotals[from] += cells[from] }
            let enteredCount = entered[to]
            columns.append((name, integers(cells + [enteredCount, cells.reduce(0, +) + enteredCount])))
        }
        let leftTotal = left.reduce(0, +)
        columns.append(("left", integers(left + [0, leftTotal], nullAt: labels.count)))
        let enteredTotal = entered.reduce(0, +)
        let grand = rowTotals.reduce(0, +) + enteredTotal
        columns.append(("total", integers(rowTotals + [enteredTotal, grand])))
        return Table(columns)
    }
}
