/// Everything a chunk worker needs; shared read-only by all workers.
struct CSVParseContext {
    let base: UnsafePointer<UInt8>
    let count: Int
    let scanner: CSVRecordScanner
    let columnCount: Int
    let nulls: CSVNullMatcher
    let pattern: CSVDatePattern?
    /// Pass 1: columns whose shapes are worth counting (not forced to string).
    let classified: [Int]
    /// Pass 2: each column's final type.
    var types: [DataType] = []
    let skipBadRows: Bool
    /// Columns that are text whatever they hold (phone-like names, `string` overrides).
    let forcedString: Set<Int>
    /// Pass 1 also keeps typed values (see ``CSVSpeculation``).
    let speculate: Bool
    let isCancelled: @Sendable () -> Bool
    /// Lazy UTF-8 validation: set when the text was not validated up front. Records the
    /// general loop reads are validated whole; the fused loop validates only new dictionary
    /// texts (every other byte it takes is a digit, sign, dot, dash, delimiter or line end).
    /// Any problem raises the alarm and stops the chunk.
    var utf8Alarm: CSVUTF8Alarm? = nil
    /// Bytes per record at the data's start (0 when unknown): sizes pass 1's first buffers.
    var recordBytes = 0

    /// A generous guess of the records in `bytes` of data: a quarter more than the sample's
    /// record length gives, and never more than a record of delimiters alone allows.
    func expectedRecords(_ bytes: Int) -> Int {
        let most = bytes / max(16, 2 * columnCount)
        guard recordBytes > 0 else { return most }
        return min(most, bytes * 5 / (4 * recordBytes)) + 64
    }
}

/// What pass 1 found in one chunk.
struct CSVChunkScan {
    var start: Int
    /// Where the chunk's last record ends; the next chunk must start exactly here.
    var end: Int
    var rows = 0
    var stats: [CSVColumnStats]
    var problems = CSVProblemLog()
    var fatal: CSVProblem?
    var cancelled = false
    var speculation: CSVSpeculation?
}

/// What pass 2 produced for one chunk.
struct CSVChunkColumns {
    var rows = 0
    var columns: [CSVColumnChunk]
    var problems = CSVProblemLog()
    var cancelled = false
}

extension CSVParseContext {
    /// The row-level problem of a record, if any (wrong field count, text after a quote).
    @inline(__always)
    func recordProblem(_ record: CSVRecord, _ spans: borrowing CSVFieldSpans) -> CSVProblem? {
        if record.problem == .textAfterQuote {
            return CSVProblem(kind: .textAfterQuote, offset: record.problemOffset,
                              foundFields: record.fieldCount, recordStart: record.start, recordEnd: record.end)
        }
        guard record.fieldCount != columnCount else { return nil }
        // Point at the first extra field, or at the line's end where a field is missing.
        let offset = record.fieldCount > columnCount ? spans.rawStart(columnCount) : record.end
        return CSVProblem(kind: .fieldCount, offset: offset, foundFields: record.fieldCount,
                          recordStart: record.start, recordEnd: record.end)
    }

    /// Pass 1: splits records starting at `start` while they start before `softEnd` and counts
    /// value shapes per column.
    func scanChunk(from start: Int, softEnd: Int) -> CSVChunkScan {
        let spans = CSVFieldSpans(capacity: columnCount + 1)
        var result = CSVChunkScan(start: start, end: start, stats: Array(repeating: CSVColumnStats(), count: columnCount))
        var cursor = start
        var records = 0
        let base = self.base
        let nulls = self.nulls
        let pattern = self.pattern
        let classified = self.classified
        let scanner = self.scanner
        let classifiedSet = Set(classified)
        var speculation = CSVSpeculation(
            columnCount: columnCount, forcedString: forcedString,
            unsupported: Set((0..<columnCount).filter { !classifiedSet.contains($0) && !forcedString.contains($0) }),
            expectedRows: expectedRecords(softEnd - start))
        var speculating = speculate
        let fusing = speculate && fusedAllowed
        // After a record the fused loop could not take, a few records go the general way first.
        var fusedCooldown = 0
        let classifiedFlags = UnsafeMutablePointer<Bool>.allocate(capacity: columnCount)
        classifiedFlags.initialize(repeating: false, count: columnCount)
        for column in classified { classifiedFlags[column] = true }
        defer { classifiedFlags.deallocate() }
        let stringOnly = forcedString.sorted()
        // A plain buffer rather than a closure, so the loop's state stays in registers.
        let stats = UnsafeMutableBufferPointer<CSVColumnStats>.allocate(capacity: columnCount)
        stats.initialize(repeating: CSVColumnStats())
        defer { stats.deallocate() }
        do {
            while cursor < softEnd {
                if fusing, speculating, !speculation.failed, fusedCooldown == 0 {
                    let before = cursor
                    cursor = fusedRecords(from: cursor, softEnd: softEnd, rows: &result.rows, speculation: &speculation,
                                          stats: stats, classified: classifiedFlags, cancelled: &result.cancelled)
                    if result.cancelled || cursor >= softEnd { break }
                    if cursor == before { fusedCooldown = 32 }
                } else if fusedCooldown > 0 {
                    fusedCooldown -= 1
                }
                records &+= 1
                if records & 1023 == 0, isCancelled() {
                    result.cancelled = true
                    break
                }
                let record = scanner.scan(from: cursor, into: spans)
                if let utf8Alarm, !CSVUTF8Validator.isClean(base, from: cursor, to: record.next) {
                    utf8Alarm.raise()
                    result.cancelled = true
                    break
                }
                cursor = record.next
                if record.problem == .unterminatedQuote {
                    result.fatal = CSVProblem(kind: .unterminatedQuote, offset: record.problemOffset,
                                              recordStart: record.start, recordEnd: record.end)
                    break
                }
                if scanner.isBlankLine(record) { continue }
                if let problem = recordProblem(record, spans) {
                    result.problems.problemCount += 1
                    result.problems.rowCount += 1
                    if result.problems.kept.count < CSVProblemLog.keptWhenFailing { result.problems.kept.append(problem) }
                    continue
                }
                let row = result.rows
                result.rows += 1
                if speculating, speculation.failed { speculating = false }
                for column in classified {
                    let (fieldStart, fieldEnd, flags) = CSVFieldText.value(base, spans, column)
                    if nulls.isNull(base + fieldStart, fieldEnd - fieldStart) {
                        if speculating { speculation.null(column, row: row) }
                        continue
                    }
                    if speculating {
                        if speculation.take(column, row: row, base + fieldStart, fieldEnd - fieldStart,
                                            datesAllowed: pattern == nil, stats: &stats[column]) { continue }
                        speculation.takeString(column, base, fieldStart, fieldEnd, flags: flags)
                    }
                    stats[column].classify(base + fieldStart, fieldEnd - fieldStart, pattern: pattern)
                }
                if speculating {
                    for column in stringOnly {
                        let (fieldStart, fieldEnd, flags) = CSVFieldText.value(base, spans, column)
                        if nulls.isNull(base + fieldStart, fieldEnd - fieldStart) {
                            speculation.null(column, row: row)
                        } else {
                            speculation.takeString(column, base, fieldStart, fieldEnd, flags: flags)
                        }
                    }
                }
            }
        }
        for column in classified { speculation.classifyCountedTexts(column, pattern: pattern, into: &stats[column]) }
        result.stats = Array(stats)
        result.end = cursor
        if speculating, !speculation.failed, result.problems.problemCount == 0 { result.speculation = speculation }
        return result
    }

    /// Pass 2: parses the records in `[start, end)` (exact record boundaries from pass 1)
    /// into typed column buffers.
    func parseChunk(from start: Int, to end: Int, expectedRows: Int) -> CSVChunkColumns {
        let spans = CSVFieldSpans(capacity: columnCount + 1)
        var result = CSVChunkColumns(columns: types.map { CSVColumnChunk(type: $0, capacity: expectedRows) })
        let typedColumns = types.indices.filter { types[$0] != .string }
        let stringColumns = types.indices.filter { types[$0] == .string }
        var scratch = [UInt8]()
        let base = self.base
        let nulls = self.nulls
        let pattern = self.pattern
        let scanner = self.scanner
        var cursor = start
        var records = 0
        var row = 0
        while cursor < end {
            records &+= 1
            if records & 1023 == 0, isCancelled() {
                result.cancelled = true
                break
            }
            let record = scanner.scan(from: cursor, into: spans)
            cursor = record.next
            if scanner.isBlankLine(record) { continue }
            if let problem = recordProblem(record, spans) {
                result.problems.problemCount += 1
                result.problems.rowCount += 1
                if skipBadRows || result.problems.kept.count < CSVProblemLog.keptWhenFailing {
                    result.problems.kept.append(problem)
                }
                continue
            }
            var rowIsBad = false
            for column in typedColumns {
                let (fieldStart, fieldEnd, _) = CSVFieldText.value(base, spans, column)
                if nulls.isNull(base + fieldStart, fieldEnd - fieldStart) {
                    result.columns[column].appendNull(row: row)
                    continue
                }
                if result.columns[column].appendParsed(base + fieldStart, fieldEnd - fieldStart, pattern: pattern) {
                    continue
                }
                result.problems.problemCount += 1
                let keep = skipBadRows ? !rowIsBad : result.problems.kept.count < CSVProblemLog.keptWhenFailing
                if !rowIsBad {
                    rowIsBad = true
                    result.problems.rowCount += 1
                }
                if keep {
                    result.problems.kept.append(CSVProblem(
                        kind: .badValue, offset: spans.rawStart(column), column: column,
                        valueStart: spans.starts[column], valueEnd: spans.ends[column], valueFlags: spans.flags[column],
                        recordStart: record.start, recordEnd: record.end))
                }
            }
            if rowIsBad {
                for column in typedColumns { result.columns[column].removeLast(row: row) }
                continue
            }
            // Strings last: a rejected row must not add dictionary entries.
            for column in stringColumns {
                // Texts lose their edge spaces and tabs, as numbers and dates do.
                let (fieldStart, fieldEnd, flags) = CSVFieldText.value(base, spans, column)
                if nulls.isNull(base + fieldStart, fieldEnd - fieldStart) {
                    result.columns[column].appendNull(row: row)
                } else if flags & CSVFieldSpans.escapedQuotes != 0 {
                    scratch = CSVFieldText.unescaped(base, fieldStart, fieldEnd, flags: flags)
                    let code = scratch.withUnsafeBufferPointer { buffer in
                        result.columns[column].dictionary.code(buffer.baseAddress ?? base, buffer.count)
                    }
                    result.columns[column].codes.append(code)
                } else {
                    _ = result.columns[column].appendParsed(base + fieldStart, fieldEnd - fieldStart, pattern: nil)
                }
            }
            row += 1
        }
        result.rows = row
        return result
    }
}
