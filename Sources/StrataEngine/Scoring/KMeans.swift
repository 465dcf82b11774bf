import StrataCore

/// k-means (Lloyd's algorithm) with k-means++ starts over a row-major matrix of doubles.
///
/// Deterministic for a seed: each restart draws from its own stream of ``SeededRandom``, the
/// assignment step sums fixed 64K-row chunks (in parallel) and adds the chunks in order, so
/// the result does not depend on the number of threads. Clusters are numbered by their
/// centroids (first dimension ascending, then the next), so equal inputs give equal ids.
struct KMeans {
    /// `rows × dimensions` values, row-major.
    let points: ContiguousArray<Double>
    let rows: Int
    let dimensions: Int

    struct Result {
        /// Cluster per row, 0..<k, numbered by centroid order.
        var labels: ContiguousArray<Int32>
        /// `k × dimensions` centroids in the matrix's units, in label order.
        var centers: [Double]
        var sizes: [Int]
        /// Sum of squared distances of the rows to their centroids.
        var inertia: Double
        /// Lloyd iterations of the winning restart, and which restart won (0-based).
        var iterations: Int
        var restart: Int
    }

    /// The best of `restarts` runs (lowest inertia; the earliest on ties).
    /// - Complexity: O(restarts × iterations × rows × k × dimensions); iterations stop when
    ///   no row changes cluster or the centroids move less than scikit-learn's tolerance
    ///   (1e-4 × the mean variance of the dimensions), at most `maxIterations`.
    func run(k: Int, seed: UInt64, restarts: Int, maxIterations: Int) throws -> Result {
        precondition(k >= 1 && k <= rows, "k must be within 1...rows")
        let tolerance = 1e-4 * meanVariance()
        var best: Result?
        for restart in 0..<max(1, restarts) {
            var random = SeededRandom(seed: seed, stream: UInt64(restart))
            var result = try lloyd(centers: try plusPlus(k: k, random: &random), k: k,
                                   tolerance: tolerance, maxIterations: maxIterations)
            result.restart = restart
            if best == nil || result.inertia < best!.inertia { best = result }
        }
        return renumbered(best!, k: k)
    }

    /// k-means++: the first centre uniformly, each next one with probability ∝ D² (squared
    /// distance to the nearest centre chosen so far).
    func plusPlus(k: Int, random: inout SeededRandom) throws -> [Double] {
        var centers: [Double] = []
        centers.reserveCapacity(k * dimensions)
        let first = min(rows - 1, Int(random.unit() * Double(rows)))
        centers += points[first * dimensions..<(first + 1) * dimensions]
        var nearest = ContiguousArray<Double>(repeating: .infinity, count: rows)
        try points.withUnsafeBufferPointer { points in
            try nearest.withUnsafeMutableBufferPointer { nearest in
                for chosen in 1..<max(1, k + 1) {
                    // Update D² with the last centre chosen, then draw the next one.
                    let offset = (chosen - 1) * dimensions
                    var total = 0.0
                    for row in 0..<rows {
                        if row & 0xFFFF == 0 { try Cancellation.check() }
                        var distance = 0.0
                        for dimension in 0..<dimensions {
                            let delta = points[row * dimensions + dimension] - centers[offset + dimension]
                            distance += delta * delta
                        }
                        if distance < nearest[row] { nearest[row] = distance }
                        total += nearest[row]
                    }
                    if chosen == k { break }
                    var target = random.unit() * total
                    var pick = rows - 1
                    if total > 0 {
                        for row in 0..<rows {
                            target -= nearest[row]
                            if target < 0 { pick = row; break }
                        }
                    } else {
                        // Every row sits on a centre already: any row will do.
                        pick = min(rows - 1, Int(random.unit() * Double(rows)))
                    }
                    centers += points[pick * dimensions..<(pick + 1) * dimensions]
                }
            }
        }
        return centers
    }

    /// Lloyd iterations from `centers` until stable.
    func lloyd(centers start: [Double], k: Int, tolerance: Double, maxIterations: Int) throws -> Result {
        var centers = start
        var labels = ContiguousArray<Int32>(repeating: -1, count: rows)
        var iterations = 0
        while true {
            let step = try assign(centers: centers, k: k, labels: &labels)
            iterations += 1
            if step.changed == 0 || iterations >= maxIterations {
                return Result(labels: labels, centers: centers, sizes: step.counts, inertia: step.inertia,
                              iterations: iterations, restart: 0)
            }
            var moved = centers
            for cluster in 0..<k where step.counts[cluster] > 0 {
                for dimension in 0..<dimensions {
                    moved[cluster * dimensions + dimension] = step.sums[cluster * dimensions + dimension]
                        / Double(step.counts[cluster])
                }
            }
            // An empty cluster takes the row farthest from its centre (as scikit-learn does).
            if let empty = step.counts.firstIndex(of: 0), step.farthestRow >= 0 {
                for dimension in 0..<dimensions {
                    moved[empty * dimensions + dimension] = points[step.farthestRow * dimensions + dimension]
                }
            }
            var shift = 0.0
            for index in moved.indices { shift += (moved[index] - centers[index]) * (moved[index] - centers[index]) }
            centers = moved
            if shift <= tolerance {
                // Report the partition exactly: centroids are its means, and by the parallel-axis
                // theorem Σ‖x − mean‖² = Σ‖x − c‖² − n‖mean − c‖² per cluster (no extra pass).
                let last = try assign(centers: centers, k: k, labels: &labels)
                var inertia = last.inertia
                for cluster in 0..<k where last.counts[cluster] > 0 {
                    var offset = 0.0
                    for dimension in 0..<dimensions {
                        let index = cluster * dimensions + dimension
                        let mean = last.sums[index] / Double(last.counts[cluster])
                        offset += (mean - centers[index]) * (mean - centers[index])
                        centers[index] = mean
                    }
                    inertia -= Double(last.counts[cluster]) * offset
                }
                return Result(labels: labels, centers: centers, sizes: last.counts, inertia: max(0, inertia),
                              iterations: iterations + 1, restart: 0)
            }
        }
    }

    /// Mean over dimensions of the population variance.
    func meanVariance() -> Double {
        guard rows > 0, dimensions > 0 else { return 0 }
        var total = 0.0
        for dimension in 0..<dimensions {
            var sum = 0.0
            var squares = 0.0
            for row in 0..<rows {
                let value = points[row * dimensions + dimension]
                sum += value
                squares += value * value
            }
            let mean = sum / Double(rows)
            total += max(0, squares / Double(rows) - mean * mean)
        }
        return total / Double(dimensions)
    }

    /// Relabels clusters by centroid order (lexicographic over dimensions) so ids do not
    /// depend on which restart or which random draw found them.
    func renumbered(_ result: Result, k: Int) -> Result {
        let order = (0..<k).sorted { left, right in
            for dimension in 0..<dimensions {
                let a = result.centers[left * dimensions + dimension]
                let b = result.centers[right * dimensions + dimension]
                if a != b { return a < b }
            }
            return left < right
        }
        var newLabel = [Int32](repeating: 0, count: k)
        for (position, old) in order.enumerated() { newLabel[old] = Int32(position) }
        var copy = result
        copy.centers = order.flatMap { result.centers[$0 * dimensions..<($0 + 1) * dimensions] }
        copy.sizes = order.map { result.sizes[$0] }
        copy.labels.withUnsafeMutableBufferPointer { labels in
            for row in labels.indices where labels[row] >= 0 { labels[row] = newLabel[Int(labels[row])] }
        }
        return copy
    }
}
