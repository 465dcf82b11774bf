/// The logical type of a column.
///
/// Physical layout per type (see ``ColumnData``):
/// - `int64`: `Int64`
/// - `decimal(scale)`: `Int64` holding the value × 10^scale, so sums are exact to the cent
/// - `date`: `Int32` days since 1970-01-01
/// - `timestamp`: `Int64` microseconds since 1970-01-01T00:00:00 (no time zone)
/// - `double`: `Double`
/// - `bool`: `Bool`
/// - `string`: `UInt32` codes into a per-column dictionary
public enum DataType: Sendable, Hashable, CustomStringConvertible {
    case int64
    case double
    case decimal(scale: Int)
    case date
    case timestamp
    case bool
    case string

    /// Largest decimal scale the store accepts (10^18 fits in Int64).
    public static let maxDecimalScale = 9

    public var description: String {
        switch self {
        case .int64: "integer"
        case .double: "double"
        case .decimal(let scale): "decimal(\(scale))"
        case .date: "date"
        case .timestamp: "timestamp"
        case .bool: "boolean"
        case .string: "string"
        }
    }

    /// True for types whose values are numbers (right-aligned in tables).
    public var isNumeric: Bool {
        switch self {
        case .int64, .double, .decimal: true
        default: false
        }
    }

    /// True for `decimal(scale)` of any scale.
    public var isDecimal: Bool {
        if case .decimal = self { return true }
        return false
    }

    /// Parses a type name as written in `types (...)` load options.
    public init?(name: String) {
        switch name.lowercased() {
        case "int", "integer", "int64", "bigint": self = .int64
        case "double", "float", "real": self = .double
        case "decimal", "money", "numeric": self = .decimal(scale: 2)
        case "date": self = .date
        case "timestamp", "datetime": self = .timestamp
        case "bool", "boolean": self = .bool
        case "string", "text", "varchar": self = .string
        default: return nil
        }
    }
}
