import StrataCore

/// `rfm CUSTOMER, DATE, AMOUNT (options)`: one row per customer with recency, frequency,
/// monetary, their scores and a segment.
public enum RFMOperator {
    /// Scores the customers of the order rows `input` (see ``RFMSpec``). Rows without a
    /// customer or a date are skipped (with a warning); null amounts add nothing.
    ///
    /// Warnings (bins the data cannot fill, ties split by ntile, dead or overlapping rules)
    /// and the thresholds report go to `context`.
    /// - Complexity: O(orders) to group and sum (direct arrays for dense keys, an
    ///   open-addressing table otherwise) plus three O(customers) radix sorts for the scores
    ///   and O(customers × rules) for the segments.
    public static func run(_ input: Table, spec: RFMSpec, context: ExecutionContext) throws -> Table {
        let orders = try withoutMissingKeys(input, spec: spec, context: context)
        let measures = try RFMMeasures.compute(orders, spec: spec)
        let keys = orders.columns[spec.customer].gather(measures.firstRows)
        let count = measures.count
        if measures.recency.contains(where: { $0 < 0 }) {
            let later = measures.recency.filter { $0 < 0 }.count
            context.warn("recency: \(NumberText.integer(Int64(later), grouped: true)) customers ordered after the as-of date \(CivilDate(days: spec.asOf)) (negative recency); set .asof")
        }

        func rule(_ breaks: [Double]?) -> BinRule {
            if let breaks { return .breaks(breaks) }
            switch spec.method {
            case .ntile: return .ntile(bins: spec.bins)
            case .quantile: return .quantile(bins: spec.bins)
            case .rpackage: return .rpackage(bins: spec.bins)
            }
        }
        let recencyValues = ContiguousArray(measures.recency.lazy.map { Double($0) })
        let frequencyValues = ContiguousArray(measures.frequency.lazy.map { Double($0) })
        let recencyColumn = Column(type: .int64, data: .int64(measures.recency))
        let frequencyColumn = Column(type: .int64, data: .int64(measures.frequency))

        let r = try RFMBinning.score(.recency, column: recencyColumn, values: recencyValues, keys: keys,
                                     rule: rule(spec.recencyBreaks), partitions: nil, partitionLabels: [])
        var partitions: ContiguousArray<Int64>? = nil
        var labels: [String] = []
        if spec.nested {
            partitions = r.scores
            labels = (0...r.scoreCount).map { "r \($0)" }
        }
        let f = try RFMBinning.score(.frequency, column: frequencyColumn, values: frequencyValues, keys: keys,
                                     rule: rule(spec.frequencyBreaks), partitions: partitions, partitionLabels: labels)
        if spec.nested {
            let width = Int64(f.scoreCount + 1)
            partitions = ContiguousArray((0..<count).lazy.map { r.scores[$0] * width + f.scores[$0] })
            labels = (0..<(Int(width) * (r.scoreCount + 1))).map { "r \($0 / Int(width)), f \($0 % Int(width))" }
        }
        let m = try RFMBinning.score(.monetary, column: measures.monetaryColumn, values: measures.monetaryValues,
                                     keys: keys, rule: rule(spec.monetaryBreaks), partitions: partitions,
                                     partitionLabels: labels)
        for dimension in [r, f, m] { if let warning = dimension.warning { context.warn(warning) } }

        let rfm = combined(r.scores, f.scores, m.scores, largest: max(r.scoreCount, f.scoreCount, m.scoreCount))
        let scoreColumns = [r, f, m].map { Column(type: .int64, data: .int64($0.scores)) }
        let frame = Table(zip(RuleFrame.names, [recencyColumn, frequencyColumn, measures.monetaryColumn] + scoreColumns)
            .map { ($0.0, $0.1) })
        let means = SegmentAssignment.Means(recency: mean(recencyValues), frequency: mean(frequencyValues),
                                            monetary: mean(measures.monetaryValues))
        for warning in try RuleAnalysis.warnings(spec.scheme, r: r.scoreCount, f: f.scoreCount, m: m.scoreCount,
                                                 monetary: measures.monetaryColumn.type) {
            context.warn(warning)
        }
        let segments = try SegmentAssignment.apply(spec.scheme, frame: frame, means: means, monetary: measures.monetaryValues)

        context.record(RFMReport(method: spec.method, bins: spec.bins, nested: spec.nested, customers: count,
                                 asOf: spec.asOf, scheme: spec.scheme.name, rows: r.rows + f.rows + m.rows,
                                 means: spec.scheme.usesMeanSplit ? means : nil))
        // Recency, frequency, scores and the rfm code are small integers, segment names a small
        // dictionary: stored narrow.
        let columns = [keys, recencyColumn, frequencyColumn, measures.monetaryColumn].map { $0.narrowed() }
            + scoreColumns.map { $0.narrowed() } + [Column(type: .int64, data: .int64(rfm)).narrowed()]
            + segments.map { $0.narrowed() }
        return Table(fields: RFMSpec.outputFields(input: input.fields, spec: spec), columns: columns)
    }

    /// The orders whose customer and date are present; a warning counts the others.
    private static func withoutMissingKeys(_ input: Table, spec: RFMSpec, context: ExecutionContext) throws -> Table {
        let customer = input.columns[spec.customer], date = input.columns[spec.date]
        guard customer.validity != nil || date.validity != nil else { return input }
        var rows = RowSelection()
        rows.reserveCapacity(input.rowCount)
        for row in 0..<input.rowCount where !customer.isNull(row) && !date.isNull(row) {
            rows.append(Int32(truncatingIfNeeded: row))
        }
        let skipped = input.rowCount - rows.count
        if skipped == 0 { return input }
        context.warn("\(NumberText.integer(Int64(skipped), grouped: true)) order rows without \(input.fields[spec.customer].name) or \(input.fields[spec.date].name) were skipped")
        return input.gather(rows)
    }

    /// `rfm` as digits: 545 for scores up to 9; two digits per score (50405) up to 99,
    /// three from 100.
    static func combined(_ r: ContiguousArray<Int64>, _ f: ContiguousArray<Int64>, _ m: ContiguousArray<Int64>,
                         largest: Int) -> ContiguousArray<Int64> {
        let base: Int64 = largest <= 9 ? 10 : largest <= 99 ? 100 : 1000
        return ContiguousArray((0..<r.count).lazy.map { (r[$0] * base + f[$0]) * base + m[$0] })
    }

    static func mean(_ values: ContiguousArray<Double>) -> Double {
        guard !values.isEmpty else { return 0 }
        var sum = 0.0
        for value in values { sum += value }
        return sum / Double(values.count)
    }
}
