import StrataCore
import StrataLang

extension Session {
    /// `export PIPELINE to "path.csv" [(columns [a, b], excel)]`: runs the pipeline and
    /// writes its result with ``CSVExport``. The options are checked and the pipeline runs
    /// before the file is touched, so a failing statement leaves an existing file as it was.
    /// - Complexity: the pipeline's cost plus O(rows × columns) to write.
    func runExport(_ pipeline: Pipeline, path: String, pathRange: Range<Int>, options items: [OptionItem]) throws -> Outcome {
        let options = try CSVExportOptions(items)
        let target = try accessiblePath(path, at: pathRange)
        let table = try evaluate(pipeline)
        return try export(table, to: path, resolvedPath: target, pathRange: pathRange, options: options)
    }

    /// Writes `table` as CSV to the user-written `path` and returns the
    /// `exported 1,301 rows × 3 columns to out/x.csv` notice. For `segment export`: the path
    /// is resolved against the working folder and checked against ``fileAccess`` (refusals
    /// and write errors point at `pathRange`), unknown `options.columns` point at the name.
    /// - Complexity: O(rows × columns); memory independent of the row count.
    public func export(_ table: Table, to path: String, pathRange: Range<Int>?, options: CSVExportOptions) throws -> Outcome {
        try export(table, to: path, resolvedPath: try accessiblePath(path, at: pathRange), pathRange: pathRange, options: options)
    }

    private func export(_ table: Table, to path: String, resolvedPath: String, pathRange: Range<Int>?,
                        options: CSVExportOptions) throws -> Outcome {
        let selected = try options.select(from: table)
        let summary: ExportSummary
        do {
            summary = try CSVExport.write(selected, to: resolvedPath, excel: options.excel, displayPath: path)
        } catch let diagnostic as Diagnostic where diagnostic.location == nil {
            throw Diagnostic(diagnostic.message, at: pathRange.map { .statement($0) }, notes: diagnostic.notes)
        }
        return .notice(summary.message(path: path) + "\n")
    }
}
