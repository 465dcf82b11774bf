import StrataCore

/// What an `rfm CUSTOMER, DATE, AMOUNT (options)` node computes. Holds no data: column
/// indexes of the child, the as-of date, the binning rules and the segment scheme.
public struct RFMSpec: Sendable, Equatable {
    /// Columns of the child: the customer key, the order date, the amount.
    public var customer: Int
    public var date: Int
    public var amount: Int
    /// Days since 1970-01-01 that recency is measured to.
    public var asOf: Int32
    /// Scores run 1...bins (5 is best with the default bins).
    public var bins: Int
    public var method: BinMethod
    /// Explicit inner breaks per dimension (ascending); they override `method` for that one.
    public var recencyBreaks: [Double]?
    public var frequencyBreaks: [Double]?
    public var monetaryBreaks: [Double]?
    /// F binned within each R score, M within each (R, F) cell.
    public var nested: Bool
    /// Frequency counts distinct order dates instead of order rows.
    public var distinctDays: Bool
    /// Monetary is the average order amount instead of the sum.
    public var averageAmount: Bool
    public var scheme: SegmentScheme
    /// Where the verb is written (runtime errors such as overflow).
    public var range: Range<Int>

    public init(customer: Int, date: Int, amount: Int, asOf: Int32, bins: Int = 5, method: BinMethod = .ntile,
                recencyBreaks: [Double]? = nil, frequencyBreaks: [Double]? = nil, monetaryBreaks: [Double]? = nil,
                nested: Bool = false, distinctDays: Bool = false, averageAmount: Bool = false,
                scheme: SegmentScheme, range: Range<Int>) {
        self.customer = customer
        self.date = date
        self.amount = amount
        self.asOf = asOf
        self.bins = bins
        self.method = method
        self.recencyBreaks = recencyBreaks
        self.frequencyBreaks = frequencyBreaks
        self.monetaryBreaks = monetaryBreaks
        self.nested = nested
        self.distinctDays = distinctDays
        self.averageAmount = averageAmount
        self.scheme = scheme
        self.range = range
    }

    /// The type of the `monetary` column: the amount's type for a sum (exact), double for `avg`.
    static func monetaryType(amount: DataType, average: Bool) -> DataType {
        average ? .double : amount
    }

    /// Output columns: key, recency, frequency, monetary, r, f, m, rfm, segment (+ segment_en).
    static func outputFields(input: [Field], spec: RFMSpec) -> [Field] {
        var fields = [
            input[spec.customer],
            Field(name: "recency", type: .int64),
            Field(name: "frequency", type: .int64),
            Field(name: "monetary", type: monetaryType(amount: input[spec.amount].type, average: spec.averageAmount)),
            Field(name: "r", type: .int64), Field(name: "f", type: .int64), Field(name: "m", type: .int64),
            Field(name: "rfm", type: .int64),
            Field(name: "segment", type: .string),
        ]
        if spec.scheme.hasEnglishLabels { fields.append(Field(name: "segment_en", type: .string)) }
        return fields
    }
}

/// How the R, F and M values become scores.
public enum BinMethod: String, Sendable, Equatable, CaseIterable {
    /// SQL `NTILE(bins)` over the sorted customers (equal values may get different scores).
    case ntile
    /// Breaks at the type-7 value quantiles k/bins; bins are `(q[k-1], q[k]]` so equal
    /// values share a score.
    case quantile
    /// The R `rfm` package's `rfm_table_order` breaks: type-7 quantiles plus one, bins
    /// `[lower, upper)`.
    case rpackage
}

/// What an `abc COLUMN (a 0.8, b 0.95)` node computes.
public struct ABCSpec: Sendable, Equatable {
    /// The value column of the child (revenue, margin, LTV).
    public var column: Int
    /// Cumulative-share limits, ascending: A up to the first, B up to the second, C after.
    public var limits: [Double]

    public init(column: Int, limits: [Double]) {
        self.column = column
        self.limits = limits
    }

    /// The class labels: "A", "B", … one more than `limits`.
    var labels: [String] { (0...limits.count).map { String(UnicodeScalar(UInt8(65 + $0))) } }

    /// Input columns, then `cum_share` and `abc`.
    static func outputFields(input: [Field]) -> [Field] {
        input + [Field(name: "cum_share", type: .double), Field(name: "abc", type: .string)]
    }
}
