import StrataCore

/// Display text of values: the one formatting rule shared by the table and markdown
/// renderers and by `describe`.
///
/// - integers: `,` thousands groups unless the column name looks like an identifier or a
///   year (see ``IntegerGrouping``);
/// - decimals: full scale, always grouped (`1,234,567.50`);
/// - doubles: see ``DoubleText`` (at most 6 fraction digits, grouped);
/// - dates `2026-06-30`; timestamps `2026-06-30 13:45:00` (`.ffffff` when fractional);
/// - booleans `true` / `false`;
/// - strings with control characters escaped so a row stays one line: `\n`, `\r`, `\t`,
///   other C0/C1 controls and DEL as `\x1B`-style hex. Backslashes are kept as written.
/// Nulls have no text here (`nil`); each renderer decides how to show them.
enum DisplayFormat {
    /// The display text of `value`, or nil for null.
    static func text(_ value: Value, groupIntegers: Bool) -> String? {
        switch value {
        case .null: nil
        case .bool(let flag): flag ? "true" : "false"
        case .int(let integer): NumberText.integer(integer, grouped: groupIntegers)
        case .double(let double): DoubleText.display(double)
        case .decimal(let units, let scale): NumberText.decimal(units, scale: scale, grouped: true)
        case .date(let days): CivilDate(days: days).description
        case .timestamp(let micros): CivilDate.timestampText(micros)
        case .string(let string): escaped(string)
        }
    }

    /// `string` with control characters written as escapes, so it prints on one line.
    static func escaped(_ string: String) -> String {
        // Fast path: nothing to escape in the vast majority of cells.
        guard string.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else {
            return string
        }
        var result = ""
        result.reserveCapacity(string.utf8.count + 8)
        for scalar in string.unicodeScalars {
            switch scalar.value {
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case 0x00..<0x20, 0x7F..<0xA0: result += "\\x" + hex(scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(value >> 4)], digits[Int(value & 0xF)]])
    }
}

/// Formats the cells of one column for display, reading the typed buffer directly.
struct CellFormatter {
    let column: Column
    /// Whether integers are grouped (decided once per column from its name).
    let groupIntegers: Bool
    /// Escaped dictionary entries, precomputed when the dictionary is small.
    private let escapedDictionary: [String]?

    init(field: Field, column: Column) {
        self.column = column
        groupIntegers = IntegerGrouping.groups(columnNamed: field.name)
        if case .string(_, let dictionary) = column.data, dictionary.count <= 4096 {
            escapedDictionary = dictionary.values.map(DisplayFormat.escaped)
        } else {
            escapedDictionary = nil
        }
    }

    /// Display text of `row`, or nil when the cell is null.
    func text(row: Int) -> String? {
        if column.isNull(row) { return nil }
        switch (column.type, column.data) {
        case (.string, .string(let codes, let dictionary)):
            let code = codes[row]
            return escapedDictionary?[Int(code)] ?? DisplayFormat.escaped(dictionary[code])
        case (.int64, .int64(let values)):
            return NumberText.integer(values[row], grouped: groupIntegers)
        case (.decimal(let scale), .int64(let values)):
            return NumberText.decimal(values[row], scale: scale, grouped: true)
        case (.int64, .int32(let values)):  // narrow storage
            return NumberText.integer(Int64(values[row]), grouped: groupIntegers)
        case (.decimal(let scale), .int32(let values)):
            return NumberText.decimal(Int64(values[row]), scale: scale, grouped: true)
        default:
            return DisplayFormat.text(column.value(at: row), groupIntegers: groupIntegers)
        }
    }
}
