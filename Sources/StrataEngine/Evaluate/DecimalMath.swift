/// Exact scaled-integer arithmetic for decimals: rescaling with half-away-from-zero rounding.
enum DecimalMath {
    /// 10^0 … 10^18 (every power that fits in Int64).
    static let pow10: [Int64] = {
        var powers: [Int64] = [1]
        for _ in 1...18 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// `units` × 10^-`from` expressed with scale `to`; nil when it does not fit in Int64.
    /// Narrowing rounds half away from zero.
    static func rescale(_ units: Int64, from: Int, to: Int) -> Int64? {
        if to == from { return units }
        if to > from {
            guard to - from <= 18 else { return units == 0 ? 0 : nil }
            let (result, overflow) = units.multipliedReportingOverflow(by: pow10[to - from])
            return overflow ? nil : result
        }
        guard from - to <= 18 else { return 0 }
        return divideRounded(units, by: pow10[from - to])
    }

    /// `numerator / divisor` rounded half away from zero; `divisor` > 0.
    @inline(__always)
    static func divideRounded(_ numerator: Int64, by divisor: Int64) -> Int64 {
        let quotient = numerator / divisor
        let remainder = numerator % divisor
        // Branch-free: +1 / -1 when |remainder| ≥ divisor / 2 (ties go away from zero).
        let roundsAway = remainder.magnitude &* 2 >= divisor.magnitude
        let sign: Int64 = numerator < 0 ? -1 : 1
        return quotient &+ (roundsAway ? sign : 0)
    }

    /// `numerator / divisor` rounded half away from zero in 128 bits; nil when the result does
    /// not fit in Int64. `divisor` ≠ 0.
    static func divideRounded(_ numerator: Int128, by divisor: Int128) -> Int64? {
        let quotient = numerator / divisor
        let remainder = numerator % divisor
        var result = quotient
        if remainder.magnitude * 2 >= divisor.magnitude {
            result += (numerator < 0) != (divisor < 0) ? -1 : 1
        }
        return Int64(exactly: result)
    }

    /// The nearest double to `units` × 10^-scale.
    @inline(__always)
    static func toDouble(_ units: Int64, scale: Int) -> Double {
        scale == 0 ? Double(units) : Double(units) / Double(pow10[min(scale, 18)])
    }

    /// `value` as Int64 when it is finite and in range (already rounded by the caller).
    static func exactInt64(_ value: Double) -> Int64? {
        guard value.isFinite, value >= -9.223372036854775808e18, value < 9.223372036854775808e18 else { return nil }
        return Int64(value)
    }
}
