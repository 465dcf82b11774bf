import StrataCore

extension Parser {
    /// One verb after `|`.
    mutating func verb() throws(Diagnostic) -> Verb {
        let start = current.range.lowerBound
        guard let word = current.word else { throw error("expected a verb after |, such as where, group or sort") }
        let kind: Verb.Kind
        switch word {
        case "where":
            advance()
            kind = .filter(try expression())
        case "derive":
            advance()
            kind = .derive(try commaSeparated { (parser: inout Parser) throws(Diagnostic) in try parser.assignment(nameRequired: true) })
        case "select":
            advance()
            kind = .select(try commaSeparated { (parser: inout Parser) throws(Diagnostic) in try parser.assignment(nameRequired: false) })
        case "drop":
            advance()
            kind = .drop(try nameList(what: "a column name"))
        case "group":
            advance()
            var keys: [Assignment] = []
            if current.word != "agg" {
                keys = try commaSeparated { (parser: inout Parser) throws(Diagnostic) in try parser.assignment(nameRequired: false) }
            }
            guard current.word == "agg" else {
                throw error("expected agg after the group keys: group region agg n = count()")
            }
            advance()
            kind = .group(keys: keys, aggregates: try commaSeparated { (parser: inout Parser) throws(Diagnostic) in
                try parser.assignment(nameRequired: true)
            })
        case "sort":
            advance()
            kind = .sort(try sortKeys())
        case "limit":
            advance()
            kind = .limit(try integer(what: "the number of rows after limit"))
        case "top":
            advance()
            let count = try integer(what: "the number of rows after top")
            guard current.word == "by" else { throw error("expected by after top \(count): top \(count) by amount") }
            advance()
            kind = .top(count, by: try sortKeys(defaultDescending: true))
        case "distinct":
            advance()
            kind = .distinct(isVerbEnd ? [] : try nameList(what: "a column name"))
        case "count":
            advance()
            kind = .count
        case "join", "left", "inner":
            var joinKind = JoinKind.inner
            if word != "join" {
                joinKind = word == "left" ? .left : .inner
                advance()
                guard current.word == "join" else { throw error("expected join after \(word)") }
            }
            advance()
            let source = try self.source()
            guard current.word == "on" else { throw error("expected on and the key columns: join customers on customer_id") }
            advance()
            kind = .join(joinKind, source, on: try nameList(what: "a key column"))
        case "union":
            advance()
            kind = .union(try source())
        case "duplicates":
            advance()
            kind = .duplicates(try nameList(what: "a key column"))
        case "rfm":
            advance()
            let customer = try name(what: "the customer column: rfm customer_id, order_date, amount")
            try expectSymbol(",")
            let date = try name(what: "the order date column: rfm customer_id, order_date, amount")
            try expectSymbol(",")
            let amount = try name(what: "the amount column: rfm customer_id, order_date, amount")
            kind = .rfm(customer: customer, date: date, amount: amount, options: try verbOptions())
        case "abc":
            advance()
            let column = try name(what: "the value column: abc monetary")
            kind = .abc(column, options: try verbOptions())
        case "score":
            advance()
            let key = try name(what: "the key column: score customer_id by kind")
            guard current.word == "by" else { throw error("expected by and the event kind column: score customer_id by kind") }
            advance()
            let eventKind = try name(what: "the event kind column")
            kind = .score(key: key, kind: eventKind, options: try verbOptions())
        case "cluster":
            advance()
            let count = try integer(what: "the number of clusters: cluster 4 on recency, monetary")
            guard current.word == "on" else { throw error("expected on and the columns: cluster \(count) on recency, monetary") }
            advance()
            kind = .cluster(count, on: try nameList(what: "a numeric column"), options: try verbOptions())
        default:
            throw error("unknown verb \"\(word)\"." + Suggestion.phrase(for: word, among: Parser.verbs))
        }
        return Verb(kind, start..<previousEnd)
    }

    /// `(name value, …)` after a verb, or none.
    mutating func verbOptions() throws(Diagnostic) -> [OptionItem] {
        current.isSymbol("(") ? try optionGroup().items : []
    }

    /// True at `|`, `)` or the end: where an optional verb argument list is absent.
    var isVerbEnd: Bool {
        if current.kind == .end || current.isSymbol("|") || current.isSymbol(")") { return true }
        // `export t | distinct to "x.csv"`: the path clause ends the last verb.
        if current.word == "to", case .string = peek(1).kind { return true }
        return false
    }

    /// `name = expr`, or (when the name is optional) a bare expression.
    mutating func assignment(nameRequired: Bool) throws(Diagnostic) -> Assignment {
        if case .identifier(let text) = current.kind, peek(1).isSymbol("=") {
            let name = Name(text, current.range)
            advance()
            advance()
            return Assignment(name: name, expr: try expression())
        }
        if nameRequired {
            let found = current.display
            throw error("expected NAME = expression, found \(found)")
        }
        return Assignment(name: nil, expr: try expression())
    }

    /// `expr [asc|desc], …`
    mutating func sortKeys(defaultDescending: Bool = false) throws(Diagnostic) -> [SortKey] {
        try commaSeparated { (parser: inout Parser) throws(Diagnostic) in
            let expr = try parser.expression()
            var descending = defaultDescending
            if parser.current.word == "desc" {
                descending = true
                parser.advance()
            } else if parser.current.word == "asc" {
                descending = false
                parser.advance()
            }
            return SortKey(expr: expr, descending: descending)
        }
    }

    mutating func nameList(what: String) throws(Diagnostic) -> [Name] {
        try commaSeparated { (parser: inout Parser) throws(Diagnostic) in try parser.name(what: what) }
    }

    /// `item, item, …` (at least one).
    mutating func commaSeparated<T>(_ item: (inout Parser) throws(Diagnostic) -> T) throws(Diagnostic) -> [T] {
        var items = [try item(&self)]
        while current.isSymbol(",") {
            advance()
            items.append(try item(&self))
        }
        return items
    }
}
