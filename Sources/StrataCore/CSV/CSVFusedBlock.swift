import CStrataScan

/// The fused loop's block path (see ``CSVParseContext/fusedRecords``): up to
/// ``capacity`` plain records at a time are indexed first (every field's end, found 32 bytes
/// at a time by `strata_csv_index`), then parsed column by column, each column with the one
/// loop its kind needs — no per-field dispatch, no field-end search while parsing.
///
/// The rows a block takes get exactly the values, nulls, statistics and dictionary codes the
/// record-at-a-time loop would give them. A field that does not qualify ends the block before
/// its row: the rows before it are taken, and that record is left to the record-at-a-time
/// loop. (The columns parsed before the failure may have written values and dictionary texts
/// for later rows: values past the counts are overwritten, and those rows' texts are added to
/// the dictionaries in the same order when the rows are taken again, as no parser splits a
/// plain record differently.)
final class CSVFusedBlock {
    /// Most records a block takes (1,024, fewer in a wide file: the field ends, 4 bytes each,
    /// stay within 256 KB up to 4,096 columns, in the first cache levels). Blocks that end
    /// early ask for fewer (``CSVSpeculation/blockRows``).
    let capacity: Int

    private let columns: Int
    /// Field ends and record starts, as offsets from the block's first byte.
    private let ends: UnsafeMutablePointer<UInt32>
    private let starts: UnsafeMutablePointer<UInt32>
    /// Per column: the block's null rows (`capacity` slots each), how many, and decimals
    /// written with a fraction (count, most digits).
    private let nullRows: UnsafeMutablePointer<Int32>
    private let nullCounts: UnsafeMutablePointer<Int>
    private let fractionCounts: UnsafeMutablePointer<Int>
    private let maxFractions: UnsafeMutablePointer<Int>

    init(columns: Int) {
        self.columns = columns
        let capacity = max(16, min(1024, (1 << 16) / max(columns, 1)))
        self.capacity = capacity
        ends = .allocate(capacity: capacity * columns + 32)
        starts = .allocate(capacity: capacity + 1)
        nullRows = .allocate(capacity: capacity * columns)
        nullCounts = .allocate(capacity: columns)
        fractionCounts = .allocate(capacity: columns)
        maxFractions = .allocate(capacity: columns)
    }

    deinit {
        ends.deallocate(); starts.deallocate(); nullRows.deallocate()
        nullCounts.deallocate(); fractionCounts.deallocate(); maxFractions.deallocate()
    }

    /// What a block took: its records, and where the next record starts.
    struct Taken {
        var rows: Int
        var next: Int
        /// A new dictionary text was not valid UTF-8: the chunk must stop.
        var alarm = false
    }

    /// Takes up to `maxRows` records from `cursor` (each starting before `softEnd`) into rows
    /// `row...` of the plan's outputs; 0 rows when the first record does not qualify.
    func take(_ context: CSVParseContext, plan: CSVFusedPlan, dictionaries: UnsafeMutablePointer<CSVByteDictionary>,
              from cursor: Int, softEnd: Int, row: Int, maxRows: Int,
              buffers: CSVValueBuffers, stats: UnsafeMutableBufferPointer<CSVColumnStats>) -> Taken {
        let indexed = Int(strata_csv_index(context.base, Int64(cursor), Int64(context.count), Int64(softEnd),
                                           context.scanner.delimiter, Int64(columns),
                                           Int64(min(maxRows, capacity)), ends, starts))
        guard indexed > 0 else { return Taken(rows: 0, next: cursor) }
        var rows = parseColumns(context, plan: plan, dictionaries: dictionaries, at: cursor, row: row, rows: indexed)
        if rows < 0 { return Taken(rows: 0, next: cursor, alarm: true) }
        if rows > 0, rows < indexed {
            // A later column stopped early: parse the rows every column takes again, so the
            // nulls and fraction counts are those of the rows taken.
            rows = parseColumns(context, plan: plan, dictionaries: dictionaries, at: cursor, row: row, rows: rows)
            if rows < 0 { return Taken(rows: 0, next: cursor, alarm: true) }
        }
        guard rows > 0 else { return Taken(rows: 0, next: cursor) }
        for column in 0..<columns {
            let nulls = nullCounts[column]
            for index in 0..<nulls {
                buffers.appendNullRow(column, row &+ Int(nullRows[column &* capacity &+ index]))
            }
            plan.noteBlock(column: column, nulls: nulls, fractions: fractionCounts[column])
            if maxFractions[column] > stats[column].maxFraction { stats[column].maxFraction = maxFractions[column] }
        }
        return Taken(rows: rows, next: cursor &+ Int(starts[rows]))
    }

    /// Parses the first `rows` indexed records column by column; returns how many every
    /// column took (−1 after a UTF-8 alarm).
    private func parseColumns(_ context: CSVParseContext, plan: CSVFusedPlan,
                              dictionaries: UnsafeMutablePointer<CSVByteDictionary>,
                              at blockStart: Int, row: Int, rows: Int) -> Int {
        var limit = rows
        for column in 0..<columns {
            let fields = FieldTable(base: context.base + blockStart, ends: ends, starts: starts, columns: columns,
                                    column: column)
            nullCounts[column] = 0
            fractionCounts[column] = 0
            maxFractions[column] = 0
            guard limit > 0 else { continue }
            let taken: Int
            switch plan.kinds[column] {
            case .integer where plan.widths[column] == 4:
                taken = integers(fields, column, rows: limit, context, output: plan.outputs[column] + row &* 4,
                                 as: Int32.self)
            case .integer:
                taken = integers(fields, column, rows: limit, context, output: plan.outputs[column] + row &* 8,
                                 as: Int64.self)
            case .decimal where plan.widths[column] == 4:
                taken = decimals(fields, column, rows: limit, context, scale: plan.scales[column],
                                 output: plan.outputs[column] + row &* 4, as: Int32.self)
            case .decimal:
                taken = decimals(fields, column, rows: limit, context, scale: plan.scales[column],
                                 output: plan.outputs[column] + row &* 8, as: Int64.self)
            case .date:
                taken = dates(fields, column, rows: limit, context, plan: plan, output: plan.outputs[column] + row &* 4)
            case .string, .undecided:
                taken = texts(fields, column, rows: limit, context, undecided: plan.kinds[column] == .undecided,
                              dictionary: dictionaries + column, output: plan.outputs[column] + row &* 4)
            case .failed:
                taken = 0
            }
            if taken < 0 { return -1 }
            limit = taken
        }
        return limit
    }

    /// Where one column's indexed fields are: the byte after each field is its terminator,
    /// and each field starts after the previous one's (or at its record's start).
    private struct FieldTable {
        let base: UnsafePointer<UInt8>
        let fieldEnds: UnsafePointer<UInt32>
        let previousEnds: UnsafePointer<UInt32>
        let stride: Int
        let previousStride: Int
        /// 1 past a delimiter, 0 at a record's start.
        let skip: Int

        init(base: UnsafePointer<UInt8>, ends: UnsafeMutablePointer<UInt32>, starts: UnsafeMutablePointer<UInt32>,
             columns: Int, column: Int) {
            self.base = base
            fieldEnds = UnsafePointer(ends + column)
            stride = columns
            if column == 0 {
                previousEnds = UnsafePointer(starts)
                previousStride = 1
                skip = 0
            } else {
                previousEnds = UnsafePointer(ends + column - 1)
                previousStride = columns
                skip = 1
            }
        }

        /// The field's first byte and the byte after it (its terminator).
        @inline(__always)
        func span(_ record: Int) -> (start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) {
            (base + (Int(previousEnds[record &* previousStride]) &+ skip), base + Int(fieldEnds[record &* stride]))
        }
    }

    @inline(__always)
    private func noteNull(_ column: Int, _ record: Int) {
        nullRows[column &* capacity &+ nullCounts[column]] = Int32(truncatingIfNeeded: record)
        nullCounts[column] &+= 1
    }
}

// MARK: - One loop per column kind

extension CSVFusedBlock {
    /// `-?d{1,18}` without a leading zero (as ``CSVFusedScan/number(_:from:count:)`` takes an
    /// integer), or empty for null, written as `Output`; returns the records taken. A narrow
    /// (`Int32`) column takes only values that fit (eight digits always do).
    private func integers<Output: FixedWidthInteger & BitwiseCopyable>(
        _ fields: FieldTable, _ column: Int, rows: Int, _ context: CSVParseContext,
        output: UnsafeMutableRawPointer, as: Output.Type
    ) -> Int {
        let emptyIsNull = context.nulls.emptyIsNull
        let textStart = context.base
        for record in 0..<rows {
            let (start, end) = fields.span(record)
            let length = end - start
            let value: Int64
            if length == 0 {
                guard emptyIsNull else { return record }
                noteNull(column, record)
                value = 0
            } else if length <= 8, start[0] != 48 || length == 1, end - textStart >= 8,
                      let digits = CSVFusedBlock.eightDigits(end, length) {
                value = digits
            } else {
                guard let number = CSVFusedScan.number(start, from: 0, count: length), number.end == length,
                      number.fractionDigits < 0, number.valid, Output(exactly: number.value) != nil
                else { return record }
                value = number.value
            }
            output.storeBytes(of: Output(truncatingIfNeeded: value), toByteOffset: record &* MemoryLayout<Output>.stride,
                              as: Output.self)
        }
        return rows
    }

    /// Like an integer, or `-?d+.d+` with at most `scale` fraction digits (18 digits in all),
    /// scaled to units; empty for null. Written as `Output`: a narrow (`Int32`) column takes
    /// only units that fit.
    private func decimals<Output: FixedWidthInteger & BitwiseCopyable>(
        _ fields: FieldTable, _ column: Int, rows: Int, _ context: CSVParseContext, scale: Int,
        output: UnsafeMutableRawPointer, as: Output.Type
    ) -> Int {
        let emptyIsNull = context.nulls.emptyIsNull
        let textStart = context.base
        var fractions = 0
        var maxFraction = 0
        defer {
            fractionCounts[column] = fractions
            maxFractions[column] = maxFraction
        }
        for record in 0..<rows {
            let (start, end) = fields.span(record)
            let length = end - start
            let value: Int64
            if length == 0 {
                guard emptyIsNull else { return record }
                noteNull(column, record)
                value = 0
            } else if length <= 8, end - textStart >= 8, let number = CSVFusedBlock.shortDecimal(end, length),
                      let units = CSVFastPath.scaled(number.value, fractionDigits: number.fractionDigits, scale: scale),
                      Output(exactly: units) != nil {
                if number.fractionDigits > 0 {
                    fractions &+= 1
                    if number.fractionDigits > maxFraction { maxFraction = number.fractionDigits }
                }
                value = units
            } else {
                guard let number = CSVFusedScan.number(start, from: 0, count: length), number.end == length,
                      number.valid,
                      let units = CSVFastPath.scaled(number.value, fractionDigits: max(number.fractionDigits, 0),
                                                     scale: scale),
                      Output(exactly: units) != nil
                else { return record }
                if number.fractionDigits >= 0 {
                    fractions &+= 1
                    if number.fractionDigits > maxFraction { maxFraction = number.fractionDigits }
                }
                value = units
            }
            output.storeBytes(of: Output(truncatingIfNeeded: value), toByteOffset: record &* MemoryLayout<Output>.stride,
                              as: Output.self)
        }
        return rows
    }

    /// `yyyy-MM-dd` as days (a repeat of the last date text costs one comparison), or empty
    /// for null.
    private func dates(_ fields: FieldTable, _ column: Int, rows: Int, _ context: CSVParseContext, plan: CSVFusedPlan,
                       output: UnsafeMutableRawPointer) -> Int {
        let emptyIsNull = context.nulls.emptyIsNull
        let datesAllowed = context.pattern == nil
        let months = CSVMonthTable.shared
        var lastKey = plan.dateKeys[column]
        var lastDays = plan.dateDays[column]
        defer {
            plan.dateKeys[column] = lastKey
            plan.dateDays[column] = lastDays
        }
        for record in 0..<rows {
            let (start, end) = fields.span(record)
            let length = end - start
            let days: Int64
            if length == 10, let known = CSVFusedScan.dateDays(start, key: &lastKey, days: &lastDays,
                                                                datesAllowed: datesAllowed, months: months) {
                days = known
            } else if length == 0, emptyIsNull {
                noteNull(column, record)
                days = 0
            } else {
                return record
            }
            output.storeBytes(of: UInt32(truncatingIfNeeded: days), toByteOffset: record &* 4, as: UInt32.self)
        }
        return rows
    }

    /// Texts (trimmed) as dictionary codes, and null tokens (or empty) as nulls; an undecided
    /// column takes only nulls and writes nothing. −1 when a new text is not valid UTF-8.
    private func texts(_ fields: FieldTable, _ column: Int, rows: Int, _ context: CSVParseContext, undecided: Bool,
                       dictionary: UnsafeMutablePointer<CSVByteDictionary>, output: UnsafeMutableRawPointer) -> Int {
        let nulls = context.nulls
        let utf8Alarm = context.utf8Alarm
        for record in 0..<rows {
            var (start, end) = fields.span(record)
            var length = end - start
            let field = CSVFusedScan.text(&start, &length, nulls: nulls, undecided: undecided)
            if field == .refused { return record }
            if undecided { continue }
            if field == .null {
                output.storeBytes(of: 0, toByteOffset: record &* 4, as: UInt32.self)
                noteNull(column, record)
                continue
            }
            let known = dictionary.pointee.count
            let code = dictionary.pointee.code(start, length)
            if let utf8Alarm, Int(code) >= known, !CSVUTF8Validator.isClean(start, from: 0, to: length) {
                utf8Alarm.raise()
                return -1
            }
            output.storeBytes(of: code, toByteOffset: record &* 4, as: UInt32.self)
        }
        return rows
    }

    /// The value of the `length` (1–8) bytes before `end` when they are all digits; the 8
    /// bytes before `end` must be readable.
    @inline(__always)
    static func eightDigits(_ end: UnsafePointer<UInt8>, _ length: Int) -> Int64? {
        digits(UnsafeRawPointer(end - 8).loadUnaligned(as: UInt64.self), length)
    }

    /// `d+` or `d+.d+` (no sign, no leading zero before more integer digits) in the `length`
    /// (1–8) bytes before `end`: all digits as one integer, and the digits after the dot (0
    /// without one). The 8 bytes before `end` must be readable.
    @inline(__always)
    static func shortDecimal(_ end: UnsafePointer<UInt8>, _ length: Int) -> (value: Int64, fractionDigits: Int)? {
        let word = UnsafeRawPointer(end - 8).loadUnaligned(as: UInt64.self)
        let first = UInt8(truncatingIfNeeded: word &>> UInt64(truncatingIfNeeded: (8 &- length) &* 8))
        // The bytes before the field can never be dots.
        let outside = length == 8 ? 0 : (UInt64(1) &<< UInt64(truncatingIfNeeded: (8 &- length) &* 8)) &- 1
        let dotless = (word ^ 0x2E2E_2E2E_2E2E_2E2E) | outside
        let dots = ~(((dotless & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | dotless) & 0x8080_8080_8080_8080
        if dots == 0 {
            guard length == 1 || first != 48, let value = digits(word, length) else { return nil }
            return (value, 0)
        }
        guard dots & (dots &- 1) == 0 else { return nil }
        let dot = dots.trailingZeroBitCount &>> 3
        let fractionDigits = 7 &- dot
        let integerDigits = length &- fractionDigits &- 1
        guard fractionDigits >= 1, integerDigits >= 1, integerDigits == 1 || first != 48 else { return nil }
        // Close the gap: the bytes below the dot move up one.
        let below = (UInt64(1) &<< UInt64(truncatingIfNeeded: dot &* 8)) &- 1
        let above = ~((UInt64(1) &<< UInt64(truncatingIfNeeded: (dot &+ 1) &* 8)) &- 1)
        guard let value = digits(((word & below) &<< 8) | (word & above), length &- 1) else { return nil }
        return (value, fractionDigits)
    }

    /// The value of the top `count` (1–8) bytes of `word` (the first byte is the most
    /// significant digit) when they are all digits. Eight digits at once: the bytes below
    /// count as leading zeros.
    @inline(__always)
    static func digits(_ word: UInt64, _ count: Int) -> Int64? {
        let outside = count == 8 ? 0 : (UInt64(1) &<< UInt64(truncatingIfNeeded: (8 &- count) &* 8)) &- 1
        let padded = (word & ~outside) | (0x3030_3030_3030_3030 & outside)
        // Every byte in '0'...'9': its high nibble is 3, and adding 6 keeps it 3.
        guard padded & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030,
              (padded &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030
        else { return nil }
        var value = padded &- 0x3030_3030_3030_3030
        // Pairs, then fours, then all eight.
        value = (value &* 10) &+ (value &>> 8)
        value = (((value & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 &<< 32)))
            &+ (((value &>> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 &<< 32)))) &>> 32
        return Int64(truncatingIfNeeded: value)
    }
}
