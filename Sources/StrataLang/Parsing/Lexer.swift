import StrataCore

/// Splits a statement into tokens. Offsets are character (grapheme) offsets so carets line up.
public struct Lexer {
    private let characters: [Character]
    private var position = 0

    public init(_ text: String) {
        characters = Array(text)
    }

    /// All tokens, ending with `.end`.
    public static func tokenize(_ text: String) throws(Diagnostic) -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private static let twoCharacterSymbols: Set<String> = ["==", "!=", "<=", ">=", "=>", "..", "<>"]
    private static let oneCharacterSymbols: Set<Character> = [
        "|", "(", ")", "[", "]", ",", "=", "<", ">", "+", "-", "*", "/", "%", "@", ";",
    ]

    mutating func next() throws(Diagnostic) -> Token {
        skipWhitespaceAndComments()
        let start = position
        guard let character = peek() else { return Token(.end, start..<start) }
        if character == "\"" { return try string() }
        if character == "`" { return try quotedIdentifier() }
        if character.isASCII, character.isNumber { return number() }
        if Lexer.isIdentifierStart(character) {
            while let next = peek(), Lexer.isIdentifierPart(next) { position += 1 }
            return Token(.identifier(String(characters[start..<position])), start..<position)
        }
        if let second = peek(offset: 1), Lexer.twoCharacterSymbols.contains(String([character, second])) {
            position += 2
            let symbol = String([character, second])
            return Token(.symbol(symbol == "<>" ? "!=" : symbol), start..<position)
        }
        if Lexer.oneCharacterSymbols.contains(character) {
            position += 1
            return Token(.symbol(String(character)), start..<position)
        }
        if let ascii = Lexer.halfWidth(character) {
            throw Diagnostic("unexpected character \"\(character)\": type the half-width \(ascii) instead (English punctuation)",
                             at: .statement(start..<start + 1))
        }
        throw Diagnostic("unexpected character \"\(character)\"", at: .statement(start..<start + 1))
    }

    /// The half-width (ASCII) form of punctuation a Chinese input method types: full-width
    /// forms (`（`, `＞`, `，`, `＝`), curly quotes (`“”`, `‘’`), `、` and `。`; nil for others.
    static func halfWidth(_ character: Character) -> Character? {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return nil }
        switch scalar.value {
        case 0xFF01...0xFF5E: return FullWidth.ascii(scalar).map(Character.init)
        case 0x201C, 0x201D: return "\""
        case 0x2018, 0x2019: return "'"
        case 0x3001: return ","
        case 0x3002: return "."
        default: return nil
        }
    }

    private mutating func skipWhitespaceAndComments() {
        while let character = peek() {
            if character.isWhitespace {
                position += 1
            } else if character == "#" {
                while let next = peek(), next != "\n" { position += 1 }
            } else {
                return
            }
        }
    }

    /// Digits, an optional fraction; `2026-06-30` becomes a date literal.
    private mutating func number() -> Token {
        let start = position
        consumeDigits()
        if position - start == 4, peek() == "-", isDigit(peek(offset: 1)), isDigit(peek(offset: 2)),
           peek(offset: 3) == "-", isDigit(peek(offset: 4)), isDigit(peek(offset: 5)),
           !isDigit(peek(offset: 6)) {
            position += 6
            return Token(.date(String(characters[start..<position])), start..<position)
        }
        // `1..5` is a range, not a decimal.
        if peek() == ".", isDigit(peek(offset: 1)) {
            position += 1
            consumeDigits()
        }
        return Token(.number(String(characters[start..<position])), start..<position)
    }

    private mutating func string() throws(Diagnostic) -> Token {
        let start = position
        position += 1
        var value = ""
        while let character = peek() {
            position += 1
            switch character {
            case "\"":
                return Token(.string(value), start..<position)
            case "\\":
                guard let escaped = peek() else { break }
                position += 1
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                default: value.append(escaped)
                }
            default:
                value.append(character)
            }
        }
        throw Diagnostic("unterminated string: add the closing \"", at: .statement(start..<start + 1))
    }

    private mutating func quotedIdentifier() throws(Diagnostic) -> Token {
        let start = position
        position += 1
        let nameStart = position
        while let character = peek(), character != "`" { position += 1 }
        guard peek() == "`" else {
            throw Diagnostic("unterminated `name`: add the closing backtick", at: .statement(start..<start + 1))
        }
        let name = String(characters[nameStart..<position])
        position += 1
        if name.isEmpty { throw Diagnostic("empty `` name", at: .statement(start..<position)) }
        return Token(.identifier(name), start..<position, quoted: true)
    }

    private mutating func consumeDigits() {
        while isDigit(peek()) { position += 1 }
    }

    private func isDigit(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isASCII && character.isNumber
    }

    private func peek(offset: Int = 0) -> Character? {
        let index = position + offset
        return index < characters.count ? characters[index] : nil
    }

    static func isIdentifierStart(_ character: Character) -> Bool {
        character == "_" || character.isLetter
    }

    static func isIdentifierPart(_ character: Character) -> Bool {
        character == "_" || character.isLetter || character.isNumber
    }
}
