import StrataCore

/// What the session keeps about segmentation between statements: the RFM report behind each
/// `let` table (for `.thresholds`), user schemes (`.scheme NAME from "file.csv"`), and the
/// warnings of the statement being run.
struct SegmentationState {
    /// The RFM report of the last `rfm` node in the plan that made each table.
    var reports: [String: RFMReport] = [:]
    /// Schemes loaded by the user, by name.
    var schemes: [String: SegmentScheme] = [:]
    /// Warnings of the plans run by the current statement.
    private(set) var pendingWarnings: [String] = []
    /// RFM report of the last plan run.
    private var lastReport: RFMReport?
    /// Reports of the `cluster` nodes the current statement ran (printed with its result).
    private(set) var pendingClusters: [ClusterReport] = []

    /// Takes in what one plan's operators reported.
    mutating func absorb(_ context: ExecutionContext) {
        for warning in context.warnings where !pendingWarnings.contains(warning) { pendingWarnings.append(warning) }
        lastReport = context.reports(of: RFMReport.self).last
        pendingClusters += context.reports(of: ClusterReport.self)
    }

    /// `let NAME = …` succeeded: NAME now has the report of the plan that made it (or none).
    mutating func remember(_ name: String) {
        reports[name] = lastReport
    }

    /// The pending cluster reports as text (headline and centroid table), clearing them.
    mutating func takeClusterNotes(options: RenderOptions) -> String {
        defer { pendingClusters = [] }
        return pendingClusters.map { $0.text(options: options) }.joined()
    }

    /// The pending warnings as `warning: …` lines (empty when none), clearing them.
    mutating func takeWarnings() -> String {
        defer { pendingWarnings = []; lastReport = nil }
        return pendingWarnings.map { "warning: " + $0 + "\n" }.joined()
    }
}
