import StrataCore

/// A grid sweep (two parameters) as heat-style tables: one row per value of the first
/// parameter, one column per value of the second, each cell a shade (`░▒▓█`, by quarters of
/// the largest cell; blank for zero) before the number. One table for the counts, one for
/// the money sums. Plain text and deterministic, for table mode only: the piping modes and
/// `(chart off)` show the long form instead.
enum WhatIfHeat {
    static let shades: [Character] = ["░", "▒", "▓", "█"]

    /// The tables as text, or nil when the result is not a full grid of two parameters.
    /// - Complexity: O(combinations).
    static func render(_ result: WhatIfResult) -> String? {
        guard result.parameterNames.count == 2, !result.counts.isEmpty else { return nil }
        var rowValues: [Value] = []
        var columnValues: [Value] = []
        for values in result.combinations where values.count == 2 {
            if !rowValues.contains(values[0]) { rowValues.append(values[0]) }
            if !columnValues.contains(values[1]) { columnValues.append(values[1]) }
        }
        // Duplicate list values would collapse cells: the long form shows them instead.
        guard rowValues.count * columnValues.count == result.counts.count else { return nil }
        let corner = "\(result.parameterNames[0]) \\ \(result.parameterNames[1])"
        let rows = rowValues.map(label), columns = columnValues.map(label)
        let numericRows = rowValues.allSatisfy { if case .string = $0 { false } else { true } }
        let counts = result.counts.map { Value.int(Int64($0)) }
        var text = "\(result.countName) by \(result.parameterNames[0]) (rows) and \(result.parameterNames[1]) (columns)\n"
        text += grid(corner: corner, rows: rows, numericRows: numericRows, columns: columns, cells: counts)
        if let money = result.money, result.sums.count == result.counts.count {
            let sums: [Value] = result.sums.map { sum in
                if case .int(let units) = sum, case .decimal(let scale) = money.type { return .decimal(units, scale: scale) }
                return sum
            }
            text += "\n\(money.name) by \(result.parameterNames[0]) (rows) and \(result.parameterNames[1]) (columns)\n"
            text += grid(corner: corner, rows: rows, numericRows: numericRows, columns: columns, cells: sums)
        }
        return text
    }

    /// A parameter value as a heading (strings without quotes).
    static func label(_ value: Value) -> String {
        DisplayFormat.text(value, groupIntegers: true) ?? "NULL"
    }

    /// A box table of `cells` (row-major), each cell `shade number`, numbers right-aligned;
    /// row headings right-aligned when they are numbers or dates, else left-aligned.
    static func grid(corner: String, rows: [String], numericRows: Bool, columns: [String], cells: [Value]) -> String {
        let numbers = cells.map { DisplayFormat.text($0, groupIntegers: true) ?? "NULL" }
        let magnitudes = cells.map(magnitude)
        let largest = magnitudes.max() ?? 0
        let numberWidth = numbers.map(DisplayWidth.of).max() ?? 0
        let firstWidth = max(DisplayWidth.of(corner), rows.map(DisplayWidth.of).max() ?? 0)
        // Every cell is "shade number"; a heading wider than that widens its column.
        let widths = columns.map { max(DisplayWidth.of($0), numberWidth + 2) }
        func line(_ left: String, _ middle: String, _ right: String) -> String {
            left + String(repeating: "─", count: firstWidth + 2) + widths.map { middle + String(repeating: "─", count: $0 + 2) }.joined() + right + "\n"
        }
        var text = line("┌", "┬", "┐")
        text += "│ " + DisplayWidth.pad(corner, to: firstWidth) + " │"
            + columns.enumerated().map { " " + DisplayWidth.pad($1, to: widths[$0], alignRight: true) + " │" }.joined() + "\n"
        text += line("├", "┼", "┤")
        for (rowIndex, row) in rows.enumerated() {
            text += "│ " + DisplayWidth.pad(row, to: firstWidth, alignRight: numericRows) + " │"
            for columnIndex in columns.indices {
                let index = rowIndex * columns.count + columnIndex
                let cell = String(shade(magnitudes[index], largest: largest)) + " "
                    + DisplayWidth.pad(numbers[index], to: numberWidth, alignRight: true)
                text += " " + DisplayWidth.pad(cell, to: widths[columnIndex], alignRight: true) + " │"
            }
            text += "\n"
        }
        return text + line("└", "┴", "┘")
    }

    /// `░` up to a quarter of the largest, `▒` to half, `▓` to three quarters, `█` above;
    /// a blank for zero, negative or null.
    static func shade(_ value: Double, largest: Double) -> Character {
        guard value > 0, largest > 0 else { return " " }
        let quarter = min(max(Int((value * 4 / largest).rounded(.up)), 1), 4)
        return shades[quarter - 1]
    }

    /// A number's size for shading (0 for nulls and non-numbers).
    static func magnitude(_ value: Value) -> Double {
        switch value {
        case .int(let integer): Double(integer)
        case .double(let double): double.isFinite ? double : 0
        case .decimal(let units, let scale):
            Double(units) / (0..<scale).reduce(1.0) { total, _ in total * 10 }
        default: 0
        }
    }
}
