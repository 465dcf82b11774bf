import Foundation
import StrataCore

/// `cluster K on COLS (log, standardize, seed S, restarts N)`: the input rows plus `cluster`
/// (1…K; null for rows with a null in a clustering column).
public enum ClusterOperator {
    /// Runs k-means over the spec's columns and records a ``ClusterReport`` (centroids in the
    /// original units, sizes, inertia) in `context`.
    /// - Complexity: O(rows × dimensions) to build the matrix, then ``KMeans/run(k:seed:restarts:maxIterations:)``.
    public static func run(_ input: Table, spec: ClusterSpec, context: ExecutionContext) throws -> Table {
        let features = try ClusterFeatures(input, spec: spec)
        let rows = features.rowIndexes.count
        guard spec.k <= rows else {
            let what = rows == input.rowCount ? "the input has" : "only"
            throw Diagnostic("cluster \(spec.k) needs at least \(spec.k) rows; \(what) \(rows) "
                + (rows == input.rowCount ? (rows == 1 ? "row" : "rows") : "rows without nulls in the clustering columns"),
                at: .statement(spec.range))
        }
        let kmeans = KMeans(points: features.matrix, rows: rows, dimensions: spec.columns.count)
        let result = try kmeans.run(k: spec.k, seed: spec.seed, restarts: spec.restarts, maxIterations: spec.maxIterations)

        var ids = ContiguousArray<Int64>(repeating: 0, count: input.rowCount)
        var validity: Bitmap?
        if rows < input.rowCount { validity = Bitmap(count: input.rowCount, value: false) }
        for (position, row) in features.rowIndexes.enumerated() {
            ids[Int(row)] = Int64(result.labels[position]) + 1
            validity?[Int(row)] = true
        }
        context.record(report(result, features: features, spec: spec, input: input))
        let column = Column(type: .int64, data: .int64(ids), validity: validity)
        var named = zip(input.fields, input.columns).map { ($0.name, $1) }
        if spec.output < named.count {
            named[spec.output] = ("cluster", column)
        } else {
            named.append(("cluster", column))
        }
        return Table(named)
    }

    /// Sizes, mean of each column's original values per cluster, and the run's figures.
    static func report(_ result: KMeans.Result, features: ClusterFeatures, spec: ClusterSpec, input: Table) -> ClusterReport {
        let dimensions = spec.columns.count
        var sums = [Double](repeating: 0, count: spec.k * dimensions)
        for (position, _) in features.rowIndexes.enumerated() {
            let cluster = Int(result.labels[position])
            for dimension in 0..<dimensions {
                sums[cluster * dimensions + dimension] += features.original[position * dimensions + dimension]
            }
        }
        let means = (0..<spec.k).map { cluster in
            (0..<dimensions).map { sums[cluster * dimensions + $0] / Double(max(1, result.sizes[cluster])) }
        }
        return ClusterReport(columns: spec.columns.map { input.fields[$0].name }, sizes: result.sizes, means: means,
                             inertia: result.inertia, iterations: result.iterations, bestRestart: result.restart + 1,
                             spec: spec, skippedRows: input.rowCount - features.rowIndexes.count)
    }
}

/// What one `cluster` run found, for the notes printed with its result.
public struct ClusterReport: Sendable {
    /// The clustering columns.
    public var columns: [String]
    /// Rows per cluster, cluster 1 first.
    public var sizes: [Int]
    /// Per cluster, the mean of each column's original values (before log and scaling).
    public var means: [[Double]]
    /// Sum of squared distances to the centroids, in the clustering space (after log/standardize).
    public var inertia: Double
    public var iterations: Int
    /// The restart (1-based) with the lowest inertia.
    public var bestRestart: Int
    public var spec: ClusterSpec
    /// Rows left out for a null in a clustering column.
    public var skippedRows: Int

    /// `k-means: 4 clusters on recency, frequency (log1p, standardized), seed 7: inertia 123.456 (best of 10 restarts: #3, 12 iterations)`
    public var headline: String {
        var transforms: [String] = []
        if spec.log { transforms.append("log1p") }
        if spec.standardize { transforms.append("standardized") }
        let how = transforms.isEmpty ? "" : " (" + transforms.joined(separator: ", ") + ")"
        var text = "k-means: \(spec.k) \(spec.k == 1 ? "cluster" : "clusters") on \(columns.joined(separator: ", "))\(how), "
            + "seed \(spec.seed): inertia \(String(format: "%.6g", inertia)) "
            + "(best of \(spec.restarts) \(spec.restarts == 1 ? "restart" : "restarts"): #\(bestRestart), "
            + "\(iterations) \(iterations == 1 ? "iteration" : "iterations"))"
        if skippedRows > 0 { text += "; \(skippedRows) rows with nulls have no cluster" }
        return text
    }

    /// The centroid table: cluster, size, then each column's mean in its original units.
    public var centroids: Table {
        var named: [(String, Column)] = [
            ("cluster", Column(type: .int64, data: .int64(ContiguousArray((1...max(1, sizes.count)).map { Int64($0) }.prefix(sizes.count))))),
            ("size", Column(type: .int64, data: .int64(ContiguousArray(sizes.map { Int64($0) })))),
        ]
        for (dimension, name) in columns.enumerated() where name != "cluster" && name != "size" {
            named.append((name, Column(type: .double, data: .double(ContiguousArray(means.map { $0[dimension] })))))
        }
        return Table(named)
    }
}

extension ClusterReport {
    /// The headline, then the centroid table (means rounded to 2 decimals) as `options` render it.
    func text(options: RenderOptions) -> String {
        var rounded = self
        rounded.means = means.map { $0.map { ($0 * 100).rounded() / 100 } }
        let table = Renderer.render(rounded.centroids, options: options)
        return headline + "\n" + table + (table.hasSuffix("\n") ? "" : "\n")
    }
}
