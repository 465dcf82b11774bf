@preconcurrency import CLibEdit
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import StrataEngine

/// Answers a Tab press: the whole line (earlier continuation lines included) and the cursor
/// as a character offset in it.
typealias CompletionProvider = (_ line: String, _ cursor: Int) -> Completion

/// The completion provider and pending statement the C callback reads. libedit calls back on
/// the thread that called `readline()`, and only one reader exists, hence `nonisolated(unsafe)`.
nonisolated(unsafe) private var activeProvider: CompletionProvider?
nonisolated(unsafe) private var activePendingStatement = ""

/// Line editing with libedit's readline interface: history (persisted), tab completion
/// through ``Completer``, Ctrl-C to drop the line, and CJK input.
struct LibEditLineReader: LineReader {
    /// History file, or nil when history lasts one session.
    private let historyPath: String?

    /// Sets up locale, libedit, completion and history; `historyPath` nil keeps history in
    /// memory only.
    init(historyPath: String?, completion: @escaping CompletionProvider) {
        LibEditLineReader.useUTF8Locale()
        activeProvider = completion
        // libedit keeps these pointers, so they must outlive the call: copies made once, never
        // freed (a Swift string argument is only valid during the call).
        strata_set_readline_name(LibEditLineReader.readlineName)
        // Quotes and pipes break words, so `"da` completes `da` and `orders|lim` completes `lim`.
        strata_set_word_break_characters(LibEditLineReader.wordBreakCharacters)
        strata_set_completion(completeLine)
        using_history()
        stifle_history(HistoryFile.maximumEntries)
        if let path = historyPath, HistoryFile.prepareFolder(for: path) {
            _ = read_history(path)  // a missing file is fine
            self.historyPath = path
        } else {
            self.historyPath = nil
        }
    }

    nonisolated(unsafe) private static let readlineName = strdup("strata")
    nonisolated(unsafe) private static let wordBreakCharacters = strdup(" \t\n\"'`|(),=<>;")

    mutating func readLine(prompt: String) -> LineRead {
        InterruptHandler.clear()
        let raw = readline(prompt)
        let interrupted = InterruptHandler.consume()
        guard let raw else { return interrupted ? .interrupted : .endOfInput }
        defer { free(raw) }
        if interrupted { return .interrupted }
        let bytes = UnsafeRawBufferPointer(start: raw, count: strlen(raw))
        return .line(String(decoding: bytes, as: UTF8.self))
    }

    mutating func addHistory(_ statement: String) {
        let entry = HistoryFile.entry(for: statement)
        guard !entry.isEmpty else { return }
        add_history(entry)
        // Written after every statement, so a killed session keeps what it had; the file is
        // rewritten whole (at most `maximumEntries` lines). Errors are ignored on purpose.
        if let historyPath { _ = write_history(historyPath) }
    }

    mutating func setPendingStatement(_ text: String) {
        activePendingStatement = text
    }

    /// libedit drops multibyte input under the C locale a Swift program starts in: take the
    /// user's locale for character classes, or C.UTF-8 when that one is not UTF-8.
    static func useUTF8Locale() {
        setlocale(LC_CTYPE, "")
        if strata_locale_is_utf8() == 0 {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}

/// `rl_attempted_completion_function`: returns a malloc'd, NULL-terminated array whose first
/// entry replaces libedit's word and whose other entries are listed, or NULL for no match.
/// `wordStart` and `cursor` count wide characters (Unicode scalars) in the line.
private func completeLine(
    _ word: UnsafePointer<CChar>?, _ wordStart: Int32, _ cursor: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    strata_set_completion_over(1)  // never fall back to libedit's own filename completion
    guard let provider = activeProvider, let buffer = strata_line_buffer() else { return nil }
    let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: strlen(buffer)), as: UTF8.self)
    guard let plan = CompletionBridge.plan(
        line: line, pending: activePendingStatement,
        wordStart: Int(wordStart), cursor: Int(cursor), provider: provider
    ) else { return nil }
    strata_set_completion_append_character(plan.appendCharacter)
    return CompletionBridge.cArray([plan.insertion] + plan.listed)
}
