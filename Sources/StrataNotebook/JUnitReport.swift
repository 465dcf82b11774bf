/// JUnit XML for CI systems: one `<testsuite>` per notebook, one `<testcase>` per cell; a
/// differing cell carries a `<failure>` with the diff, a skipped cell `<skipped/>`, and a
/// notebook that could not be read or parsed an `<error>`.
public enum JUnitReport {
    /// The XML document for `reports`.
    public static func xml(_ reports: [NotebookReport]) -> String {
        let failures = reports.reduce(0) { $0 + $1.cells.filter { $0.status == .failed }.count }
        let errors = reports.filter { $0.error != nil }.count
        let tests = reports.reduce(0) { $0 + max($1.cells.count, $1.error == nil ? 0 : 1) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"strata test\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        for report in reports {
            let suiteFailures = report.cells.filter { $0.status == .failed }.count
            let skipped = report.cells.filter { $0.status == .skipped }.count
            let suiteTests = max(report.cells.count, report.error == nil ? 0 : 1)
            xml += "  <testsuite name=\"\(escape(report.path))\" tests=\"\(suiteTests)\" failures=\"\(suiteFailures)\""
                + " errors=\"\(report.error == nil ? 0 : 1)\" skipped=\"\(skipped)\">\n"
            if let error = report.error {
                xml += "    <testcase name=\"read\" classname=\"\(escape(report.path))\">\n"
                xml += "      <error message=\"\(escape(error.message))\">\(escape(error.description))</error>\n"
                xml += "    </testcase>\n"
            }
            for cell in report.cells {
                xml += "    <testcase name=\"cell \(cell.number) (line \(cell.line))\" classname=\"\(escape(report.path))\""
                switch cell.status {
                case .passed:
                    xml += "/>\n"
                case .skipped:
                    xml += ">\n      <skipped message=\"\(escape(cell.message))\"/>\n    </testcase>\n"
                case .failed:
                    let summary = cell.message.split(separator: "\n").first.map(String.init) ?? "failed"
                    xml += ">\n      <failure message=\"\(escape(summary))\">\(escape(cell.message))</failure>\n    </testcase>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    /// Text safe in XML content and attribute values: the five special characters as
    /// entities, characters XML 1.0 forbids (most control characters) as U+FFFD.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            case "\r": result += "&#13;"
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && value != 0xFFFE && value != 0xFFFF
                result.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return result
    }
}
