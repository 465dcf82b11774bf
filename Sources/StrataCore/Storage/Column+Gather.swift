/// Row selection: the rows of a result as indexes into its input (a selection vector).
/// `Int32` halves the memory traffic of `Int` and covers 2 billion rows.
public typealias RowSelection = ContiguousArray<Int32>

extension Column {
    /// The rows at `rows`, in that order. A negative index yields a null row (used by left
    /// joins for "no match").
    /// - Complexity: O(rows.count)
    public func gather(_ rows: RowSelection) -> Column {
        gather(rows, hasMissing: rows.contains { $0 < 0 })
    }

    /// ``gather(_:)`` with whether `rows` holds a negative index already known (a table's
    /// columns share one selection: it is scanned once).
    func gather(_ rows: RowSelection, hasMissing: Bool) -> Column {
        var newValidity: Bitmap?
        if validity != nil || hasMissing {
            newValidity = gatherValidity(rows)
        }
        let newData: ColumnData
        switch data {
        case .int64(let values): newData = .int64(Column.pick(values, rows, zero: 0, hasMissing: hasMissing))
        case .int32(let values): newData = .int32(Column.pick(values, rows, zero: 0, hasMissing: hasMissing))
        case .double(let values): newData = .double(Column.pick(values, rows, zero: 0, hasMissing: hasMissing))
        case .bool(let values): newData = .bool(Column.pick(values, rows, zero: false, hasMissing: hasMissing))
        case .string(let codes, let dictionary):
            newData = .string(codes: codes.map(PickCodes(rows: rows, hasMissing: hasMissing)), dictionary: dictionary)
        }
        return Column(type: type, data: newData, validity: newValidity)
    }

    /// The validity of the gathered rows: a bit per selected row, built a word at a time.
    private func gatherValidity(_ rows: RowSelection) -> Bitmap {
        let wordCount = (rows.count + 63) >> 6
        let sourceWords = validity?.words ?? []
        let hasSource = validity != nil
        let words = ContiguousArray<UInt64>(unsafeUninitializedCapacity: wordCount) { target, initialized in
            rows.withUnsafeBufferPointer { selected in
                sourceWords.withUnsafeBufferPointer { source in
                    for word in 0..<wordCount {
                        var bits: UInt64 = 0
                        let first = word << 6
                        for offset in 0..<min(64, selected.count - first) {
                            let row = Int(selected[first + offset])
                            let present = row >= 0 && (!hasSource || source[row >> 6] & (1 << UInt64(row & 63)) != 0)
                            bits |= UInt64(present ? 1 : 0) << UInt64(offset)
                        }
                        target[word] = bits
                    }
                }
            }
            initialized = wordCount
        }
        return Bitmap(words: words, count: rows.count)
    }

    /// `values` at `rows` (`zero` where a row is negative), written straight into the result.
    @inline(__always)
    fileprivate static func pick<T: BitwiseCopyable>(_ values: ContiguousArray<T>, _ rows: RowSelection, zero: T,
                                                 hasMissing: Bool) -> ContiguousArray<T> {
        values.withUnsafeBufferPointer { source in
            rows.withUnsafeBufferPointer { selected in
                ContiguousArray(unsafeUninitializedCapacity: selected.count) { target, initialized in
                    guard let output = target.baseAddress else { initialized = 0; return }
                    if hasMissing {
                        for index in 0..<selected.count {
                            let row = selected[index]
                            (output + index).initialize(to: row < 0 ? zero : source[Int(row)])
                        }
                    } else {
                        for index in 0..<selected.count { (output + index).initialize(to: source[Int(selected[index])]) }
                    }
                    initialized = selected.count
                }
            }
        }
    }
}

/// Codes at the selected rows, in their stored width.
private struct PickCodes: DictionaryCodesTransform {
    let rows: RowSelection
    let hasMissing: Bool
    func run<Code: DictionaryCode>(_ codes: ContiguousArray<Code>) -> ContiguousArray<Code> {
        Column.pick(codes, rows, zero: 0, hasMissing: hasMissing)
    }
}

extension Table {
    /// The rows at `rows`, in that order, of every column.
    /// - Complexity: O(rows.count × columnCount)
    public func gather(_ rows: RowSelection) -> Table {
        let hasMissing = rows.contains { $0 < 0 }
        return Table(fields: fields, columns: columns.map { $0.gather(rows, hasMissing: hasMissing) })
    }
}
