import StrataCore

/// One of recency, frequency, monetary.
enum RFMDimension: String, CaseIterable, Sendable {
    case recency, frequency, monetary

    var letter: String { String(rawValue.prefix(1)) }
    /// Recency scores the other way round: the most recent customers get the highest score.
    var lowerIsBetter: Bool { self == .recency }
}

/// How one dimension is binned: ntile, breaks computed from the data, or given breaks.
enum BinRule: Sendable {
    case ntile(bins: Int)
    case quantile(bins: Int)
    case rpackage(bins: Int)
    /// Inner breaks, ascending; `breaks.count + 1` scores; a break belongs to the bin below it.
    case breaks([Double])

    var scoreCount: Int {
        switch self {
        case .ntile(let bins), .quantile(let bins), .rpackage(let bins): bins
        case .breaks(let breaks): breaks.count + 1
        }
    }
}

/// The scores of one dimension, with what `.thresholds` shows and what went wrong.
struct DimensionScores {
    var scores: ContiguousArray<Int64>
    var scoreCount: Int
    var rows: [ThresholdRow]
    var warning: String?
}

/// One line of `.thresholds`: the customers holding one score (within one nested partition).
public struct ThresholdRow: Sendable, Equatable {
    public var dimension: String
    /// The enclosing scores for nested binning ("r 5", "r 5, f 3"); empty otherwise.
    public var within: String
    public var score: Int
    /// The interval as a condition (`30 < recency <= 90`), or `by rank` for ntile.
    public var rule: String
    public var customers: Int
    /// Smallest and largest value among those customers; nil when there are none.
    public var minimum: Double?
    public var maximum: Double?
}

enum RFMBinning {
    /// Scores of `values` (one per customer) under `rule`, separately within each partition
    /// (`partitions` = a partition id per customer, labelled by `partitionLabels`).
    ///
    /// Customers are ordered once by (partition, value, customer key) with
    /// ``SortOperator/order(_:keys:limit:)``; ntile splits each partition's run of that order
    /// as SQL `NTILE` does, the quantile methods read their breaks off the sorted values.
    /// - Complexity: O(n) radix sort plus O(n log breaks) to place values between breaks.
    static func score(_ dimension: RFMDimension, column: Column, values: ContiguousArray<Double>, keys: Column,
                      rule: BinRule, partitions: ContiguousArray<Int64>?, partitionLabels: [String]) throws -> DimensionScores {
        let count = values.count
        var fields: [Field] = [], columns: [Column] = [], sortKeys: [SortSpec] = []
        if let partitions {
            fields.append(Field(name: "partition", type: .int64))
            columns.append(Column(type: .int64, data: .int64(partitions)))
        }
        let descending: Bool
        if case .ntile = rule { descending = dimension.lowerIsBetter } else { descending = false }
        fields += [Field(name: "value", type: column.type), Field(name: "key", type: keys.type)]
        columns += [column, keys]
        for index in fields.indices {
            sortKeys.append(SortSpec(column: index, descending: fields[index].name == "value" && descending))
        }
        let order = try SortOperator.order(Table(fields: fields, columns: columns), keys: sortKeys, limit: nil)

        var result = DimensionScores(scores: ContiguousArray(repeating: 1, count: count), scoreCount: rule.scoreCount,
                                     rows: [], warning: nil)
        var emptyScores = 0, totalScores = 0
        var worstRun: (span: Int, length: Int, value: Double, first: Int, last: Int)?
        var start = 0
        while start < count {
            var end = start + 1
            if let partitions {
                let partition = partitions[Int(order[start])]
                while end < count, partitions[Int(order[end])] == partition { end += 1 }
            } else {
                end = count
            }
            let slice = order[start..<end]
            let label = partitions.map { partitionLabels[Int($0[Int(order[start])])] } ?? ""
            let intervals = try assign(dimension, slice: slice, values: values, rule: rule, scores: &result.scores)
            // Rows of .thresholds and the checks for empty scores and split ties.
            var counts = [Int](repeating: 0, count: rule.scoreCount + 1)
            var minimums = [Double?](repeating: nil, count: rule.scoreCount + 1)
            var maximums = [Double?](repeating: nil, count: rule.scoreCount + 1)
            for row in slice {
                let score = Int(result.scores[Int(row)]), value = values[Int(row)]
                counts[score] += 1
                minimums[score] = min(minimums[score] ?? value, value)
                maximums[score] = max(maximums[score] ?? value, value)
            }
            for score in 1...rule.scoreCount {
                result.rows.append(ThresholdRow(dimension: dimension.rawValue, within: label, score: score,
                                                rule: intervals[score - 1], customers: counts[score],
                                                minimum: minimums[score], maximum: maximums[score]))
                totalScores += 1
                if counts[score] == 0 { emptyScores += 1 }
            }
            if case .ntile = rule {
                var runStart = slice.startIndex
                while runStart < slice.endIndex {
                    var runEnd = runStart + 1
                    let value = values[Int(slice[runStart])]
                    while runEnd < slice.endIndex, values[Int(slice[runEnd])] == value { runEnd += 1 }
                    let first = Int(result.scores[Int(slice[runStart])]), last = Int(result.scores[Int(slice[runEnd - 1])])
                    let span = abs(last - first), length = runEnd - runStart
                    // A few equal values at a boundary are ntile's nature; warn when they fill
                    // more than half a score.
                    if span > 0, length * 2 * rule.scoreCount > slice.count, worstRun.map({ ($0.span, $0.length) < (span, length) }) ?? true {
                        worstRun = (span, length, value, min(first, last), max(first, last))
                    }
                    runStart = runEnd
                }
            }
            start = end
        }
        let scope = dimension.rawValue + (partitions == nil ? "" : dimension == .frequency ? " (within each r)" : " (within each r, f)")
        if let worstRun {
            result.warning = "\(scope): equal values cross score boundaries (e.g. \(NumberText.integer(Int64(worstRun.length), grouped: true)) customers with \(dimension.rawValue) \(NumberText.double(worstRun.value)) get scores \(worstRun.first) to \(worstRun.last), ordered by customer key); method quantile keeps equal values together"
        } else if emptyScores > 0, count > 0 {
            let why: String
            if case .ntile = rule { why = "there are fewer customers than scores" }
            else { why = "many customers share a value, so breaks coincide" }
            result.warning = "\(scope): \(emptyScores) of \(totalScores) scores hold no customer (\(why)); see .thresholds"
        }
        return result
    }

    /// Scores the customers of one partition (`slice`, in sorted order) and returns the
    /// interval text of each score.
    private static func assign(_ dimension: RFMDimension, slice: ArraySlice<Int32>, values: ContiguousArray<Double>,
                               rule: BinRule, scores: inout ContiguousArray<Int64>) throws -> [String] {
        let name = dimension.rawValue
        let n = slice.count, scoreCount = rule.scoreCount
        switch rule {
        case .ntile(let bins):
            // SQL NTILE: the first n % bins buckets hold one row more.
            let small = n / bins, remainder = n % bins
            for (position, row) in slice.enumerated() {
                let bucket = position < remainder * (small + 1)
                    ? position / (small + 1)
                    : remainder + (position - remainder * (small + 1)) / max(small, 1)
                scores[Int(row)] = Int64(bucket + 1)
            }
            return [String](repeating: "by rank", count: bins)
        case .quantile(let bins), .rpackage(let bins):
            let sorted = slice.map { values[Int($0)] }
            var breaks: [Double] = []
            for k in 1..<max(bins, 1) { breaks.append(quantile7(sorted, Double(k) / Double(bins))) }
            let rpackage: Bool
            if case .rpackage = rule { rpackage = true; breaks = breaks.map { $0 + 1 } } else { rpackage = false }
            place(slice, values: values, breaks: breaks, inclusiveBelow: !rpackage, lowerIsBetter: dimension.lowerIsBetter,
                  scores: &scores)
            return intervals(name, breaks: breaks, inclusiveBelow: !rpackage, lowerIsBetter: dimension.lowerIsBetter,
                             scoreCount: scoreCount)
        case .breaks(let breaks):
            place(slice, values: values, breaks: breaks, inclusiveBelow: true, lowerIsBetter: dimension.lowerIsBetter,
                  scores: &scores)
            return intervals(name, breaks: breaks, inclusiveBelow: true, lowerIsBetter: dimension.lowerIsBetter,
                             scoreCount: scoreCount)
        }
    }

    /// Bin = 1 + the number of breaks below the value (`inclusiveBelow`: a value equal to a
    /// break stays in the lower bin, `(lo, hi]`; otherwise it moves up, `[lo, hi)`).
    private static func place(_ slice: ArraySlice<Int32>, values: ContiguousArray<Double>, breaks: [Double],
                              inclusiveBelow: Bool, lowerIsBetter: Bool, scores: inout ContiguousArray<Int64>) {
        let scoreCount = breaks.count + 1
        for row in slice {
            let value = values[Int(row)]
            var low = 0, high = breaks.count
            while low < high {
                let middle = (low + high) / 2
                if inclusiveBelow ? breaks[middle] < value : breaks[middle] <= value { low = middle + 1 } else { high = middle }
            }
            let bin = low + 1
            scores[Int(row)] = Int64(lowerIsBetter ? scoreCount + 1 - bin : bin)
        }
    }

    /// The interval of each score (index = score - 1) as a condition on `name`.
    private static func intervals(_ name: String, breaks: [Double], inclusiveBelow: Bool, lowerIsBetter: Bool,
                                  scoreCount: Int) -> [String] {
        let below = inclusiveBelow ? "<=" : "<", above = inclusiveBelow ? "<" : "<="
        var texts: [String] = []
        for bin in 1...scoreCount {
            let lower = bin >= 2 ? shown(breaks[bin - 2]) : nil
            let upper = bin <= breaks.count ? shown(breaks[bin - 1]) : nil
            switch (lower, upper) {
            case (nil, let upper?): texts.append("\(name) \(below) \(upper)")
            case (let lower?, nil): texts.append("\(name) \(inclusiveBelow ? ">" : ">=") \(lower)")
            case (let lower?, let upper?): texts.append("\(lower) \(above) \(name) \(below) \(upper)")
            case (nil, nil): texts.append("all")
            }
        }
        return lowerIsBetter ? texts.reversed() : texts
    }

    /// A break as text, rounded to 6 decimals (interpolation leaves binary noise).
    static func shown(_ value: Double) -> String {
        NumberText.double((value * 1e6).rounded() / 1e6)
    }

    /// R's type-7 quantile (numpy's default) of ascending `sorted`: linear interpolation
    /// between the values at ranks ⌊h⌋ and ⌈h⌉, h = (n - 1) p.
    static func quantile7(_ sorted: [Double], _ probability: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let h = Double(sorted.count - 1) * probability
        let lower = Int(h.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
