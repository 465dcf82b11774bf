import StrataCore

/// What operators report beside their rows while one plan runs: warnings for the user and
/// reports such as the RFM thresholds `.thresholds` shows. The plan stays data-free; the
/// session reads this after the run.
public final class ExecutionContext {
    /// `warning: …` texts, in the order they were raised (without the `warning: ` prefix).
    public private(set) var warnings: [String] = []
    /// Every report recorded by an operator (``RFMReport``, cluster reports, …), in run order
    /// (a child's before its parent's).
    public private(set) var reports: [any Sendable] = []

    public init() {}

    /// Adds a warning once (the same text twice is reported once).
    public func warn(_ text: String) {
        if !warnings.contains(text) { warnings.append(text) }
    }

    /// Keeps an operator's report for the session.
    public func record<Report: Sendable>(_ report: Report) {
        reports.append(report)
    }

    /// The reports of one type, in run order.
    public func reports<Report: Sendable>(of type: Report.Type) -> [Report] {
        reports.compactMap { $0 as? Report }
    }
}
