/// Continuous and discrete distributions over `Xoshiro256`, all built on `DeterministicMath`.
extension Xoshiro256 {
    /// A standard normal variate (Marsaglia's polar method: no trigonometry needed).
    ///
    /// Draws a fresh pair every call and keeps one value: a cached spare would make the
    /// sequence depend on call history across helpers.
    @inline(__always)
    public mutating func normal() -> Double {
        while true {
            let u = 2 * unit() - 1
            let v = 2 * unit() - 1
            let radius = u * u + v * v
            if radius > 0 && radius < 1 {
                return u * (-2 * DeterministicMath.log(radius) / radius).squareRoot()
            }
        }
    }

    /// A lognormal variate: `exp(mu + sigma * N(0, 1))`.
    @inline(__always)
    public mutating func logNormal(mu: Double, sigma: Double) -> Double {
        DeterministicMath.exp(mu + sigma * normal())
    }

    /// An exponential variate with the given mean.
    @inline(__always)
    public mutating func exponential(mean: Double) -> Double {
        -mean * DeterministicMath.log(unitOpenBelow())
    }

    /// A gamma variate with shape `shape` and scale `scale` (Marsaglia and Tsang, 2000).
    public mutating func gamma(shape: Double, scale: Double) -> Double {
        if shape < 1 {
            // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
            let boosted = gamma(shape: shape + 1, scale: scale)
            return boosted * DeterministicMath.exp(DeterministicMath.log(unitOpenBelow()) / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1.0 / (9 * d).squareRoot()
        while true {
            let x = normal()
            let base = 1 + c * x
            if base <= 0 { continue }
            let v = base * base * base
            let u = unitOpenBelow()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v * scale }
            if DeterministicMath.log(u) < 0.5 * x2 + d * (1 - v + DeterministicMath.log(v)) {
                return d * v * scale
            }
        }
    }

    /// A Poisson count with the given mean (Knuth's product method; normal approximation above 30).
    public mutating func poisson(mean: Double) -> Int {
        if mean <= 0 { return 0 }
        if mean > 30 {
            let value = (mean + mean.squareRoot() * normal()).rounded()
            return value < 0 ? 0 : Int(value)
        }
        let limit = DeterministicMath.exp(-mean)
        var product = unit()
        var count = 0
        while product > limit {
            product *= unit()
            count += 1
        }
        return count
    }
}

/// A categorical distribution over integer weights; picks an index in one draw and a short scan.
///
/// Integer weights keep the cumulative table exact, so picks never depend on float summation.
public struct WeightedChoice: Sendable {
    private let cumulative: [Int]

    /// Total weight; every weight must be non-negative and the total positive.
    public let total: Int

    /// Number of choices.
    public var count: Int { cumulative.count }

    /// Creates the table from one weight per choice.
    public init(_ weights: [Int]) {
        var running = 0
        var table: [Int] = []
        table.reserveCapacity(weights.count)
        for weight in weights {
            running += max(0, weight)
            table.append(running)
        }
        cumulative = table
        total = max(1, running)
    }

    /// Picks an index with probability proportional to its weight.
    ///
    /// - Complexity: O(log n) by binary search over the cumulative weights.
    @inline(__always)
    public func pick(_ random: inout Xoshiro256) -> Int {
        let target = random.below(total)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) >> 1
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
