import StrataCore

/// Literals: their physical form for kernels, and broadcasting into a column when a whole
/// column is needed.
enum Literal {
    /// A column of `count` copies of `value` (all null for `.null`).
    /// - Complexity: O(count)
    static func broadcast(_ value: Value, _ type: DataType, count: Int, site: Range<Int>?) throws -> Column {
        if value.isNull { return nullColumn(type, count: count) }
        let data: ColumnData
        switch type {
        case .int64, .decimal, .timestamp:
            data = .int64(ContiguousArray(repeating: try int64(value, as: type, site: site), count: count))
        case .date:
            data = .int32(ContiguousArray(repeating: try int32(value, site: site), count: count))
        case .double:
            data = .double(ContiguousArray(repeating: try double(value, site: site), count: count))
        case .bool:
            data = .bool(ContiguousArray(repeating: try bool(value, site: site), count: count))
        case .string:
            let text = try string(value, site: site)
            data = .string(codes: ContiguousArray(repeating: 0, count: count), dictionary: StringDictionary([text]))
        }
        return Column(type: type, data: data)
    }

    /// A column of `count` nulls. String columns get a one-entry dictionary so that code 0 is
    /// always a valid index.
    static func nullColumn(_ type: DataType, count: Int) -> Column {
        let data: ColumnData
        switch type {
        case .int64, .decimal, .timestamp: data = .int64(ContiguousArray(repeating: 0, count: count))
        case .date: data = .int32(ContiguousArray(repeating: 0, count: count))
        case .double: data = .double(ContiguousArray(repeating: 0, count: count))
        case .bool: data = .bool(ContiguousArray(repeating: false, count: count))
        case .string: data = .string(codes: ContiguousArray(repeating: 0, count: count), dictionary: StringDictionary([""]))
        }
        return Column(type: type, data: data, validity: Bitmap(count: count, value: false))
    }

    /// The stored Int64 of a value of an Int64-backed type (integer, decimal, timestamp),
    /// converting integer → decimal, decimal scales and date → timestamp exactly.
    static func int64(_ value: Value, as type: DataType, site: Range<Int>?) throws -> Int64 {
        let result: Int64?
        switch (value, type) {
        case (.int(let number), .int64): result = number
        case (.int(let number), .decimal(let scale)): result = DecimalMath.rescale(number, from: 0, to: scale)
        case (.decimal(let units, let scale), .decimal(let target)):
            result = DecimalMath.rescale(units, from: scale, to: target)
        case (.decimal(let units, let scale), .int64): result = DecimalMath.rescale(units, from: scale, to: 0)
        case (.double(let number), .int64): result = DecimalMath.exactInt64(number.rounded(.toNearestOrAwayFromZero))
        case (.double(let number), .decimal(let scale)):
            result = DecimalMath.exactInt64((number * Double(DecimalMath.pow10[scale])).rounded(.toNearestOrAwayFromZero))
        case (.timestamp(let micros), .timestamp): result = micros
        case (.date(let days), .timestamp): result = Int64(days).multipliedReportingOverflow(by: DateMath.microsPerDay).partialValue
        default: throw mismatch(value, type)
        }
        guard let result else { throw Diagnostic("integer overflow in \(value) as \(type)", at: site.map { .statement($0) }) }
        return result
    }

    static func int32(_ value: Value, site: Range<Int>?) throws -> Int32 {
        guard case .date(let days) = value else { throw mismatch(value, .date) }
        return days
    }

    static func double(_ value: Value, site: Range<Int>?) throws -> Double {
        switch value {
        case .double(let number): return number
        case .int(let number): return Double(number)
        case .decimal(let units, let scale): return DecimalMath.toDouble(units, scale: scale)
        default: throw mismatch(value, .double)
        }
    }

    static func bool(_ value: Value, site: Range<Int>?) throws -> Bool {
        guard case .bool(let flag) = value else { throw mismatch(value, .bool) }
        return flag
    }

    static func string(_ value: Value, site: Range<Int>?) throws -> String {
        guard case .string(let text) = value else { throw mismatch(value, .string) }
        return text
    }

    private static func mismatch(_ value: Value, _ type: DataType) -> Diagnostic {
        Diagnostic("internal error: literal \(value) used as \(type)")
    }
}

extension ColumnData {
    var int32Values: ContiguousArray<Int32> {
        if case .int32(let values) = self { return values }
        return []
    }

    var doubleValues: ContiguousArray<Double> {
        if case .double(let values) = self { return values }
        return []
    }

    var boolValues: ContiguousArray<Bool> {
        if case .bool(let values) = self { return values }
        return []
    }

    var stringCodes: (codes: DictionaryCodes, dictionary: StringDictionary) {
        if case .string(let codes, let dictionary) = self { return (codes, dictionary) }
        return (.uint32([]), StringDictionary())
    }
}
