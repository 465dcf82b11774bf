/// Fast paths for the most common field shapes (plain integers, plain decimals, ISO dates):
/// tight loops without the general grammar. Each returns nil when the shape does not match
/// exactly, and the caller falls back to the general parser.
enum CSVFastPath {
    /// `0` or `[1-9][0-9]{0,17}`, optionally after `-`: always fits Int64.
    @inline(__always)
    static func integer(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        var index = 0
        let negative = count > 1 && base[0] == 45
        if negative { index = 1 }
        let digits = count - index
        guard digits >= 1, digits <= 18 else { return nil }
        if digits > 1, base[index] == 48 { return nil }
        var value: Int64 = 0
        while index < count {
            let digit = base[index] &- 48
            if digit >= 10 { return nil }
            value = value &* 10 &+ Int64(digit)
            index += 1
        }
        return negative ? -value : value
    }

    /// `-?d+.d+` with at most 18 digits in all: the mantissa and fraction digit count.
    @inline(__always)
    static func decimal(_ base: UnsafePointer<UInt8>, _ count: Int) -> (mantissa: Int64, fractionDigits: Int)? {
        var index = 0
        let negative = count > 1 && base[0] == 45
        if negative { index = 1 }
        guard count - index >= 3, count - index <= 19 else { return nil }
        var value: Int64 = 0
        var dot = -1
        let integerStart = index
        while index < count {
            let byte = base[index]
            let digit = byte &- 48
            if digit < 10 {
                value = value &* 10 &+ Int64(digit)
            } else if byte == 46, dot < 0 {
                dot = index
            } else {
                return nil
            }
            index += 1
        }
        // Needs digits on both sides; `01.5` style leading zeros go to the general parser.
        guard dot > integerStart, dot < count - 1 else { return nil }
        if dot - integerStart > 1, base[integerStart] == 48 { return nil }
        return (negative ? -value : value, count - dot - 1)
    }

    /// Exactly `yyyy-MM-dd`: year, month, day (not yet checked for validity).
    @inline(__always)
    static func isoDate(_ base: UnsafePointer<UInt8>, _ count: Int) -> CivilDate? {
        guard count == 10, base[4] == 45, base[7] == 45 else { return nil }
        @inline(__always) func pair(_ offset: Int) -> Int? {
            let high = base[offset] &- 48
            let low = base[offset + 1] &- 48
            return high < 10 && low < 10 ? Int(high) * 10 + Int(low) : nil
        }
        guard let century = pair(0), let yearInCentury = pair(2), let month = pair(5), let day = pair(8)
        else { return nil }
        return CivilDate(year: century * 100 + yearInCentury, month: month, day: day)
    }

    static let powersOfTen: [Int64] = (0...18).map { power in
        var value: Int64 = 1
        for _ in 0..<power { value *= 10 }
        return value
    }

    /// `mantissa × 10^(scale − fractionDigits)` when it fits.
    @inline(__always)
    static func scaled(_ mantissa: Int64, fractionDigits: Int, scale: Int) -> Int64? {
        guard fractionDigits <= scale else { return nil }
        if fractionDigits == scale { return mantissa }
        // A short loop rather than `powersOfTen`: a global's lazy-initialisation check costs a
        // call (swift_once) on every use in a hot loop.
        var factor: Int64 = 1
        for _ in fractionDigits..<scale { factor &*= 10 }
        let (value, overflow) = mantissa.multipliedReportingOverflow(by: factor)
        return overflow ? nil : value
    }
}
