/// One problem found in a data row, kept as offsets; text and positions are made only when
/// a message is built.
struct CSVProblem {
    enum Kind {
        /// A value that does not parse as its column's type.
        case badValue
        /// A row with the wrong number of fields (`foundFields`).
        case fieldCount
        /// A closing quote followed by text.
        case textAfterQuote
        /// A quoted field with no closing quote (always fatal).
        case unterminatedQuote
    }

    var kind: Kind
    /// Where to point: the field's first byte, or the spot of the structural problem.
    var offset: Int
    /// Column index, or -1 for a row-level problem.
    var column: Int = -1
    var foundFields = 0
    /// The value's text (between quotes when quoted).
    var valueStart = 0
    var valueEnd = 0
    var valueFlags: UInt8 = 0
    var recordStart = 0
    var recordEnd = 0
}

/// Problems of one chunk: the first few in order (all of them when rows are skipped, one per
/// rejected row), plus totals.
struct CSVProblemLog {
    var kept: [CSVProblem] = []
    var problemCount = 0
    var rowCount = 0

    static let keptWhenFailing = 5

    mutating func merge(_ other: CSVProblemLog, keepAll: Bool) {
        if keepAll {
            kept += other.kept
        } else {
            for problem in other.kept where kept.count < CSVProblemLog.keptWhenFailing { kept.append(problem) }
        }
        problemCount += other.problemCount
        rowCount += other.rowCount
    }
}
