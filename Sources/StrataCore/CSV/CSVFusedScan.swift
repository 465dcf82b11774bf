/// Pass 1's fused loop: split and parse in one walk over the bytes, straight into the
/// speculation buffers, for records whose every field takes its column's guess.
///
/// Plain records (no quotes) go a block at a time through ``CSVFusedBlock`` first, which
/// indexes them and parses column by column; the record-at-a-time walk below takes the ones
/// a block leaves (quoted fields, a field off its column's fast path) and hands back.
///
/// A record qualifies when it has the right count of fields, each unquoted unless its column
/// is text, and each number or date untrimmed (no edge spaces or tabs) and parsed on the
/// column's fast path exactly as ``CSVSpeculation/take`` would (or empty, where empty means
/// null); texts are trimmed and judged as the general loop trims and judges them
/// (``CSVFusedScan/text``). The first record that does not qualify is left to the general per-record loop, which then hands back; values,
/// statistics and dictionary codes are the same either way.
///
/// Values are written in place at the record's row, past the buffers' counts; the counts move
/// only when the loop stops, so a record that does not qualify leaves no value behind (the
/// general loop overwrites them). What else a record changes (null rows, decimal shapes) is
/// noted as events and applied once the record qualified. Per-column statistics follow from
/// the counts at the end: every value taken is non-null and has the column's shape.
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
        for column in 0..<columns where speculation.kinds[column] == .failed { return start }
        let plan = CSVFusedPlan(speculation, columns: columns, classified: classified)
        let kinds = plan.kinds
        let scales = plan.scales
        let widths = plan.widths
        let outputs = plan.outputs
        let events = plan.events
        let dateKeys = plan.dateKeys
        let dateDays = plan.dateDays
        // The dictionaries move into a plain buffer for the loop: mutating one through the
        // speculation's array would check the array's uniqueness on every field.
        let dictionaries = speculation.takeDictionaries()
        defer { speculation.restoreDictionaries(dictionaries, count: columns) }
        let buffers = speculation.buffers
        let base = self.base
        let count = self.count
        let delimiter = scanner.delimiter
        let nulls = self.nulls
        let emptyIsNull = nulls.emptyIsNull
        let datesAllowed = pattern == nil
        let months = CSVMonthTable.shared
        let last = columns - 1
        let firstRow = rows
        var row = rows
        // Rows below `roomEnd` fit every value buffer.
        var roomEnd = row
        var cursor = start
        let block = CSVFusedBlock(columns: columns)
        var blockCooldown = 0
        var blockBackoff = 1
        defer {
            plan.finish(taken: row - firstRow, endRow: row, buffers: buffers, stats: stats, dictionaries: dictionaries)
            rows = row
        }
        records: while cursor < softEnd {
            if row == roomEnd {
                guard let end = plan.makeRoom(row: row, buffers: buffers) else { break records }
                roomEnd = end
            }
            if blockCooldown == 0 {
                let asked = min(roomEnd &- row, speculation.blockRows)
                let taken = block.take(self, plan: plan, dictionaries: dictionaries, from: cursor, softEnd: softEnd,
                                       row: row, maxRows: asked, buffers: buffers, stats: stats)
                // Blocks that end early waste the rows parsed past their end: ask for twice
                // what was taken next time (at least 16), and for more again once taken whole.
                speculation.blockRows = taken.rows == asked ? min(speculation.blockRows &* 2, block.capacity)
                    : max(16, taken.rows &* 2)
                if taken.alarm {
                    // The chunk stops here; the load starts over with whole-file validation.
                    cancelled = true
                    return cursor
                }
                if taken.rows > 0 {
                    blockBackoff = 1
                    let before = row &- firstRow
                    row &+= taken.rows
                    cursor = taken.next
                    if (row &- firstRow) >> 16 != before >> 16, isCancelled() {
                        cancelled = true
                        break records
                    }
                    continue records
                }
                // A record the block path does not take goes alone to the loop below; when
                // the next ones do not qualify either, more and more go before a retry.
                blockCooldown = blockBackoff &- 1
                blockBackoff = min(blockBackoff &* 2, 32)
            } else {
                blockCooldown &-= 1
            }
            var position = cursor
            var pending = 0
            for column in 0..<columns {
                guard position < count else { break records }
                let fieldStart = position
                let fieldEnd: Int
                switch kinds[column] {
                case .integer, .decimal:
                    // Digits are parsed while the field's end is found; nil at a quote.
                    guard let number = CSVFusedScan.number(base, from: fieldStart, count: count) else { break records }
                    fieldEnd = number.end
                    let value: Int64
                    if fieldEnd == fieldStart {
                        guard emptyIsNull else { break records }
                        value = 0
                        events[pending] = column << 8 | CSVFusedPlan.nullEvent
                        pending &+= 1
                    } else if number.fractionDigits < 0 {
                        guard number.valid else { break records }
                        if kinds[column] == .integer {
                            value = number.value
                        } else {
                            guard let units = CSVFastPath.scaled(number.value, fractionDigits: 0, scale: scales[column])
                            else { break records }
                            value = units
                        }
                    } else {
                        guard kinds[column] == .decimal, number.valid,
                              let units = CSVFastPath.scaled(number.value, fractionDigits: number.fractionDigits,
                                                             scale: scales[column])
                        else { break records }
                        value = units
                        events[pending] = column << 8 | number.fractionDigits
                        pending &+= 1
                    }
                    if widths[column] == 4 {
                        // A value past 32 bits goes to the general loop, which widens the column.
                        guard let narrow = Int32(exactly: value) else { break records }
                        outputs[column].storeBytes(of: narrow, toByteOffset: row &* 4, as: Int32.self)
                    } else {
                        outputs[column].storeBytes(of: value, toByteOffset: row &* 8, as: Int64.self)
                    }
                case .date:
                    let days: Int64
                    if fieldStart + 10 <= count,
                       let known = CSVFusedScan.dateDays(base + fieldStart, key: &dateKeys[column], days: &dateDays[column],
                                                         datesAllowed: datesAllowed, months: months) {
                        days = known
                        fieldEnd = fieldStart + 10
                    } else if fieldStart == count || base[fieldStart] == delimiter || base[fieldStart] == 10
                                || base[fieldStart] == 13 {
                        guard emptyIsNull else { break records }
                        fieldEnd = fieldStart
                        days = 0
                        events[pending] = column << 8 | CSVFusedPlan.nullEvent
                        pending &+= 1
                    } else {
                        break records
                    }
                    outputs[column].storeBytes(of: UInt32(truncatingIfNeeded: days), toByteOffset: row &* 4, as: UInt32.self)
                case .string, .undecided:
                    // The text's bytes: the field, or between the quotes of a quoted text field.
                    var textStart = fieldStart
                    var textEnd: Int
                    var escaped = false
                    if base[fieldStart] == 34 {
                        guard kinds[column] == .string,
                              let closing = CSVFusedScan.closingQuote(base, opening: fieldStart, count: count,
                                                                      escaped: &escaped)
                        else { break records }
                        textStart = fieldStart &+ 1
                        textEnd = closing
                        fieldEnd = closing &+ 1
                    } else {
                        fieldEnd = CSVFusedScan.fieldEnd(base, from: fieldStart, count: count, delimiter: delimiter)
                        textEnd = fieldEnd
                    }
                    var text = base + textStart
                    var textLength = textEnd &- textStart
                    let field = CSVFusedScan.text(&text, &textLength, nulls: nulls,
                                                  undecided: kinds[column] == .undecided)
                    if field == .refused { break records }
                    if kinds[column] == .undecided { break }
                    if field == .null {
                        outputs[column].storeBytes(of: 0, toByteOffset: row &* 4, as: UInt32.self)
                        events[pending] = column << 8 | CSVFusedPlan.nullEvent
                        pending &+= 1
                        break
                    }
                    if escaped {
                        textStart = text - base
                        textEnd = textStart &+ textLength
                        text = UnsafePointer(plan.scratch(textLength))
                        textLength = CSVFusedScan.unescape(base, textStart, textEnd, into: plan.scratch(textLength))
                    }
                    let known = dictionaries[column].count
                    let code = dictionaries[column].code(text, textLength)
                    if let utf8Alarm, Int(code) >= known, !CSVUTF8Validator.isClean(text, from: 0, to: textLength) {
                        // The chunk stops here; the load starts over with whole-file validation.
                        utf8Alarm.raise()
                        cancelled = true
                        return cursor
                    }
                    // Counted when the loop stops, and classified once per distinct text at the chunk's end.
                    outputs[column].storeBytes(of: code, toByteOffset: row &* 4, as: UInt32.self)
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
            // Every field qualified: the record's events take effect.
            for index in 0..<pending { plan.apply(events[index], row: row, buffers: buffers, stats: stats) }
            row &+= 1
            cursor = position
            if (row &- firstRow) & 0xFFFF == 0, isCancelled() {
                cancelled = true
                break
            }
        }
        return cursor
    }
}
