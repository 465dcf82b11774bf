/// `whatif PIPELINE for P in RANGE|LIST [, Q in …] [(options)]`: runs the pipeline once per
/// parameter value (or combination) and tabulates the results. With `compare P = A vs P = B
/// [by COL]` or `movers P = A vs P = B` instead of `for …`, runs it twice and matches the rows.
public struct WhatIf: Sendable, Equatable {
    public var pipeline: Pipeline
    /// One or two parameters; with two, every combination runs (a grid), the first varying
    /// slowest. In a comparison, each parameter's values are its two settings `[A, B]`.
    public var parameters: [WhatIfParameter]
    /// `(sum COL, …)` after the parameters.
    public var options: [OptionItem]
    public var range: Range<Int>
    /// `compare …` / `movers …`; nil for a sweep.
    public var comparison: WhatIfComparison?
    /// `let NAME = whatif …`: the result is kept as a table instead of printed.
    public var target: Name?

    public init(pipeline: Pipeline, parameters: [WhatIfParameter], options: [OptionItem], range: Range<Int>,
                comparison: WhatIfComparison? = nil, target: Name? = nil) {
        self.pipeline = pipeline
        self.parameters = parameters
        self.options = options
        self.range = range
        self.comparison = comparison
        self.target = target
    }
}

/// `P = A [, Q = C] vs P = B [, Q = D]`: the two settings of a comparison.
public struct WhatIfComparison: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `compare`: counts (and sums) of the rows in both results, only in A, only in B.
        case compare
        /// `movers` (or `compare … (rows)`): the rows in one result and not the other.
        case movers
    }

    public var kind: Kind
    /// `by COL`: the counts broken down by a column of the result.
    public var by: Name?
    /// The text from the first setting to the last, for carets.
    public var settingsRange: Range<Int>

    public init(kind: Kind, by: Name?, settingsRange: Range<Int>) {
        self.kind = kind
        self.by = by
        self.settingsRange = settingsRange
    }
}

/// `P in 30..180 step 30` or `P in [60, 90, 120]`, expanded to its values by the parser.
public struct WhatIfParameter: Sendable, Equatable {
    public var name: Name
    /// The values in the order written (a range counts up, or down with a negative step).
    public var values: [Literal]
    /// The text of the range or list, for carets.
    public var valuesRange: Range<Int>
    /// `a..b` written with `a > b` and no step: it counts down by 1 (the runner warns).
    public var countsDownImplicitly: Bool

    public init(name: Name, values: [Literal], valuesRange: Range<Int>, countsDownImplicitly: Bool = false) {
        self.name = name
        self.values = values
        self.valuesRange = valuesRange
        self.countsDownImplicitly = countsDownImplicitly
    }
}
