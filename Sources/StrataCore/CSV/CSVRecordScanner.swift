/// Field boundaries of one record, in reusable buffers sized to the column count.
///
/// For a quoted field, `starts`/`ends` bound the text between the quotes and `flags` has
/// bit 0 set (bit 1 when it holds doubled quotes to unescape).
struct CSVFieldSpans: ~Copyable {
    let capacity: Int
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>
    let flags: UnsafeMutablePointer<UInt8>

    static let quoted: UInt8 = 1
    static let escapedQuotes: UInt8 = 2

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        starts = .allocate(capacity: self.capacity)
        ends = .allocate(capacity: self.capacity)
        flags = .allocate(capacity: self.capacity)
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
        flags.deallocate()
    }

    /// Offset of the field's first byte in the file (its opening quote when quoted).
    @inline(__always)
    func rawStart(_ field: Int) -> Int { starts[field] - Int(flags[field] & CSVFieldSpans.quoted) }
}

/// What scanning one record found.
struct CSVRecord {
    enum Problem: UInt8 {
        case none
        /// A quoted field runs to the end of the file; `problemOffset` is its opening quote.
        case unterminatedQuote
        /// A closing quote followed by something other than a delimiter or line end.
        case textAfterQuote
    }

    var start = 0
    /// End of the record's text (before its line terminator).
    var end = 0
    /// Where the next record starts.
    var next = 0
    var fieldCount = 0
    var problem = Problem.none
    var problemOffset = 0
}

/// The RFC 4180 splitter: the hot loop over raw bytes.
///
/// Quotes are special only at the start of a field (`5" screen` stays literal). Lines end at
/// `\n`, `\r\n` or a lone `\r`. Fields past `spans.capacity` are counted, not stored.
struct CSVRecordScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    let delimiter: UInt8

    private static let quote: UInt8 = 34
    private static let lineFeed: UInt8 = 10
    private static let carriageReturn: UInt8 = 13

    @inline(__always)
    func scan(from position: Int, into spans: borrowing CSVFieldSpans) -> CSVRecord {
        var record = CSVRecord()
        record.start = position
        var cursor = position
        var fieldIndex = 0
        // Locals, so stores through the span pointers cannot force reloads.
        let base = self.base
        let count = self.count
        let delimiter = self.delimiter
        let capacity = spans.capacity
        let starts = spans.starts
        let ends = spans.ends
        let flagsOut = spans.flags
        let delimiterPattern = UInt64(delimiter) &* 0x0101_0101_0101_0101
        while true {
            if cursor < count, base[cursor] == CSVRecordScanner.quote {
                let opening = cursor
                var flags = CSVFieldSpans.quoted
                var scan = cursor + 1
                while true {
                    while scan < count, base[scan] != CSVRecordScanner.quote { scan += 1 }
                    if scan >= count {
                        record.problem = .unterminatedQuote
                        record.problemOffset = opening
                        record.fieldCount = fieldIndex + 1
                        record.end = count
                        record.next = count
                        return record
                    }
                    if scan + 1 < count, base[scan + 1] == CSVRecordScanner.quote {
                        flags |= CSVFieldSpans.escapedQuotes
                        scan += 2
                        continue
                    }
                    break
                }
                if fieldIndex < capacity {
                    starts[fieldIndex] = opening + 1
                    ends[fieldIndex] = scan
                    flagsOut[fieldIndex] = flags
                }
                fieldIndex += 1
                cursor = scan + 1
                if cursor >= count { break }
                let byte = base[cursor]
                if byte == delimiter {
                    cursor += 1
                    continue
                }
                if byte == CSVRecordScanner.lineFeed || byte == CSVRecordScanner.carriageReturn { break }
                // Text after the closing quote: note it, skip to the field's end.
                if record.problem == .none {
                    record.problem = .textAfterQuote
                    record.problemOffset = cursor
                }
                while cursor < count {
                    let next = base[cursor]
                    if next == delimiter || next == CSVRecordScanner.lineFeed
                        || next == CSVRecordScanner.carriageReturn { break }
                    cursor += 1
                }
                if cursor < count, base[cursor] == delimiter {
                    cursor += 1
                    continue
                }
                break
            }
            let fieldStart = cursor
            // Eight bytes at a time: the lowest byte equal to a stop byte ends the field.
            while cursor + 8 <= count {
                let word = UnsafeRawPointer(base + cursor).loadUnaligned(as: UInt64.self)
                let stops = CSVRecordScanner.zeroBytes(word ^ delimiterPattern)
                    | CSVRecordScanner.zeroBytes(word ^ CSVRecordScanner.lineFeedPattern)
                    | CSVRecordScanner.zeroBytes(word ^ CSVRecordScanner.carriageReturnPattern)
                if stops != 0 {
                    cursor += stops.trailingZeroBitCount >> 3
                    break
                }
                cursor += 8
            }
            while cursor < count {
                let byte = base[cursor]
                // Most bytes are above 13 and not the delimiter: one compare pair.
                if byte > 13, byte != delimiter {
                    cursor += 1
                    continue
                }
                if byte == delimiter || byte == CSVRecordScanner.lineFeed
                    || byte == CSVRecordScanner.carriageReturn { break }
                cursor += 1
            }
            if fieldIndex < capacity {
                starts[fieldIndex] = fieldStart
                ends[fieldIndex] = cursor
                flagsOut[fieldIndex] = 0
            }
            fieldIndex += 1
            if cursor < count, base[cursor] == delimiter {
                cursor += 1
                continue
            }
            break
        }
        record.fieldCount = fieldIndex
        record.end = cursor
        if cursor < count {
            if base[cursor] == CSVRecordScanner.carriageReturn, cursor + 1 < count,
               base[cursor + 1] == CSVRecordScanner.lineFeed {
                cursor += 2
            } else {
                cursor += 1
            }
        }
        record.next = cursor
        return record
    }

    static let lineFeedPattern: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    static let carriageReturnPattern: UInt64 = 0x0D0D_0D0D_0D0D_0D0D

    /// High bit set in each zero byte of `word` (exact for the lowest zero byte; bytes above
    /// it may be flagged falsely, which the caller never looks at).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// True for a record that is an empty line, or only spaces and tabs (skipped).
    @inline(__always)
    func isBlankLine(_ record: CSVRecord) -> Bool {
        guard record.fieldCount == 1, record.problem == .none else { return false }
        // Spaces and tabs only count as blank too: an export's padding, not a record.
        var cursor = record.start
        while cursor < record.end, base[cursor] == 32 || base[cursor] == 9 { cursor += 1 }
        return cursor == record.end
    }

    /// The offset just after the first line end at or after `offset` (or `count`).
    func lineBoundary(after offset: Int) -> Int {
        var cursor = offset
        while cursor < count {
            let byte = base[cursor]
            if byte == CSVRecordScanner.lineFeed { return cursor + 1 }
            if byte == CSVRecordScanner.carriageReturn {
                if cursor + 1 < count, base[cursor + 1] == CSVRecordScanner.lineFeed { return cursor + 2 }
                return cursor + 1
            }
            cursor += 1
        }
        return count
    }

    /// The delimiter among `,` `\t` `;` `|` that occurs most often outside quotes in the first
    /// line (ties in that order); `,` when none occurs.
    static func detectDelimiter(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> UInt8 {
        let candidates: [UInt8] = [44, 9, 59, 124]
        var tallies = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var cursor = start
        let limit = min(count, start + (1 << 20))
        while cursor < limit {
            let byte = base[cursor]
            if byte == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == lineFeed || byte == carriageReturn { break }
                if let index = candidates.firstIndex(of: byte) { tallies[index] += 1 }
            }
            cursor += 1
        }
        var best = 0
        for index in 1..<candidates.count where tallies[index] > tallies[best] { best = index }
        return candidates[best]
    }
}
