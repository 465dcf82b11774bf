/// One lexical token and where it stands in the statement (character offsets).
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A name: letters (any script, so Chinese works), digits, `_`; or a `backtick quoted` name.
        case identifier(String)
        /// Integer or decimal digits as written (`42`, `1234.50`).
        case number(String)
        /// A double-quoted string with escapes resolved.
        case string(String)
        /// A date literal `2026-06-30`, kept as written.
        case date(String)
        /// Punctuation and operators: `|` `(` `)` `[` `]` `,` `=` `==` `!=` `<` `<=` `>` `>=`
        /// `+` `-` `*` `/` `%` `=>` `..` `@`.
        case symbol(String)
        case end
    }

    public var kind: Kind
    public var range: Range<Int>
    /// True when the name was written in backticks (so it is never a keyword).
    public var quoted: Bool

    public init(_ kind: Kind, _ range: Range<Int>, quoted: Bool = false) {
        self.kind = kind
        self.range = range
        self.quoted = quoted
    }

    /// The word if this is an unquoted identifier (keywords are contextual identifiers).
    public var word: String? {
        if case .identifier(let name) = kind, !quoted { return name }
        return nil
    }

    public func isSymbol(_ text: String) -> Bool { kind == .symbol(text) }

    /// True for any name, quoted or not.
    public var isIdentifier: Bool {
        if case .identifier = kind { return true }
        return false
    }

    /// How the token reads in an error message.
    public var display: String {
        switch kind {
        case .identifier(let name): quoted ? "`\(name)`" : name
        case .number(let text), .date(let text), .symbol(let text): text
        case .string(let text): "\"\(text)\""
        case .end: "end of statement"
        }
    }
}
