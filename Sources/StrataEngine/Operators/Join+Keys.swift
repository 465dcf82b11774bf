import StrataCore

/// Receives one join key pair as codes in a shared space: equal codes ⇔ equal values; `nil`
/// for a null or a value that cannot match.
protocol JoinCodesVisitor {
    associatedtype Result
    /// `cardinality`: every right code is below it; nil when the codes are sparse.
    func visit<Left: RowCodes, Right: RowCodes>(left: Left, right: Right, cardinality: UInt64?) throws -> Result
}

/// Codes precomputed for a multi-column key; `UInt64.max` = cannot match.
struct JoinPackedCodes: RowCodes {
    let codes: ContiguousArray<UInt64>

    @inline(__always)
    func code(_ row: Int) -> UInt64? {
        let code = codes[row]
        return code == .max ? nil : code
    }
}

enum JoinKeys {
    /// Calls `visitor` with the codes of `left` and `right` in one code space. Integers are
    /// offset by the right side's minimum; a left string dictionary is mapped onto the right
    /// one once (not per row); integer and decimal keys of different scales are compared at
    /// the larger scale.
    /// - Throws: `Diagnostic` when the two types cannot be compared.
    static func visit<V: JoinCodesVisitor>(_ left: Column, _ right: Column, _ visitor: V) throws -> V.Result {
        // Two narrow keys of one type join as Int32 below; a narrow key meeting a wide one or
        // another type is widened (one copy of the key column) and joins as Int64.
        if left.isNarrow || right.isNarrow, !(left.isNarrow && right.isNarrow && left.type == right.type) {
            return try visit(left.widened(), right.widened(), visitor)
        }
        switch (left.data, right.data) {
        case (.int64(let leftValues), .int64(let rightValues)):
            if left.type != right.type {
                guard let leftScale = scale(left.type), let rightScale = scale(right.type) else { break }
                let target = max(leftScale, rightScale)
                return try visit(rescaled(left, leftValues, by: target - leftScale, type: .decimal(scale: target)),
                                 rescaled(right, rightValues, by: target - rightScale, type: .decimal(scale: target)),
                                 visitor)
            }
            let (minimum, maximum) = KeyEncoding.range(rightValues, right.validity) ?? (0, 0)
            let span = UInt64(bitPattern: maximum &- minimum)
            return try visitor.visit(left: Int64Codes(values: leftValues, minimum: minimum, validity: left.validity),
                                     right: Int64Codes(values: rightValues, minimum: minimum, validity: right.validity),
                                     cardinality: span < 1 << 62 ? span + 1 : nil)
        case (.int32(let leftValues), .int32(let rightValues)) where left.type == right.type:
            let (minimum, maximum) = KeyEncoding.range(rightValues, right.validity) ?? (0, 0)
            return try visitor.visit(left: Int32Codes(values: leftValues, minimum: minimum, validity: left.validity),
                                     right: Int32Codes(values: rightValues, minimum: minimum, validity: right.validity),
                                     cardinality: UInt64(Int64(maximum) - Int64(minimum)) + 1)
        case (.string(let leftCodes, let leftDictionary), .string(let rightCodes, let rightDictionary)):
            let translation = ContiguousArray(leftDictionary.values.lazy.map { rightDictionary.existingCode(for: $0) ?? .max })
            return try leftCodes.withCodes(JoinStrings(visitor: visitor, translation: translation, leftValidity: left.validity,
                                                       right: rightCodes, rightValidity: right.validity,
                                                       cardinality: UInt64(rightDictionary.count)))
        case (.bool(let leftValues), .bool(let rightValues)):
            return try visitor.visit(left: BoolCodes(values: leftValues, validity: left.validity),
                                     right: BoolCodes(values: rightValues, validity: right.validity), cardinality: 2)
        case (.double(let leftValues), .double(let rightValues)):
            return try visitor.visit(left: DoubleCodes(values: leftValues, validity: left.validity),
                                     right: DoubleCodes(values: rightValues, validity: right.validity), cardinality: nil)
        default:
            break
        }
        throw Diagnostic("cannot join a \(left.type) key with a \(right.type) key")
    }

    private static func scale(_ type: DataType) -> Int? {
        switch type {
        case .int64: 0
        case .decimal(let scale): scale
        default: nil
        }
    }

    /// The values × 10^digits; a value that overflows becomes null (it equals no stored key).
    private static func rescaled(_ column: Column, _ values: ContiguousArray<Int64>, by digits: Int, type: DataType) -> Column {
        guard digits > 0 else { return Column(type: type, data: .int64(values), validity: column.validity) }
        var factor: Int64 = 1
        for _ in 0..<digits { factor = factor &* 10 }
        var validity = column.validity ?? Bitmap(count: values.count, value: true)
        var result = ContiguousArray<Int64>(repeating: 0, count: values.count)
        for row in values.indices {
            let (scaled, overflow) = values[row].multipliedReportingOverflow(by: factor)
            if overflow { validity[row] = false } else { result[row] = scaled }
        }
        return Column(type: type, data: .int64(result), validity: validity)
    }
}

/// One key pair of a multi-column join as dense codes: right values numbered in order,
/// left values looked up (absent → `UInt64.max`, cannot match).
struct JoinDenseVisitor: JoinCodesVisitor {
    let leftCount: Int
    let rightCount: Int

    func visit<Left: RowCodes, Right: RowCodes>(left: Left, right: Right, cardinality: UInt64?) throws
        -> (left: ContiguousArray<UInt64>, right: ContiguousArray<UInt64>, cardinality: UInt64) {
        var map = UInt64HashMap(expected: min(rightCount, 1 << 16))
        var rightCodes = ContiguousArray<UInt64>(repeating: .max, count: rightCount)
        var leftCodes = ContiguousArray<UInt64>(repeating: .max, count: leftCount)
        try KeyEncoding.chunked(rightCount) { rows in
            for row in rows {
                if let code = right.code(row) {
                    rightCodes[row] = UInt64(map.findOrInsert(code, Int32(truncatingIfNeeded: map.count)))
                }
            }
        }
        try KeyEncoding.chunked(leftCount) { rows in
            for row in rows {
                if let code = left.code(row) {
                    let id = map.find(code)
                    if id >= 0 { leftCodes[row] = UInt64(id) }
                }
            }
        }
        return (leftCodes, rightCodes, UInt64(max(map.count, 1)))
    }
}

/// A string key pair in the stored widths of both sides' codes (one switch per side).
private struct JoinStrings<Visitor: JoinCodesVisitor>: DictionaryCodesBody {
    let visitor: Visitor
    let translation: ContiguousArray<UInt32>
    let leftValidity: Bitmap?
    let right: DictionaryCodes
    let rightValidity: Bitmap?
    let cardinality: UInt64

    func run<Code: DictionaryCode>(_ codes: ContiguousArray<Code>) throws -> Visitor.Result {
        let left = StringCodes(codes: codes, translation: translation, validity: leftValidity)
        switch right {
        case .uint8(let codes):
            return try visitor.visit(left: left, right: StringCodes(codes: codes, translation: nil, validity: rightValidity),
                                     cardinality: cardinality)
        case .uint16(let codes):
            return try visitor.visit(left: left, right: StringCodes(codes: codes, translation: nil, validity: rightValidity),
                                     cardinality: cardinality)
        case .uint32(let codes):
            return try visitor.visit(left: left, right: StringCodes(codes: codes, translation: nil, validity: rightValidity),
                                     cardinality: cardinality)
        }
    }
}
