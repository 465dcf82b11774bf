import Dispatch
import StrataCore

extension KMeans {
    /// What one assignment pass found: per-cluster sums and counts for the next centroids.
    struct Step {
        var sums: [Double]
        var counts: [Int]
        var inertia: Double
        /// Rows whose cluster changed.
        var changed: Int
        /// The row farthest from its centre (for refilling an empty cluster), −1 when none.
        var farthestRow: Int
    }

    /// Rows per chunk: the unit of parallel work and of summation order.
    static let chunkRows = 65_536

    /// Assigns each row to its nearest centre (the lowest index on ties), updating `labels`.
    /// Chunks run in parallel; their partial sums are added in chunk order, so the result is
    /// the same on any number of cores.
    /// - Complexity: O(rows × k × dimensions).
    func assign(centers: [Double], k: Int, labels: inout ContiguousArray<Int32>) throws -> Step {
        let chunkCount = (rows + KMeans.chunkRows - 1) / KMeans.chunkRows
        var partials = [Step](repeating: Step(sums: [], counts: [], inertia: 0, changed: 0, farthestRow: -1),
                              count: chunkCount)
        let rows = self.rows
        let dimensions = self.dimensions
        try points.withUnsafeBufferPointer { points in
            try labels.withUnsafeMutableBufferPointer { labels in
                try partials.withUnsafeMutableBufferPointer { partials in
                    nonisolated(unsafe) let points = points
                    nonisolated(unsafe) let labels = labels
                    nonisolated(unsafe) let partials = partials
                    let work: @Sendable (Int) -> Void = { chunk in
                        let start = chunk * KMeans.chunkRows
                        partials[chunk] = KMeans.assignChunk(points, labels, start..<min(rows, start + KMeans.chunkRows),
                                                             centers: centers, k: k, dimensions: dimensions)
                    }
                    Parallelism.run(count: chunkCount, work)
                    try Cancellation.check()
                }
            }
        }
        var total = Step(sums: [Double](repeating: 0, count: k * dimensions), counts: [Int](repeating: 0, count: k),
                         inertia: 0, changed: 0, farthestRow: -1)
        var farthest = -1.0
        for partial in partials {
            for index in total.sums.indices { total.sums[index] += partial.sums[index] }
            for index in total.counts.indices { total.counts[index] += partial.counts[index] }
            total.inertia += partial.inertia
            total.changed += partial.changed
            if partial.farthestRow >= 0 {
                // The chunk's farthest distance is recomputed once here rather than stored.
                let row = partial.farthestRow
                let cluster = Int(labels[row])
                var distance = 0.0
                for dimension in 0..<dimensions {
                    let delta = points[row * dimensions + dimension] - centers[cluster * dimensions + dimension]
                    distance += delta * delta
                }
                if distance > farthest { farthest = distance; total.farthestRow = row }
            }
        }
        return total
    }

    private static func assignChunk(_ points: UnsafeBufferPointer<Double>, _ labels: UnsafeMutableBufferPointer<Int32>,
                                    _ range: Range<Int>, centers: [Double], k: Int, dimensions: Int) -> Step {
        if dimensions <= 4 { return assignChunk4(points, labels, range, centers: centers, k: k, dimensions: dimensions) }
        var sums = [Double](repeating: 0, count: k * dimensions)
        var counts = [Int](repeating: 0, count: k)
        var inertia = 0.0
        var changed = 0
        var farthestRow = -1
        var farthest = -1.0
        centers.withUnsafeBufferPointer { centers in
            sums.withUnsafeMutableBufferPointer { sums in
                for row in range {
                    let base = row * dimensions
                    var bestCluster = 0
                    var bestDistance = Double.infinity
                    for cluster in 0..<k {
                        let offset = cluster * dimensions
                        var distance = 0.0
                        for dimension in 0..<dimensions {
                            let delta = points[base + dimension] - centers[offset + dimension]
                            distance += delta * delta
                        }
                        if distance < bestDistance { bestDistance = distance; bestCluster = cluster }
                    }
                    if labels[row] != Int32(bestCluster) { changed += 1; labels[row] = Int32(bestCluster) }
                    counts[bestCluster] += 1
                    inertia += bestDistance
                    if bestDistance > farthest { farthest = bestDistance; farthestRow = row }
                    let offset = bestCluster * dimensions
                    for dimension in 0..<dimensions { sums[offset + dimension] += points[base + dimension] }
                }
            }
        }
        return Step(sums: sums, counts: counts, inertia: inertia, changed: changed, farthestRow: farthestRow)
    }

    /// The same pass for up to 4 dimensions: a row and each centre as one zero-padded
    /// `SIMD4<Double>`, so a distance is one vector subtract, multiply and sum.
    private static func assignChunk4(_ points: UnsafeBufferPointer<Double>, _ labels: UnsafeMutableBufferPointer<Int32>,
                                     _ range: Range<Int>, centers: [Double], k: Int, dimensions: Int) -> Step {
        var centres = [SIMD4<Double>](repeating: .zero, count: k)
        for cluster in 0..<k {
            for dimension in 0..<dimensions { centres[cluster][dimension] = centers[cluster * dimensions + dimension] }
        }
        var sums = [SIMD4<Double>](repeating: .zero, count: k)
        var counts = [Int](repeating: 0, count: k)
        var inertia = 0.0
        var changed = 0
        var farthestRow = -1
        var farthest = -1.0
        centres.withUnsafeBufferPointer { centres in
            sums.withUnsafeMutableBufferPointer { sums in
                for row in range {
                    let base = row * dimensions
                    var point = SIMD4<Double>.zero
                    for dimension in 0..<dimensions { point[dimension] = points[base + dimension] }
                    var bestCluster = 0
                    var bestDistance = Double.infinity
                    for cluster in 0..<k {
                        let delta = point - centres[cluster]
                        let distance = (delta * delta).sum()
                        if distance < bestDistance { bestDistance = distance; bestCluster = cluster }
                    }
                    if labels[row] != Int32(bestCluster) { changed += 1; labels[row] = Int32(bestCluster) }
                    counts[bestCluster] += 1
                    inertia += bestDistance
                    if bestDistance > farthest { farthest = bestDistance; farthestRow = row }
                    sums[bestCluster] += point
                }
            }
        }
        var flat = [Double](repeating: 0, count: k * dimensions)
        for cluster in 0..<k {
            for dimension in 0..<dimensions { flat[cluster * dimensions + dimension] = sums[cluster][dimension] }
        }
        return Step(sums: flat, counts: counts, inertia: inertia, changed: changed, farthestRow: farthestRow)
    }
}
