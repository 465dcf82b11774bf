import StrataCore

/// `union`.
public enum UnionOperator {
    /// All rows of `first`, then all rows of `second`; columns by position, named as in
    /// `first`. String columns from two dictionaries get one merged dictionary (`first`'s
    /// strings keep their codes; `second`'s are mapped once per dictionary entry).
    /// - Throws: `Diagnostic` when the column counts or types differ (the binder checks
    ///   names).
    /// - Complexity: O(rows × columns + dictionary sizes).
    public static func run(_ first: Table, _ second: Table) throws -> Table {
        guard first.columnCount == second.columnCount else {
            throw Diagnostic("union needs the same columns: \(first.columnCount) columns vs \(second.columnCount)")
        }
        var columns: [Column] = []
        for (index, (top, bottom)) in zip(first.columns, second.columns).enumerated() {
            guard top.type == bottom.type else {
                throw Diagnostic("union: column \(first.fields[index].name) is \(top.type) in the first table, \(bottom.type) in the second")
            }
            try Cancellation.check()
            columns.append(concatenate(top, bottom))
        }
        return Table(fields: first.fields, columns: columns)
    }

    static func concatenate(_ top: Column, _ bottom: Column) -> Column {
        // Narrow and wide storage of one type meet as wide.
        if top.isNarrow != bottom.isNarrow { return concatenate(top.widened(), bottom.widened()) }
        let data: ColumnData
        switch (top.data, bottom.data) {
        case (.int64(let a), .int64(let b)): data = .int64(a + b)
        case (.int32(let a), .int32(let b)): data = .int32(a + b)
        case (.double(let a), .double(let b)): data = .double(a + b)
        case (.bool(let a), .bool(let b)): data = .bool(a + b)
        case (.string(let a, let topDictionary), .string(let b, let bottomDictionary)):
            var dictionary = topDictionary
            let mapping = ContiguousArray(bottomDictionary.values.lazy.map { dictionary.code(for: $0) })
            // The merged dictionary may need wider codes than either side: merge as UInt32, then
            // narrow again when a side was narrow.
            var codes = a.wide
            codes.reserveCapacity(a.count + b.count)
            let bottomCodes = b.wide
            mapping.withUnsafeBufferPointer { mapping in
                // A null row's code may lie outside the dictionary; it stays null, so any code will do.
                for code in bottomCodes { codes.append(Int(code) < mapping.count ? mapping[Int(code)] : 0) }
            }
            let merged = DictionaryCodes.uint32(codes)
            let narrow = a.isNarrow || b.isNarrow
            data = .string(codes: narrow ? merged.narrowed(dictionaryCount: dictionary.count, validity: validity(top, bottom))
                                         : merged,
                           dictionary: dictionary)
        default:
            preconditionFailure("column storage differs for equal types")
        }
        return Column(type: top.type, data: data, validity: validity(top, bottom))
    }

    private static func validity(_ top: Column, _ bottom: Column) -> Bitmap? {
        if top.validity == nil, bottom.validity == nil { return nil }
        var bitmap = top.validity ?? Bitmap(count: top.count, value: true)
        if let lower = bottom.validity {
            bitmap.append(contentsOf: lower)
        } else {
            bitmap.append(contentsOf: Bitmap(count: bottom.count, value: true))
        }
        return bitmap
    }
}
