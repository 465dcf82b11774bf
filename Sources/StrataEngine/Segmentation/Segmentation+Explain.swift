import StrataCore

extension RFMSpec {
    /// `rfm customer_id, order_date, amount: ntile 5, scheme default` (one explain line).
    func explain(names: [String]) -> String {
        let columns = [customer, date, amount].map { ExprText.name(at: $0, in: names) }.joined(separator: ", ")
        var options = ["\(method.rawValue) \(bins)"]
        if recencyBreaks != nil { options.append("r_breaks") }
        if frequencyBreaks != nil { options.append("f_breaks") }
        if monetaryBreaks != nil { options.append("m_breaks") }
        if nested { options.append("nested") }
        if distinctDays { options.append("distinct_days") }
        if averageAmount { options.append("avg") }
        options.append("scheme \(scheme.name)")
        return "rfm \(columns) as of \(CivilDate(days: asOf)): " + options.joined(separator: ", ")
    }
}

extension ABCSpec {
    /// `abc monetary: a 0.8, b 0.95`
    func explain(names: [String]) -> String {
        let limitsText = zip(labels, limits).map { "\($0.0.lowercased()) \(NumberText.double($0.1))" }
        return "abc \(ExprText.name(at: column, in: names)): " + limitsText.joined(separator: ", ")
    }
}
