import StrataCore

/// A column read as order-preserving unsigned integers (``SortOrder``), `nil` for null.
protocol OrderedCodes {
    func orderable(_ row: Int) -> UInt64?
}

struct Int64Order: OrderedCodes {
    let values: ContiguousArray<Int64>
    let validity: Bitmap?

    @inline(__always)
    func orderable(_ row: Int) -> UInt64? {
        if let validity, !validity[row] { return nil }
        return SortOrder.orderable(values[row])
    }
}

struct Int32Order: OrderedCodes {
    let values: ContiguousArray<Int32>
    let validity: Bitmap?

    @inline(__always)
    func orderable(_ row: Int) -> UInt64? {
        if let validity, !validity[row] { return nil }
        return UInt64(UInt32(bitPattern: values[row]) ^ (1 << 31))
    }
}

struct DoubleOrder: OrderedCodes {
    let values: ContiguousArray<Double>
    let validity: Bitmap?

    @inline(__always)
    func orderable(_ row: Int) -> UInt64? {
        if let validity, !validity[row] { return nil }
        return SortOrder.orderable(values[row])
    }
}

/// Strings by the rank of their code in the sorted dictionary.
struct RankOrder<Code: DictionaryCode>: OrderedCodes {
    let codes: ContiguousArray<Code>
    let ranks: ContiguousArray<UInt32>
    let validity: Bitmap?

    @inline(__always)
    func orderable(_ row: Int) -> UInt64? {
        if let validity, !validity[row] { return nil }
        return UInt64(ranks[Int(codes[row])])
    }
}

struct BoolOrder: OrderedCodes {
    let values: ContiguousArray<Bool>
    let validity: Bitmap?

    @inline(__always)
    func orderable(_ row: Int) -> UInt64? {
        if let validity, !validity[row] { return nil }
        return values[row] ? 1 : 0
    }
}

/// One sort key turned into codes `0...maxCode` whose unsigned order is the wanted order:
/// ascending `u - min`, descending `max - u`, and null always `maxCode` (nulls last in both
/// directions). Only an int64 key spanning all 2^64 values with nulls has no spare code; it
/// becomes two codes (a null flag, then the value).
struct SortKeyCodes {
    /// Writes `code << shift` OR-ed into `destination[row]` (or stores it when `shift` is nil).
    let write: (_ destination: UnsafeMutableBufferPointer<UInt64>, _ shift: Int?) throws -> Void
    let maxCode: UInt64

    /// Bits needed for `0...maxCode`.
    var bits: Int { 64 - maxCode.leadingZeroBitCount }

    /// The codes of `spec`'s column (one or two parts).
    static func make(_ column: Column, descending: Bool, rowCount: Int) throws -> [SortKeyCodes] {
        let validity = column.validity
        switch column.data {
        case .int64(let values): return try make(Int64Order(values: values, validity: validity), descending, rowCount)
        case .int32(let values): return try make(Int32Order(values: values, validity: validity), descending, rowCount)
        case .double(let values): return try make(DoubleOrder(values: values, validity: validity), descending, rowCount)
        case .bool(let values): return try make(BoolOrder(values: values, validity: validity), descending, rowCount)
        case .string(let codes, let dictionary):
            let ranks = SortOrder.ranks(dictionary)
            switch codes {
            case .uint8(let codes): return try make(RankOrder(codes: codes, ranks: ranks, validity: validity), descending, rowCount)
            case .uint16(let codes): return try make(RankOrder(codes: codes, ranks: ranks, validity: validity), descending, rowCount)
            case .uint32(let codes): return try make(RankOrder(codes: codes, ranks: ranks, validity: validity), descending, rowCount)
            }
        }
    }

    private static func make<Source: OrderedCodes>(_ source: Source, _ descending: Bool, _ rowCount: Int) throws
        -> [SortKeyCodes] {
        var minimum = UInt64.max, maximum: UInt64 = 0, hasNulls = false
        try KeyEncoding.chunked(rowCount) { rows in
            for row in rows {
                if let value = source.orderable(row) {
                    minimum = min(minimum, value)
                    maximum = max(maximum, value)
                } else {
                    hasNulls = true
                }
            }
        }
        if minimum > maximum { minimum = 0; maximum = 0 }  // no values at all
        let span = maximum - minimum
        let low = minimum, high = maximum
        let value = SortKeyCodes(write: { destination, shift in
            let nullCode = span &+ 1
            try KeyEncoding.chunked(rowCount) { rows in
                for row in rows {
                    let code: UInt64
                    if let value = source.orderable(row) {
                        code = descending ? high &- value : value &- low
                    } else {
                        code = nullCode
                    }
                    if let shift { destination[row] |= code << UInt64(shift) } else { destination[row] = code }
                }
            }
        }, maxCode: hasNulls && span < .max ? span + 1 : span)
        guard hasNulls, span == .max else { return [value] }
        let nullFlag = SortKeyCodes(write: { destination, shift in
            try KeyEncoding.chunked(rowCount) { rows in
                for row in rows {
                    let code: UInt64 = source.orderable(row) == nil ? 1 : 0
                    if let shift { destination[row] |= code << UInt64(shift) } else { destination[row] = code }
                }
            }
        }, maxCode: 1)
        return [nullFlag, value]
    }
}
