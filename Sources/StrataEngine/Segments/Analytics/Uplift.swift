import Foundation
import StrataCore

/// Treatment versus control for a yes/no outcome (bought again, replied, renewed): the two
/// rates, their difference with a 95% confidence interval, and a two-proportion z-test.
///
/// With `x₁` of `n₁` treated and `x₂` of `n₂` control customers converting, `p = x/n`:
/// - difference `d = p₁ − p₂`;
/// - **Wald** 95% interval `d ± 1.96·√(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂)` (the textbook one; too
///   narrow for small groups or rates near 0% or 100%);
/// - **Newcombe** hybrid score interval (Newcombe 1998, method 10) from the two Wilson score
///   intervals `[l₁, u₁]`, `[l₂, u₂]`: `[d − √((p₁−l₁)² + (u₂−p₂)²), d + √((u₁−p₁)² + (p₂−l₂)²)]`
///   — better coverage for small control groups, so prefer it when the two disagree;
/// - pooled z-test: `p̄ = (x₁+x₂)/(n₁+n₂)`, `z = d / √(p̄(1−p̄)(1/n₁ + 1/n₂))`, two-sided
///   `p = 2·(1 − Φ(|z|)) = erfc(|z|/√2)`. When `p̄` is 0 or 1 both rates are equal: `z = 0`,
///   `p = 1`.
public struct Uplift: Sendable, Equatable {
    /// One group's count and outcome.
    public struct Arm: Sendable, Equatable {
        public let size: Int
        public let successes: Int
        /// `successes / size`.
        public var rate: Double { Double(successes) / Double(size) }

        public init(size: Int, successes: Int) {
            self.size = size
            self.successes = successes
        }
    }

    /// The two-sided 95% normal quantile, Φ⁻¹(0.975).
    public static let z95 = 1.959963984540054

    public let treatment: Arm
    public let control: Arm
    /// `treatment.rate − control.rate`.
    public let difference: Double
    /// Wald 95% interval of the difference.
    public let wald: ClosedRange<Double>
    /// Newcombe hybrid-score (Wilson) 95% interval of the difference.
    public let newcombe: ClosedRange<Double>
    /// Pooled two-proportion z statistic.
    public let z: Double
    /// Two-sided p-value of `z`.
    public let pValue: Double

    /// - Throws: ``Diagnostic`` when a group is empty or a count is out of range.
    public init(treatment: Arm, control: Arm) throws(Diagnostic) {
        for (arm, name) in [(treatment, "treatment"), (control, "control")] {
            guard arm.size > 0 else { throw Diagnostic("the \(name) group is empty: uplift needs customers in both groups") }
            guard arm.successes >= 0, arm.successes <= arm.size else {
                throw Diagnostic("the \(name) group has \(arm.successes) conversions for \(arm.size) customers")
            }
        }
        self.treatment = treatment
        self.control = control
        let p1 = treatment.rate, p2 = control.rate
        let n1 = Double(treatment.size), n2 = Double(control.size)
        difference = p1 - p2
        let spread = Uplift.z95 * (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2).squareRoot()
        wald = (difference - spread)...(difference + spread)
        let (l1, u1) = Uplift.wilson(rate: p1, size: n1)
        let (l2, u2) = Uplift.wilson(rate: p2, size: n2)
        let lower = difference - ((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2)).squareRoot()
        let upper = difference + ((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2)).squareRoot()
        newcombe = lower...upper
        let pooled = Double(treatment.successes + control.successes) / (n1 + n2)
        let standardError = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        z = standardError > 0 ? difference / standardError : 0
        pValue = Uplift.twoSidedPValue(z)
    }

    /// The Wilson score 95% interval of a rate.
    static func wilson(rate: Double, size: Double) -> (Double, Double) {
        let z2 = z95 * z95
        let denominator = 1 + z2 / size
        let centre = (rate + z2 / (2 * size)) / denominator
        let half = z95 * (rate * (1 - rate) / size + z2 / (4 * size * size)).squareRoot() / denominator
        return (max(0, centre - half), min(1, centre + half))
    }

    /// Φ(x), the standard normal CDF, as `erfc(−x/√2)/2` (accurate in both tails).
    public static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// `P(|Z| ≥ |z|)` for a standard normal Z.
    public static func twoSidedPValue(_ z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }
}
