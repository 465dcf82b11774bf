import StrataCore
import Testing
@testable import StrataEngine

@Suite struct UpliftTests {
    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance }

    /// Worked by hand: 900 treated customers of whom 108 bought again, 100 held out of whom 6.
    ///
    ///     p₁ = 108/900 = 0.12        p₂ = 6/100 = 0.06        d = 0.06
    ///     Wald: se = √(0.12·0.88/900 + 0.06·0.94/100) = √(0.00011733 + 0.000564)
    ///              = √0.00068133 = 0.0261024
    ///           d ± 1.96·se = 0.06 ± 0.0511597 → [0.0088403, 0.1111597]
    ///     pooled: p̄ = 114/1000 = 0.114;  se₀ = √(0.114·0.886·(1/900 + 1/100))
    ///              = √(0.101004 · 0.0111111) = √0.00112227 = 0.0335002
    ///           z = 0.06 / 0.0335002 = 1.79103;  p = 2·(1 − Φ(1.79103)) = 0.07329
    ///     Wilson 95%: treatment [0.100368, 0.142862], control [0.027786, 0.124768]
    ///     Newcombe: d − √((0.12−0.100368)² + (0.124768−0.06)²) = 0.06 − 0.067678 = −0.007678
    ///               d + √((0.142862−0.12)² + (0.06−0.027786)²) = 0.06 + 0.039502 = 0.099502
    ///
    /// Wald excludes zero, Newcombe does not, and p > 0.05: a 100-customer control group is
    /// too small to call a 6-point lift — the point of reporting both.
    @Test func handComputedExample() throws {
        let uplift = try Uplift(treatment: .init(size: 900, successes: 108), control: .init(size: 100, successes: 6))
        #expect(UpliftTests.close(uplift.difference, 0.06, 1e-12))
        #expect(UpliftTests.close(uplift.wald.lowerBound, 0.008840309391413788))
        #expect(UpliftTests.close(uplift.wald.upperBound, 0.11115969060858621))
        #expect(UpliftTests.close(uplift.z, 1.7910314767592848))
        #expect(UpliftTests.close(uplift.pValue, 0.07328824398457283, 1e-12))
        #expect(UpliftTests.close(uplift.newcombe.lowerBound, -0.007678037811463687))
        #expect(UpliftTests.close(uplift.newcombe.upperBound, 0.09950184108507484))
        #expect(uplift.summary == """
            difference +6.00 pp, 95% CI +0.88 to +11.12 pp (Wald), -0.77 to +9.95 pp (Newcombe)
            z = 1.79, p = 0.0733 (two-proportion z-test, pooled, two-sided)
            """)
        let table = uplift.table(treatmentName: "wake", controlName: "hold", outcome: "bought")
        #expect(table.columnNames == ["group", "customers", "bought", "rate"])
        #expect((0..<2).map { table.columns[3].value(at: $0) } == [.string("12.00%"), .string("6.00%")])
        #expect(table.columns[2].value(at: 1) == .int(6))
    }

    /// Φ against published values (scipy.stats.norm.cdf) in the centre and both tails.
    @Test func normalCDFMatchesKnownValues() {
        #expect(Uplift.normalCDF(0) == 0.5)
        #expect(UpliftTests.close(Uplift.normalCDF(-1), 0.15865525393145707, 1e-15))
        #expect(UpliftTests.close(Uplift.normalCDF(3), 0.9986501019683699, 1e-15))
        #expect(UpliftTests.close(Uplift.normalCDF(Uplift.z95), 0.975, 1e-15))
        // The far tail keeps its relative precision (1 − Φ would round to 0 here).
        #expect(abs(Uplift.normalCDF(-8) / 6.22096057427174e-16 - 1) < 1e-12)
        #expect(UpliftTests.close(Uplift.twoSidedPValue(2.5758293035489), 0.01, 1e-12))
        #expect(Uplift.twoSidedPValue(-1.5) == Uplift.twoSidedPValue(1.5))
    }

    @Test func equalExtremesAndBadCounts() throws {
        let none = try Uplift(treatment: .init(size: 50, successes: 0), control: .init(size: 10, successes: 0))
        #expect(none.z == 0 && none.pValue == 1 && none.difference == 0)
        #expect(none.wald == 0...0)
        #expect(none.newcombe.lowerBound < 0 && none.newcombe.upperBound > 0)
        #expect(throws: Diagnostic("the control group is empty: uplift needs customers in both groups")) {
            try Uplift(treatment: .init(size: 5, successes: 1), control: .init(size: 0, successes: 0))
        }
        #expect(throws: Diagnostic.self) { try Uplift(treatment: .init(size: 5, successes: 6), control: .init(size: 5, successes: 1)) }
        let negative = try Uplift(treatment: .init(size: 200, successes: 10), control: .init(size: 200, successes: 30))
        #expect(negative.summary.hasPrefix("difference -10.00 pp"))
        #expect(negative.z < 0 && negative.pValue < 0.001)
    }
}
