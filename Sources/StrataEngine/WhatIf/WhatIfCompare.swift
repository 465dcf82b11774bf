import StrataCore
import StrataLang

/// The tables of `whatif … compare P = A vs P = B [by COL]` and `whatif … movers …`, built
/// from the matched rows of the two runs (``WhatIfSides``).
enum WhatIfCompare {
    /// Side numbers of a row: in both results, only in the first, only in the second.
    static let both = 0, onlyLeft = 1, onlyRight = 2

    /// Without `by`: three rows (`both`, `only T = 60`, `only T = 90`) with the count and the
    /// money column's sum. With `by COL`: one row per value of COL (sorted, nulls last) with
    /// the three counts and the sums of the rows only in one result.
    /// - Complexity: O(rows) plus a sort of the groups.
    static func table(_ sides: WhatIfSides, by: Name?, money chosen: Name?, range: Range<Int>) throws -> Table {
        let countName = WhatIfSum.countName(for: sides.left.fields)
        let money = try WhatIfSum.moneyField(in: sides.left.fields, chosen: chosen)
        let titles = ["both", "only \(sides.leftLabel)", "only \(sides.rightLabel)"]
        let keyColumn: Column?
        if let by {
            guard let left = sides.left.column(named: by.text), let right = sides.right.column(named: by.text) else {
                throw Diagnostic("column \"\(by.text)\" not found in the pipeline's result."
                    + Suggestion.phrase(for: by.text, among: sides.left.fields.map(\.name)), at: .statement(by.range))
            }
            keyColumn = try combined(left, right, sides, name: by.text, range: by.range)
        } else {
            keyColumn = nil
        }
        let moneyColumn = try money.map { field -> Column in
            guard let left = sides.left.column(named: field.name), let right = sides.right.column(named: field.name) else {
                throw Diagnostic("column \"\(field.name)\" is missing from one of the two results", at: .statement(range))
            }
            return try combined(left, right, sides, name: field.name, range: range)
        }
        var side = ContiguousArray<Int8>(sides.leftInRight.lazy.map { $0 ? Int8(both) : Int8(onlyLeft) })
        side.append(contentsOf: repeatElement(Int8(onlyRight), count: sides.rightInLeft.lazy.filter { !$0 }.count))
        let groups = try keyColumn.map { try KeyEncoding.groupIds([$0], rowCount: side.count) }
            ?? GroupIds(ids: ContiguousArray(repeating: 0, count: side.count), count: 1, firstRows: [0])
        var tally = WhatIfTally(groups: groups.count)
        try tally.add(groups.ids, side, money: moneyColumn, name: money?.name ?? "", range: chosen?.range ?? range)

        guard let keyColumn, let by else {
            var named: [(String, Column)] = [("side", WhatIfTable.stringColumn(titles, validity: nil))]
            named.append((countName, WhatIfTable.column((0..<3).map { .int(Int64(tally.counts[$0])) }, type: .int64)))
            if let money {
                named.append((money.name, WhatIfTable.column((0..<3).map { tally.sum(0, $0, money.type) }, type: money.type)))
            }
            return Table(named)
        }
        var named: [(String, Column)] = [(by.text, keyColumn.gather(groups.firstRows))]
        for (index, title) in titles.enumerated() {
            named.append((unique(title, named.map(\.0)), WhatIfTable.column((0..<groups.count).map {
                .int(Int64(tally.counts[$0 * 3 + index]))
            }, type: .int64)))
        }
        if let money {
            for index in [onlyLeft, onlyRight] {
                named.append((unique("\(money.name) \(titles[index])", named.map(\.0)), WhatIfTable.column((0..<groups.count).map {
                    tally.sum($0, index, money.type)
                }, type: money.type)))
            }
        }
        return try SortOperator.run(Table(named), keys: [SortSpec(column: 0, descending: false)])
    }

    /// The rows in one result and not the other: first those only in the first result, then
    /// those only in the second, each in its result's order, with a last column `only_at`
    /// holding the setting (`T = 60`).
    /// - Complexity: O(rows × columns).
    static func movers(_ sides: WhatIfSides, range: Range<Int>) throws -> Table {
        let title = unique("only_at", sides.left.fields.map(\.name))
        func part(_ table: Table, _ found: ContiguousArray<Bool>, _ label: String) -> Table {
            let rows = RowSelection(found.indices.lazy.filter { !found[$0] }.map { Int32($0) })
            let kept = table.gather(rows)
            return Table(fields: kept.fields + [Field(name: title, type: .string)],
                         columns: kept.columns + [WhatIfTable.stringColumn(Array(repeating: label, count: rows.count), validity: nil)])
        }
        do {
            return try UnionOperator.run(part(sides.left, sides.leftInRight, sides.leftLabel),
                                         part(sides.right, sides.rightInLeft, sides.rightLabel))
        } catch let diagnostic as Diagnostic where diagnostic.location == nil {
            throw Diagnostic("the two results differ in shape: \(diagnostic.message)", at: .statement(range))
        }
    }

    /// All rows of `left`'s column, then `right`'s rows that are not in the left result.
    static func combined(_ left: Column, _ right: Column, _ sides: WhatIfSides, name: String, range: Range<Int>) throws -> Column {
        guard left.type == right.type else {
            throw Diagnostic("column \(name) is \(TypeRules.article(left.type)) at \(sides.leftLabel) and "
                + "\(TypeRules.article(right.type)) at \(sides.rightLabel)", at: .statement(range))
        }
        let rows = RowSelection(sides.rightInLeft.indices.lazy.filter { !sides.rightInLeft[$0] }.map { Int32($0) })
        return UnionOperator.concatenate(left, right.gather(rows))
    }

    /// `title`, or `title_` (…) when one of `names` already is that.
    static func unique(_ title: String, _ names: [String]) -> String {
        var result = title
        while names.contains(result) { result += "_" }
        return result
    }
}

/// Counts and exact sums per group and side (`group * 3 + side`).
struct WhatIfTally {
    var counts: [Int]
    var units: [Int128]
    var doubles: [Double]

    init(groups: Int) {
        counts = Array(repeating: 0, count: groups * 3)
        units = Array(repeating: 0, count: groups * 3)
        doubles = Array(repeating: 0, count: groups * 3)
    }

    /// Tallies every row; money nulls are skipped.
    mutating func add(_ ids: ContiguousArray<Int32>, _ side: ContiguousArray<Int8>, money: Column?, name: String,
                      range: Range<Int>) throws {
        try KeyEncoding.chunked(side.count) { rows in
            for row in rows { counts[Int(ids[row]) * 3 + Int(side[row])] += 1 }
        }
        guard let money else { return }
        let validity = money.validity
        switch money.data {
        case .int64(let values):
            try KeyEncoding.chunked(side.count) { rows in
                for row in rows where validity?[row] ?? true {
                    units[Int(ids[row]) * 3 + Int(side[row])] += Int128(values[row])
                }
            }
            for total in units { _ = try WhatIfSum.narrow(total, name: name, range: range) }
        case .int32(let values) where money.isNarrow:
            try KeyEncoding.chunked(side.count) { rows in
                for row in rows where validity?[row] ?? true {
                    units[Int(ids[row]) * 3 + Int(side[row])] += Int128(values[row])
                }
            }
        case .double(let values):
            try KeyEncoding.chunked(side.count) { rows in
                for row in rows where validity?[row] ?? true {
                    doubles[Int(ids[row]) * 3 + Int(side[row])] += values[row]
                }
            }
        default:
            break
        }
    }

    /// The sum of `group`'s rows on `side` as a value of `type`.
    func sum(_ group: Int, _ side: Int, _ type: DataType) -> Value {
        let index = group * 3 + side
        switch type {
        case .double: return .double(doubles[index])
        case .decimal(let scale): return .decimal(Int64(truncatingIfNeeded: units[index]), scale: scale)
        default: return .int(Int64(truncatingIfNeeded: units[index]))
        }
    }
}
