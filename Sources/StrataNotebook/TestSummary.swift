/// The text `strata test` prints: failures with their diffs, then `N passed, M failed`
/// alone on the last line. N and M count notebooks (a notebook passes when every cell does).
public enum TestSummary {
    /// Exit code: 2 when a notebook could not be read or parsed, 1 when one failed, else 0.
    public static func exitCode(_ reports: [NotebookReport], missing: [String] = []) -> Int32 {
        if !missing.isEmpty || reports.contains(where: { $0.error != nil }) { return 2 }
        return reports.allSatisfy(\.passed) ? 0 : 1
    }

    /// One line per notebook (`ok`, `FAIL`, `updated`), the failure messages, and the count.
    public static func text(_ reports: [NotebookReport], missing: [String] = []) -> String {
        var text = ""
        for path in missing { text += "\(path): error: cannot read: no such file or folder\n" }
        for report in reports {
            let cells = "\(report.cells.count) \(report.cells.count == 1 ? "cell" : "cells")"
            if let error = report.error {
                text += "ERROR \(report.path)\n\(error.description)\n"
            } else if report.passed {
                let updated = report.updatedCells > 0 ? ", \(report.updatedCells) updated" : ""
                text += "ok    \(report.path) (\(cells)\(updated))\n"
            } else {
                text += "FAIL  \(report.path) (\(cells))\n"
                for cell in report.cells where cell.status == .failed {
                    text += cell.message.hasSuffix("\n") ? cell.message : cell.message + "\n"
                }
            }
        }
        let passed = reports.filter(\.passed).count
        let failed = reports.count - passed + missing.count
        return text + "\(passed) passed, \(failed) failed\n"
    }
}
