import StrataCore

/// `distinct`.
public enum DistinctOperator {
    /// The first row of each distinct combination of all columns, in input order (nulls
    /// equal nulls, `-0.0` equals `0.0`, all NaN are one value).
    /// - Complexity: O(rows × columns): the rows are numbered by ``KeyEncoding`` as for a
    ///   group-by on every column, then the first row of each group is gathered.
    public static func run(_ input: Table) throws -> Table {
        guard input.columnCount > 0, input.rowCount > 0 else { return input }
        let groups = try KeyEncoding.groupIds(input.columns, rowCount: input.rowCount)
        if groups.count == input.rowCount { return input }
        return input.gather(groups.firstRows)
    }
}
