import StrataCore

/// Reads a scoring rule table from CSV text:
///
/// ```
/// # comment lines and blank lines are skipped
/// kind,points,cap,note
/// 白皮书,5,,downloaded a white paper
/// 官网访问,2,20,product page visit (at most 20 points)
/// ```
/// A header names the columns: `kind` and `points` are required, `cap` is optional (empty =
/// no cap), any other column (a note) is ignored. Fields may be double-quoted (`""` inside
/// quotes is a quote). Points and caps are whole numbers; caps are ≥ 0; a kind appears once.
/// Errors point at the file, line and column: `rules.csv:4:9: error: …`.
enum ScoreRulesFile {
    /// - Complexity: O(characters).
    static func parse(_ text: String, path: String) throws(Diagnostic) -> [ScoreRule] {
        var header: [String]?
        var kindIndex = 0, pointsIndex = 0
        var capIndex: Int?
        var rules: [ScoreRule] = []
        var seen: [String: Int] = [:]
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        for (offset, rawLine) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.first == "#" { continue }
            let fields = try split(line, path: path, line: lineNumber)
            func fail(_ message: String, field: Int) -> Diagnostic {
                let column = field < fields.count ? fields[field].column : line.count + 1
                return Diagnostic(message, at: .file(path: path, line: lineNumber, column: column))
            }
            guard let names = header else {
                let lowered = fields.map { $0.text.trimmingSpaces.lowercased() }
                guard let kind = lowered.firstIndex(of: "kind"), let points = lowered.firstIndex(of: "points") else {
                    throw Diagnostic("the first line must name the columns: kind,points[,cap][,note]",
                                     at: .file(path: path, line: lineNumber, column: 1))
                }
                kindIndex = kind
                pointsIndex = points
                capIndex = lowered.firstIndex(of: "cap")
                header = lowered
                continue
            }
            guard fields.count <= names.count else {
                throw fail("this line has \(fields.count) fields, the header \(names.count)", field: names.count)
            }
            guard kindIndex < fields.count, !fields[kindIndex].text.trimmingSpaces.isEmpty else {
                throw fail("expected an event kind", field: kindIndex)
            }
            let kind = fields[kindIndex].text.trimmingSpaces
            if let first = seen[kind] {
                throw fail("kind \"\(kind)\" already has points on line \(first)", field: kindIndex)
            }
            guard pointsIndex < fields.count, let points = Int64(fields[pointsIndex].text.trimmingSpaces) else {
                let found = pointsIndex < fields.count ? "\"\(fields[pointsIndex].text)\"" : "nothing"
                throw fail("points must be a whole number, found \(found)", field: pointsIndex)
            }
            var cap: Int64?
            if let capIndex, capIndex < fields.count, !fields[capIndex].text.trimmingSpaces.isEmpty {
                guard let value = Int64(fields[capIndex].text.trimmingSpaces), value >= 0 else {
                    throw fail("cap must be a whole number ≥ 0 or empty, found \"\(fields[capIndex].text)\"", field: capIndex)
                }
                cap = value
            }
            seen[kind] = lineNumber
            rules.append(ScoreRule(kind: kind, points: points, cap: cap))
        }
        guard header != nil else {
            throw Diagnostic("the rules file is empty; expected a header kind,points[,cap]", at: .file(path: path, line: 1, column: 1))
        }
        return rules
    }

    /// The fields of one line with the 1-based column each starts at.
    static func split(_ line: Substring, path: String, line lineNumber: Int) throws(Diagnostic) -> [(text: String, column: Int)] {
        var fields: [(text: String, column: Int)] = []
        var current = ""
        var start = 1
        var column = 0
        var quoted = false
        var afterQuote = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            column += 1
            if quoted {
                if character == "\"" { quoted = false; afterQuote = true } else { current.append(character) }
                continue
            }
            switch character {
            case ",":
                fields.append((current, start))
                current = ""
                start = column + 1
                afterQuote = false
            case "\"" where current.isEmpty && !afterQuote:
                quoted = true
            case "\"" where afterQuote:
                // `""` inside a quoted field is one quote.
                current.append("\"")
                quoted = true
                afterQuote = false
            default:
                current.append(character)
            }
        }
        if quoted {
            throw Diagnostic("a quoted field is not closed", at: .file(path: path, line: lineNumber, column: start))
        }
        fields.append((current, start))
        return fields
    }
}

fileprivate extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
