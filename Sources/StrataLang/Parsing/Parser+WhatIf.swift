import StrataCore

extension Parser {
    /// The most values one parameter may take.
    public static let whatIfMaxValues = 1_000
    /// The most combinations a grid may run.
    public static let whatIfMaxCombinations = 10_000

    /// `whatif PIPELINE for P in RANGE|LIST [, Q in RANGE|LIST] [(options)]`, or
    /// `whatif PIPELINE compare P = A vs P = B [by COL] [(options)]`, or
    /// `whatif PIPELINE movers P = A vs P = B [(options)]`.
    mutating func whatIf() throws(Diagnostic) -> WhatIf {
        let start = current.range.lowerBound
        advance()
        let pipeline = try self.pipeline()
        if current.word == "compare" || current.word == "movers" {
            return try whatIfComparison(pipeline, start: start)
        }
        guard current.word == "for" else {
            throw error("expected for, compare or movers after the pipeline: whatif r | where recency > T for T in 30..180 step 30")
        }
        advance()
        var parameters = [try whatIfParameter()]
        while current.isSymbol(",") {
            advance()
            let parameter = try whatIfParameter()
            if let first = parameters.first(where: { $0.name.text == parameter.name.text }) {
                throw Diagnostic("parameter \(first.name.text) is given twice", at: .statement(parameter.name.range))
            }
            parameters.append(parameter)
        }
        if parameters.count > 2 {
            throw Diagnostic("whatif takes one parameter or a grid of two", at: .statement(parameters[2].name.range))
        }
        let combinations = parameters.reduce(1) { $0 * $1.values.count }
        if combinations > Parser.whatIfMaxCombinations {
            let span = parameters[0].valuesRange.lowerBound..<parameters[parameters.count - 1].valuesRange.upperBound
            throw Diagnostic("the grid has \(combinations) combinations; at most \(Parser.whatIfMaxCombinations) run",
                             at: .statement(span))
        }
        let options = current.isSymbol("(") ? try optionGroup().items : []
        return WhatIf(pipeline: pipeline, parameters: parameters, options: options, range: start..<previousEnd)
    }

    /// `P in a..b [step s]` or `P in [v, v, …]`.
    mutating func whatIfParameter() throws(Diagnostic) -> WhatIfParameter {
        let name = try self.name(what: "a parameter name: for T in 30..180 step 30")
        guard current.word == "in" else {
            throw error("expected in after the parameter: for \(name.text) in 30..180 step 30")
        }
        advance()
        let start = current.range.lowerBound
        var values: [Literal]
        var countsDown = false
        if current.isSymbol("[") {
            advance()
            values = []
            while !current.isSymbol("]") {
                values.append(try whatIfListValue())
                if current.isSymbol(",") { advance() } else { break }
            }
            try expectSymbol("]")
            if values.isEmpty {
                throw Diagnostic("the list of values for \(name.text) is empty", at: .statement(start..<previousEnd))
            }
        } else {
            (values, countsDown) = try whatIfRange(name.text)
        }
        let range = start..<previousEnd
        if values.count > Parser.whatIfMaxValues {
            throw Diagnostic("\(name.text) takes \(values.count) values; at most \(Parser.whatIfMaxValues) run "
                + "(use a larger step)", at: .statement(range))
        }
        return WhatIfParameter(name: name, values: values, valuesRange: range, countsDownImplicitly: countsDown)
    }

    /// A number (optionally negative), string or date in a value list.
    mutating func whatIfListValue() throws(Diagnostic) -> Literal {
        switch current.kind {
        case .string(let text):
            advance()
            return .string(text)
        case .date(let text):
            advance()
            return .date(text)
        case .number:
            return .number(try whatIfInteger(allowFraction: true).text)
        case .symbol("-"):
            return .number(try whatIfInteger(allowFraction: true).text)
        default:
            throw error("expected a number, a string or a date in the list, found \(current.display)")
        }
    }

    /// `a..b [step s]` with whole numbers; counts down when the step is negative.
    mutating func whatIfRange(_ parameter: String) throws(Diagnostic) -> (values: [Literal], countsDown: Bool) {
        let start = current.range.lowerBound
        let low = try whatIfInteger(allowFraction: false)
        try expectSymbol("..")
        let high = try whatIfInteger(allowFraction: false)
        var step: Int64 = 1
        var countsDown = false
        if current.word != "step", low.value > high.value {
            // `180..30` without a step counts down by 1 (the runner warns).
            step = -1
            countsDown = true
        }
        if current.word == "step" {
            advance()
            let stepToken = current.range
            step = try whatIfInteger(allowFraction: false).value
            if step == 0 { throw Diagnostic("the step must not be 0", at: .statement(stepToken.lowerBound..<previousEnd)) }
        }
        let range = start..<previousEnd
        if (step > 0 && low.value > high.value) || (step < 0 && low.value < high.value) {
            let hint = step > 0 ? " (to count down, use a negative step: step -\(step))" : ""
            throw Diagnostic("the range \(low.value)..\(high.value) for \(parameter) is empty\(hint)", at: .statement(range))
        }
        // Count first so a huge range is refused without building it.
        let span = (Double(high.value) - Double(low.value)) / Double(step)
        guard span < Double(Parser.whatIfMaxValues) else {
            throw Diagnostic("\(parameter) takes more than \(Parser.whatIfMaxValues) values; at most "
                + "\(Parser.whatIfMaxValues) run (use a larger step)", at: .statement(range))
        }
        var values: [Literal] = []
        var value = low.value
        while step > 0 ? value <= high.value : value >= high.value {
            values.append(.number(String(value)))
            let (next, overflow) = value.addingReportingOverflow(step)
            if overflow { break }
            value = next
        }
        return (values, countsDown)
    }

    /// An optionally negative number token; whole unless `allowFraction`.
    mutating func whatIfInteger(allowFraction: Bool) throws(Diagnostic) -> (text: String, value: Int64) {
        let start = current.range.lowerBound
        var sign = ""
        if current.isSymbol("-") {
            sign = "-"
            advance()
        }
        guard case .number(let digits) = current.kind else {
            throw error("expected a number, found \(current.display)")
        }
        advance()
        let text = sign + digits
        if allowFraction, digits.contains(".") { return (text, 0) }
        guard let value = Int64(text) else {
            throw Diagnostic("expected a whole number, found \(text)", at: .statement(start..<previousEnd))
        }
        return (text, value)
    }
}
