/// The physical buffer behind a column: one contiguous typed array, no per-cell boxing.
public enum ColumnData: Sendable {
    /// `int64`, `decimal` (scaled) and `timestamp` (microseconds) columns.
    case int64(ContiguousArray<Int64>)
    /// `date` columns: days since 1970-01-01.
    case int32(ContiguousArray<Int32>)
    case double(ContiguousArray<Double>)
    case bool(ContiguousArray<Bool>)
    /// Dictionary-encoded strings: `codes[row]` indexes `dictionary`.
    case string(codes: ContiguousArray<UInt32>, dictionary: StringDictionary)

    public var count: Int {
        switch self {
        case .int64(let values): values.count
        case .int32(let values): values.count
        case .double(let values): values.count
        case .bool(let values): values.count
        case .string(let codes, _): codes.count
        }
    }

    /// Bytes one row takes in the buffer (the dictionary of a string column not counted).
    public var elementSize: Int {
        switch self {
        case .int64: MemoryLayout<Int64>.stride
        case .int32: MemoryLayout<Int32>.stride
        case .double: MemoryLayout<Double>.stride
        case .bool: MemoryLayout<Bool>.stride
        case .string: MemoryLayout<UInt32>.stride
        }
    }
}

/// The distinct strings of one column, in first-seen order. Codes are indexes into `values`.
public struct StringDictionary: Sendable {
    public private(set) var values: ContiguousArray<String>
    private var index: [String: UInt32]

    public init() {
        values = []
        index = [:]
    }

    public init<S: Sequence>(_ strings: S) where S.Element == String {
        self.init()
        for string in strings { _ = code(for: string) }
    }

    public var count: Int { values.count }

    public subscript(code: UInt32) -> String { values[Int(code)] }

    /// Makes room for `count` distinct strings, so a bulk build (the CSV loader) does not
    /// rehash the index as it grows.
    public mutating func reserveCapacity(_ count: Int) {
        values.reserveCapacity(count)
        index.reserveCapacity(count)
    }

    /// The code of `string`, adding it when new.
    public mutating func code(for string: String) -> UInt32 {
        if let existing = index[string] { return existing }
        let code = UInt32(values.count)
        values.append(string)
        index[string] = code
        return code
    }

    /// The code of `string` if present.
    public func existingCode(for string: String) -> UInt32? { index[string] }
}
