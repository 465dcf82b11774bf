/// `whatif PIPELINE for P in RANGE|LIST [, Q in …] [(options)]`: runs the pipeline once per
/// parameter value (or combination) and tabulates the results.
public struct WhatIf: Sendable, Equatable {
    public var pipeline: Pipeline
    /// One or two parameters; with two, every combination runs (a grid), the first varying
    /// slowest.
    public var parameters: [WhatIfParameter]
    /// `(sum COL, …)` after the parameters.
    public var options: [OptionItem]
    public var range: Range<Int>

    public init(pipeline: Pipeline, parameters: [WhatIfParameter], options: [OptionItem], range: Range<Int>) {
        self.pipeline = pipeline
        self.parameters = parameters
        self.options = options
        self.range = range
    }
}

/// `P in 30..180 step 30` or `P in [60, 90, 120]`, expanded to its values by the parser.
public struct WhatIfParameter: Sendable, Equatable {
    public var name: Name
    /// The values in the order written (a range counts up, or down with a negative step).
    public var values: [Literal]
    /// The text of the range or list, for carets.
    public var valuesRange: Range<Int>

    public init(name: Name, values: [Literal], valuesRange: Range<Int>) {
        self.name = name
        self.values = values
        self.valuesRange = valuesRange
    }
}
