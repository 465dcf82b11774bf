/// Turns problem logs into the user's error message or the rejects table.
struct CSVReport {
    let text: UnsafeBufferPointer<UInt8>
    let start: Int
    let path: String
    let names: [String]
    let types: [DataType]
    let tableName: String

    /// `expected a date, found "2024-02-30"` style text for one problem.
    func describe(_ problem: CSVProblem) -> String {
        switch problem.kind {
        case .badValue:
            let value = text.baseAddress.map {
                CSVFieldText.unescaped($0, problem.valueStart, problem.valueEnd, flags: problem.valueFlags)
            } ?? []
            let type = problem.column < types.count ? types[problem.column] : .string
            return "column \"\(names[problem.column])\": \(CSVReport.expectation(type)), found \"\(CSVLocator.excerpt(value))\""
        case .fieldCount:
            return "expected \(names.count) field\(names.count == 1 ? "" : "s"), found \(problem.foundFields)"
        case .textAfterQuote:
            return "unexpected text after a closing quote (a quote inside a quoted field is written as \"\")"
        case .unterminatedQuote:
            return "unterminated quoted field: no closing quote before the end of the file"
        }
    }

    static func expectation(_ type: DataType) -> String {
        switch type {
        case .int64: "expected an integer"
        case .decimal(let scale): "expected a number with at most \(scale) decimal\(scale == 1 ? "" : "s")"
        case .double: "expected a number"
        case .date: "expected a date"
        case .timestamp: "expected a timestamp"
        case .bool: "expected true or false"
        case .string: "expected text"
        }
    }

    /// The load error: the first problem as the message, up to four more as notes, then totals.
    func diagnostic(_ log: CSVProblemLog) -> Diagnostic {
        let positions = CSVLocator.positions(of: log.kept.map(\.offset), in: text, start: start)
        guard let first = log.kept.first else { return Diagnostic("cannot load \"\(path)\"") }
        var notes: [String] = []
        for (problem, position) in zip(log.kept, positions).dropFirst() {
            notes.append("\(path):\(position.line):\(position.column): \(describe(problem))")
        }
        let rows = "\(log.rowCount) row\(log.rowCount == 1 ? "" : "s")"
        let skip = "use (on_error skip) to load the good rows into \(tableName)_rejects"
        if first.kind == .badValue {
            let values = "\(log.problemCount) bad value\(log.problemCount == 1 ? "" : "s")"
            let column = CSVReport.quotedName(names[first.column])
            notes.append("\(values) in \(rows); \(skip), or types (\(column) string) to keep the text")
        } else {
            notes.append("\(log.problemCount) problem\(log.problemCount == 1 ? "" : "s") in \(rows); \(skip)")
        }
        return Diagnostic(describe(first), at: .file(path: path, line: positions[0].line, column: positions[0].column),
                          notes: notes)
    }

    /// A name as written in statements: bare when it is a plain identifier.
    static func quotedName(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ($0.value >= 48 && $0.value <= 57)
                || (!$0.isASCII && $0.properties.isAlphabetic)
        } && !(name.unicodeScalars.first.map { $0.value >= 48 && $0.value <= 57 } ?? false)
        return plain ? name : "\"" + name.replacingOccurrences("\"", with: "\"\"") + "\""
    }

    /// One row per rejected data row: line, column, reason, raw text.
    func rejects(_ problems: [CSVProblem]) -> Table {
        let positions = CSVLocator.positions(of: problems.map(\.recordStart), in: text, start: start)
        var lines = ContiguousArray<Int64>()
        var columns = ContiguousArray<UInt32>()
        var reasons = ContiguousArray<UInt32>()
        var raws = ContiguousArray<UInt32>()
        var columnDictionary = StringDictionary()
        var reasonDictionary = StringDictionary()
        var rawDictionary = StringDictionary()
        for (problem, position) in zip(problems, positions) {
            lines.append(Int64(position.line))
            columns.append(columnDictionary.code(for: problem.column >= 0 ? names[problem.column] : ""))
            reasons.append(reasonDictionary.code(for: describe(problem)))
            let rawEnd = min(problem.recordEnd, problem.recordStart + 4096)
            let raw = String(decoding: UnsafeBufferPointer(rebasing: text[problem.recordStart..<max(problem.recordStart, rawEnd)]),
                             as: UTF8.self)
            raws.append(rawDictionary.code(for: rawEnd < problem.recordEnd ? raw + "…" : raw))
        }
        return Table([
            ("line", Column(type: .int64, data: .int64(lines))),
            ("column", Column(type: .string, data: .string(codes: columns, dictionary: columnDictionary))),
            ("reason", Column(type: .string, data: .string(codes: reasons, dictionary: reasonDictionary))),
            ("raw", Column(type: .string, data: .string(codes: raws, dictionary: rawDictionary))),
        ])
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
