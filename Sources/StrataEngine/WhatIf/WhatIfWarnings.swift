import StrataCore
import StrataLang

/// Warnings about a `whatif` request that runs but may not say what the analyst meant;
/// printed before the result. (What cannot run at all is an error: ``WhatIfRunner/validate()``
/// and the parser.)
extension WhatIfRunner {
    /// A grid runs the pipeline this many times before a warning.
    static let warnedCombinations = 1_000

    /// Warnings known before anything runs: a large grid, a list with repeated values, a
    /// range counting down without a step, a comparison of a setting with itself.
    var warnings: [String] {
        var lines: [String] = []
        if let comparison = request.comparison {
            let (left, right) = sides
            if left == right {
                lines.append("both sides of \(comparison.kind == .movers ? "movers" : "compare") are \(label(left)): no row can move")
            }
            return lines
        }
        let runs = request.parameters.reduce(1) { $0 * $1.values.count }
        if request.parameters.count > 1, runs > WhatIfRunner.warnedCombinations {
            lines.append("the grid has \(NumberText.integer(Int64(runs), grouped: true)) combinations: "
                + "the pipeline runs \(NumberText.integer(Int64(runs), grouped: true)) times (a larger step runs fewer)")
        }
        for parameter in request.parameters {
            var seen: Set<String> = []
            var repeated: [String] = []
            for value in parameter.values {
                let text = WhatIfRunner.text(value)
                if !seen.insert(text).inserted, !repeated.contains(text) { repeated.append(text) }
            }
            if !repeated.isEmpty {
                lines.append("\(parameter.name.text) lists \(repeated.joined(separator: ", ")) more than once: "
                    + "each value runs as often as it is written")
            }
            if parameter.countsDownImplicitly, let first = parameter.values.first, let last = parameter.values.last {
                lines.append("\(parameter.name.text) in \(WhatIfRunner.text(first))..\(WhatIfRunner.text(last)) counts down "
                    + "(step -1); write step -1 to say so, or \(WhatIfRunner.text(last))..\(WhatIfRunner.text(first)) to count up")
            }
        }
        return lines
    }

    /// A warning after a sweep whose runs all gave the same result: the values probably lie
    /// outside the data (every customer is above, or below, every threshold).
    static func sameResultWarning(_ result: WhatIfResult) -> String? {
        guard result.counts.count > 1, let first = result.counts.first, result.counts.allSatisfy({ $0 == first }),
              result.sums.allSatisfy({ $0 == result.sums.first }) else { return nil }
        let parameters = result.parameterNames.joined(separator: " and ")
        let count = NumberText.integer(Int64(first), grouped: true) + " " + result.countName
        let outside = result.keyText.map { "the values may lie outside the range of \($0)" }
            ?? "the values may lie outside the range of the data"
        return "every value of \(parameters) gives the same result (\(count)): \(outside)"
    }
}
