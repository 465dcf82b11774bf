import StrataCore

/// The breaks and counts per score of one RFM run, kept by the session for `.thresholds`.
public struct RFMReport: Sendable {
    public var method: BinMethod
    public var bins: Int
    public var nested: Bool
    public var customers: Int
    public var asOf: Int32
    public var scheme: String
    /// Recency rows, then frequency, then monetary; nested ones per enclosing cell.
    public var rows: [ThresholdRow]
    /// The means `cn8` splits at (nil for other schemes).
    var means: SegmentAssignment.Means?

    /// The report as a table: dimension, [within,] score, rule, min, max, customers.
    public func table() -> Table {
        var named: [(String, Column)] = []
        func strings(_ values: [String]) -> Column {
            var dictionary = StringDictionary()
            let codes = ContiguousArray(values.map { dictionary.code(for: $0) })
            return Column(type: .string, data: .string(codes: codes, dictionary: dictionary))
        }
        func doubles(_ values: [Double?]) -> Column {
            let present = ContiguousArray(values.map { $0 != nil })
            return AggregateOutput.double(ContiguousArray(values.map { $0 ?? 0 }), present: present)
        }
        named.append(("dimension", strings(rows.map(\.dimension))))
        if nested { named.append(("within", strings(rows.map(\.within)))) }
        named.append(("score", Column(type: .int64, data: .int64(ContiguousArray(rows.map { Int64($0.score) })))))
        if method != .ntile || rows.contains(where: { $0.rule != "by rank" }) {
            named.append(("rule", strings(rows.map(\.rule))))
        }
        named.append(("min", doubles(rows.map(\.minimum))))
        named.append(("max", doubles(rows.map(\.maximum))))
        named.append(("customers", Column(type: .int64, data: .int64(ContiguousArray(rows.map { Int64($0.customers) })))))
        return Table(named)
    }

    /// `method ntile, 5 bins, 1,000 customers as of 2026-06-30, scheme default`
    public var summary: String {
        var text = "method \(method.rawValue), \(bins) bins\(nested ? " (nested)" : ""), "
            + "\(NumberText.integer(Int64(customers), grouped: true)) customers as of \(CivilDate(days: asOf)), scheme \(scheme)"
        if let means {
            text += "\nmeans: recency \(NumberText.double(means.recency)), frequency \(NumberText.double(means.frequency)), "
                + "monetary \(NumberText.double(means.monetary)) (high: recency below, frequency and monetary above)"
        }
        return text
    }
}
