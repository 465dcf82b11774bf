import StrataCore

/// The chart under a grouped sweep (`whatif … | group KEY agg …`): for each parameter value,
/// one horizontal bar per group value, all on one scale (the largest bar is
/// ``WhatIfChart/width`` columns). Labels are aligned by display width, so Chinese group
/// names line up.
///
/// ```
/// n by A and tier
///  80,000  A │████████▌ 120
///          B │████████████████████▏ 300
/// 100,000  A │███████▉ 112
/// ```
enum WhatIfGroupChart {
    /// The chart as text; empty when the aggregate is not a number or nothing is positive.
    /// - Complexity: O(runs × groups × width).
    static func render(_ groups: WhatIfGroups) -> String {
        guard !groups.groups.isEmpty, groups.type.isNumeric else { return "" }
        let runLabels = groups.combinations.map { values -> String in
            if groups.parameterNames.count == 1 { return values.first.map(WhatIfHeat.label) ?? "" }
            return zip(groups.parameterNames, values).map { "\($0)=\(WhatIfHeat.label($1))" }.joined(separator: " ")
        }
        let numeric = groups.parameterNames.count == 1 && groups.combinations.allSatisfy { values in
            switch values.first {
            case .int, .decimal, .double: true
            default: false
            }
        }
        let largest = groups.values.flatMap { $0.values.map(WhatIfHeat.magnitude) }.max() ?? 0
        guard largest > 0 else { return "" }
        let runWidth = runLabels.map(DisplayWidth.of).max() ?? 0
        let groupWidth = groups.groups.map(DisplayWidth.of).max() ?? 0
        let parameters = groups.parameterNames.joined(separator: ", ")
        var text = "\n\(groups.valueName) by \(parameters) and \(groups.keyName)\n"
        for (run, label) in runLabels.enumerated() {
            for (index, group) in groups.groups.enumerated() {
                let runText = index == 0 ? label : ""
                text += DisplayWidth.pad(runText, to: runWidth, alignRight: numeric) + "  "
                text += DisplayWidth.pad(group, to: groupWidth) + " │"
                guard let value = groups.values[run][group] ?? Optional(groups.absent), !value.isNull else {
                    text += " NULL\n"
                    continue
                }
                text += bar(WhatIfHeat.magnitude(value), largest: largest)
                text += " " + (DisplayFormat.text(value, groupIntegers: true) ?? "") + "\n"
            }
        }
        return text
    }

    /// `value / largest` of ``WhatIfChart/width`` columns in eighths; a sliver at least for a
    /// positive value, nothing for zero or less.
    static func bar(_ value: Double, largest: Double) -> String {
        guard value > 0, largest > 0 else { return "" }
        let shown = max(Int((value / largest * Double(WhatIfChart.width * 8)).rounded()), 1)
        return String(repeating: "█", count: shown / 8) + WhatIfChart.eighths[shown % 8]
    }
}
