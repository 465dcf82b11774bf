import StrataCore

/// A key column read as unsigned codes, one per row, without boxing: `nil` for a null row.
/// Equal values give equal codes and different values different codes.
protocol RowCodes {
    func code(_ row: Int) -> UInt64?
}

/// `int64`, `decimal` and `timestamp` values as `value - minimum` (a bijection, so the codes
/// are dense when the values are).
struct Int64Codes: RowCodes {
    let values: ContiguousArray<Int64>
    let minimum: Int64
    let validity: Bitmap?

    @inline(__always)
    func code(_ row: Int) -> UInt64? {
        if let validity, !validity[row] { return nil }
        return UInt64(bitPattern: values[row] &- minimum)
    }
}

/// `date` values as `value - minimum`.
struct Int32Codes: RowCodes {
    let values: ContiguousArray<Int32>
    let minimum: Int32
    let validity: Bitmap?

    @inline(__always)
    func code(_ row: Int) -> UInt64? {
        if let validity, !validity[row] { return nil }
        return UInt64(UInt32(bitPattern: values[row] &- minimum))
    }
}

/// Dictionary codes (in their stored width), optionally translated into another dictionary's
/// codes (`UInt32.max` = the string is absent there, so the row matches nothing).
struct StringCodes<Code: DictionaryCode>: RowCodes {
    let codes: ContiguousArray<Code>
    let translation: ContiguousArray<UInt32>?
    let validity: Bitmap?

    @inline(__always)
    func code(_ row: Int) -> UInt64? {
        if let validity, !validity[row] { return nil }
        guard let translation else { return UInt64(codes[row]) }
        let translated = translation[Int(codes[row])]
        return translated == .max ? nil : UInt64(translated)
    }
}

struct BoolCodes: RowCodes {
    let values: ContiguousArray<Bool>
    let validity: Bitmap?

    @inline(__always)
    func code(_ row: Int) -> UInt64? {
        if let validity, !validity[row] { return nil }
        return values[row] ? 1 : 0
    }
}

/// Doubles by bit pattern, with `-0.0` folded into `0.0` and every NaN into one NaN.
struct DoubleCodes: RowCodes {
    let values: ContiguousArray<Double>
    let validity: Bitmap?

    @inline(__always)
    func code(_ row: Int) -> UInt64? {
        if let validity, !validity[row] { return nil }
        let value = values[row]
        if value.isNaN { return Double.nan.bitPattern }
        return (value == 0 ? 0 : value).bitPattern
    }
}

/// Codes already computed, with nulls folded into an ordinary code.
struct PackedCodes: RowCodes {
    let codes: ContiguousArray<UInt64>

    @inline(__always)
    func code(_ row: Int) -> UInt64? { codes[row] }
}

/// Receives a column's codes with their static type, so loops over them are specialised.
protocol RowCodesVisitor {
    associatedtype Result
    /// `cardinality`: every non-null code is below it; nil when the codes are sparse.
    func visit<Codes: RowCodes>(_ codes: Codes, cardinality: UInt64?) throws -> Result
}

enum KeyEncoding {
    /// Codes below this many may index a plain array instead of a hash table.
    static func directLimit(rowCount: Int) -> UInt64 {
        max(1 << 16, min(UInt64(rowCount) &* 2, 1 << 25))
    }

    /// Calls `visitor` with the codes of `column`; integer-like columns are offset by their
    /// minimum so that a narrow range (ids, dates, cents) yields small codes.
    /// - Complexity: O(rows) for the min/max scan of integer columns.
    static func visit<V: RowCodesVisitor>(_ column: Column, _ visitor: V) throws -> V.Result {
        let validity = column.validity
        switch column.data {
        case .int64(let values):
            guard let (minimum, maximum) = range(values, validity) else {
                return try visitor.visit(Int64Codes(values: values, minimum: 0, validity: validity), cardinality: 0)
            }
            let span = UInt64(bitPattern: maximum &- minimum)
            return try visitor.visit(Int64Codes(values: values, minimum: minimum, validity: validity),
                                     cardinality: span < 1 << 62 ? span + 1 : nil)
        case .int32(let values):
            guard let (minimum, maximum) = range(values, validity) else {
                return try visitor.visit(Int32Codes(values: values, minimum: 0, validity: validity), cardinality: 0)
            }
            let span = UInt64(Int64(maximum) - Int64(minimum))
            return try visitor.visit(Int32Codes(values: values, minimum: minimum, validity: validity),
                                     cardinality: span + 1)
        case .string(.uint8(let codes), let dictionary):
            return try visitor.visit(StringCodes(codes: codes, translation: nil, validity: validity),
                                     cardinality: UInt64(dictionary.count))
        case .string(.uint16(let codes), let dictionary):
            return try visitor.visit(StringCodes(codes: codes, translation: nil, validity: validity),
                                     cardinality: UInt64(dictionary.count))
        case .string(.uint32(let codes), let dictionary):
            return try visitor.visit(StringCodes(codes: codes, translation: nil, validity: validity),
                                     cardinality: UInt64(dictionary.count))
        case .bool(let values):
            return try visitor.visit(BoolCodes(values: values, validity: validity), cardinality: 2)
        case .double(let values):
            return try visitor.visit(DoubleCodes(values: values, validity: validity), cardinality: nil)
        }
    }

    /// Smallest and largest non-null value (dates, narrow and wide integers); nil when there is none.
    static func range<Value: FixedWidthInteger>(_ values: ContiguousArray<Value>, _ validity: Bitmap?) -> (Value, Value)? {
        var minimum = Value.max, maximum = Value.min, any = false
        values.withUnsafeBufferPointer { buffer in
            if let validity {
                for row in buffer.indices where validity[row] {
                    minimum = min(minimum, buffer[row])
                    maximum = max(maximum, buffer[row])
                    any = true
                }
            } else if !buffer.isEmpty {
                for value in buffer {
                    minimum = min(minimum, value)
                    maximum = max(maximum, value)
                }
                any = true
            }
        }
        return any ? (minimum, maximum) : nil
    }
}
