import StrataEngine

/// Completion words for a ``Session`` that does not (yet) conform to ``CompletionContext``:
/// its tables and columns, plus the dot-commands and keywords of the language as documented.
struct FallbackCompletionContext: CompletionContext {
    let session: Session

    var tableNames: [String] { session.tableNames }

    func columnNames(of table: String) -> [String] { session.columnNames(of: table) }

    var dotCommandNames: [String] {
        [".help", ".tables", ".schema", ".maxrows", ".mode", ".timer", ".read", ".quit"]
    }

    var keywords: [String] {
        ["load", "describe", "let", "from", "where", "limit", "types", "encoding", "dates", "on_error"]
    }
}
