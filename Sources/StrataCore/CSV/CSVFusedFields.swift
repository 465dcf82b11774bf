/// Byte-level pieces of the fused loop (see ``CSVParseContext/fusedRecords``): numbers,
/// field ends and quoted fields.
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

    /// What the fused paths make of a text field's bytes (see ``text(_:_:nulls:undecided:)``).
    enum TextField { case value, null, refused }

    /// A text field as the fused paths take it, as the general loop takes it: without its edge
    /// spaces and tabs (`text` and `length` are moved in), null when empty (where empty means
    /// null) or a null token, refused when empty otherwise, and refused when not null in a
    /// column still undecided (its guess is the general loop's).
    @inline(__always)
    static func text(_ text: inout UnsafePointer<UInt8>, _ length: inout Int, nulls: CSVNullMatcher,
                     undecided: Bool) -> TextField {
        if length == 0 { return nulls.emptyIsNull ? .null : .refused }
        let first = text[0]
        let last = text[length &- 1]
        if first == 32 || first == 9 || last == 32 || last == 9 { trim(&text, &length) }
        if length == 0 { return nulls.emptyIsNull ? .null : .refused }
        // A text formula `="007"` is unwrapped by the general loop (``CSVFieldText/unwrapFormulaText``).
        if text[0] == 61, length >= 2, text[1] == 34 { return .refused }
        if length <= nulls.maxLength, nulls.isNull(text, length) { return .null }
        return undecided ? .refused : .value
    }

    /// Moves `text` and `length` in past edge spaces and tabs.
    @inline(never)
    private static func trim(_ text: inout UnsafePointer<UInt8>, _ length: inout Int) {
        var start = 0
        var end = length
        CSVFieldText.trim(text, &start, &end)
        text += start
        length = end - start
    }

    /// The day number of the 10 bytes at `text` as a `yyyy-MM-dd` date, or nil. Exports are
    /// often ordered by date, so a repeat of the last date text (`key`, which starts as
    /// (0, 0), no date's text) costs one comparison; another date comes from the month table
    /// or the calendar and becomes the last one.
    @inline(__always)
    static func dateDays(_ text: UnsafePointer<UInt8>, key lastKey: inout (UInt64, UInt16), days lastDays: inout Int64,
                         datesAllowed: Bool, months: CSVMonthTable) -> Int64? {
        let key = (UnsafeRawPointer(text).loadUnaligned(as: UInt64.self),
                   UnsafeRawPointer(text).loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        if key == lastKey, key.0 != 0 { return lastDays }
        guard datesAllowed else { return nil }
        let days: Int64
        if let tableDays = months.days(text) {
            days = Int64(tableDays)
        } else if let date = CSVFastPath.isoDate(text, 10), date.isValid {
            days = Int64(date.days)
        } else {
            return nil
        }
        lastKey = key
        lastDays = days
        return days
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
        digits(base, &cursor, count: count, into: &value)
        let integerDigits = cursor &- integerStart
        var fractionDigits = -1
        if cursor < count, base[cursor] == 46 {
            cursor &+= 1
            let fractionStart = cursor
            digits(base, &cursor, count: count, into: &value)
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

    /// Moves `cursor` past the digits there, folding each into `value` (`value × 10 + digit`,
    /// wrapping: more than 18 digits are rejected by the caller). Byte by byte: fields are
    /// short, and an eight-bytes-at-a-time version measured 7% more cycles on the bench orders.
    @inline(__always)
    static func digits(_ base: UnsafePointer<UInt8>, _ cursor: inout Int, count: Int, into value: inout Int64) {
        while cursor < count {
            let digit = base[cursor] &- 48
            if digit >= 10 { return }
            value = value &* 10 &+ Int64(digit)
            cursor &+= 1
        }
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

    /// The closing quote of a quoted field whose opening quote is at `opening`: the first
    /// quote not followed by another (a doubled quote is an escaped one, noted in `escaped`);
    /// nil when the field runs to the end of the text.
    @inline(__always)
    static func closingQuote(_ base: UnsafePointer<UInt8>, opening: Int, count: Int, escaped: inout Bool) -> Int? {
        var cursor = opening &+ 1
        let quotes: UInt64 = 0x2222_2222_2222_2222
        while true {
            while cursor &+ 8 <= count {
                let word = UnsafeRawPointer(base + cursor).loadUnaligned(as: UInt64.self)
                let found = CSVRecordScanner.zeroBytes(word ^ quotes)
                if found != 0 {
                    cursor &+= found.trailingZeroBitCount >> 3
                    break
                }
                cursor &+= 8
            }
            while cursor < count, base[cursor] != 34 { cursor &+= 1 }
            guard cursor < count else { return nil }
            if cursor &+ 1 < count, base[cursor &+ 1] == 34 {
                escaped = true
                cursor &+= 2
                continue
            }
            return cursor
        }
    }

    /// Copies `[start, end)` into `scratch` with each doubled quote made one (as
    /// ``CSVFieldText/unescaped(_:_:_:flags:)``); returns the copied length. `scratch` holds
    /// at least `end - start` bytes.
    @inline(never)
    static func unescape(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                         into scratch: UnsafeMutablePointer<UInt8>) -> Int {
        var index = start
        var length = 0
        while index < end {
            let byte = base[index]
            scratch[length] = byte
            length &+= 1
            index &+= byte == 34 && index &+ 1 < end && base[index &+ 1] == 34 ? 2 : 1
        }
        return length
    }
}
