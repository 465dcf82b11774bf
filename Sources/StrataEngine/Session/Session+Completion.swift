import StrataLang

extension Session: CompletionContext {
    public var dotCommandNames: [String] { DotCommand.names }

    public var keywords: [String] {
        Parser.statementWords + Parser.verbs + ["from", "agg", "by", "on", "asc", "desc", "and", "or", "not", "in", "for", "step",
                                                 "between", "is", "null", "case", "true", "false"]
    }
}
