import StrataCore

extension Uplift {
    /// One row per group: `group, customers, <outcome>, rate` (rate as `12.00%`).
    ///
    /// ```
    /// group  customers  bought  rate
    /// wake         900     108  12.00%
    /// hold         100       6  6.00%
    /// ```
    public func table(treatmentName: String, controlName: String, outcome: String = "converted") -> Table {
        let arms = [treatment, control]
        var names = StringDictionary()
        var rates = StringDictionary()
        let nameCodes = ContiguousArray([treatmentName, controlName].map { names.code(for: $0) })
        let rateCodes = ContiguousArray(arms.map { rates.code(for: Uplift.percent($0.rate)) })
        return Table([
            ("group", Column(type: .string, data: .string(codes: nameCodes, dictionary: names))),
            ("customers", Column(type: .int64, data: .int64(ContiguousArray(arms.map { Int64($0.size) })))),
            (outcome, Column(type: .int64, data: .int64(ContiguousArray(arms.map { Int64($0.successes) })))),
            ("rate", Column(type: .string, data: .string(codes: rateCodes, dictionary: rates))),
        ])
    }

    /// Two lines for under the table, in percentage points (pp):
    /// ```
    /// difference +6.00 pp, 95% CI +0.88 to +11.12 pp (Wald), -0.77 to +9.95 pp (Newcombe)
    /// z = 1.79, p = 0.0733 (two-proportion z-test, pooled, two-sided)
    /// ```
    public var summary: String {
        let points = { (value: Double) in Uplift.signed(value * 100, digits: 2) }
        return "difference \(points(difference)) pp, 95% CI \(points(wald.lowerBound)) to \(points(wald.upperBound)) pp (Wald), "
            + "\(points(newcombe.lowerBound)) to \(points(newcombe.upperBound)) pp (Newcombe)\n"
            + "z = \(Uplift.fixed(z, digits: 2)), p = \(Uplift.pText(pValue)) (two-proportion z-test, pooled, two-sided)"
    }

    /// `12.00%`
    static func percent(_ rate: Double) -> String {
        fixed(rate * 100, digits: 2) + "%"
    }

    /// `value` rounded half away from zero to `digits` places, locale-independent.
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return NumberText.double(value) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let units = Int64((value * scale).rounded(.toNearestOrAwayFromZero))
        return NumberText.decimal(units, scale: digits)
    }

    /// `+6.00` / `-0.77` / `0.00`
    static func signed(_ value: Double, digits: Int) -> String {
        let text = fixed(value, digits: digits)
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        return text.hasPrefix("-") || isZero ? text : "+" + text
    }

    /// Four decimals, or `< 0.0001`.
    static func pText(_ p: Double) -> String {
        p < 0.0001 ? "< 0.0001" : fixed(p, digits: 4)
    }
}
