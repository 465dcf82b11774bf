/// One typed column of a table: a contiguous buffer plus an optional validity bitmap.
public struct Column: Sendable {
    public let type: DataType
    public private(set) var data: ColumnData
    /// `nil` when every row holds a value; otherwise bit `row` is set when the row is not null.
    public private(set) var validity: Bitmap?

    public init(type: DataType, data: ColumnData, validity: Bitmap? = nil) {
        precondition(Column.storageMatches(type, data), "column data does not match \(type)")
        precondition(validity == nil || validity!.count == data.count, "validity length mismatch")
        self.type = type
        self.data = data
        // A bitmap with every bit set carries no information.
        if let validity, validity.nonzeroBitCount == validity.count {
            self.validity = nil
        } else {
            self.validity = validity
        }
    }

    public var count: Int { data.count }

    @inline(__always)
    public func isNull(_ row: Int) -> Bool {
        guard let validity else { return false }
        return !validity[row]
    }

    /// Number of null rows.
    public var nullCount: Int {
        guard let validity else { return 0 }
        return validity.count - validity.nonzeroBitCount
    }

    /// The value at `row`, boxed. For display and tests; hot loops read `data` directly.
    public func value(at row: Int) -> Value {
        if isNull(row) { return .null }
        switch (type, data) {
        case (.int64, .int64(let values)): return .int(values[row])
        case (.decimal(let scale), .int64(let values)): return .decimal(values[row], scale: scale)
        case (.timestamp, .int64(let values)): return .timestamp(values[row])
        case (.date, .int32(let values)): return .date(values[row])
        case (.int64, .int32(let values)): return .int(Int64(values[row]))
        case (.decimal(let scale), .int32(let values)): return .decimal(Int64(values[row]), scale: scale)
        case (.double, .double(let values)): return .double(values[row])
        case (.bool, .bool(let values)): return .bool(values[row])
        case (.string, .string(let codes, let dictionary)): return .string(dictionary[codes[row]])
        default: preconditionFailure("column data does not match \(type)")
        }
    }

    /// The rows `range` as a new column.
    public func slice(_ range: Range<Int>) -> Column {
        let newValidity = validity.map { bitmap in
            var result = Bitmap(count: 0, value: true)
            for row in range { result.append(bitmap[row]) }
            return result
        }
        let newData: ColumnData
        switch data {
        case .int64(let values): newData = .int64(ContiguousArray(values[range]))
        case .int32(let values): newData = .int32(ContiguousArray(values[range]))
        case .double(let values): newData = .double(ContiguousArray(values[range]))
        case .bool(let values): newData = .bool(ContiguousArray(values[range]))
        case .string(let codes, let dictionary):
            newData = .string(codes: codes.map(SliceCodes(range: range)), dictionary: dictionary)
        }
        return Column(type: type, data: newData, validity: newValidity)
    }

    static func storageMatches(_ type: DataType, _ data: ColumnData) -> Bool {
        switch (type, data) {
        case (.int64, .int64), (.decimal, .int64), (.timestamp, .int64),
             (.date, .int32), (.double, .double), (.bool, .bool), (.string, .string),
             (.int64, .int32), (.decimal, .int32):  // narrow storage, see Column+Narrow
            true
        default:
            false
        }
    }
}

/// The codes of `range`.
private struct SliceCodes: DictionaryCodesTransform {
    let range: Range<Int>
    func run<Code: DictionaryCode>(_ codes: ContiguousArray<Code>) -> ContiguousArray<Code> {
        ContiguousArray(codes[range])
    }
}
