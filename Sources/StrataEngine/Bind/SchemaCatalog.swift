import StrataCore

/// What the binder needs to know about the session's tables: their names and schemas, never
/// their data (so a plan can be bound against a remote catalog too).
public protocol SchemaCatalog {
    /// The columns of `table`, or nil when there is no such table.
    func schema(of table: String) -> [Field]?
    /// Every table name, for "did you mean" suggestions.
    var tableNames: [String] { get }
}

extension Catalog: SchemaCatalog {
    public func schema(of table: String) -> [Field]? {
        self[table]?.fields
    }

    public var tableNames: [String] { names }
}
