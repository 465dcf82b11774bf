/// The physical buffer behind a column: one contiguous typed array, no per-cell boxing.
public enum ColumnData: Sendable {
    /// `int64`, `decimal` (scaled) and `timestamp` (microseconds) columns.
    case int64(ContiguousArray<Int64>)
    /// `date` columns: days since 1970-01-01; also the narrow storage of `int64` and `decimal`
    /// columns whose values all fit in 32 bits (see ``Column/narrowed()``).
    case int32(ContiguousArray<Int32>)
    case double(ContiguousArray<Double>)
    case bool(ContiguousArray<Bool>)
    /// Dictionary-encoded strings: `codes[row]` indexes `dictionary`; the codes are stored
    /// 8, 16 or 32 bits wide (see ``DictionaryCodes``).
    case string(codes: DictionaryCodes, dictionary: StringDictionary)

    /// Dictionary-encoded strings with 32-bit codes (narrowed later by ``Column/narrowed()``).
    public static func string(codes: ContiguousArray<UInt32>, dictionary: StringDictionary) -> ColumnData {
        .string(codes: .uint32(codes), dictionary: dictionary)
    }

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
        case .string(let codes, _): codes.elementSize
        }
    }

    /// The values as `Int64`: the buffer itself for `.int64`, a widened copy for `.int32`
    /// (narrow integer or decimal storage), empty for other storage. For cold paths; hot
    /// loops read the narrow buffer directly.
    /// - Complexity: O(1) for `.int64`, O(count) for `.int32`.
    public var int64Values: ContiguousArray<Int64> {
        switch self {
        case .int64(let values): return values
        case .int32(let values):
            return ContiguousArray<Int64>(unsafeUninitializedCapacity: values.count) { buffer, initialized in
                values.withUnsafeBufferPointer { source in
                    for index in source.indices { buffer[index] = Int64(source[index]) }
                }
                initialized = values.count
            }
        default: return []
        }
    }
}
