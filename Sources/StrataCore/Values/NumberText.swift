/// Fixed, locale-independent number formatting, so outputs are identical on every machine.
public enum NumberText {
    /// `units` × 10^-scale with exactly `scale` fraction digits: `decimal(-5, scale: 2)` is `-0.05`.
    public static func decimal(_ units: Int64, scale: Int, grouped: Bool = false) -> String {
        let negative = units < 0
        let magnitude = units.magnitude
        guard scale > 0 else {
            return (negative ? "-" : "") + (grouped ? group(String(magnitude)) : String(magnitude))
        }
        var divisor: UInt64 = 1
        for _ in 0..<scale { divisor *= 10 }
        let whole = String(magnitude / divisor)
        let fraction = String(magnitude % divisor)
        let paddedFraction = String(repeating: "0", count: scale - fraction.count) + fraction
        return (negative ? "-" : "") + (grouped ? group(whole) : whole) + "." + paddedFraction
    }

    /// A grouped count and its noun: `1 row`, `2,000 rows`, `100,000 columns`.
    public static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        integer(Int64(value), grouped: true) + " " + (value == 1 ? singular : plural ?? singular + "s")
    }

    /// An integer, optionally with `,` thousands separators.
    public static func integer(_ value: Int64, grouped: Bool = false) -> String {
        guard grouped else { return String(value) }
        return (value < 0 ? "-" : "") + group(String(value.magnitude))
    }

    /// The shortest text that reads back as the same double; integers without `.0` exponent noise.
    public static func double(_ value: Double, grouped: Bool = false) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e15 {
            return integer(Int64(value), grouped: grouped)
        }
        var text = "\(value)"
        if grouped, !text.contains("e"), let dot = text.firstIndex(of: ".") {
            let sign = text.hasPrefix("-") ? "-" : ""
            let whole = text[text.index(text.startIndex, offsetBy: sign.count)..<dot]
            text = sign + group(String(whole)) + text[dot...]
        }
        return text
    }

    /// Inserts `,` every three digits from the right of a digit string.
    public static func group(_ digits: String) -> String {
        guard digits.count > 3 else { return digits }
        var result = ""
        result.reserveCapacity(digits.count + digits.count / 3)
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}
