import StrataCore
import StrataLang

/// `.thresholds TABLE` and `.scheme NAME [from "file.csv"]`.
extension Session {
    /// The breaks and counts per score of the `rfm` run that made `name`.
    func thresholds(_ name: String) throws -> Outcome {
        _ = try catalog.table(name, at: nil)
        guard let report = segmentation.reports[name] else {
            throw Diagnostic("\(name) was not made by rfm; .thresholds shows the cut points of a table made with let NAME = … | rfm …")
        }
        return Outcome(output: report.summary + "\n" + Renderer.render(report.table(), options: settings.render))
    }

    /// Prints a scheme's rule table and, for score-based schemes, the R × F map and the
    /// analysis warnings.
    func showScheme(_ name: String) throws -> Outcome {
        let scheme = try Binder(catalog: catalog, asOf: settings.asOf, schemes: segmentation.schemes)
            .scheme(named: name, at: nil, monetary: .double)
        var numbers = ContiguousArray<Int64>(), names: [String] = [], english: [String] = [], conditions: [String] = []
        for (index, rule) in scheme.rules.enumerated() {
            numbers.append(Int64(index + 1))
            names.append(rule.name)
            english.append(rule.english ?? "")
            conditions.append(rule.condition.text)
        }
        var named: [(String, Column)] = [("rule", Column(type: .int64, data: .int64(numbers))),
                                         ("segment", Session.strings(names))]
        if scheme.hasEnglishLabels { named.append(("segment_en", Session.strings(english))) }
        named.append(("condition", Session.strings(conditions)))
        var output = "scheme \(scheme.name): \(scheme.rules.count) rules, first match wins, unmatched → \(scheme.otherName)\n"
        if scheme.usesMeanSplit {
            output += "high: recency below its mean, frequency and monetary above theirs (equal to the mean is low)\n"
        }
        output += Renderer.render(Table(named), options: settings.render)
        if scheme.isScoreBased {
            output += "R × F map (cells listing several segments split by m):\n"
            output += Renderer.render(try Session.scoreMap(scheme), options: settings.render)
            output += try RuleAnalysis.warnings(scheme, r: 5, f: 5, m: 5).map { "warning: \($0)\n" }.joined()
        }
        return Outcome(output: output)
    }

    /// `.scheme NAME from "file.csv"`: columns `segment`, optional `segment_en`, and either
    /// `rule` (a condition over r, f, m, recency, frequency, monetary) or `r`, `f`, `m`
    /// ranges (`4-5`, `3`, `<=2`, `>=4`, empty = any).
    func loadScheme(_ name: String, path: String) throws -> Outcome {
        // Ranges such as 3 load as integers, 4-5 as text: both read back through their text.
        let table = try CSVReader.load(path: accessiblePath(path), displayPath: path).table
        guard let segments = table.column(named: "segment") else {
            throw Diagnostic("\(path) needs a segment column (and rule, or r, f and m)")
        }
        let binder = Binder(catalog: catalog, asOf: settings.asOf)
        let englishColumn = table.column(named: "segment_en")
        var rules: [SegmentRule] = []
        for row in 0..<table.rowCount {
            let segment = segments.value(at: row).description
            let english = englishColumn.map { $0.value(at: row).description }
            let condition: RuleCondition
            if let rule = table.column(named: "rule") {
                condition = try binder.bindRule(rule.value(at: row).description, monetary: .double, at: nil)
            } else {
                var ranges: [ClosedRange<Int>] = []
                for letter in ["r", "f", "m"] {
                    let text = table.column(named: letter).map { $0.isNull(row) ? "" : $0.value(at: row).description } ?? ""
                    guard let range = Session.scoreRange(text) else {
                        throw Diagnostic("\(path) line \(row + 2): \(letter) \"\(text)\" is not a score range such as 4-5, 3, <=2 or >=4")
                    }
                    ranges.append(range)
                }
                condition = .scores(r: ranges[0], f: ranges[1], m: ranges[2])
            }
            rules.append(SegmentRule(name: segment, english: english, condition: condition))
        }
        let scheme = SegmentScheme(name: name, rules: rules, hasEnglishLabels: englishColumn != nil)
        segmentation.schemes[name] = scheme
        let warnings = try RuleAnalysis.warnings(scheme, r: 5, f: 5, m: 5).map { "warning: \($0)\n" }.joined()
        return Outcome(output: "scheme \(name): \(rules.count) rules from \(path)\n" + warnings)
    }

    /// `4-5`, `3`, `<=2`, `>=4`, `` (any: 1...100).
    static func scoreRange(_ text: String) -> ClosedRange<Int>? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "–", with: "-")
        if trimmed.isEmpty { return 1...100 }
        if trimmed.hasPrefix("<="), let high = Int(trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)), high >= 1 { return 1...high }
        if trimmed.hasPrefix(">="), let low = Int(trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)), low >= 1 { return low...100 }
        let parts = trimmed.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        if parts.count == 1, let value = parts[0], value >= 1 { return value...value }
        if parts.count == 2, let low = parts[0], let high = parts[1], low >= 1, low <= high { return low...high }
        return nil
    }

    /// Rows r 5…1, columns f 1…5: the segments of each (r, f) cell over m 1…5.
    static func scoreMap(_ scheme: SegmentScheme) throws -> Table {
        let cube = RuleAnalysis.cube(r: 5, f: 5, m: 5, monetary: .double)
        let owners = try RuleAnalysis.owners(scheme, cube: cube)
        let labels = scheme.rules.map(\.name) + [scheme.otherName]
        var named: [(String, Column)] = [("r", Column(type: .int64, data: .int64([5, 4, 3, 2, 1])))]
        for f in 1...5 {
            var cells: [String] = []
            for r in stride(from: 5, through: 1, by: -1) {
                var seen: [String] = []
                for m in 1...5 {
                    let label = labels[owners[(r - 1) * 25 + (f - 1) * 5 + (m - 1)]]
                    if !seen.contains(label) { seen.append(label) }
                }
                cells.append(seen.joined(separator: " / "))
            }
            named.append(("f \(f)", strings(cells)))
        }
        return Table(named)
    }

    static func strings(_ values: [String]) -> Column {
        var dictionary = StringDictionary()
        let codes = ContiguousArray(values.map { dictionary.code(for: $0) })
        return Column(type: .string, data: .string(codes: codes, dictionary: dictionary))
    }
}
