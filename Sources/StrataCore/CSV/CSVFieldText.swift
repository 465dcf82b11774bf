/// Small byte-level helpers for one field's text: trimming, null tokens, booleans.
enum CSVFieldText {
    /// Narrows `[start, end)` past ASCII spaces and tabs on both sides.
    @inline(__always)
    static func trim(_ base: UnsafePointer<UInt8>, _ start: inout Int, _ end: inout Int) {
        while start < end, base[start] == 32 || base[start] == 9 { start += 1 }
        while end > start, base[end - 1] == 32 || base[end - 1] == 9 { end -= 1 }
    }

    /// Where field `column` of `spans` holds its value, and the value's flags: trimmed, and a
    /// text formula unwrapped (``unwrapFormulaText(_:_:_:flags:)``), as every loop reads it.
    @inline(__always)
    static func value(_ base: UnsafePointer<UInt8>, _ spans: borrowing CSVFieldSpans, _ column: Int)
        -> (start: Int, end: Int, flags: UInt8) {
        var start = spans.starts[column]
        var end = spans.ends[column]
        var flags = spans.flags[column]
        trim(base, &start, &end)
        unwrapFormulaText(base, &start, &end, flags: &flags)
        return (start, end, flags)
    }

    /// Narrows `[start, end)` to the text of a spreadsheet text formula `="…"` (how Excel-bound
    /// exports, Strata's `excel` among them, keep `007` or an 18-digit ID number as text):
    /// `="007"` unquoted, or the same quoted with its quotes doubled, whose doubled quotes are
    /// then gone from `flags`. Anything else, or a formula whose text holds a quote, is left.
    @inline(__always)
    static func unwrapFormulaText(_ base: UnsafePointer<UInt8>, _ start: inout Int, _ end: inout Int,
                                  flags: inout UInt8) {
        guard end - start >= 3, base[start] == 61, base[start + 1] == 34, base[end - 1] == 34 else { return }
        let escaped = flags & CSVFieldSpans.escapedQuotes != 0
        let quote = escaped ? 2 : 1
        guard end - start >= 1 + 2 * quote, !escaped || (base[start + 2] == 34 && base[end - 2] == 34) else { return }
        let inner = (start + 1 + quote)..<(end - quote)
        guard !inner.contains(where: { base[$0] == 34 }) else { return }
        start = inner.lowerBound
        end = inner.upperBound
        flags &= ~CSVFieldSpans.escapedQuotes
    }

    /// `true`/`false`/`yes`/`no` in any letter case; nil otherwise.
    @inline(__always)
    static func bool(_ base: UnsafePointer<UInt8>, _ count: Int) -> Bool? {
        guard count >= 2, count <= 5 else { return nil }
        var folded: UInt64 = 0
        for index in 0..<count { folded = folded << 8 | UInt64(base[index] | 0x20) }
        switch folded {
        case 0x74_72_75_65: return true            // true
        case 0x79_65_73: return true               // yes
        case 0x66_61_6C_73_65: return false        // false
        case 0x6E_6F: return false                 // no
        default: return nil
        }
    }

    /// The field's text with doubled quotes undone, for messages and string values.
    static func unescaped(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, flags: UInt8) -> [UInt8] {
        let bytes = UnsafeBufferPointer(start: base + start, count: max(0, end - start))
        guard flags & CSVFieldSpans.escapedQuotes != 0 else { return Array(bytes) }
        var result = [UInt8]()
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            result.append(bytes[index])
            index += bytes[index] == 34 && index + 1 < bytes.count && bytes[index + 1] == 34 ? 2 : 1
        }
        return result
    }
}

/// Matches trimmed field text against the null tokens without allocating.
struct CSVNullMatcher: Sendable {
    let emptyIsNull: Bool
    let tokens: [[UInt8]]
    let maxLength: Int
    /// Bit `b` set when some token starts with byte `b` (four words cover all bytes).
    let firstBytes: (UInt64, UInt64, UInt64, UInt64)

    init(_ tokens: Set<String>) {
        let trimmed = tokens.map { token in
            Array(token.utf8.drop { $0 == 32 || $0 == 9 }.reversed().drop { $0 == 32 || $0 == 9 }.reversed())
        }
        emptyIsNull = trimmed.contains { $0.isEmpty }
        self.tokens = trimmed.filter { !$0.isEmpty }.sorted { $0.lexicographicallyPrecedes($1) }
        maxLength = self.tokens.map(\.count).max() ?? 0
        var words: [UInt64] = [0, 0, 0, 0]
        for token in self.tokens { words[Int(token[0] >> 6)] |= 1 << UInt64(token[0] & 63) }
        firstBytes = (words[0], words[1], words[2], words[3])
    }

    @inline(__always)
    func isNull(_ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if count == 0 { return emptyIsNull }
        if count > maxLength { return false }
        let first = base[0]
        let word: UInt64
        switch first >> 6 {
        case 0: word = firstBytes.0
        case 1: word = firstBytes.1
        case 2: word = firstBytes.2
        default: word = firstBytes.3
        }
        if word & (1 << UInt64(first & 63)) == 0 { return false }
        for token in tokens where token.count == count {
            var same = true
            for index in 0..<count where token[index] != base[index] {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }
}
