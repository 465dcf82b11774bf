/// Pass 1's fused loop: split and parse in one walk over the bytes, straight into the
/// speculation buffers, for records whose every field takes its column's guess.
///
/// A record qualifies when each field is unquoted, untrimmed (no edge spaces or tabs), the
/// right count, and parses on the column's fast path exactly as ``CSVSpeculation/take`` would
/// (or is empty and empty means null). The first record that does not qualify is left to the
/// general per-record loop, which then hands back; values, statistics and dictionary codes are
/// the same either way. A record is parsed into scratch slots first and committed only when
/// all its fields qualified, so a fallback leaves nothing behind.
extension CSVParseContext {
    /// Whether the fused loop may run at all: null tokens holding digits could look like
    /// numbers, which the fast paths would take as values.
    /// A one-column file is left to the general loop, which skips its blank lines.
    var fusedAllowed: Bool {
        columnCount > 1 && !nulls.tokens.contains { token in token.contains { $0 >= 48 && $0 <= 57 } }
    }

    /// Parses records from `start` while they start before `softEnd` and qualify; returns
    /// where it stopped (a record start). `rows` counts the records taken.
    /// - Complexity: O(bytes) of the records taken.
    func fusedRecords(from start: Int, softEnd: Int, rows: inout Int, speculation: inout CSVSpeculation,
                      stats: UnsafeMutableBufferPointer<CSVColumnStats>, classified: UnsafePointer<Bool>,
                      cancelled: inout Bool) -> Int {
        let columns = columnCount
        let kinds = UnsafeMutablePointer<CSVSpeculation.Kind>.allocate(capacity: columns)
        let scales = UnsafeMutablePointer<Int>.allocate(capacity: columns)
        // Scratch per field: parsed value, 0 value / 1 null / 2 decimal with fraction digits in
        // `fractions`, and the field's bytes.
        let values = UnsafeMutablePointer<Int64>.allocate(capacity: columns)
        let tags = UnsafeMutablePointer<UInt8>.allocate(capacity: columns)
        let fractions = UnsafeMutablePointer<Int>.allocate(capacity: columns)
        let fieldStarts = UnsafeMutablePointer<Int>.allocate(capacity: columns)
        let fieldEnds = UnsafeMutablePointer<Int>.allocate(capacity: columns)
        // The last date text per column (first 8 bytes, last 2) and its day number: exports
        // are often ordered by date, so most dates repeat the previous row's.
        let dateKeys = UnsafeMutablePointer<(UInt64, UInt16)>.allocate(capacity: columns)
        let dateDays = UnsafeMutablePointer<Int64>.allocate(capacity: columns)
        dateKeys.initialize(repeating: (0, 0), count: columns)
        defer {
            kinds.deallocate(); scales.deallocate(); values.deallocate(); tags.deallocate(); fractions.deallocate()
            fieldStarts.deallocate(); fieldEnds.deallocate(); dateKeys.deallocate(); dateDays.deallocate()
        }
        // The dictionaries move into a plain buffer for the loop: mutating one through the
        // speculation's array would check the array's uniqueness on every field.
        let dictionaries = speculation.takeDictionaries()
        defer { speculation.restoreDictionaries(dictionaries, count: columns) }
        for column in 0..<columns {
            kinds[column] = speculation.kinds[column]
            scales[column] = speculation.scales[column]
            if kinds[column] == .failed { return start }
        }
        let base = self.base
        let count = self.count
        let delimiter = scanner.delimiter
        let nulls = self.nulls
        let emptyIsNull = nulls.emptyIsNull
        let datesAllowed = pattern == nil
        let buffers = speculation.buffers
        let last = columns - 1
        var cursor = start
        var taken = 0
        records: while cursor < softEnd {
            var position = cursor
            for column in 0..<columns {
                guard position < count, base[position] != 34 else { break records }
                let fieldStart = position
                let fieldEnd: Int
                let kind = kinds[column]
                tags[column] = 0
                switch kind {
                case .integer, .decimal:
                    // Digits are parsed while the field's end is found.
                    guard let number = CSVFusedScan.number(base, from: fieldStart, count: count) else { break records }
                    fieldEnd = number.end
                    if fieldEnd == fieldStart {
                        guard emptyIsNull else { break records }
                        tags[column] = 1
                    } else if number.fractionDigits < 0 {
                        guard number.valid else { break records }
                        if kind == .integer {
                            values[column] = number.value
                        } else {
                            guard let units = CSVFastPath.scaled(number.value, fractionDigits: 0, scale: scales[column])
                            else { break records }
                            values[column] = units
                        }
                    } else {
                        guard kind == .decimal, number.valid,
                              let units = CSVFastPath.scaled(number.value, fractionDigits: number.fractionDigits,
                                                             scale: scales[column])
                        else { break records }
                        values[column] = units
                        tags[column] = 2
                        fractions[column] = number.fractionDigits
                    }
                case .date:
                    if fieldStart + 10 <= count, datesAllowed {
                        let raw = UnsafeRawPointer(base + fieldStart)
                        let key = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
                        if key == dateKeys[column] {
                            values[column] = dateDays[column]
                        } else {
                            guard let date = CSVFastPath.isoDate(base + fieldStart, 10), date.isValid else { break records }
                            values[column] = Int64(date.days)
                            dateKeys[column] = key
                            dateDays[column] = values[column]
                        }
                        fieldEnd = fieldStart + 10
                    } else if fieldStart == count || base[fieldStart] == delimiter || base[fieldStart] == 10
                                || base[fieldStart] == 13 {
                        guard emptyIsNull else { break records }
                        fieldEnd = fieldStart
                        tags[column] = 1
                    } else {
                        break records
                    }
                case .string, .undecided:
                    fieldEnd = CSVFusedScan.fieldEnd(base, from: fieldStart, count: count, delimiter: delimiter)
                    let length = fieldEnd &- fieldStart
                    if length == 0 {
                        guard emptyIsNull else { break records }
                        tags[column] = 1
                    } else {
                        let firstByte = base[fieldStart]
                        let lastByte = base[fieldEnd &- 1]
                        if firstByte == 32 || firstByte == 9 || lastByte == 32 || lastByte == 9 { break records }
                        if length <= nulls.maxLength, nulls.isNull(base + fieldStart, length) {
                            tags[column] = 1
                        } else if kind == .undecided {
                            break records
                        }
                    }
                    fieldStarts[column] = fieldStart
                    fieldEnds[column] = fieldEnd
                case .failed:
                    break records
                }
                // The field's terminator: a delimiter between fields, a line end after the last.
                if column < last {
                    guard fieldEnd < count, base[fieldEnd] == delimiter else { break records }
                    position = fieldEnd &+ 1
                } else if fieldEnd == count {
                    position = count
                } else if base[fieldEnd] == 10 {
                    position = fieldEnd &+ 1
                } else if base[fieldEnd] == 13, fieldEnd + 1 < count, base[fieldEnd + 1] == 10 {
                    position = fieldEnd &+ 2
                } else {
                    break records
                }
            }
            // Every field qualified: commit the record.
            let row = rows
            for column in 0..<columns {
                let kind = kinds[column]
                if tags[column] == 1 {
                    if kind != .undecided { speculation.null(column, row: row) }
                    continue
                }
                switch kind {
                case .integer:
                    buffers.append64(column, values[column])
                    stats[column].nonNull &+= 1
                    stats[column].integers &+= 1
                case .decimal:
                    buffers.append64(column, values[column])
                    stats[column].nonNull &+= 1
                    if tags[column] == 2 {
                        stats[column].decimals &+= 1
                        if fractions[column] > stats[column].maxFraction { stats[column].maxFraction = fractions[column] }
                    } else {
                        stats[column].integers &+= 1
                    }
                case .date:
                    buffers.append32(column, UInt32(truncatingIfNeeded: values[column]))
                    stats[column].nonNull &+= 1
                    stats[column].dates &+= 1
                case .string:
                    let fieldStart = fieldStarts[column]
                    let length = fieldEnds[column] &- fieldStart
                    let known = dictionaries[column].count
                    let code = dictionaries[column].code(base + fieldStart, length)
                    if let utf8Alarm, Int(code) >= known,
                       !CSVUTF8Validator.isClean(base, from: fieldStart, to: fieldStart + length) {
                        // The chunk stops here; the load starts over with whole-file validation.
                        utf8Alarm.raise()
                        cancelled = true
                        return cursor
                    }
                    buffers.append32(column, code)
                    // Classified once per distinct text at the chunk's end.
                    if classified[column] { buffers.countCode(column, code) }
                case .undecided, .failed:
                    break
                }
            }
            rows &+= 1
            cursor = position
            taken &+= 1
            if taken & 0xFFFF == 0, isCancelled() {
                cancelled = true
                break
            }
        }
        return cursor
    }
}

enum CSVFusedScan {
    /// A number field's digits: `-?d*(.d*)?` up to the first other byte.
    struct Number {
        /// All digits as one integer (exact when `valid`).
        var value: Int64
        /// Digits after the dot, or −1 without a dot.
        var fractionDigits: Int
        /// Where the number stopped (the field's end when the terminator follows).
        var end: Int
        /// The shape ``CSVFastPath/integer`` or ``CSVFastPath/decimal`` accepts.
        var valid: Bool
    }

    /// Parses `-?d*(.d*)?` at `start`: the same acceptance as the fast paths (at most 18
    /// digits, no leading zero before more integer digits, digits on both sides of a dot).
    /// Nil when a field starts with a quote.
    @inline(__always)
    static func number(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Number? {
        var cursor = start
        if cursor < count, base[cursor] == 34 { return nil }
        let negative = cursor < count && base[cursor] == 45
        if negative { cursor &+= 1 }
        let integerStart = cursor
        var value: Int64 = 0
        while cursor < count {
            let digit = base[cursor] &- 48
            if digit >= 10 { break }
            value = value &* 10 &+ Int64(digit)
            cursor &+= 1
        }
        let integerDigits = cursor &- integerStart
        var fractionDigits = -1
        if cursor < count, base[cursor] == 46 {
            cursor &+= 1
            let fractionStart = cursor
            while cursor < count {
                let digit = base[cursor] &- 48
                if digit >= 10 { break }
                value = value &* 10 &+ Int64(digit)
                cursor &+= 1
            }
            fractionDigits = cursor &- fractionStart
        }
        let leadingZero = integerDigits > 1 && base[integerStart] == 48
        let valid: Bool
        if fractionDigits < 0 {
            valid = integerDigits >= 1 && integerDigits <= 18 && !leadingZero
        } else {
            valid = integerDigits >= 1 && fractionDigits >= 1 && integerDigits + fractionDigits <= 18 && !leadingZero
        }
        return Number(value: negative ? -value : value, fractionDigits: fractionDigits, end: cursor, valid: valid)
    }

    /// The end of an unquoted field: the first delimiter, `\\n` or `\\r` at or after `start`
    /// (or `count`), eight bytes at a time.
    @inline(__always)
    static func fieldEnd(_ base: UnsafePointer<UInt8>, from start: Int, count: Int, delimiter: UInt8) -> Int {
        var cursor = start
        let delimiterPattern = UInt64(delimiter) &* 0x0101_0101_0101_0101
        while cursor &+ 8 <= count {
            let word = UnsafeRawPointer(base + cursor).loadUnaligned(as: UInt64.self)
            let stops = CSVRecordScanner.zeroBytes(word ^ delimiterPattern)
                | CSVRecordScanner.zeroBytes(word ^ CSVRecordScanner.lineFeedPattern)
                | CSVRecordScanner.zeroBytes(word ^ CSVRecordScanner.carriageReturnPattern)
            if stops != 0 { return cursor &+ stops.trailingZeroBitCount >> 3 }
            cursor &+= 8
        }
        while cursor < count {
            let byte = base[cursor]
            if byte == delimiter || byte == 10 || byte == 13 { return cursor }
            cursor &+= 1
        }
        return count
    }
}
