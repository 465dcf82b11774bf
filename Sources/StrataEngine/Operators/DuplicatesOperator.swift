import StrataCore

/// `duplicates KEYS`: the rows that share normalised keys with another row, grouped.
public enum DuplicatesOperator {
    /// Rows in groups of two or more (a missing key never matches), ordered by group (in
    /// order of first appearance) and then by input order, with `dup_group` and `dup_size`.
    /// - Complexity: O(rows × keys + distinct strings).
    public static func run(_ input: Table, keys: [Int]) throws -> Table {
        let keyColumns = keys.map { KeyNormalization.normalize(input.columns[$0], name: input.fields[$0].name) }
        let groups = try KeyEncoding.groupIds(keyColumns, rowCount: input.rowCount)
        var sizes = ContiguousArray<Int64>(repeating: 0, count: groups.count)
        for row in 0..<input.rowCount where !keyColumns.contains(where: { $0.isNull(row) }) {
            sizes[Int(groups.ids[row])] += 1
        }
        // Number the duplicate groups 1, 2, … in order of first appearance.
        var number = ContiguousArray<Int64>(repeating: 0, count: groups.count)
        var next: Int64 = 0
        for group in 0..<groups.count where sizes[group] >= 2 {
            next += 1
            number[group] = next
        }
        var rowsByGroup = [RowSelection](repeating: [], count: Int(next))
        for row in 0..<input.rowCount {
            let group = Int(groups.ids[row])
            guard sizes[group] >= 2, !keyColumns.contains(where: { $0.isNull(row) }) else { continue }
            rowsByGroup[Int(number[group]) - 1].append(Int32(row))
        }
        let rows = RowSelection(rowsByGroup.joined())
        var groupColumn = ContiguousArray<Int64>()
        var sizeColumn = ContiguousArray<Int64>()
        for (index, members) in rowsByGroup.enumerated() {
            groupColumn.append(contentsOf: repeatElement(Int64(index + 1), count: members.count))
            sizeColumn.append(contentsOf: repeatElement(Int64(members.count), count: members.count))
        }
        let selected = input.gather(rows)
        return Table(fields: selected.fields + [Field(name: "dup_group", type: .int64), Field(name: "dup_size", type: .int64)],
                     columns: selected.columns + [Column(type: .int64, data: .int64(groupColumn)),
                                                  Column(type: .int64, data: .int64(sizeColumn))])
    }
}
