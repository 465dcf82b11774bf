import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

/// Each operator on random tables (ties, nulls, wide and narrow keys, 0…2000 rows) against a
/// plain reference over boxed values.
@Suite("Operator properties")
struct OperatorPropertyTests {
    static let seeds: [UInt64] = Array(1...40)

    private func rowCount(_ random: inout TestRandom) -> Int {
        random.chance(20) ? random.int(0...3) : random.int(0...2000)
    }

    private static let aggregateSpecs: [(AggregateFunction, Int?)] = [
        (.count, nil), (.count, 4), (.countDistinct, 3), (.sum, 4), (.sum, 5), (.sum, 6), (.avg, 4), (.avg, 5),
        (.avg, 6), (.min, 3), (.max, 3), (.min, 5), (.max, 6), (.max, 7), (.first, 3), (.last, 5),
        (.median, 5), (.median, 6), (.quantile(0.3), 4), (.median, 7), (.share, nil),
    ]

    private func aggregates(_ table: Table) -> [NamedAggregate] {
        Self.aggregateSpecs.enumerated().map { index, spec in
            let argumentType = spec.1.map { table.fields[$0].type }
            let type: DataType
            switch spec.0 {
            case .count, .countDistinct: type = .int64
            case .avg, .share: type = .double
            case .median, .quantile: type = argumentType == .date ? .date : .double
            default: type = argumentType ?? .int64
            }
            return NamedAggregate(name: "a\(index)", function: spec.0, argument: spec.1, type: type, range: 0..<1)
        }
    }

    @Test(arguments: seeds)
    func groupByMatchesDictionaryGrouping(seed: UInt64) throws {
        var random = TestRandom(seed: seed)
        let table = RandomTables.table(&random, rows: rowCount(&random))
        let keyChoices: [[Int]] = [[], [0], [1], [2], [3], [3, 0], [2, 3, 1], [0, 1, 2, 3]]
        let keys = keyChoices[random.int(0...(keyChoices.count - 1))]
        let aggregates = aggregates(table)
        let result = try AggregateOperator.run(table, keys: keys, aggregates: aggregates)
        let expected = referenceGroupBy(table, keys: keys, aggregates: aggregates)
        #expect(result.columnNames == keys.map { table.fields[$0].name } + aggregates.map(\.name))
        #expect(result.fields.map(\.type) == keys.map { table.fields[$0].type } + aggregates.map(\.type))
        let actual = result.rows
        #expect(actual.count == expected.count, "seed \(seed)")
        for (row, (got, want)) in zip(actual, expected).enumerated() where !Reference.sameRow(got, want) {
            Issue.record("seed \(seed) keys \(keys) row \(row): \(got) != \(want)")
            break
        }
    }

    private func referenceGroupBy(_ table: Table, keys: [Int], aggregates: [NamedAggregate]) -> [[Value]] {
        let rows = table.rows
        var order: [[Value]] = []
        var members: [[Value]: [Int]] = [:]
        for (index, row) in rows.enumerated() {
            let key = keys.map { row[$0] }
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(index)
        }
        if keys.isEmpty, order.isEmpty { order = [[]] }
        return order.map { key in
            let group = members[key] ?? []
            return key + aggregates.map { aggregate in
                let values = aggregate.argument.map { argument in group.map { rows[$0][argument] }.filter { !$0.isNull } } ?? []
                return reference(aggregate, values: values, groupRows: group.count, totalRows: rows.count)
            }
        }
    }

    private func reference(_ aggregate: NamedAggregate, values: [Value], groupRows: Int, totalRows: Int) -> Value {
        switch aggregate.function {
        case .count: return .int(Int64(aggregate.argument == nil ? groupRows : values.count))
        case .countDistinct: return .int(Int64(Set(values).count))
        case .share: return totalRows == 0 ? .null : .double(Double(groupRows) / Double(totalRows))
        case .first: return values.first ?? .null
        case .last: return values.last ?? .null
        case .min: return values.min(by: Reference.less) ?? .null
        case .max: return values.max(by: Reference.less) ?? .null
        default: break
        }
        guard let sample = values.first else { return .null }
        switch aggregate.function {
        case .sum:
            switch sample {
            case .int: return .int(values.reduce(0) { if case .int(let v) = $1 { $0 + v } else { $0 } })
            case .decimal(_, let scale):
                return .decimal(values.reduce(0) { if case .decimal(let v, _) = $1 { $0 + v } else { $0 } }, scale: scale)
            default: return .double(values.map(Reference.number).reduce(0, +))
            }
        case .avg:
            return .double(values.map(Reference.number).reduce(0, +) / Double(values.count))
        case .median, .quantile:
            var p = 0.5
            if case .quantile(let q) = aggregate.function { p = q }
            if case .date = sample {
                let sorted = values.sorted(by: Reference.less)
                return sorted[Int((Double(sorted.count - 1) * p).rounded(.down))]
            }
            return .double(Reference.quantile(values.map(Reference.number).sorted(), p))
        default:
            return .null
        }
    }

    @Test(arguments: seeds)
    func sortMatchesStableSorted(seed: UInt64) throws {
        var random = TestRandom(seed: seed &+ 1000)
        let table = RandomTables.table(&random, rows: rowCount(&random))
        let keyCount = random.int(1...3)
        let keys = (0..<keyCount).map { _ in SortSpec(column: random.int(0...7), descending: random.chance(50)) }
        let rows = table.rows
        let expected = rows.indices.sorted { a, b in
            for key in keys {
                let left = rows[a][key.column], right = rows[b][key.column]
                if left == right { continue }
                if left.isNull { return false }
                if right.isNull { return true }
                if Reference.less(left, right) { return !key.descending }
                if Reference.less(right, left) { return key.descending }
            }
            return a < b
        }.map(Int32.init)
        let order = try SortOperator.order(table, keys: keys, limit: nil)
        #expect(Array(order) == expected, "seed \(seed) keys \(keys)")
        let limit = random.int(0...40)
        let top = try SortOperator.order(table, keys: keys, limit: limit)
        #expect(Array(top) == Array(expected.prefix(limit)), "seed \(seed) top \(limit)")
        #expect(try SortOperator.run(table, keys: keys).rows == expected.map { rows[Int($0)] })
    }

    @Test(arguments: seeds)
    func joinMatchesNestedLoop(seed: UInt64) throws {
        var random = TestRandom(seed: seed &+ 2000)
        let left = RandomTables.table(&random, rows: rowCount(&random) / 4)
        let right = RandomTables.table(&random, rows: rowCount(&random) / 8)
        let keyChoices: [[Int]] = [[0], [1], [2], [3], [3, 2], [0, 3], [1, 2, 3]]
        let keys = keyChoices[random.int(0...(keyChoices.count - 1))]
        let kind: JoinKind = random.chance(50) ? .left : .inner
        let result = try JoinOperator.run(left, right, leftKeys: keys, rightKeys: keys, kind: kind)

        let leftRows = left.rows, rightRows = right.rows
        let keptRight = (0..<right.columnCount).filter { !keys.contains($0) }
        var expected: [[Value]] = []
        for leftRow in leftRows {
            let matches = rightRows.filter { rightRow in
                keys.allSatisfy { !leftRow[$0].isNull && leftRow[$0] == rightRow[$0] }
            }
            for match in matches { expected.append(leftRow + keptRight.map { match[$0] }) }
            if matches.isEmpty, kind == .left { expected.append(leftRow + keptRight.map { _ in .null }) }
        }
        #expect(result.rows == expected, "seed \(seed) keys \(keys) \(kind)")
        #expect(result.columnNames == left.columnNames + keptRight.map { right.fields[$0].name + "_right" })
    }

    @Test(arguments: seeds)
    func distinctKeepsFirstOfEachRow(seed: UInt64) throws {
        var random = TestRandom(seed: seed &+ 3000)
        let full = RandomTables.table(&random, rows: rowCount(&random))
        let picked = [[0], [3, 2], [0, 1, 3], [6, 3]][random.int(0...3)]
        let table = Table(fields: picked.map { full.fields[$0] }, columns: picked.map { full.columns[$0] })
        var seen = Set<[Value]>()
        let expected = table.rows.filter { seen.insert($0).inserted }
        #expect(try DistinctOperator.run(table).rows == expected, "seed \(seed)")
    }

    @Test(arguments: seeds)
    func unionConcatenatesRows(seed: UInt64) throws {
        var random = TestRandom(seed: seed &+ 4000)
        let first = RandomTables.table(&random, rows: rowCount(&random) / 4)
        let second = RandomTables.table(&random, rows: rowCount(&random) / 4)
        let result = try UnionOperator.run(first, second)
        #expect(result.rows == first.rows + second.rows, "seed \(seed)")
        #expect(result.columnNames == first.columnNames)
    }
}
