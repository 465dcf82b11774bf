import StrataCore

/// What `cluster K on COLS (log, standardize, seed S, restarts N)` computes.
public struct ClusterSpec: Sendable, Equatable {
    /// Number of clusters.
    public var k: Int
    /// Numeric input columns the distance is measured on.
    public var columns: [Int]
    /// Transform each value with log1p first (values must be > −1).
    public var log: Bool
    /// Scale each (transformed) column to mean 0 and standard deviation 1 (population).
    public var standardize: Bool
    /// Seed of the PRNG behind k-means++; the same seed gives the same clusters.
    public var seed: UInt64
    /// Independent k-means++ starts; the lowest inertia wins.
    public var restarts: Int
    /// Lloyd iterations per start at most.
    public var maxIterations: Int
    /// Index of the output `cluster` column (replaces a same-named input column).
    public var output: Int
    /// The verb in the statement, for errors found while running (K above the row count).
    public var range: Range<Int>

    public init(k: Int, columns: [Int], log: Bool, standardize: Bool, seed: UInt64, restarts: Int,
                maxIterations: Int, output: Int, range: Range<Int>) {
        self.range = range
        self.k = k
        self.columns = columns
        self.log = log
        self.standardize = standardize
        self.seed = seed
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.output = output
    }
}
