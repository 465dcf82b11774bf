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
