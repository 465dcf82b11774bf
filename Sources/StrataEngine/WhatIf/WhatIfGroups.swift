import StrataCore
import StrataLang

/// A sweep over a pipeline that ends in `group KEY agg …`: one column per group value, holding
/// the first aggregate (`whatif value | group tier agg n = count() for A in […]`).
struct WhatIfGroups {
    var parameterNames: [String]
    var combinations: [[Value]]
    /// Group values in order of first appearance over all runs, as text (`null` for a null key).
    var groups: [String] = []
    /// Per run, the first aggregate by group text.
    var values: [[String: Value]] = []
    /// The first aggregate's type.
    var type: DataType = .int64
    /// The group key's and the first aggregate's column names (for the chart's title).
    var keyName = ""
    var valueName = ""
    /// What a run without a group's rows shows for it: 0 when the first aggregate is a count
    /// or a sum (no customers, no money), else null (an average of nothing).
    var absent: Value = .null

    /// Columns: the parameters, then one per group value (``absent`` where a run has no such group).
    var table: Table {
        var named: [(String, Column)] = []
        for (index, name) in parameterNames.enumerated() {
            named.append((name, WhatIfTable.column(combinations.map { $0.count > index ? $0[index] : .null })))
        }
        var used = Set(parameterNames)
        for group in groups {
            // A group named like a parameter (or a repeated name) gets a suffix to stay unique.
            var title = group
            while !used.insert(title).inserted { title += "_" }
            named.append((title, WhatIfTable.column(values.map { $0[group] ?? absent }, type: type)))
        }
        return Table(named)
    }
}

extension WhatIfGroups {
    /// Zero as a value of `type` (null for a type without one).
    static func zero(of type: DataType) -> Value {
        switch type {
        case .int64: .int(0)
        case .decimal(let scale): .decimal(0, scale: scale)
        case .double: .double(0)
        default: .null
        }
    }
}

extension WhatIfRunner {
    /// True when the pipeline ends in `group` with exactly one key and an aggregate.
    var endsInSingleKeyGroup: Bool {
        guard case .group(let keys, let aggregates) = request.pipeline.verbs.last?.kind else { return false }
        return keys.count == 1 && !aggregates.isEmpty
    }

    /// Runs the pipeline once per combination and spreads the first aggregate over its groups.
    /// - Complexity: one pipeline run per combination, then O(runs × groups).
    func runGrouped() throws -> WhatIfGroups {
        var result = WhatIfGroups(parameterNames: request.parameters.map(\.name.text), combinations: [])
        var known: Set<String> = []
        let additive: Bool
        if case .group(_, let aggregates)? = request.pipeline.verbs.last?.kind,
           case .call(let function, _, _)? = aggregates.first?.expr {
            additive = ["count", "count_distinct", "sum"].contains(function.text)
        } else {
            additive = false
        }
        for values in combinations {
            try Cancellation.check()
            let plan = try binder(for: values).bind(request.pipeline)
            let table = try execute(plan)
            guard table.columnCount >= 2 else { continue }
            result.type = table.fields[1].type
            result.keyName = table.fields[0].name
            result.valueName = table.fields[1].name
            if additive { result.absent = WhatIfGroups.zero(of: result.type) }
            result.combinations.append(try boundValues(values))
            var row: [String: Value] = [:]
            for index in 0..<table.rowCount {
                let key = table.columns[0].value(at: index)
                let text = key.isNull ? "null" : key.description
                if known.insert(text).inserted { result.groups.append(text) }
                row[text] = table.columns[1].value(at: index)
            }
            result.values.append(row)
        }
        return result
    }
}
