import StrataCore

extension ScoreSpec {
    /// `score by customer_id, kind kind, date date as of 2026-06-30: rules "…" (5 kinds), decay […], bands […]`
    func explain(names: [String]) -> String {
        "score by \(ExprText.name(at: key, in: names)), kind \(ExprText.name(at: kind, in: names)), "
            + "date \(ExprText.name(at: date, in: names)) as of \(Value.date(asOf).description): " + summary
    }
}

extension ClusterSpec {
    /// `cluster 4 on recency, frequency (log, standardize, seed 7, restarts 10)`
    func explain(names: [String]) -> String {
        var options: [String] = []
        if log { options.append("log") }
        if standardize { options.append("standardize") }
        options += ["seed \(seed)", "restarts \(restarts)", "iterations \(maxIterations)"]
        return "cluster \(k) on " + columns.map { ExprText.name(at: $0, in: names) }.joined(separator: ", ")
            + " (" + options.joined(separator: ", ") + ")"
    }

    /// The input columns, `cluster` replacing a same-named column or appended.
    static func outputFields(input: [Field], spec: ClusterSpec) -> [Field] {
        var fields = input
        let field = Field(name: "cluster", type: .int64)
        if spec.output < fields.count { fields[spec.output] = field } else { fields.append(field) }
        return fields
    }
}
