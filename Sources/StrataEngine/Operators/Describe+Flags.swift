import StrataCore

/// The "clean before you tier" checks of `describe` (brief §8): values that are probably
/// junk or mistakes, described in one short line per column.
enum SuspiciousValues {
    /// Placeholder phone numbers people type to get past a required field.
    static func isPlaceholderPhone(_ digits: String) -> Bool {
        guard !digits.isEmpty else { return false }
        if digits.count < 7 { return true }
        if Set(digits).count == 1 { return true }                        // 00000000, 11111111111
        if "1234567890".contains(digits) || "9876543210".contains(digits) { return true }  // 123456789
        if digits.count == 11, digits.hasPrefix("1"), digits.dropFirst(3).allSatisfy({ $0 == "0" }) {
            return true                                                  // 13800000000
        }
        return false
    }

    /// The flags of one column, joined by `; `, or nil when nothing looks wrong.
    /// - Complexity: O(rows) — one pass over the codes or values.
    static func flags(_ column: Column, name: String, asOf: Int32?) -> String? {
        var notes: [String] = []
        switch column.data {
        case .string(let codes, let dictionary):
            var counts = ContiguousArray<Int>(repeating: 0, count: dictionary.count)
            var present = 0
            for row in 0..<codes.count where !column.isNull(row) {
                counts[Int(codes[row])] += 1
                present += 1
            }
            var placeholders: [Int] = []
            if ColumnNames.looksLikePhone(name) {
                placeholders = dictionary.values.indices
                    .filter { counts[$0] > 0 && isPlaceholderPhone(KeyNormalization.phoneDigits(dictionary.values[$0])) }
                    .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
                if !placeholders.isEmpty {
                    let total = placeholders.reduce(0) { $0 + counts[$1] }
                    let examples = placeholders.prefix(1).map { "\(dictionary.values[$0])×\(counts[$0])" }
                    notes.append("\(NumberText.integer(Int64(total), grouped: true)) junk phones: " + examples.joined(separator: " ") + (placeholders.count > 1 ? " …" : ""))
                }
            }
            let used = counts.filter { $0 > 0 }.count
            if used > 2, let top = counts.indices.max(by: { counts[$0] != counts[$1] ? counts[$0] < counts[$1] : $0 > $1 }) {
                let average = Double(present) / Double(used)
                if counts[top] >= 5, Double(counts[top]) > 10 * average, !placeholders.contains(top) {
                    notes.append("\(dictionary.values[top])×\(NumberText.integer(Int64(counts[top]), grouped: true)) (typical \(NumberText.integer(Int64(average.rounded()), grouped: true)))")
                }
            }
        case .int32(let days) where column.type == .date:
            if let asOf {
                let future = (0..<days.count).reduce(0) { $0 + (!column.isNull($1) && days[$1] > asOf ? 1 : 0) }
                if future > 0 { notes.append("\(NumberText.integer(Int64(future), grouped: true)) after as-of") }
            }
        case .int64(let values) where column.type != .timestamp:
            let negatives = (0..<values.count).reduce(0) { $0 + (!column.isNull($1) && values[$1] < 0 ? 1 : 0) }
            if negatives > 0 { notes.append("\(NumberText.integer(Int64(negatives), grouped: true)) negative") }
        case .int32(let values):  // narrow integers and decimals (dates are handled above)
            let negatives = (0..<values.count).reduce(0) { $0 + (!column.isNull($1) && values[$1] < 0 ? 1 : 0) }
            if negatives > 0 { notes.append("\(NumberText.integer(Int64(negatives), grouped: true)) negative") }
        case .double(let values):
            let negatives = (0..<values.count).reduce(0) { $0 + (!column.isNull($1) && values[$1] < 0 ? 1 : 0) }
            if negatives > 0 { notes.append("\(NumberText.integer(Int64(negatives), grouped: true)) negative") }
        default:
            break
        }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }
}
