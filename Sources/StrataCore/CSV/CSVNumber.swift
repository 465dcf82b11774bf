#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shape of a numeric field, read in one pass without allocating.
///
/// Grammar: `[sign] [currency [sign]] digits [, ddd]* [. digits] [e [sign] digits | [spaces] 元]`
/// where the currency sign is one of `¥ ￥ $ € £`, thousands separators must group by exactly
/// three, and an exponent may not follow a currency sign or grouping. A trailing `元` (yuan,
/// as Chinese exports write amounts: `176.12元`) makes the value money too.
struct CSVNumberShape {
    enum Kind: UInt8 { case none, integer, fraction, exponent }

    var kind = Kind.none
    var negative = false
    /// Every digit (integer and fraction part) as one integer, unless `overflow`.
    var mantissa: UInt64 = 0
    var overflow = false
    var integerDigits = 0
    var fractionDigits = 0
    var exponent = 0
    /// A currency sign or thousands separators: an amount of money.
    var money = false
    /// An integer like `007`: an identifier, not a quantity.
    var leadingZero = false

    /// Reads `count` bytes at `base` (already trimmed).
    @inline(__always)
    init(_ base: UnsafePointer<UInt8>, _ count: Int) {
        var index = 0
        var signSeen = false
        if index < count, base[index] == 45 || base[index] == 43 {
            negative = base[index] == 45
            signSeen = true
            index += 1
        }
        let currency = CSVNumberShape.currencyLength(base + index, count - index)
        if currency > 0 {
            money = true
            index += currency
            if !signSeen, index < count, base[index] == 45 || base[index] == 43 {
                negative = base[index] == 45
                index += 1
            }
        }
        let digitsStart = index
        var groupLength = 0
        var grouped = false
        while index < count {
            let byte = base[index]
            if byte &- 48 < 10 {
                accumulate(byte)
                integerDigits += 1
                groupLength += 1
                index += 1
            } else if byte == 44 {
                if grouped ? groupLength != 3 : (groupLength == 0 || groupLength > 3) { return }
                grouped = true
                groupLength = 0
                index += 1
            } else {
                break
            }
        }
        if grouped {
            if groupLength != 3 { return }
            money = true
        }
        var kind = Kind.integer
        if index < count, base[index] == 46 {
            index += 1
            kind = .fraction
            while index < count, base[index] &- 48 < 10 {
                accumulate(base[index])
                fractionDigits += 1
                index += 1
            }
        }
        if integerDigits + fractionDigits == 0 { return }
        let yuan = CSVNumberShape.yuanSuffixStart(base, from: index, count: count)
        if yuan == index || (yuan > index && (index..<yuan).allSatisfy { base[$0] == 32 }) {
            money = true
            index = count
        }
        if index < count, base[index] | 0x20 == 101 {
            if money { return }
            index += 1
            var exponentNegative = false
            if index < count, base[index] == 45 || base[index] == 43 {
                exponentNegative = base[index] == 45
                index += 1
            }
            var digits = 0
            var value = 0
            while index < count, base[index] &- 48 < 10 {
                if value < 100_000 { value = value * 10 + Int(base[index] &- 48) }
                digits += 1
                index += 1
            }
            if digits == 0 { return }
            exponent = exponentNegative ? -value : value
            kind = .exponent
        }
        if index != count { return }
        if kind == .integer, integerDigits > 1, base[digitsStart] == 48, !grouped { leadingZero = true }
        self.kind = kind
    }

    @inline(__always)
    private mutating func accumulate(_ byte: UInt8) {
        let (times, overflowA) = mantissa.multipliedReportingOverflow(by: 10)
        let (sum, overflowB) = times.addingReportingOverflow(UInt64(byte &- 48))
        if overflowA || overflowB { overflow = true }
        mantissa = sum
    }

    /// Where a trailing `元` (E5 85 83) starts, or -1 when the field does not end with one.
    static func yuanSuffixStart(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        guard count - start >= 3, base[count - 3] == 0xE5, base[count - 2] == 0x85, base[count - 1] == 0x83
        else { return -1 }
        return count - 3
    }

    /// Bytes of a leading currency sign: `$` `£` `¥` `€` `￥`, or 0.
    @inline(__always)
    static func currencyLength(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        guard count > 0 else { return 0 }
        switch base[0] {
        case 36: return 1
        case 0xC2 where count >= 2 && (base[1] == 0xA5 || base[1] == 0xA3): return 2
        case 0xE2 where count >= 3 && base[1] == 0x82 && base[2] == 0xAC: return 3
        case 0xEF where count >= 3 && base[1] == 0xBF && base[2] == 0xA5: return 3
        default: return 0
        }
    }

    /// An integer without fraction or exponent that fits Int64.
    @inline(__always)
    var int64: Int64? {
        guard kind == .integer, !overflow else { return nil }
        if negative {
            guard mantissa <= UInt64(Int64.max) + 1 else { return nil }
            return mantissa == UInt64(Int64.max) + 1 ? Int64.min : -Int64(mantissa)
        }
        guard mantissa <= UInt64(Int64.max) else { return nil }
        return Int64(mantissa)
    }

    /// The value × 10^scale, when it has at most `scale` fraction digits and fits.
    @inline(__always)
    func units(scale: Int) -> Int64? {
        guard kind == .integer || kind == .fraction, !overflow, fractionDigits <= scale else { return nil }
        var value = mantissa
        for _ in fractionDigits..<scale {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = times
        }
        guard value <= UInt64(Int64.max) else { return nil }
        return negative ? -Int64(value) : Int64(value)
    }

    /// The nearest double; nil when it overflows (`1e400`).
    func double(_ base: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        guard kind != .none else { return nil }
        let power = exponent - fractionDigits
        // Exact mantissa and power of ten: one correctly rounded operation.
        if !overflow, mantissa < 1 << 53, power >= -22, power <= 22 {
            var value = Double(mantissa)
            value = power < 0 ? value / CSVNumberShape.powersOfTen[-power] : value * CSVNumberShape.powersOfTen[power]
            return negative ? -value : value
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 2) { buffer -> Double? in
            guard let text = buffer.baseAddress else { return nil }
            var length = 0
            if negative {
                text[0] = 45
                length = 1
            }
            for index in 0..<count {
                let byte = base[index]
                if byte &- 48 < 10 || byte == 46 || byte | 0x20 == 101 || (byte == 45 && index > 0 && base[index - 1] | 0x20 == 101) {
                    text[length] = CChar(bitPattern: byte)
                    length += 1
                }
            }
            text[length] = 0
            let value = strtod(text, nil)
            return value.isFinite ? value : nil
        }
    }

    static let powersOfTen: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }
        return value
    }
}
