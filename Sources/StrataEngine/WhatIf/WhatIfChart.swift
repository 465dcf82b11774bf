import StrataCore

/// A horizontal bar chart of a sweep's counts, drawn with Unicode blocks in eighths of a
/// column, labels aligned by display width (so Chinese labels line up). Deterministic: the
/// longest bar is always ``width`` columns, whatever the terminal.
enum WhatIfChart {
    /// Columns of the longest bar.
    static let width = 40
    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The chart as text: a title line, then one bar per row; empty when there are no rows.
    /// - Complexity: O(rows × width).
    static func render(_ result: WhatIfResult) -> String {
        guard !result.counts.isEmpty else { return "" }
        let labels = result.combinations.map { values -> String in
            if result.parameterNames.count == 1 { return values.first.map(WhatIfHeat.label) ?? "" }
            return zip(result.parameterNames, values).map { "\($0)=\(WhatIfHeat.label($1))" }.joined(separator: " ")
        }
        let numeric = result.parameterNames.count == 1 && result.combinations.allSatisfy { values in
            switch values.first {
            case .int, .decimal, .double: true
            default: false
            }
        }
        let labelWidth = labels.map(DisplayWidth.of).max() ?? 0
        let largest = result.counts.max() ?? 0
        var text = "\n\(result.countName) by \(result.parameterNames.joined(separator: ", "))\n"
        for (label, count) in zip(labels, result.counts) {
            text += DisplayWidth.pad(label, to: labelWidth, alignRight: numeric) + " │"
            text += bar(count, largest: largest)
            text += " " + NumberText.integer(Int64(count), grouped: true) + "\n"
        }
        return text
    }

    /// `count / largest` of ``width`` columns, rounded to the nearest eighth.
    static func bar(_ count: Int, largest: Int) -> String {
        guard largest > 0, count > 0 else { return "" }
        let units = (count * width * 8 * 2 + largest) / (largest * 2)
        // A non-zero count always shows at least a sliver.
        let shown = max(units, 1)
        return String(repeating: "█", count: shown / 8) + eighths[shown % 8]
    }
}
