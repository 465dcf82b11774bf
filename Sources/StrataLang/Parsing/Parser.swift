import StrataCore

/// Recursive-descent parser: tokens → ``Statement``. Errors carry the offending token's range.
public struct Parser {
    var tokens: [Token]
    var index = 0
    /// How deep the expression being parsed nests (parentheses, calls, operators), so a
    /// generated or pasted monster gets an error instead of exhausting the stack later.
    var depth = 0
    /// The deepest expression accepted: far beyond anything written by hand.
    public static let maximumDepth = 400

    /// Statement-leading words.
    public static let statementWords = ["load", "describe", "let", "assert", "whatif", "export", "segment", "segments"]
    /// Pipeline verbs the parser accepts after `|`.
    public static let verbs = [
        "where", "derive", "select", "drop", "group", "sort", "limit", "top", "distinct", "count",
        "join", "left", "union", "duplicates", "rfm", "abc", "score", "cluster",
    ]

    public init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses one complete statement.
    public static func parse(_ text: String) throws(Diagnostic) -> Statement {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        let statement = try parser.statement()
        try parser.expectEnd()
        return statement
    }

    mutating func statement() throws(Diagnostic) -> Statement {
        if startsSegmentStatement() { return .segment(try segmentStatement()) }
        switch current.word {
        case "load" where peek(1).isIdentifier:
            return try load()
        case "describe" where !peek(1).isSymbol("|") && peek(1).kind != .end:
            advance()
            return .describe(try pipeline())
        case "assert" where !peek(1).isSymbol("|") && peek(1).kind != .end:
            advance()
            return .assert(try expression())
        case "whatif" where peek(1).isIdentifier || peek(1).isSymbol("("):
            return .whatif(try whatIf())
        case "export" where peek(1).isIdentifier || peek(1).isSymbol("("):
            return try export()
        case "let" where peek(2).isSymbol("="):
            advance()
            let name = try name(what: "a table name after let")
            try expectSymbol("=")
            if current.word == "whatif", peek(1).isIdentifier || peek(1).isSymbol("(") {
                // `let moved = whatif … movers …` keeps the what-if's result as a table.
                var request = try whatIf()
                request.target = name
                return .whatif(request)
            }
            if current.word == "segment", peek(1).word == "load" {
                advance()
                advance()
                return .segment(.load(try segmentReference(), into: name))
            }
            return .assign(name: name, pipeline: try pipeline())
        default:
            return .show(try pipeline())
        }
    }

    /// `load NAME from "path" [(options)]`
    mutating func load() throws(Diagnostic) -> Statement {
        advance()
        let tableName = try name(what: "a table name")
        guard current.word == "from" else {
            throw error("expected from after the table name (load \(tableName.text) from \"file.csv\")")
        }
        advance()
        guard case .string(let path) = current.kind else {
            throw error("expected the file path in double quotes")
        }
        let pathRange = current.range
        advance()
        let options = current.isSymbol("(") ? try optionGroup().items : []
        return .load(name: tableName, path: path, pathRange: pathRange, options: options)
    }

    mutating func pipeline() throws(Diagnostic) -> Pipeline {
        try deeper()
        defer { depth -= 1 }
        let start = current.range.lowerBound
        let source = try self.source()
        var verbs: [Verb] = []
        while current.isSymbol("|") {
            advance()
            verbs.append(try verb())
        }
        return Pipeline(source: source, verbs: verbs, range: start..<previousEnd)
    }

    /// A table name or `( pipeline )`.
    mutating func source() throws(Diagnostic) -> Source {
        if current.isSymbol("(") {
            advance()
            let inner = try pipeline()
            try expectSymbol(")")
            return .pipeline(inner)
        }
        return .table(try name(what: "a table name"))
    }

    /// `( item, item, … )`
    mutating func optionGroup() throws(Diagnostic) -> (items: [OptionItem], range: Range<Int>) {
        let start = current.range.lowerBound
        try expectSymbol("(")
        var items: [OptionItem] = []
        while !current.isSymbol(")") {
            let optionName = try name(what: "an option name")
            var value: OptionValue?
            if !current.isSymbol(",") && !current.isSymbol(")") {
                value = try optionValue()
            }
            items.append(OptionItem(name: optionName, value: value))
            if current.isSymbol(",") { advance() } else { break }
        }
        try expectSymbol(")")
        return (items, start..<previousEnd)
    }

    /// A value, `value => value` (a pair) or `word op value` (a comparison, op `>=` `>` `<=`
    /// `<` `==`).
    mutating func optionValue() throws(Diagnostic) -> OptionValue {
        let start = current.range.lowerBound
        let value = try optionPrimary()
        if case .word(let name) = value, case .symbol(let op) = current.kind, [">=", ">", "<=", "<", "=="].contains(op) {
            advance()
            let right = try optionPrimary()
            return .comparison(name, op, right, start..<previousEnd)
        }
        if current.isSymbol("=>") {
            advance()
            let right = try optionPrimary()
            return .pair(value, right, start..<previousEnd)
        }
        return value
    }

    mutating func optionPrimary() throws(Diagnostic) -> OptionValue {
        let token = current
        switch token.kind {
        case .identifier:
            return .word(try name(what: "a value"))
        case .string(let text):
            advance()
            return .string(text, token.range)
        case .number(let text), .date(let text):
            advance()
            return .number(text, token.range)
        case .symbol("-"):
            advance()
            guard case .number(let text) = current.kind else { throw error("expected a number after -") }
            advance()
            return .number("-" + text, token.range.lowerBound..<previousEnd)
        case .symbol("("):
            let group = try optionGroup()
            return .group(group.items, group.range)
        case .symbol("["):
            advance()
            var values: [OptionValue] = []
            while !current.isSymbol("]") {
                values.append(try optionValue())
                if current.isSymbol(",") { advance() } else { break }
            }
            try expectSymbol("]")
            return .list(values, token.range.lowerBound..<previousEnd)
        default:
            throw error("expected an option value, found \(token.display)")
        }
    }

    // MARK: - Tokens

    var current: Token { tokens[min(index, tokens.count - 1)] }

    func peek(_ offset: Int) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    var previousEnd: Int { index > 0 ? tokens[index - 1].range.upperBound : 0 }

    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    mutating func name(what: String) throws(Diagnostic) -> Name {
        guard case .identifier(let text) = current.kind else {
            throw error("expected \(what), found \(current.display)")
        }
        let result = Name(text, current.range)
        advance()
        return result
    }

    mutating func integer(what: String) throws(Diagnostic) -> Int {
        guard case .number(let text) = current.kind, let value = Int(text), value >= 0 else {
            throw error("expected \(what), found \(current.display)")
        }
        advance()
        return value
    }

    mutating func expectSymbol(_ symbol: String) throws(Diagnostic) {
        guard current.isSymbol(symbol) else { throw error("expected \(symbol), found \(current.display)") }
        advance()
    }

    mutating func expectEnd() throws(Diagnostic) {
        guard current.kind == .end else {
            // A misspelt connecting word (`sort amount dsc`) gets a suggestion.
            var hint = ""
            if case .identifier(let word) = current.kind { hint = Suggestion.phrase(for: word, among: Parser.connectingWords) }
            throw error("unexpected \(current.display) after the statement" + (hint.isEmpty ? "" : "." + hint))
        }
    }

    /// Words that continue a statement after an expression: `sort x desc`, `group … agg`, `for T in`.
    static let connectingWords = ["desc", "asc", "agg", "by", "on", "from", "to", "for", "step", "and", "or", "vs",
                                  "compare", "movers"]

    func error(_ message: String) -> Diagnostic {
        let range = current.kind == .end ? current.range.lowerBound..<current.range.lowerBound + 1 : current.range
        return Diagnostic(message, at: .statement(range))
    }
}
