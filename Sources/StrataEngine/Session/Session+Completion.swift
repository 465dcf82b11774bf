import StrataLang

extension Session: CompletionContext {
    public var dotCommandNames: [String] { DotCommand.names }

    public var keywords: [String] { statementWords + verbs + expressionWords }

    public var statementWords: [String] { Parser.statementWords }

    public var verbs: [String] { Parser.verbs }

    public var expressionWords: [String] {
        ["from", "to", "agg", "by", "on", "asc", "desc", "and", "or", "not", "in", "for", "step", "between", "is", "null",
         "case", "true", "false"]
    }
}
