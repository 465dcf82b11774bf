/// One column's values for one chunk of rows, in the column's physical type.
///
/// Only the array matching the type is used. A null row holds 0 (or code 0) and is listed in
/// `nullRows`; the reader turns that list into the column's validity bitmap.
struct CSVColumnChunk {
    let type: DataType
    var int64s = ContiguousArray<Int64>()
    var int32s = ContiguousArray<Int32>()
    var doubles = ContiguousArray<Double>()
    var bools = ContiguousArray<Bool>()
    var codes = ContiguousArray<UInt32>()
    var nullRows = ContiguousArray<Int32>()
    var dictionary = CSVByteDictionary()
    /// The dictionary's texts once its hash index is no longer needed (``keepTextsOnly()``).
    var arena = ContiguousArray<UInt8>()
    var offsets: ContiguousArray<Int> = [0]
    /// Whether those texts are all different (see ``CSVByteDictionary/appendsOnly``).
    var textsDistinct = true
    /// Values still in pass 1's buffers (column `rawColumn`), used in place of the array
    /// that matches `type`; the assembler copies them out and frees them.
    var raw: CSVValueBuffers?
    var rawColumn = 0

    init(type: DataType, capacity: Int) {
        self.type = type
        switch type {
        case .int64, .decimal, .timestamp: int64s.reserveCapacity(capacity)
        case .date: int32s.reserveCapacity(capacity)
        case .double: doubles.reserveCapacity(capacity)
        case .bool: bools.reserveCapacity(capacity)
        case .string: codes.reserveCapacity(capacity)
        }
    }

    /// Keeps the dictionary's texts and frees its hash index (a third to a half of its
    /// memory), once no more codes will be looked up: before columns are assembled.
    mutating func keepTextsOnly() {
        guard dictionary.count > 0 else { return }
        arena = dictionary.arena
        offsets = dictionary.offsets
        textsDistinct = dictionary.distinct
        dictionary = CSVByteDictionary()
    }

    var count: Int {
        if let raw { return raw.count(rawColumn) }
        switch type {
        case .int64, .decimal, .timestamp: return int64s.count
        case .date: return int32s.count
        case .double: return doubles.count
        case .bool: return bools.count
        case .string: return codes.count
        }
    }

    /// Whether an integer or decimal chunk's values are raw `Int32`s (see
    /// ``CSVValueBuffers/appendNumber(_:_:)``) rather than `Int64`s.
    var isNarrow: Bool { raw.map { $0.width(rawColumn) == 4 } ?? false }

    /// The values of an array-backed chunk, or of a raw one, as `Element`s (the type's width).
    func withValues<Element: BitwiseCopyable, R>(_ array: ContiguousArray<Element>,
                                                  _ body: (UnsafeBufferPointer<Element>) -> R) -> R {
        if let raw {
            let start = raw.rawValues(rawColumn)?.assumingMemoryBound(to: Element.self)
            return body(UnsafeBufferPointer(start: start, count: raw.count(rawColumn)))
        }
        return array.withUnsafeBufferPointer(body)
    }

    @inline(__always)
    mutating func appendNull(row: Int) {
        nullRows.append(Int32(truncatingIfNeeded: row))
        switch type {
        case .int64, .decimal, .timestamp: int64s.append(0)
        case .date: int32s.append(0)
        case .double: doubles.append(0)
        case .bool: bools.append(false)
        case .string: codes.append(0)
        }
    }

    /// Parses a trimmed, non-null field of a non-string column; false (with a placeholder
    /// appended) when the text is not a value of the type.
    @inline(__always)
    mutating func appendParsed(_ base: UnsafePointer<UInt8>, _ count: Int, pattern: CSVDatePattern?) -> Bool {
        switch type {
        case .int64:
            if let value = CSVFastPath.integer(base, count) {
                int64s.append(value)
                return true
            }
            let value = CSVNumberShape(base, count).int64
            int64s.append(value ?? 0)
            return value != nil
        case .decimal(let scale):
            if let decimal = CSVFastPath.decimal(base, count),
               let value = CSVFastPath.scaled(decimal.mantissa, fractionDigits: decimal.fractionDigits, scale: scale) {
                int64s.append(value)
                return true
            }
            if let integer = CSVFastPath.integer(base, count),
               let value = CSVFastPath.scaled(integer, fractionDigits: 0, scale: scale) {
                int64s.append(value)
                return true
            }
            let value = CSVNumberShape(base, count).units(scale: scale)
            int64s.append(value ?? 0)
            return value != nil
        case .double:
            let value = CSVNumberShape(base, count).double(base, count)
            doubles.append(value ?? 0)
            return value != nil
        case .date:
            if pattern == nil, let date = CSVFastPath.isoDate(base, count) {
                let ok = date.isValid
                int32s.append(ok ? date.days : 0)
                return ok
            }
            let value = pattern?.parse(base, count) ?? CSVDateParser.parseDefault(base, count)
            let ok = value.kind == .date && value.valid
            int32s.append(ok ? value.days : 0)
            return ok
        case .timestamp:
            let value = pattern?.parse(base, count) ?? CSVDateParser.parseDefault(base, count)
            let ok = value.kind != .none && value.valid
            int64s.append(ok ? value.timestampMicros : 0)
            return ok
        case .bool:
            let value = CSVFieldText.bool(base, count)
            bools.append(value ?? false)
            return value != nil
        case .string:
            codes.append(dictionary.code(base, count))
            return true
        }
    }

    /// Drops the value of `row`, the last one appended (its row turned out bad).
    mutating func removeLast(row: Int) {
        if nullRows.last == Int32(truncatingIfNeeded: row) { nullRows.removeLast() }
        switch type {
        case .int64, .decimal, .timestamp: int64s.removeLast()
        case .date: int32s.removeLast()
        case .double: doubles.removeLast()
        case .bool: bools.removeLast()
        case .string: codes.removeLast()
        }
    }
}
