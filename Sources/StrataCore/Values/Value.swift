/// One boxed cell value. Used for literals, display and tests — never inside hot loops.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    /// `units` × 10^-scale, e.g. `.decimal(123450, scale: 2)` is 1234.50.
    case decimal(Int64, scale: Int)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since 1970-01-01T00:00:00.
    case timestamp(Int64)
    case string(String)

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension Value: CustomStringConvertible {
    /// The canonical text of the value: ISO dates, plain decimals with their scale, no grouping.
    public var description: String {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): NumberText.double(value)
        case .decimal(let units, let scale): NumberText.decimal(units, scale: scale)
        case .date(let days): CivilDate(days: days).description
        case .timestamp(let micros): CivilDate.timestampText(micros)
        case .string(let value): value
        }
    }
}
