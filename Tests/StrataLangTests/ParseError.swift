import StrataCore
@testable import StrataLang

/// Renders a parse error the way the REPL shows it, so tests show the caret position.
func parseError(_ text: String) -> String {
    do {
        _ = try Parser.parse(text)
        return "no error"
    } catch {
        return error.render(source: text)
    }
}
