/// Narrow storage: an `int64` or `decimal` column whose values all fit in 32 bits kept as
/// `ColumnData.int32`, half the memory of `Int64`. The logical type does not change, so every
/// value, rendering and result is the same; only the buffer is narrower.
extension Column {
    /// The range narrow storage holds: all of `Int32` (arithmetic always widens each value to
    /// `Int64` first, so no 32-bit operation can overflow).
    public static let narrowRange: ClosedRange<Int64> = Int64(Int32.min)...Int64(Int32.max)

    /// True when an `int64` or `decimal` column is stored as `Int32`.
    public var isNarrow: Bool {
        guard case .int32 = data else { return false }
        return type != .date
    }

    /// The column with narrow `Int32` storage when it is `int64` or `decimal` and every
    /// non-null value lies in ``narrowRange``, or with 8- or 16-bit codes when it is a string
    /// column whose dictionary allows (``DictionaryCodes``); otherwise the column itself.
    /// Null rows store 0.
    /// - Complexity: O(rows): one range pass, then one conversion pass when it fits; both
    ///   split into fixed 1M-row chunks over ``Parallelism/threads`` workers.
    public func narrowed() -> Column {
        if case .string(let codes, let dictionary) = data {
            return Column(type: type, data: .string(codes: codes.narrowed(dictionaryCount: dictionary.count,
                                                                            validity: validity),
                                                    dictionary: dictionary),
                          validity: validity)
        }
        guard type == .int64 || type.isDecimal, case .int64(let values) = data else { return self }
        let validity = self.validity
        let count = values.count
        let chunkRows = 1 << 20
        let chunks = (count + chunkRows - 1) / chunkRows
        var chunkFits = [Bool](repeating: true, count: chunks)
        values.withUnsafeBufferPointer { source in
            chunkFits.withUnsafeMutableBufferPointer { chunkFits in
                Parallelism.run(count: chunks) { chunk in
                    let rows = chunk * chunkRows..<min(count, (chunk + 1) * chunkRows)
                    // v fits iff v + 2^31 lies in 0..<2^32: OR-ing those sums keeps the loop free of
                    // 64-bit compares (which SSE2 lacks), so it vectorises.
                    var bits: UInt64 = 0
                    if let validity {
                        for row in rows where validity[row] { bits |= UInt64(bitPattern: source[row] &+ 0x8000_0000) }
                    } else {
                        for row in rows { bits |= UInt64(bitPattern: source[row] &+ 0x8000_0000) }
                    }
                    chunkFits[chunk] = bits >> 32 == 0
                }
            }
        }
        guard !chunkFits.contains(false) else { return self }
        let narrow = ContiguousArray<Int32>(unsafeUninitializedCapacity: count) { target, initialized in
            values.withUnsafeBufferPointer { source in
                Parallelism.run(count: chunks) { chunk in
                    let rows = chunk * chunkRows..<min(count, (chunk + 1) * chunkRows)
                    if let validity {
                        for row in rows { target[row] = validity[row] ? Int32(truncatingIfNeeded: source[row]) : 0 }
                    } else {
                        for row in rows { target[row] = Int32(truncatingIfNeeded: source[row]) }
                    }
                }
            }
            initialized = count
        }
        return Column(type: type, data: .int32(narrow), validity: validity)
    }

    /// True when a string column stores its codes in fewer than 32 bits.
    public var hasNarrowCodes: Bool {
        guard case .string(let codes, _) = data else { return false }
        return codes.isNarrow
    }

    /// The column with `Int64` storage or 32-bit string codes (a copy when it is narrow;
    /// otherwise the column itself). For cold paths that only handle the wide layout.
    /// - Complexity: O(rows) when narrow, O(1) otherwise.
    public func widened() -> Column {
        if case .string(let codes, let dictionary) = data, codes.isNarrow {
            return Column(type: type, data: .string(codes: .uint32(codes.wide), dictionary: dictionary), validity: validity)
        }
        guard isNarrow else { return self }
        return Column(type: type, data: .int64(data.int64Values), validity: validity)
    }
}
