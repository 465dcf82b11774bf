import StrataCore

extension Parser {
    /// Words after `segment`.
    public static let segmentSubcommands = [
        "save", "list", "show", "diff", "history", "refresh", "moves", "drop", "rename",
        "add", "remove", "load", "split", "uplift", "export",
    ]

    /// True when the tokens ahead start a `segment …` statement (not a table named segment).
    func startsSegmentStatement() -> Bool {
        if current.word == "segments" { return peek(1).kind == .end }
        guard current.word == "segment", let word = peek(1).word else { return false }
        return Parser.segmentSubcommands.contains(word)
    }

    /// `segments` or `segment SUBCOMMAND …`.
    mutating func segmentStatement() throws(Diagnostic) -> SegmentCommand {
        let start = current.range.lowerBound
        if current.word == "segments" {
            advance()
            return .list
        }
        advance()
        let word = current.word ?? ""
        advance()
        switch word {
        case "save":
            let name = try segmentName()
            if name.text == "all" {
                throw Diagnostic("all is not a segment name (segment refresh all refreshes every segment)", at: .statement(name.range))
            }
            guard current.isSymbol("=") else {
                throw error("expected = after the segment name: segment save \(name.text) = r | where recency > 60")
            }
            advance()
            // `… | select customer_id, segment (tier segment)` would read as a call of segment:
            // a final `( option … )` group is cut off before the pipeline is parsed.
            guard let optionsStart = trailingOptionGroup(words: Parser.segmentSaveOptions) else {
                let pipeline = try self.pipeline()
                let options = current.isSymbol("(") ? try optionGroup().items : []
                return .save(name: name, pipeline: pipeline, options: options)
            }
            var inner = Parser(tokens: Array(tokens[index..<optionsStart]) + [Token(.end, tokens[optionsStart].range.lowerBound..<tokens[optionsStart].range.lowerBound)])
            let pipeline = try inner.pipeline()
            try inner.expectEnd()
            index = optionsStart
            return .save(name: name, pipeline: pipeline, options: try optionGroup().items)
        case "list":
            return .list
        case "show":
            return .show(try segmentReference())
        case "diff":
            let left = try segmentReference()
            return .diff(left, try segmentReference())
        case "history":
            return .history(try segmentName())
        case "refresh":
            let name: Name? = current.word == "all" ? nil : try segmentName()
            if name == nil { advance() }
            let options = current.isSymbol("(") ? try optionGroup().items : []
            return .refresh(name, options: options)
        case "moves":
            return try segmentMoves()
        case "drop":
            return .drop(try segmentName())
        case "rename":
            let old = try segmentName()
            guard current.word == "to" else { throw error("expected to: segment rename \(old.text) to NEW_NAME") }
            advance()
            return .rename(old, to: try segmentName())
        case "add", "remove":
            let name = try segmentName()
            var keys: [Expr] = []
            while !current.isSymbol("("), current.kind != .end {
                keys.append(try unary())
                if current.isSymbol(",") { advance() }
            }
            if keys.isEmpty { throw error("expected the keys to \(word): segment \(word) \(name.text) 1001 1002 (reason \"…\")") }
            let options = current.isSymbol("(") ? try optionGroup().items : []
            return .override(add: word == "add", name: name, keys: keys, options: options)
        case "load":
            return .load(try segmentReference(), into: nil)
        case "split":
            return try segmentSplit(start: start)
        case "uplift":
            let treatment = try segmentReference()
            guard current.word == "vs" else { throw error("expected vs: segment uplift wake vs hold on orders after 2026-07-01") }
            advance()
            let control = try segmentReference()
            guard current.word == "on" else { throw error("expected on and the orders table: … on orders after 2026-07-01") }
            advance()
            let table = try name(what: "the orders table")
            guard current.word == "after" else { throw error("expected after and a date: … on \(table.text) after 2026-07-01") }
            advance()
            let date = try primary()
            let options = current.isSymbol("(") ? try optionGroup().items : []
            return .uplift(treatment, control, table: table, after: date, options: options)
        case "export":
            let reference = try segmentReference()
            guard current.word == "to" else { throw error("expected to and a file: segment export \(reference.text) to \"out.csv\"") }
            advance()
            guard case .string(let path) = current.kind else { throw error("expected the file path in double quotes") }
            let pathRange = current.range
            advance()
            let options = current.isSymbol("(") ? try exportOptions() : []
            return .export(reference, path: path, pathRange: pathRange, options: options)
        default:
            throw error("unknown segment command")
        }
    }

    /// Option names of `segment save`.
    public static let segmentSaveOptions = ["note", "key", "tier", "goal", "metric", "action", "drop"]

    /// The index of the `(` opening a final option group `(word …)` whose first word is one
    /// of `words`, or nil.
    func trailingOptionGroup(words: [String]) -> Int? {
        guard tokens.count >= 3, tokens[tokens.count - 2].isSymbol(")") else { return nil }
        var depth = 0
        var position = tokens.count - 2
        while position > index {
            if tokens[position].isSymbol(")") { depth += 1 }
            if tokens[position].isSymbol("(") {
                depth -= 1
                if depth == 0 { break }
            }
            position -= 1
        }
        guard position > index, depth == 0, let word = tokens[position + 1].word, words.contains(word) else { return nil }
        // `name value` or `name,` / `name)`: an option, not a call argument such as `(note)`.
        let next = tokens[position + 2]
        guard !next.isSymbol("|") else { return nil }
        return position
    }

    /// A segment name: letters, digits and `_` (Chinese included); no `@`.
    mutating func segmentName() throws(Diagnostic) -> Name {
        let name = try name(what: "a segment name")
        if name.text.contains("@") {
            throw Diagnostic("a segment name cannot contain @", at: .statement(name.range))
        }
        return name
    }

    /// `NAME` or `NAME@vN`.
    mutating func segmentReference() throws(Diagnostic) -> SegmentReference {
        let name = try segmentName()
        guard current.isSymbol("@") else { return SegmentReference(name: name, version: nil, range: name.range) }
        advance()
        let version = try versionNumber()
        return SegmentReference(name: name, version: version, range: name.range.lowerBound..<previousEnd)
    }

    /// `v2` or `2`.
    mutating func versionNumber() throws(Diagnostic) -> Int {
        if let word = current.word, word.hasPrefix("v"), let number = Int(word.dropFirst()), number > 0 {
            advance()
            return number
        }
        if case .number(let digits) = current.kind, let number = Int(digits), number > 0 {
            advance()
            return number
        }
        throw error("expected a version such as v2")
    }

    /// `segment moves NAME v1 v2` (two versions of one segment) or `segment moves A B`.
    mutating func segmentMoves() throws(Diagnostic) -> SegmentCommand {
        let first = try segmentReference()
        if first.version == nil, let word = current.word, word.hasPrefix("v"), Int(word.dropFirst()) != nil {
            let fromStart = current.range.lowerBound
            let from = try versionNumber()
            let fromRange = fromStart..<previousEnd
            let toStart = current.range.lowerBound
            let to = try versionNumber()
            return .moves(SegmentReference(name: first.name, version: from, range: fromRange),
                          SegmentReference(name: first.name, version: to, range: toStart..<previousEnd))
        }
        return .moves(first, try segmentReference())
    }

    /// `segment split NAME into A, B [(10%, seed 42)]`: the shares are those of the groups after
    /// the first (`hold` gets 10%), the first takes the rest; without shares the groups are even.
    mutating func segmentSplit(start: Int) throws(Diagnostic) -> SegmentCommand {
        let source = try segmentReference()
        guard current.word == "into" else { throw error("expected into: segment split \(source.name.text) into wake, hold (10%, seed 42)") }
        advance()
        var groups = [try segmentName()]
        while current.isSymbol(",") {
            advance()
            groups.append(try segmentName())
        }
        var percents: [Double] = []
        var seed: UInt64 = 0
        if current.isSymbol("(") {
            advance()
            while !current.isSymbol(")") {
                if current.word == "seed" {
                    advance()
                    guard case .number(let digits) = current.kind, let value = UInt64(digits) else {
                        throw error("expected a whole number after seed")
                    }
                    seed = value
                    advance()
                } else if case .number(let digits) = current.kind, let value = Double(digits) {
                    let percentStart = current.range.lowerBound
                    advance()
                    try expectSymbol("%")
                    guard value > 0, value < 100 else {
                        throw Diagnostic("a share is a percentage between 0 and 100", at: .statement(percentStart..<previousEnd))
                    }
                    percents.append(value)
                } else {
                    throw error("expected a share such as 10% or seed 42")
                }
                if current.isSymbol(",") { advance() } else { break }
            }
            try expectSymbol(")")
        }
        let range = start..<previousEnd
        if groups.count < 2 { throw Diagnostic("split needs at least two groups: into wake, hold", at: .statement(range)) }
        if !percents.isEmpty, percents.count != groups.count - 1 {
            throw Diagnostic("give a share for each group after the first (which takes the rest): "
                + "into wake, hold (10%) or into a, b, c (10%, 10%)", at: .statement(range))
        }
        if percents.reduce(0, +) >= 100 {
            throw Diagnostic("the shares add up to 100% or more; the first group would be empty", at: .statement(range))
        }
        return .split(source, into: groups, percents: percents, seed: seed, range: range)
    }
}
