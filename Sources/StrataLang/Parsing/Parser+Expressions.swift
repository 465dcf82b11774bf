import StrataCore

extension Parser {
    /// An expression. Loosest to tightest: `or`, `and`, `not`, comparisons (`==` … and the
    /// tests `in`, `between`, `is null`), `+ -`, `* / %`, unary `-`, primary.
    mutating func expression() throws(Diagnostic) -> Expr {
        try deeper()
        defer { depth -= 1 }
        return try leftAssociative(operators: [.or]) { (parser: inout Parser) throws(Diagnostic) in
            try parser.leftAssociative(operators: [.and]) { (parser: inout Parser) throws(Diagnostic) in try parser.negation() }
        }
    }

    /// `operand (op operand)*` for the given operators, grouping to the left.
    mutating func leftAssociative(
        operators: Set<BinaryOperator>, operand: (inout Parser) throws(Diagnostic) -> Expr
    ) throws(Diagnostic) -> Expr {
        let start = current.range.lowerBound
        let outerDepth = depth
        defer { depth = outerDepth }
        var left = try operand(&self)
        while let op = binaryOperator(), operators.contains(op) {
            // Each operator in a chain nests the tree built so far one level deeper.
            try deeper()
            advance()
            let right = try operand(&self)
            left = .binary(op, left, right, start..<previousEnd)
        }
        return left
    }

    /// One level deeper; an error at the current token past ``Parser/maximumDepth``.
    mutating func deeper() throws(Diagnostic) {
        depth += 1
        if depth > Parser.maximumDepth {
            throw Diagnostic("expression nested too deeply (more than \(Parser.maximumDepth) levels of parentheses, "
                + "calls or operators); split it with derive steps", at: .statement(current.range))
        }
    }

    mutating func negation() throws(Diagnostic) -> Expr {
        let start = current.range.lowerBound
        if current.word == "not" {
            advance()
            try deeper()
            defer { depth -= 1 }
            let operand = try negation()
            return .unary(.not, operand, start..<previousEnd)
        }
        return try comparison()
    }

    mutating func comparison() throws(Diagnostic) -> Expr {
        let start = current.range.lowerBound
        let left = try additive()
        if let op = binaryOperator(), op.isComparison {
            advance()
            let right = try additive()
            return .binary(op, left, right, start..<previousEnd)
        }
        return try postfixTests(left, start: start)
    }

    mutating func additive() throws(Diagnostic) -> Expr {
        try leftAssociative(operators: [.add, .subtract]) { (parser: inout Parser) throws(Diagnostic) in
            try parser.leftAssociative(operators: [.multiply, .divide, .remainder]) { (parser: inout Parser) throws(Diagnostic) in
                try parser.unary()
            }
        }
    }

    /// `x [not] in [...]`, `x [not] between a and b`, `x is [not] null`, `x == y` chains are
    /// handled by the caller; a stray `=` gets a hint.
    mutating func postfixTests(_ operand: Expr, start: Int) throws(Diagnostic) -> Expr {
        var negated = false
        if current.word == "not", peek(1).word == "in" || peek(1).word == "between" {
            negated = true
            advance()
        }
        switch current.word {
        case "in":
            advance()
            // `x in @dormant60` / `@dormant60@v2`: the members of a saved segment, carried as
            // a one-item list holding the name with its `@` (a list item is never a column).
            if current.isSymbol("@") {
                let at = current.range.lowerBound
                advance()
                let reference = try segmentReference()
                let item = Expr.name(Name("@" + reference.text, at..<previousEnd))
                return .inList(operand, [item], negated: negated, start..<previousEnd)
            }
            try expectSymbol("[")
            var values: [Expr] = []
            while !current.isSymbol("]") {
                values.append(try expression())
                if current.isSymbol(",") { advance() } else { break }
            }
            try expectSymbol("]")
            return .inList(operand, values, negated: negated, start..<previousEnd)
        case "between":
            advance()
            let low = try additive()
            guard current.word == "and" else { throw error("expected and in between … and …") }
            advance()
            let high = try additive()
            return .between(operand, low: low, high: high, negated: negated, start..<previousEnd)
        case "is":
            advance()
            var isNot = false
            if current.word == "not" {
                isNot = true
                advance()
            }
            guard current.word == "null" else { throw error("expected null after is") }
            advance()
            return .isNull(operand, negated: isNot, start..<previousEnd)
        default:
            if current.isSymbol("=") {
                throw error("use == to compare (= names a new column in derive, select and agg)")
            }
            return operand
        }
    }

    mutating func unary() throws(Diagnostic) -> Expr {
        let start = current.range.lowerBound
        if current.isSymbol("-") {
            advance()
            try deeper()
            defer { depth -= 1 }
            let operand = try unary()
            if case .literal(.number(let digits), _) = operand {
                // `- -5` is 5: fold the sign instead of writing "--5".
                let negated = digits.hasPrefix("-") ? String(digits.dropFirst()) : "-" + digits
                return .literal(.number(negated), start..<previousEnd)
            }
            return .unary(.negate, operand, start..<previousEnd)
        }
        return try primary()
    }

    mutating func primary() throws(Diagnostic) -> Expr {
        let token = current
        switch token.kind {
        case .number(let digits):
            advance()
            return .literal(.number(digits), token.range)
        case .string(let text):
            advance()
            return .literal(.string(text), token.range)
        case .date(let text):
            advance()
            return .literal(.date(text), token.range)
        case .symbol("("):
            advance()
            let inner = try expression()
            try expectSymbol(")")
            return inner
        case .identifier(let text):
            if !token.quoted {
                switch text {
                case "true", "false":
                    advance()
                    return .literal(.bool(text == "true"), token.range)
                case "null":
                    advance()
                    return .literal(.null, token.range)
                case "case":
                    return try caseExpression()
                default:
                    break
                }
            }
            let name = Name(text, token.range)
            advance()
            if current.isSymbol("("), !token.quoted {
                advance()
                var arguments: [Expr] = []
                while !current.isSymbol(")") {
                    arguments.append(try callArgument())
                    if current.isSymbol(",") { advance() } else { break }
                }
                try expectSymbol(")")
                return .call(name, arguments, token.range.lowerBound..<previousEnd)
            }
            return .name(name)
        default:
            throw error("expected a value, a column or a function, found \(token.display)")
        }
    }

    /// A call argument: an expression, or a pipeline (`t | …` or `(t | …)`) for aggregates
    /// over a whole result in `assert`.
    mutating func callArgument() throws(Diagnostic) -> Expr {
        if case .identifier = current.kind, peek(1).isSymbol("|") {
            return .pipeline(try pipeline())
        }
        return try expression()
    }

    /// `case c => v, c => v, _ => v`. Arms end at `_ => v`, or before a comma that is not
    /// followed by another `condition =>` (so `derive t = case …, n = 1` works).
    mutating func caseExpression() throws(Diagnostic) -> Expr {
        let start = current.range.lowerBound
        advance()
        var arms: [CaseArm] = []
        var otherwise: Expr?
        while true {
            if current.word == "_", peek(1).isSymbol("=>") {
                advance()
                advance()
                otherwise = try expression()
                break
            }
            let armStart = index
            let condition = try expression()
            guard current.isSymbol("=>") else {
                if arms.isEmpty { throw error("expected => after the condition: case amount > 100 => \"big\", _ => \"small\"") }
                index = armStart
                break
            }
            advance()
            arms.append(CaseArm(condition: condition, value: try expression()))
            guard current.isSymbol(",") else { break }
            // Look past the comma: another arm, the default arm, or the end of the case.
            let commaIndex = index
            advance()
            if !startsCaseArm() {
                index = commaIndex
                break
            }
        }
        return .caseWhen(arms, otherwise: otherwise, start..<previousEnd)
    }

    /// True when the tokens ahead read `_ =>` or `condition =>` (not `name = …`).
    private mutating func startsCaseArm() -> Bool {
        if current.word == "_" { return true }
        if case .identifier = current.kind, peek(1).isSymbol("=") { return false }
        let saved = index
        defer { index = saved }
        guard (try? expression()) != nil else { return false }
        return current.isSymbol("=>")
    }

    func binaryOperator() -> BinaryOperator? {
        switch current.kind {
        case .symbol(let symbol):
            return BinaryOperator(rawValue: symbol)
        case .identifier(let word) where !current.quoted:
            return word == "and" ? .and : word == "or" ? .or : nil
        default:
            return nil
        }
    }
}
