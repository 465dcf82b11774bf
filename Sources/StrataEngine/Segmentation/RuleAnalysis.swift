import StrataCore

/// Checks a score-based rule table over every (r, f, m) cell: rules that can never match
/// because earlier rules take all their cells, rules that overlap earlier ones, and cells no
/// rule matches. No RFM tool we know of tells its users about these.
enum RuleAnalysis {
    /// The score cube `1...r × 1...f × 1...m` as a rule frame (recency, frequency, monetary
    /// are zero: score-based rules do not read them). Cell order: r, then f, then m.
    static func cube(r: Int, f: Int, m: Int, monetary: DataType) -> Table {
        let cells = r * f * m
        var rs = ContiguousArray<Int64>(), fs = ContiguousArray<Int64>(), ms = ContiguousArray<Int64>()
        rs.reserveCapacity(cells); fs.reserveCapacity(cells); ms.reserveCapacity(cells)
        for rScore in 1...max(r, 1) where r > 0 {
            for fScore in 1...max(f, 1) where f > 0 {
                for mScore in 1...max(m, 1) where m > 0 {
                    rs.append(Int64(rScore)); fs.append(Int64(fScore)); ms.append(Int64(mScore))
                }
            }
        }
        let zeros = Column(type: .int64, data: .int64(ContiguousArray(repeating: 0, count: cells)))
        let monetaryZeros: Column = switch monetary {
        case .double: Column(type: .double, data: .double(ContiguousArray(repeating: 0, count: cells)))
        default: Column(type: monetary, data: .int64(ContiguousArray(repeating: 0, count: cells)))
        }
        return Table(zip(RuleFrame.names, [zeros, zeros, monetaryZeros,
                                           Column(type: .int64, data: .int64(rs)),
                                           Column(type: .int64, data: .int64(fs)),
                                           Column(type: .int64, data: .int64(ms))]).map { ($0.0, $0.1) })
    }

    /// Per rule, which cells of `cube` it matches.
    static func coverage(_ scheme: SegmentScheme, cube: Table) throws -> [ContiguousArray<Bool>] {
        let means = SegmentAssignment.Means(recency: 0, frequency: 0, monetary: 0)
        let zeros = ContiguousArray<Double>(repeating: 0, count: cube.rowCount)
        return try scheme.rules.map { try SegmentAssignment.matches($0.condition, frame: cube, means: means, monetary: zeros) }
    }

    /// Warnings about `scheme` over scores `1...r`, `1...f`, `1...m` (empty for a table that
    /// gives every cell exactly one rule and uses every rule). Nil analysis for schemes that
    /// read more than the scores.
    static func warnings(_ scheme: SegmentScheme, r: Int, f: Int, m: Int, monetary: DataType = .double) throws -> [String] {
        guard scheme.isScoreBased, r * f * m > 0, r * f * m <= 1_000_000 else { return [] }
        let cube = cube(r: r, f: f, m: m, monetary: monetary)
        let coverage = try coverage(scheme, cube: cube)
        let cells = cube.rowCount
        var owner = [Int](repeating: -1, count: cells)
        var warnings: [String] = []
        let prefix = "scheme \(scheme.name): "
        func quoted(_ index: Int) -> String { "\"\(scheme.rules[index].name)\" (rule \(index + 1))" }
        for (index, rule) in scheme.rules.enumerated() {
            let covered = (0..<cells).filter { coverage[index][$0] }
            var takenBy: [Int: Int] = [:]
            for cell in covered where owner[cell] >= 0 { takenBy[owner[cell], default: 0] += 1 }
            let free = covered.filter { owner[$0] < 0 }
            let earlier = takenBy.keys.sorted()
            if covered.isEmpty {
                warnings.append(prefix + "rule \"\(rule.name)\" can never match: no score cell satisfies \(rule.condition.text)")
            } else if free.isEmpty {
                warnings.append(prefix + "rule \"\(rule.name)\" can never match: every cell it covers is taken by "
                    + list(earlier.map(quoted)))
            } else if !earlier.isEmpty, covered.count < cells {
                // (A rule covering every cell is an "otherwise": overlapping is its job.)
                let parts = earlier.map { "\(quoted($0)) in \(takenBy[$0] ?? 0) \(takenBy[$0] == 1 ? "cell" : "cells")" }
                warnings.append(prefix + "rule \"\(rule.name)\" overlaps " + list(parts) + "; the earlier rule wins there")
            }
            for cell in free { owner[cell] = index }
        }
        let unmatched = owner.filter { $0 < 0 }.count
        if unmatched > 0 {
            warnings.append(prefix + "\(unmatched) of \(cells) score cells match no rule; their customers are \"\(scheme.otherName)\"")
        }
        return warnings
    }

    /// The rule index owning each cell (first match), `rules.count` for none.
    static func owners(_ scheme: SegmentScheme, cube: Table) throws -> [Int] {
        let coverage = try coverage(scheme, cube: cube)
        return (0..<cube.rowCount).map { cell in
            coverage.firstIndex { $0[cell] } ?? scheme.rules.count
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
