import StrataCore

/// The display rule for doubles in tables, markdown and `describe`. Never uses the locale.
///
/// - NaN and infinities: `NaN`, `inf`, `-inf`.
/// - Magnitude at least 10^15: scientific with the shortest round-trip digits (`1.5e+20`).
/// - Otherwise fixed notation rounded to at most 6 fraction digits (half away from zero,
///   applied to the shortest round-trip decimal digits, so it is the same on every machine),
///   trailing zeros dropped, `,` groups in the whole part: `1234567.125` → `1,234,567.125`,
///   `1/3` → `0.333333`, `3.0` → `3`, `-0.0` → `0`.
/// - A non-zero value that would round to 0 keeps its scientific form (`2.5e-07`), so a tiny
///   value never shows as zero.
///
/// CSV and JSON write doubles losslessly instead (``NumberText/double(_:grouped:)``).
enum DoubleText {
    static let fractionDigits = 6

    static func display(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let (negative, digits, point) = decimalDigits(of: value)
        if digits.isEmpty { return "0" }
        if abs(value) >= 1e15 { return scientific(negative: negative, digits: digits, point: point) }

        // Lay the digits out as whole part and fraction with the point at `point`.
        var laidOut = digits
        var wholeCount = point
        if wholeCount < 0 {
            laidOut.insert(contentsOf: repeatElement(UInt8(0), count: -wholeCount), at: 0)
            wholeCount = 0
        }
        if laidOut.count < wholeCount {
            laidOut.append(contentsOf: repeatElement(UInt8(0), count: wholeCount - laidOut.count))
        }
        let keep = wholeCount + fractionDigits
        if laidOut.count > keep {
            let roundUp = laidOut[keep] >= 5
            laidOut.removeSubrange(keep...)
            if roundUp {
                var index = keep - 1
                while index >= 0, laidOut[index] == 9 {
                    laidOut[index] = 0
                    index -= 1
                }
                if index >= 0 {
                    laidOut[index] += 1
                } else {
                    laidOut.insert(1, at: 0)
                    wholeCount += 1
                }
            }
        }
        var fraction = laidOut[wholeCount...]
        while let last = fraction.last, last == 0 { fraction = fraction.dropLast() }
        let whole = laidOut[..<wholeCount].drop { $0 == 0 }
        if whole.isEmpty, fraction.isEmpty {
            return scientific(negative: negative, digits: digits, point: point)
        }
        var text = negative ? "-" : ""
        text += NumberText.group(whole.isEmpty ? "0" : String(whole.map { Character(String($0)) }))
        if !fraction.isEmpty {
            text += "." + String(fraction.map { Character(String($0)) })
        }
        return text
    }

    /// Shortest round-trip digits of `value` (no leading or trailing zeros) and the position
    /// of the decimal point: value = 0.d1d2d3… × 10^point. Empty digits for zero.
    static func decimalDigits(of value: Double) -> (negative: Bool, digits: [UInt8], point: Int) {
        var text = Substring(value.magnitude.description)
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: marker)...]) ?? 0
            text = text[..<marker]
        }
        let dot = text.firstIndex(of: ".") ?? text.endIndex
        let wholePart = text[..<dot]
        let fractionPart = dot == text.endIndex ? "" : text[text.index(after: dot)...]
        var digits = (wholePart + fractionPart).compactMap { $0.wholeNumberValue.map(UInt8.init) }
        var point = wholePart.count + exponent
        while let first = digits.first, first == 0 {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
        return (value.sign == .minus && !digits.isEmpty, digits, point)
    }

    private static func scientific(negative: Bool, digits: [UInt8], point: Int) -> String {
        let exponent = point - 1
        var text = negative ? "-" : ""
        text += String(digits[0])
        if digits.count > 1 { text += "." + digits.dropFirst().map(String.init).joined() }
        let magnitude = String(abs(exponent))
        text += (exponent < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" : "") + magnitude
        return text
    }
}
