import Foundation
import StrataCore

/// How `duplicates` compares keys: the way a person judges two CRM records to be the same.
///
/// - Text: surrounding spaces trimmed, runs of inner whitespace made one space, full-width
///   letters and digits (Ａ１) made ASCII, case folded. An empty result counts as missing.
/// - Phone columns (``ColumnNames/looksLikePhone(_:)``): digits only,
///   a leading `86` country code dropped from 13-digit numbers.
/// - Other types compare as they are.
enum KeyNormalization {
    /// The column with every value normalised; work is per dictionary entry, not per row.
    /// - Complexity: O(rows + distinct strings).
    static func normalize(_ column: Column, name: String) -> Column {
        guard case .string(let codes, let dictionary) = column.data else { return column }
        let phone = ColumnNames.looksLikePhone(name)
        var normalized = StringDictionary()
        var mapping = ContiguousArray<UInt32>()
        var emptyCodes = Set<UInt32>()
        mapping.reserveCapacity(dictionary.count)
        for value in dictionary.values {
            let key = phone ? phoneDigits(value) : text(value)
            let code = normalized.code(for: key)
            if key.isEmpty { emptyCodes.insert(code) }
            mapping.append(code)
        }
        var validity = column.validity ?? Bitmap(count: codes.count, value: true)
        var newCodes = ContiguousArray<UInt32>(repeating: 0, count: codes.count)
        for row in 0..<codes.count {
            let code = mapping[Int(codes[row])]
            newCodes[row] = code
            if emptyCodes.contains(code) { validity[row] = false }
        }
        return Column(type: .string, data: .string(codes: newCodes, dictionary: normalized), validity: validity)
    }

    static func text(_ value: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in value.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.unicodeScalars.append(FullWidth.ascii(scalar) ?? scalar)
        }
        return result.lowercased()
    }

    static func phoneDigits(_ value: String) -> String {
        var digits = String(String.UnicodeScalarView(value.unicodeScalars.compactMap { scalar in
            let ascii = FullWidth.ascii(scalar) ?? scalar
            return ("0"..."9").contains(ascii) ? ascii : nil
        }))
        if digits.count == 13, digits.hasPrefix("86") { digits.removeFirst(2) }
        return digits
    }
}
