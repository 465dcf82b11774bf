/// A date or timestamp read from a field.
struct CSVDateTime {
    enum Kind: UInt8 { case none, date, timestamp }

    var kind = Kind.none
    /// False for a date-shaped impossible value (`2024-02-30`, `25:00`).
    var valid = false
    var days: Int32 = 0
    var timeMicros: Int64 = 0

    var timestampMicros: Int64 { Int64(days) * 86_400_000_000 + timeMicros }
}

/// Date parsing without allocation: the default shapes (`2024-01-05`, `2024/1/5`, `2024.1.5`,
/// `2024年1月5日`, each optionally followed by ` 13:45[:00[.ffffff]]` or `T13:45:00`) or a
/// user pattern (``CSVDatePattern``).
enum CSVDateParser {
    @inline(__always)
    static func digit(_ byte: UInt8) -> Int? {
        let value = byte &- 48
        return value < 10 ? Int(value) : nil
    }

    /// Reads 1...`maxDigits` digits (exactly `minDigits` at least) at `index`.
    @inline(__always)
    static func number(_ base: UnsafePointer<UInt8>, _ count: Int, _ index: inout Int,
                       minDigits: Int, maxDigits: Int) -> Int? {
        var value = 0
        var digits = 0
        while index < count, digits < maxDigits, let next = digit(base[index]) {
            value = value * 10 + next
            digits += 1
            index += 1
        }
        return digits >= minDigits ? value : nil
    }

    @inline(__always)
    static func matches(_ base: UnsafePointer<UInt8>, _ count: Int, _ index: Int, _ bytes: (UInt8, UInt8, UInt8)) -> Bool {
        index + 3 <= count && base[index] == bytes.0 && base[index + 1] == bytes.1 && base[index + 2] == bytes.2
    }

    static let yearMark: (UInt8, UInt8, UInt8) = (0xE5, 0xB9, 0xB4)   // 年
    static let monthMark: (UInt8, UInt8, UInt8) = (0xE6, 0x9C, 0x88)  // 月
    static let dayMark: (UInt8, UInt8, UInt8) = (0xE6, 0x97, 0xA5)    // 日

    static func parseDefault(_ base: UnsafePointer<UInt8>, _ count: Int) -> CSVDateTime {
        var result = CSVDateTime()
        guard count >= 8 else { return result }
        var index = 0
        guard let year = number(base, count, &index, minDigits: 4, maxDigits: 4) else { return result }
        let separator = base[index]
        let chinese = matches(base, count, index, yearMark)
        guard chinese || separator == 45 || separator == 47 || separator == 46 else { return result }
        index += chinese ? 3 : 1
        guard let month = number(base, count, &index, minDigits: 1, maxDigits: 2), index < count else { return result }
        if chinese {
            guard matches(base, count, index, monthMark) else { return result }
            index += 3
        } else {
            guard base[index] == separator else { return result }
            index += 1
        }
        guard let day = number(base, count, &index, minDigits: 1, maxDigits: 2) else { return result }
        if chinese, matches(base, count, index, dayMark) { index += 3 }
        let date = CivilDate(year: year, month: month, day: day)
        result.valid = date.isValid
        if result.valid { result.days = date.days }
        if index == count {
            result.kind = .date
            return result
        }
        return parseTimeTail(base, count, index, into: result)
    }

    /// ` 13:45`, `T13:45:00`, ` 13:45:00.123` after a date ending at `index`.
    static func parseTimeTail(_ base: UnsafePointer<UInt8>, _ count: Int, _ start: Int, into date: CSVDateTime) -> CSVDateTime {
        var result = date
        result.kind = .none
        var index = start
        guard index < count, base[index] == 32 || base[index] == 84 else { return result }
        index += 1
        while index < count, base[index] == 32 { index += 1 }
        guard let hour = number(base, count, &index, minDigits: 1, maxDigits: 2),
              index < count, base[index] == 58
        else { return result }
        index += 1
        guard let minute = number(base, count, &index, minDigits: 2, maxDigits: 2) else { return result }
        var second = 0
        var micros = 0
        if index < count, base[index] == 58 {
            index += 1
            guard let value = number(base, count, &index, minDigits: 2, maxDigits: 2) else { return result }
            second = value
            if index < count, base[index] == 46 {
                index += 1
                var digits = 0
                while index < count, let next = digit(base[index]) {
                    if digits < 6 { micros = micros * 10 + next }
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { return result }
                for _ in min(digits, 6)..<6 { micros *= 10 }
            }
        }
        guard index == count else { return result }
        result.kind = .timestamp
        result.valid = result.valid && hour < 24 && minute < 60 && second < 60
        result.timeMicros = Int64((hour * 3600 + minute * 60 + second)) * 1_000_000 + Int64(micros)
        return result
    }
}

/// A compiled `dateFormat` such as `d/M/yyyy` or `yyyy/MM/dd HH:mm`.
struct CSVDatePattern: Sendable {
    enum Token: Sendable, Equatable {
        case year, month(exact: Bool), day(exact: Bool), hour(exact: Bool), minute(exact: Bool), second(exact: Bool)
        case literal(UInt8)
    }

    let tokens: [Token]
    let hasTime: Bool

    init(_ format: String) throws {
        var tokens: [Token] = []
        let characters = Array(format)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            var run = 1
            while index + run < characters.count, characters[index + run] == character { run += 1 }
            switch (character, run) {
            case ("y", 4): tokens.append(.year)
            case ("M", 1...2): tokens.append(.month(exact: run == 2))
            case ("d", 1...2): tokens.append(.day(exact: run == 2))
            case ("H", 1...2): tokens.append(.hour(exact: run == 2))
            case ("m", 1...2): tokens.append(.minute(exact: run == 2))
            case ("s", 1...2): tokens.append(.second(exact: run == 2))
            case ("y", _), ("M", _), ("d", _), ("H", _), ("m", _), ("s", _):
                throw Diagnostic("date format \"\(format)\": \"\(String(repeating: character, count: run))\" is not a pattern token; use yyyy M MM d dd H HH m mm s ss")
            default:
                for _ in 0..<run { tokens.append(contentsOf: String(character).utf8.map(Token.literal)) }
            }
            index += run
        }
        guard tokens.contains(.year),
              tokens.contains(where: { if case .month = $0 { true } else { false } }),
              tokens.contains(where: { if case .day = $0 { true } else { false } })
        else {
            throw Diagnostic("date format \"\(format)\" needs yyyy, M and d")
        }
        self.tokens = tokens
        hasTime = tokens.contains { if case .hour = $0 { true } else { false } }
    }

    func parse(_ base: UnsafePointer<UInt8>, _ count: Int) -> CSVDateTime {
        var result = CSVDateTime()
        var index = 0
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        for token in tokens {
            let value: Int?
            switch token {
            case .literal(let byte):
                guard index < count, base[index] == byte else { return result }
                index += 1
                continue
            case .year: value = CSVDateParser.number(base, count, &index, minDigits: 4, maxDigits: 4); year = value ?? 0
            case .month(let exact): value = field(base, count, &index, exact); month = value ?? 0
            case .day(let exact): value = field(base, count, &index, exact); day = value ?? 0
            case .hour(let exact): value = field(base, count, &index, exact); hour = value ?? 0
            case .minute(let exact): value = field(base, count, &index, exact); minute = value ?? 0
            case .second(let exact): value = field(base, count, &index, exact); second = value ?? 0
            }
            if value == nil { return result }
        }
        let date = CivilDate(year: year, month: month, day: day)
        result.valid = date.isValid && hour < 24 && minute < 60 && second < 60
        if result.valid { result.days = date.days }
        if hasTime {
            guard index == count else { return result }
            result.kind = .timestamp
            result.timeMicros = Int64(hour * 3600 + minute * 60 + second) * 1_000_000
            return result
        }
        if index == count {
            result.kind = .date
            return result
        }
        return CSVDateParser.parseTimeTail(base, count, index, into: result)
    }

    private func field(_ base: UnsafePointer<UInt8>, _ count: Int, _ index: inout Int, _ exact: Bool) -> Int? {
        CSVDateParser.number(base, count, &index, minDigits: exact ? 2 : 1, maxDigits: 2)
    }
}
