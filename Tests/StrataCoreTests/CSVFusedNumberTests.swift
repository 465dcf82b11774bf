import Testing
@testable import StrataCore

/// The fused loop's eight-bytes-at-a-time number scan against a byte-by-byte reference.
@Suite("CSV fused numbers")
struct CSVFusedNumberTests {
    /// The byte-by-byte scan the word-at-a-time one replaced.
    static func reference(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> CSVFusedScan.Number? {
        var cursor = start
        if cursor < count, base[cursor] == 34 { return nil }
        let negative = cursor < count && base[cursor] == 45
        if negative { cursor += 1 }
        let integerStart = cursor
        var value: Int64 = 0
        while cursor < count, base[cursor] &- 48 < 10 {
            value = value &* 10 &+ Int64(base[cursor] &- 48)
            cursor += 1
        }
        let integerDigits = cursor - integerStart
        var fractionDigits = -1
        if cursor < count, base[cursor] == 46 {
            cursor += 1
            let fractionStart = cursor
            while cursor < count, base[cursor] &- 48 < 10 {
                value = value &* 10 &+ Int64(base[cursor] &- 48)
                cursor += 1
            }
            fractionDigits = cursor - fractionStart
        }
        let leadingZero = integerDigits > 1 && base[integerStart] == 48
        let valid = fractionDigits < 0
            ? integerDigits >= 1 && integerDigits <= 18 && !leadingZero
            : integerDigits >= 1 && fractionDigits >= 1 && integerDigits + fractionDigits <= 18 && !leadingZero
        return CSVFusedScan.Number(value: negative ? -value : value, fractionDigits: fractionDigits, end: cursor, valid: valid)
    }

    static func same(_ left: CSVFusedScan.Number?, _ right: CSVFusedScan.Number?) -> Bool {
        guard let left, let right else { return left == nil && right == nil }
        return left.end == right.end && left.fractionDigits == right.fractionDigits && left.valid == right.valid
            && (!left.valid || left.value == right.value)
    }

    @Test func wordScanEqualsByteScan() {
        var random = CSVFusedQuotedTests.Random(state: 42)
        // Mostly digits, with every byte class that can end or break a number.
        let alphabet = Array("0123456789012345678901234567890123456789.-,\n\r\"x /:9".utf8) + [0x2F, 0x3A, 0xFA, 0xFF, 0x00]
        for _ in 0..<20000 {
            let length = random.next(40)
            var bytes = (0..<length).map { _ in alphabet[random.next(alphabet.count)] }
            if random.next(3) == 0 { bytes = Array(String(random.next(1 << 30) * random.next(1 << 30)).utf8) + bytes }
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for start in 0..<min(buffer.count, 4) {
                    let fast = CSVFusedScan.number(base, from: start, count: buffer.count)
                    let slow = CSVFusedNumberTests.reference(base, from: start, count: buffer.count)
                    #expect(CSVFusedNumberTests.same(fast, slow), "\(Array(buffer[start...]))")
                }
            }
        }
    }

    @Test func digitRunsOfEveryLength() {
        for length in 0...20 {
            for tail in [",", "\n", ".5,", ""] {
                let text = String(repeating: "7", count: length) + tail + "12345678"
                Array(text.utf8).withUnsafeBufferPointer { buffer in
                    let count = buffer.count - 8  // the field ends before the trailing digits
                    let fast = CSVFusedScan.number(buffer.baseAddress!, from: 0, count: count)
                    let slow = CSVFusedNumberTests.reference(buffer.baseAddress!, from: 0, count: count)
                    #expect(CSVFusedNumberTests.same(fast, slow), "\(text)")
                }
            }
        }
    }
}

/// The validator's three-byte fast path against a plain decoder.
@Suite("CSV UTF-8 fast path")
struct CSVUTF8FastPathTests {
    /// The first event of `bytes[from..<to]` by the standard library's UTF-8 parser (a
    /// character may run on up to `limit`): an independent oracle for the validator.
    static func reference(_ bytes: [UInt8], from: Int, to: Int, limit: Int) -> CSVUTF8Validator.Event? {
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes[from..<limit].makeIterator()
        var index = from
        while index < to {
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded).value
                if scalar == 0 { return .nul(index) }
                if scalar == 0xFEFF { return .bom(index) }
                index += encoded.count
            case .error: return .invalid(index)
            case .emptyInput: return nil
            }
        }
        return nil
    }

    @Test func scanEqualsAPlainDecoder() {
        var random = CSVFusedQuotedTests.Random(state: 7)
        let pieces: [[UInt8]] = [
            Array("客户".utf8), Array("a,1\n".utf8), Array("é".utf8), Array("😀".utf8), [0xEF, 0xBB, 0xBF],
            [0xE0, 0xA0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEE, 0x80, 0x80],
            [0xEF, 0xBF, 0xBF], [0xE4, 0xB8], [0xE4, 0x41, 0x80], [0xE4, 0xB8, 0x41], [0x80], [0xFF], [0x00], [0xC0, 0x80],
        ]
        for _ in 0..<20000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.next(12) { bytes += pieces[random.next(pieces.count)] }
            // Mostly clean text: the interesting piece is rarely the first.
            if random.next(2) == 0 { bytes = Array("北京上海广州深圳".utf8) + bytes }
            let to = bytes.isEmpty ? 0 : random.next(bytes.count + 1)
            let limit = to + random.next(bytes.count - to + 1)
            let fast = bytes.withUnsafeBufferPointer { buffer in
                CSVUTF8Validator.scan(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, from: 0, to: to, limit: limit)
            }
            #expect(fast == CSVUTF8FastPathTests.reference(bytes, from: 0, to: to, limit: limit), "\(bytes) to \(to) limit \(limit)")
        }
    }
}

/// The month table's dates against the calendar arithmetic.
@Suite("CSV month table")
struct CSVMonthTableTests {
    @Test func everyDayOfTheTableAndAroundItMatchesTheCalendar() {
        let table = CSVMonthTable.shared
        var checked = 0
        for year in [0, 1, 999, 1582, 1899, 1900, 1901, 1969, 1970, 2000, 2024, 2100, 2199, 2200, 9999] + Array(1900...2199) {
            for month in 0...13 {
                for day in [0, 1, 15, 28, 29, 30, 31, 32, 99] {
                    func pad(_ value: Int, _ width: Int) -> String {
                        String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
                    }
                    let text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
                    let bytes = Array(text.utf8)
                    let fast = bytes.withUnsafeBufferPointer { table.days($0.baseAddress!) }
                    let date = bytes.withUnsafeBufferPointer { CSVFastPath.isoDate($0.baseAddress!, 10) }
                    let slow: Int32? = date.flatMap { $0.isValid ? $0.days : nil }
                    if let fast {
                        #expect(fast == slow, "\(text)")
                        checked += 1
                    } else if (1900...2199).contains(year) {
                        #expect(slow == nil, "\(text) must be found in the table")
                    }
                }
            }
        }
        #expect(checked > 300 * 12 * 5)
        let odd = ["2024/01/01", "2024-1-011", "20x4-01-01", "2024-01-0a", "-024-01-01"].map { Array($0.utf8) }
        for bytes in odd { #expect(bytes.withUnsafeBufferPointer { table.days($0.baseAddress!) } == nil) }
    }
}
