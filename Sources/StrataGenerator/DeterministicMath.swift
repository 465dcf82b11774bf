/// `exp` and `log` built only from IEEE-754 addition, multiplication and division.
///
/// Those basic operations are correctly rounded everywhere, while the platform `libm`
/// may differ in the last bit between glibc, musl and Darwin. A last-bit difference
/// could flip a rounded cent or day, so the generator never calls `libm`: the same seed
/// gives the same bytes on every machine. Accuracy is a few ulp, far more than needed.
enum DeterministicMath {
    private static let ln2High = 6.931_471_803_691_238_164_90e-01
    private static let ln2Low = 1.908_214_929_270_587_700_02e-10
    private static let inverseLn2 = 1.442_695_040_888_963_387_00
    private static let sqrtHalf = 0.707_106_781_186_547_524_40

    /// e raised to `x`.
    @inline(__always)
    static func exp(_ x: Double) -> Double {
        if x > 709.0 { return .infinity }
        if x < -745.0 { return 0 }
        let k = (x * inverseLn2).rounded()
        let r = (x - k * ln2High) - k * ln2Low
        // Taylor series to r^13 / 13!; |r| <= 0.35 keeps the error below 2^-52.
        var sum = 1.0 / 6_227_020_800.0
        sum = sum * r + 1.0 / 479_001_600.0
        sum = sum * r + 1.0 / 39_916_800.0
        sum = sum * r + 1.0 / 3_628_800.0
        sum = sum * r + 1.0 / 362_880.0
        sum = sum * r + 1.0 / 40_320.0
        sum = sum * r + 1.0 / 5_040.0
        sum = sum * r + 1.0 / 720.0
        sum = sum * r + 1.0 / 120.0
        sum = sum * r + 1.0 / 24.0
        sum = sum * r + 1.0 / 6.0
        sum = sum * r + 0.5
        sum = sum * r + 1.0
        sum = sum * r + 1.0
        return scale(sum, byPowerOfTwo: Int(k))
    }

    /// The natural logarithm of a positive `x` (NaN for negative, -inf for zero).
    @inline(__always)
    static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x.isInfinite { return .infinity }
        var exponent = Int(x.exponent)
        var mantissa = x.significand  // in [1, 2)
        if mantissa > 2 * sqrtHalf {
            mantissa *= 0.5
            exponent += 1
        }
        // log(m) = 2 atanh(s) with s = (m - 1) / (m + 1), |s| <= 0.172.
        let s = (mantissa - 1) / (mantissa + 1)
        let s2 = s * s
        var series = 1.0 / 23.0
        series = series * s2 + 1.0 / 21.0
        series = series * s2 + 1.0 / 19.0
        series = series * s2 + 1.0 / 17.0
        series = series * s2 + 1.0 / 15.0
        series = series * s2 + 1.0 / 13.0
        series = series * s2 + 1.0 / 11.0
        series = series * s2 + 1.0 / 9.0
        series = series * s2 + 1.0 / 7.0
        series = series * s2 + 1.0 / 5.0
        series = series * s2 + 1.0 / 3.0
        series = series * s2 + 1.0
        let logMantissa = 2 * s * series
        let e = Double(exponent)
        return e * ln2High + (e * ln2Low + logMantissa)
    }

    /// `x` to the power `y` for positive `x`.
    @inline(__always)
    static func pow(_ x: Double, _ y: Double) -> Double {
        exp(y * log(x))
    }

    /// `value * 2^power`, exact unless the result under- or overflows.
    @inline(__always)
    private static func scale(_ value: Double, byPowerOfTwo power: Int) -> Double {
        if power > 1000 { return value * 0x1.0p1000 * Double(sign: .plus, exponent: power - 1000, significand: 1) }
        if power < -1000 { return value * 0x1.0p-1000 * Double(sign: .plus, exponent: power + 1000, significand: 1) }
        return value * Double(sign: .plus, exponent: power, significand: 1)
    }
}
