import Foundation
import StrataCore
import Testing
@testable import StrataEngine

@Suite struct KMeansTests {
    /// Three tight, far-apart blobs of 200 points in 3 dimensions, rows interleaved.
    static func blobs() -> Table {
        var random = SeededRandom(seed: 99)
        let centres: [[Double]] = [[0, 0, 0], [50, 10, 1000], [-40, 80, 500]]
        var columns: [[Double?]] = [[], [], []]
        for row in 0..<600 {
            let centre = centres[row % 3]
            for dimension in 0..<3 { columns[dimension].append(centre[dimension] + random.unit() * 2 - 1) }
        }
        return Table([("x", Columns.double(columns[0])), ("y", Columns.double(columns[1])), ("z", Columns.double(columns[2])),
                      ("blob", Columns.int((0..<600).map { Int64($0 % 3) }))])
    }

    /// Uniform noise: many local optima, so restarts matter.
    static func noise(rows: Int = 2_000) -> Table {
        var random = SeededRandom(seed: 5)
        return Table([("a", Columns.double((0..<rows).map { _ in random.unit() })),
                      ("b", Columns.double((0..<rows).map { _ in random.unit() })),
                      ("c", Columns.int((0..<rows).map { _ in Int64(random.next() % 1000) }))])
    }

    static func report(_ context: ExecutionContext) -> ClusterReport? { context.reports(of: ClusterReport.self).last }

    @Test func kMeansPlusPlusRecoversWellSeparatedBlobs() throws {
        let h = ScoringHarness(["p": Self.blobs()])
        let (table, context) = try h.run("p | cluster 3 on x, y, z (standardize, seed 1, restarts 1)")
        let cluster = table.rows.map { $0[4] }
        let blob = table.rows.map { $0[3] }
        // Each blob lands in exactly one cluster, and clusters are numbered by x: blob 2 (x −40) is 1.
        for row in 0..<600 { #expect(cluster[row] == cluster[row % 3]) }
        #expect(Set(cluster[0..<3]).count == 3)
        #expect(cluster[2] == .int(1) && cluster[0] == .int(2) && cluster[1] == .int(3))
        #expect(blob[0] == .int(0))
        let report = try #require(Self.report(context))
        #expect(report.sizes == [200, 200, 200])
        // Centroids in the original units: the blob centres, within the ±1 noise.
        #expect(abs(report.means[0][0] + 40) < 0.2 && abs(report.means[2][2] - 1000) < 0.2)
    }

    @Test func sameSeedSameClustersOtherSeedStillValid() throws {
        let h = ScoringHarness(["n": Self.noise()])
        let first = try h.run("n | cluster 5 on a, b, c (standardize, seed 7, restarts 3)")
        let second = try h.run("n | cluster 5 on a, b, c (standardize, seed 7, restarts 3)")
        #expect(first.table.rows == second.table.rows)
        #expect(Self.report(first.context)?.inertia == Self.report(second.context)?.inertia)
        let other = try h.run("n | cluster 5 on a, b, c (standardize, seed 8, restarts 3)")
        #expect(Set(other.table.rows.map { $0[3] }) == Set((1...5).map { Value.int(Int64($0)) }))
    }

    @Test func inertiaNeverGrowsWithRestartsAndMatchesTheLabels() throws {
        let h = ScoringHarness(["n": Self.noise()])
        var inertias: [Double] = []
        for restarts in [1, 2, 5, 10, 20] {
            let (table, context) = try h.run("n | cluster 8 on a, b (seed 3, restarts \(restarts))")
            let report = try #require(Self.report(context))
            inertias.append(report.inertia)
            // Recompute from the labels: Σ squared distance to the cluster's mean.
            var sums = [[Double]](repeating: [0, 0], count: 8), counts = [Double](repeating: 0, count: 8)
            let points = table.rows.map { row -> (Int, Double, Double) in
                guard case .int(let id) = row[3], case .double(let a) = row[0], case .double(let b) = row[1] else { return (0, 0, 0) }
                return (Int(id) - 1, a, b)
            }
            for (id, a, b) in points { sums[id][0] += a; sums[id][1] += b; counts[id] += 1 }
            var inertia = 0.0
            for (id, a, b) in points {
                inertia += pow(a - sums[id][0] / counts[id], 2) + pow(b - sums[id][1] / counts[id], 2)
            }
            #expect(abs(inertia - report.inertia) < 1e-9 * max(1, inertia))
        }
        for index in 1..<inertias.count { #expect(inertias[index] <= inertias[index - 1]) }
        #expect(inertias.last! < inertias.first!)
    }

    @Test func logNullsAndReplacingTheClusterColumn() throws {
        let t = Table([("m", Columns.decimal([100, nil, 1_000_000, 99, 1_000_100, 101])), ("cluster", Columns.int([9, 9, 9, 9, 9, 9]))])
        let h = ScoringHarness(["t": t])
        let (table, context) = try h.run("t | cluster 2 on m (log, seed 1)")
        #expect(table.columnNames == ["m", "cluster"])
        #expect(table.rows.map { $0[1] } == [.int(1), .null, .int(2), .int(1), .int(2), .int(1)])
        let report = try #require(Self.report(context))
        #expect(report.skippedRows == 1 && report.sizes == [3, 2])
        #expect(abs(report.means[0][0] - 1.0) < 1e-9)
        #expect(report.headline.hasPrefix("k-means: 2 clusters on m (log1p), seed 1: inertia "))
    }

    @Test func errorsBeforeRunningWithCarets() {
        let h = ScoringHarness(["n": Self.noise(rows: 3), "t": Table([("m", Columns.decimal([-200, 5]))])])
        #expect(h.error("n | cluster 4 on a, b") == """
            Error: cluster 4 needs at least 4 rows; the input has 3 rows
              n | cluster 4 on a, b
                  ^^^^^^^^^^^^^^^^^
            """)
        #expect(h.error("n | cluster 0 on a").hasPrefix("Error: cluster needs at least 1 cluster"))
        #expect(h.error("n | cluster 2 on a, 客户") == """
            Error: column "客户" not found. Did you mean "a"?
              n | cluster 2 on a, 客户
                                  ^^^^
            """ || h.error("n | cluster 2 on a, 客户").hasPrefix("Error: column \"客户\" not found"))
        #expect(h.error("n | cluster 2 on a (seed 7, restart 3)") == """
            Error: unknown cluster option "restart". Did you mean "restarts"? Options: log, standardize, seed, restarts, iterations
              n | cluster 2 on a (seed 7, restart 3)
                                          ^^^^^^^
            """)
        #expect(h.error("n | cluster 2 on a (restarts 0)").hasPrefix("Error: restarts needs a whole number from 1 up to 1000, found 0"))
        #expect(h.error("n | cluster 2 on a, a").hasPrefix("Error: column \"a\" appears twice in cluster"))
        #expect(h.error("t | cluster 1 on m (log)").hasPrefix("Error: log needs values above -1, but m holds -2"))
        let strings = ScoringHarness(["s": Table([("name", Columns.string(["a", "b"]))])])
        #expect(strings.error("s | cluster 2 on name") == """
            Error: cluster needs numeric columns; name is a string
              s | cluster 2 on name
                               ^^^^
            """)
    }

    @Test func explainShowsTheOptions() throws {
        let h = ScoringHarness(["n": Self.noise(rows: 10)])
        #expect(try h.plan("n | cluster 3 on a, c (log, seed 7)").explain() == """
            cluster 3 on a, c (log, seed 7, restarts 10, iterations 300)
              scan n: a, b, c
            """)
    }
}
