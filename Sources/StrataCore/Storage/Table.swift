/// A named column and its type.
public struct Field: Sendable, Hashable {
    public var name: String
    public var type: DataType

    public init(name: String, type: DataType) {
        self.name = name
        self.type = type
    }
}

/// An immutable in-memory table: equally long columns with a schema.
public struct Table: Sendable {
    public private(set) var fields: [Field]
    public private(set) var columns: [Column]
    public let rowCount: Int

    public init(fields: [Field], columns: [Column]) {
        precondition(fields.count == columns.count, "one field per column")
        let rowCount = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rowCount }, "columns differ in length")
        precondition(zip(fields, columns).allSatisfy { $0.type == $1.type }, "field types differ from columns")
        self.fields = fields
        self.columns = columns
        self.rowCount = rowCount
    }

    /// A table with the given columns, named in order.
    public init(_ named: [(String, Column)]) {
        self.init(fields: named.map { Field(name: $0.0, type: $0.1.type) }, columns: named.map(\.1))
    }

    public var columnCount: Int { columns.count }

    public var columnNames: [String] { fields.map(\.name) }

    /// Index of the column named exactly `name`.
    public func columnIndex(named name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }

    public func column(named name: String) -> Column? {
        columnIndex(named: name).map { columns[$0] }
    }

    /// The first `count` rows (all when fewer).
    public func prefix(_ count: Int) -> Table {
        let end = min(max(count, 0), rowCount)
        if end == rowCount { return self }
        return Table(fields: fields, columns: columns.map { $0.slice(0..<end) })
    }
}

extension Table {
    /// The table with every `int64` and `decimal` column that fits, and every string column's
    /// codes, stored narrow (see ``Column/narrowed()``). Loaded tables come out of the CSV
    /// assembler narrow already; this is for tables built otherwise (tests, operators).
    /// - Complexity: O(rows × columns)
    public func narrowed() -> Table {
        Table(fields: fields, columns: columns.map { $0.narrowed() })
    }

    /// The table with every narrow column widened back to `Int64` storage.
    public func widened() -> Table {
        Table(fields: fields, columns: columns.map { $0.widened() })
    }
}
