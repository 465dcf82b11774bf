/// Pass 1's guess at each column's values, so that clean chunks need no second pass.
///
/// A column's guess is fixed by its first non-null value in the chunk (plain integer, plain
/// decimal, ISO date, or text) and kept while later values take the same fast path. When
/// every column of a chunk kept its guess and the guess converts losslessly to the column's
/// final type, pass 2 reuses these buffers instead of re-splitting the chunk; otherwise the
/// chunk is parsed again. Either way the values are the same.
struct CSVSpeculation {
    enum Kind: UInt8 { case undecided, integer, decimal, date, string, failed }

    private(set) var kinds: [Kind]
    private(set) var scales: [Int]
    /// Values and null rows per column (4-byte dates and codes; integers and decimals 4 bytes
    /// while they fit, else 8: see ``CSVValueBuffers/appendNumber(_:_:)``).
    let buffers: CSVValueBuffers
    var dictionaries: [CSVByteDictionary]
    /// Some column lost its guess: stop speculating in this chunk.
    private(set) var failed = false
    /// Records the fused loop's next block asks for (see ``CSVFusedBlock``), kept across
    /// the loop's calls within the chunk: it halves towards 16 while blocks end early and
    /// doubles back while they are taken whole.
    var blockRows = 1024

    /// `forcedString` columns are text whatever they hold; `unsupported` ones (other
    /// overrides) make the chunk ineligible. `expectedRows` sizes the first buffers.
    init(columnCount: Int, forcedString: Set<Int>, unsupported: Set<Int>, expectedRows: Int = 64) {
        kinds = (0..<columnCount).map { column in
            unsupported.contains(column) ? .failed : (forcedString.contains(column) ? .string : .undecided)
        }
        scales = Array(repeating: 0, count: columnCount)
        buffers = CSVValueBuffers(columnCount: columnCount, expectedRows: expectedRows)
        dictionaries = Array(repeating: CSVByteDictionary(), count: columnCount)
        failed = !unsupported.isEmpty
        for column in 0..<columnCount where kinds[column] == .string { buffers.setWidth(column, 4) }
    }

    @inline(__always)
    mutating func null(_ column: Int, row: Int) {
        switch kinds[column] {
        case .integer, .decimal: buffers.appendNumber(column, 0)
        case .date, .string: buffers.append32(column, 0)
        case .undecided, .failed: return
        }
        buffers.appendNullRow(column, row)
    }

    private mutating func fail(_ column: Int) {
        kinds[column] = .failed
        failed = true
    }

    private mutating func decide(_ column: Int, _ kind: Kind, type: DataType, row: Int) {
        kinds[column] = kind
        buffers.setWidth(column, 4)
        for earlier in 0..<row { null(column, row: earlier) }
    }

    /// Takes one trimmed non-null value; true when it matched the guess and `stats` already
    /// counts it (exactly as ``CSVColumnStats/classify(_:_:pattern:)`` would).
    @inline(__always)
    mutating func take(_ column: Int, row: Int, _ base: UnsafePointer<UInt8>, _ count: Int,
                       datesAllowed: Bool, stats: inout CSVColumnStats) -> Bool {
        switch kinds[column] {
        case .integer:
            if let value = CSVFastPath.integer(base, count) {
                buffers.appendNumber(column, value)
                stats.nonNull += 1
                stats.integers += 1
                return true
            }
        case .decimal:
            if let value = CSVFastPath.integer(base, count),
               let units = CSVFastPath.scaled(value, fractionDigits: 0, scale: scales[column]) {
                buffers.appendNumber(column, units)
                stats.nonNull += 1
                stats.integers += 1
                return true
            }
            if let decimal = CSVFastPath.decimal(base, count), decimal.fractionDigits <= DataType.maxDecimalScale,
               widen(column, to: decimal.fractionDigits),
               let units = CSVFastPath.scaled(decimal.mantissa, fractionDigits: decimal.fractionDigits, scale: scales[column]) {
                buffers.appendNumber(column, units)
                stats.nonNull += 1
                stats.decimals += 1
                if decimal.fractionDigits > stats.maxFraction { stats.maxFraction = decimal.fractionDigits }
                return true
            }
        case .date:
            if datesAllowed, let date = CSVFastPath.isoDate(base, count), date.isValid {
                buffers.append32(column, UInt32(bitPattern: date.days))
                stats.nonNull += 1
                stats.dates += 1
                return true
            }
        case .undecided:
            return first(column, row: row, base, count, datesAllowed: datesAllowed, stats: &stats)
        case .string, .failed:
            return false
        }
        fail(column)
        return false
    }

    /// The column's first non-null value in this chunk fixes its guess.
    @inline(never)
    private mutating func first(_ column: Int, row: Int, _ base: UnsafePointer<UInt8>, _ count: Int,
                                datesAllowed: Bool, stats: inout CSVColumnStats) -> Bool {
        if let value = CSVFastPath.integer(base, count) {
            decide(column, .integer, type: .int64, row: row)
            buffers.appendNumber(column, value)
            stats.integers += 1
        } else if let decimal = CSVFastPath.decimal(base, count), decimal.fractionDigits <= DataType.maxDecimalScale {
            decide(column, .decimal, type: .decimal(scale: decimal.fractionDigits), row: row)
            scales[column] = decimal.fractionDigits
            buffers.appendNumber(column, decimal.mantissa)
            stats.decimals += 1
            if decimal.fractionDigits > stats.maxFraction { stats.maxFraction = decimal.fractionDigits }
        } else if datesAllowed, let date = CSVFastPath.isoDate(base, count), date.isValid {
            decide(column, .date, type: .date, row: row)
            buffers.append32(column, UInt32(bitPattern: date.days))
            stats.dates += 1
        } else {
            decide(column, .string, type: .string, row: row)
            return false
        }
        stats.nonNull += 1
        return true
    }

    /// Adds a text value (raw field bytes) to a column guessed as text.
    @inline(__always)
    mutating func takeString(_ column: Int, _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, flags: UInt8) {
        guard kinds[column] == .string else { return }
        if flags & CSVFieldSpans.escapedQuotes != 0 {
            let bytes = CSVFieldText.unescaped(base, start, end, flags: flags)
            let code = bytes.withUnsafeBufferPointer { buffer in
                dictionaries[column].code(buffer.baseAddress ?? base, buffer.count)
            }
            buffers.append32(column, code)
        } else {
            buffers.append32(column, dictionaries[column].code(base + start, end - start))
        }
    }

    /// Raises a decimal guess's scale, rescaling the values so far; false on overflow.
    private mutating func widen(_ column: Int, to scale: Int) -> Bool {
        let current = scales[column]
        guard scale > current else { return true }
        let factor = CSVFastPath.powersOfTen[scale - current]
        if buffers.width(column) == 4 {
            // Stays narrow when every product fits 32 bits (the factor is at most 10^18).
            let values = buffers.int32s(column)
            let fit = values.allSatisfy { value in
                let (product, overflow) = Int64(value).multipliedReportingOverflow(by: factor)
                return !overflow && Int32(exactly: product) != nil
            }
            if fit {
                for index in values.indices { values[index] = Int32(truncatingIfNeeded: Int64(values[index]) &* factor) }
                scales[column] = scale
                return true
            }
        }
        let values = buffers.int64s(column)
        for index in values.indices where values[index].multipliedReportingOverflow(by: factor).overflow {
            return false
        }
        for index in values.indices { values[index] &*= factor }
        scales[column] = scale
        return true
    }

    /// Calls `body` with each value of a number column, narrow or wide, in place; stops and
    /// returns false as soon as `body` does.
    private func forEachNumber(_ column: Int, _ body: (Int64) -> Bool) -> Bool {
        if buffers.width(column) == 4 {
            return buffers.int32s(column).allSatisfy { body(Int64($0)) }
        }
        return buffers.int64s(column).allSatisfy(body)
    }

    /// The chunk's columns in their final `types`, or nil when the chunk must be parsed again.
    /// Each column's buffers are freed as soon as they are copied out.
    func reuse(types: [DataType], rows: Int) -> [CSVColumnChunk]? {
        guard !failed else { return nil }
        var result: [CSVColumnChunk] = []
        result.reserveCapacity(types.count)
        for (column, type) in types.enumerated() {
            guard let converted = convert(column, to: type, rows: rows) else { return nil }
            if converted.raw == nil { buffers.release(column) }
            result.append(converted)
        }
        return result
    }

    private func convert(_ column: Int, to type: DataType, rows: Int) -> CSVColumnChunk? {
        if kinds[column] == .undecided {
            var chunk = CSVColumnChunk(type: type, capacity: rows)
            for row in 0..<rows { chunk.appendNull(row: row) }
            return chunk
        }
        var target = CSVColumnChunk(type: type, capacity: 0)
        target.rawColumn = column
        target.nullRows = buffers.nullRows(column)
        switch (kinds[column], type) {
        case (.string, .string):
            target.raw = buffers
            target.dictionary = dictionaries[column]
        case (.integer, .int64), (.date, .date):
            target.raw = buffers
        case (.decimal, .decimal(let scale)) where scale == scales[column]:
            target.raw = buffers
        case (.integer, .decimal(let scale)), (.decimal, .decimal(let scale)):
            let sourceScale = kinds[column] == .integer ? 0 : scales[column]
            guard scale >= sourceScale else { return nil }
            let factor = CSVFastPath.powersOfTen[scale - sourceScale]
            target.int64s.reserveCapacity(rows)
            let fit = forEachNumber(column) { value in
                let (product, overflow) = value.multipliedReportingOverflow(by: factor)
                target.int64s.append(product)
                return !overflow
            }
            if !fit { return nil }
        case (.integer, .double), (.decimal, .double):
            // Exact integer over an exact power of ten: the correctly rounded value, as parsing gives.
            let divisor = CSVNumberShape.powersOfTen[kinds[column] == .integer ? 0 : scales[column]]
            target.doubles.reserveCapacity(rows)
            let exact = forEachNumber(column) { value in
                target.doubles.append(Double(value) / divisor)
                return value.magnitude < 1 << 53
            }
            if !exact { return nil }
        case (.date, .timestamp):
            target.int64s = ContiguousArray(buffers.array(column, as: Int32.self).lazy.map { Int64($0) * 86_400_000_000 })
        default:
            return nil
        }
        return target.count == rows ? target : nil
    }
}
