import StrataCore
import StrataLang

extension Session {
    /// `segment uplift A vs B on orders after DATE [(date COL)]`: the repurchase rate (members
    /// with an order strictly after DATE) in treatment A and control B, their difference with
    /// a 95% interval and a two-proportion z-test.
    /// - Complexity: O(order rows) with one hash probe per order row, plus O(members).
    func segmentUplift(_ treatment: SegmentReference, _ control: SegmentReference, table: Name, after: Expr,
                       options items: [OptionItem]) throws -> Outcome {
        let treated = try segmentVersion(treatment)
        let held = try segmentVersion(control)
        guard case .literal(.date(let dateText), let dateRange) = after, let date = CivilDate(iso: dateText) else {
            throw Diagnostic("expected a date such as 2026-07-01 after after", at: .statement(after.range))
        }
        _ = dateRange
        let orders = try catalog.table(table.text, at: table.range)
        var dateOption: Name?
        for item in items {
            guard item.name.text == "date", case .word(let column) = item.value else {
                throw Diagnostic("unknown option \(item.name.text); uplift takes (date COLUMN)", at: .statement(item.name.range))
            }
            dateOption = column
        }
        guard let keyIndex = orders.columnIndex(named: treated.keyColumn) else {
            throw Diagnostic("\(table.text) has no column \(treated.keyColumn) (the key of \(treatment.name.text))."
                + Suggestion.phrase(for: treated.keyColumn, among: orders.columnNames), at: .statement(table.range))
        }
        let dateIndex: Int
        if let dateOption {
            guard let index = orders.columnIndex(named: dateOption.text), orders.fields[index].type == .date else {
                throw Diagnostic("\(dateOption.text) is not a date column of \(table.text)", at: .statement(dateOption.range))
            }
            dateIndex = index
        } else {
            guard let index = orders.fields.firstIndex(where: { $0.type == .date }) else {
                throw Diagnostic("\(table.text) has no date column", at: .statement(table.range))
            }
            dateIndex = index
        }
        let buyers = try SegmentOutcome.buyers(orders.columns[keyIndex], dates: orders.columns[dateIndex], after: date.days,
                                               keys: treated.keys, site: table.range)
        let heldBuyers = try SegmentOutcome.buyers(orders.columns[keyIndex], dates: orders.columns[dateIndex], after: date.days,
                                                   keys: held.keys, site: table.range)
        let uplift = try Uplift(treatment: .init(size: treated.keys.count, successes: buyers),
                                control: .init(size: held.keys.count, successes: heldBuyers))
        let overlap = SegmentDiff(treated.keys, held.keys).both
        var output = Renderer.render(uplift.table(treatmentName: treatment.text, controlName: control.text, outcome: "bought"),
                                     options: settings.render)
        output += "bought: an order in \(table.text) after \(dateText) (by \(orders.fields[dateIndex].name))\n" + uplift.summary + "\n"
        if overlap > 0 { output += "warning: \(Session.members(overlap)) are in both groups\n" }
        return Outcome(output: output)
    }

    /// `segment export NAME to "file.csv" (columns …, excel[, from TABLE])`: the members with
    /// columns looked up in a loaded table that has the key column (the first such table, or
    /// `from TABLE`). Formula-looking text is escaped; `excel` adds a BOM.
    func exportSegment(_ reference: SegmentReference, path: String, pathRange: Range<Int>, options items: [OptionItem]) throws -> Outcome {
        let version = try segmentVersion(reference)
        var fromTable: Name?
        var exportItems: [OptionItem] = []
        for item in items {
            if item.name.text == "from", case .word(let name) = item.value { fromTable = name } else { exportItems.append(item) }
        }
        let options = try CSVExportOptions(exportItems)
        var members = memberTable(version)
        let missing = (options.columns ?? []).filter { members.columnIndex(named: $0.text) == nil }
        if !missing.isEmpty {
            let source: Table
            if let fromTable {
                source = try catalog.table(fromTable.text, at: fromTable.range)
            } else {
                let wanted = missing.map(\.text) + [version.keyColumn]
                guard let name = catalog.names.first(where: { name in
                    wanted.allSatisfy { catalog[name]?.columnIndex(named: $0) != nil }
                }), let found = catalog[name] else {
                    throw Diagnostic("no loaded table has \(version.keyColumn) and \(missing.map(\.text).joined(separator: ", ")); "
                        + "load it, or name it with (from TABLE)", at: .statement(missing[0].range))
                }
                source = found
            }
            members = try SegmentOutcome.lookUp(members, keyColumn: version.keyColumn, in: source,
                                                columns: missing.map(\.text), site: pathRange)
        }
        return try export(members, to: path, pathRange: pathRange, options: options)
    }
}

/// Per-member outcomes looked up in event tables.
enum SegmentOutcome {
    /// How many members have a row in `keyColumn`/`dates` with a date strictly after `after`.
    static func buyers(_ keyColumn: Column, dates: Column, after: Int32, keys: SegmentKeys, site: Range<Int>) throws -> Int {
        let members = SegmentMembers(label: "", keys: keys)
        let keyColumn = keyColumn.widened()  // narrow integer keys read as Int64
        let dateValues = dates.data.int32Values
        var found = Set<Int>()
        switch (keys, keyColumn.data) {
        case (.integers(let sorted), .int64(let values)) where keyColumn.type == .int64:
            var bought = [Bool](repeating: false, count: sorted.count)
            for row in 0..<values.count where dateValues[row] > after && !dates.isNull(row) && !keyColumn.isNull(row) {
                if row & 0xFFFF == 0 { try Cancellation.check() }
                let key = values[row]
                guard members.contains(key) else { continue }
                let index = lowerBound(sorted, key)
                bought[index] = true
            }
            return bought.reduce(0) { $0 + ($1 ? 1 : 0) }
        case (.strings(let sorted), .string(let codes, let dictionary)):
            let table = members.membership(dictionary)
            for row in 0..<codes.count where dateValues[row] > after && !dates.isNull(row) && !keyColumn.isNull(row) {
                if table[Int(codes[row])] { found.insert(Int(codes[row])) }
            }
            _ = sorted
            return found.count
        default:
            throw Diagnostic("the key column has \(keyColumn.type) values; the segment's keys are \(keys.typeName)s",
                             at: .statement(site))
        }
    }

    static func lowerBound(_ sorted: [Int64], _ key: Int64) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// `members` with `columns` of `source` added, matched on `keyColumn` (the first row of
    /// each key; members without a row get nulls).
    /// - Complexity: O(source rows + members).
    static func lookUp(_ members: Table, keyColumn: String, in source: Table, columns: [String], site: Range<Int>) throws -> Table {
        guard let sourceKey = source.column(named: keyColumn)?.widened(),
              let memberKey = members.column(named: keyColumn)?.widened() else { return members }
        var rows = RowSelection(repeating: -1, count: members.rowCount)
        switch (memberKey.data, sourceKey.data) {
        case (.int64(let keys), .int64(let values)) where sourceKey.type == .int64:
            var first: [Int64: Int32] = [:]
            for row in (0..<values.count).reversed() where !sourceKey.isNull(row) { first[values[row]] = Int32(row) }
            for (index, key) in keys.enumerated() { rows[index] = first[key] ?? -1 }
        case (.string(let keyCodes, let keyDictionary), .string(let codes, let dictionary)):
            var first: [String: Int32] = [:]
            for row in (0..<codes.count).reversed() where !sourceKey.isNull(row) { first[dictionary[codes[row]]] = Int32(row) }
            for index in keyCodes.indices { rows[index] = first[keyDictionary[keyCodes[index]]] ?? -1 }
        default:
            throw Diagnostic("\(keyColumn) has another type in the table the columns come from", at: .statement(site))
        }
        var named: [(String, Column)] = zip(members.columnNames, members.columns).map { ($0, $1) }
        for name in columns {
            guard let column = source.column(named: name) else { continue }
            named.append((name, column.gather(rows)))
        }
        return Table(named)
    }
}
