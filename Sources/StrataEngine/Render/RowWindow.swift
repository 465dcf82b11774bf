import StrataCore

/// Which rows table mode shows: everything, or a head and a tail around an elision row.
struct RowWindow: Equatable {
    /// Rows shown before the `…` row (or all rows when nothing is elided).
    let head: Range<Int>
    /// Rows shown after the `…` row; empty when nothing is elided or `maxRows` is 1.
    let tail: Range<Int>
    /// Total rows of the table.
    let total: Int

    /// The window for `rowCount` rows under `maxRows` (0 = no limit). An odd limit gives
    /// the extra row to the head: 5 shows rows 0..<3, `…`, and the last 2.
    init(rowCount: Int, maxRows: Int) {
        total = rowCount
        if maxRows <= 0 || rowCount <= maxRows {
            head = 0..<rowCount
            tail = rowCount..<rowCount
        } else {
            let headCount = (maxRows + 1) / 2
            head = 0..<headCount
            tail = (rowCount - (maxRows - headCount))..<rowCount
        }
    }

    var isElided: Bool { head.count + tail.count < total }

    var shownCount: Int { head.count + tail.count }

    /// The footer under a box table: `5 rows`, `1 row`, `0 rows`, or when elided
    /// `2,000 rows (40 shown; .maxrows N to change)`.
    var footer: String {
        let count = NumberText.count(total, "row")
        guard isElided else { return count }
        return count + " (\(NumberText.integer(Int64(shownCount), grouped: true)) shown; .maxrows N to change)"
    }
}
