import StrataLang

/// What tab completion may offer: names the session knows plus the language's fixed words.
///
/// `Session` conforms to this; tests use a small fake.
public protocol CompletionContext {
    /// Table names, in any order.
    var tableNames: [String] { get }
    /// Column names of `table`, or `[]` when the table is unknown.
    func columnNames(of table: String) -> [String]
    /// Dot-command names with their dot: `.help`, `.tables`, ...
    var dotCommandNames: [String] { get }
    /// Statement words and pipeline verbs: `load`, `describe`, `let`, `from`, `where`, `limit`, ...
    var keywords: [String] { get }
    /// Words that start a statement: `load`, `let`, `describe`, … (default: `keywords`).
    var statementWords: [String] { get }
    /// Pipeline verbs, offered right after `|` (default: `keywords`).
    var verbs: [String] { get }
    /// Words inside a statement: `from`, `agg`, `by`, `desc`, `and`, … (default: `keywords`).
    var expressionWords: [String] { get }
    /// Saved segment names (after `@` and in `segment …` statements).
    var segmentNames: [String] { get }
}

extension CompletionContext {
    public var segmentNames: [String] { [] }
    public var statementWords: [String] { keywords }
    public var verbs: [String] { keywords }
    public var expressionWords: [String] { keywords }
}

/// The answer to one Tab press: replace the text from `replacementStart` up to the cursor with
/// one of `candidates` (or with their longest common prefix when there are several).
public struct Completion: Equatable, Sendable {
    /// Character offset in the line where the completed word starts.
    public var replacementStart: Int
    /// Full replacement texts, starting at `replacementStart`; empty when nothing fits.
    public var candidates: [String]

    /// A completion replacing the text from `replacementStart` to the cursor.
    public init(replacementStart: Int, candidates: [String]) {
        self.replacementStart = replacementStart
        self.candidates = candidates
    }
}

/// Tab completion as pure logic over the line text: no terminal, no libedit.
///
/// Offsets are `Character` offsets, so `王芳` counts as two, as the user sees it.
public enum Completer {
    /// Candidates for the word that ends at `cursor` in `line`.
    ///
    /// - `.` at the start of the statement: dot-command names (`.schema T` then completes tables).
    /// - First word of the statement: statement words and table names.
    /// - First word after `|`: the verbs.
    /// - Elsewhere: columns of the statement's source table, then table names, then the words
    ///   used inside statements (`agg`, `desc`, `and`, …).
    /// - Inside an open double quote: file paths (`~/` expanded), folders ending in `/`.
    ///
    /// Matching is by case-sensitive prefix; each group is sorted, duplicates are dropped.
    /// - Complexity: O(*n* + *m* log *m*) for a line of *n* characters and *m* candidates.
    public static func complete(
        line: String,
        cursor: Int,
        context: some CompletionContext,
        fileSystem: FileListing = .live
    ) -> Completion {
        let characters = Array(line)
        let cursor = min(max(cursor, 0), characters.count)
        let before = Array(characters[..<cursor])
        let scan = LineScan(before)

        if let quote = scan.openQuote {
            let start = quote.offset + 1
            let typed = String(before[start...])
            if quote.character == "\"" {
                return PathCompleter.complete(typed, replacementStart: start, fileSystem: fileSystem)
            }
            // Inside backticks: a quoted identifier (a column or table name with spaces).
            let groups = [scan.sourceColumns(context), context.tableNames]
            return Completion(replacementStart: start, candidates: matching(typed, in: groups))
        }
        if scan.inComment { return Completion(replacementStart: cursor, candidates: []) }

        var wordStart = cursor
        while wordStart > 0, isWordCharacter(before[wordStart - 1]) { wordStart -= 1 }
        let word = String(before[wordStart...])
        let precedingWords = scan.words(before: wordStart)

        let groups: [[String]]
        if wordStart > 0, before[wordStart - 1] == "@" {
            // `in @dormant60`: a saved segment.
            groups = [context.segmentNames]
        } else if precedingWords.first == "segment", precedingWords.count == 1 {
            groups = [Parser.segmentSubcommands]
        } else if precedingWords.first == "segment", let command = precedingWords.dropFirst().first,
                  segmentNameCommands.contains(command), !(command == "save" && precedingWords.count > 2) {
            groups = [context.segmentNames + (command == "refresh" ? ["all"] : [])]
        } else if let pipe = scan.lastPipe, before[(pipe + 1)..<wordStart].allSatisfy(\.isWhitespace) {
            // A verb right after `|` (also on a continuation line that starts with `|`).
            groups = [context.verbs]
        } else if precedingWords.isEmpty {
            groups = word.hasPrefix(".") ? [context.dotCommandNames] : [context.statementWords, context.tableNames]
        } else if let command = precedingWords.first, command.hasPrefix(".") {
            // Only `.schema` takes a name; other dot-commands take words or quoted paths.
            groups = command == ".schema" && precedingWords.count == 1 ? [context.tableNames] : []
        } else if precedingWords.contains("whatif") {
            // After a whatif pipeline: how to vary it (`for`, `compare … vs …`, `movers`).
            groups = [scan.sourceColumns(context), context.tableNames, context.expressionWords + whatIfWords]
        } else {
            groups = [scan.sourceColumns(context), context.tableNames, context.expressionWords]
        }
        return Completion(replacementStart: wordStart, candidates: matching(word, in: groups))
    }

    /// `segment` commands whose next words name saved segments.
    static let segmentNameCommands: Set<String> = [
        "save", "show", "diff", "history", "refresh", "moves", "drop", "rename", "add", "remove", "load", "split",
        "uplift", "export",
    ]

    /// Words of a `whatif` statement offered after its pipeline.
    static let whatIfWords = ["compare", "vs", "movers"]

    /// Characters that make up a completable word (CJK letters included).
    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "."
    }

    /// Names from `groups` starting with `prefix`: each group sorted, groups in order, no repeats.
    static func matching(_ prefix: String, in groups: [[String]]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for group in groups {
            for name in group.sorted() where name.hasPrefix(prefix) && seen.insert(name).inserted {
                result.append(name)
            }
        }
        return result
    }
}

/// One left-to-right pass over the text before the cursor: quotes, comment, pipes, words.
struct LineScan {
    let characters: [Character]
    /// The quote still open at the cursor, if any (`"` for paths, `` ` `` for identifiers).
    private(set) var openQuote: (character: Character, offset: Int)?
    /// Offset of the last `|` outside quotes.
    private(set) var lastPipe: Int?
    /// Offset of the first `|` outside quotes (ends the source part of a pipeline).
    private(set) var firstPipe: Int?
    /// True when the cursor sits in a `# comment`.
    private(set) var inComment = false

    init(_ characters: [Character]) {
        self.characters = characters
        for (offset, character) in characters.enumerated() {
            if let quote = openQuote {
                if character == quote.character { openQuote = nil }
                continue
            }
            switch character {
            case "\"", "`": openQuote = (character, offset)
            case "#": inComment = true; return
            case "|":
                lastPipe = offset
                if firstPipe == nil { firstPipe = offset }
            default: break
            }
        }
    }

    /// Words (outside quotes) of the current statement that end before `offset`.
    func words(before offset: Int) -> [String] {
        Self.words(in: characters[..<offset])
    }

    /// Column names of the statement's source: the first word before the first `|` that names
    /// a table (`orders | ...`, `describe orders`, `.schema orders`, `let x = orders | ...`).
    func sourceColumns(_ context: some CompletionContext) -> [String] {
        let sourceEnd = firstPipe ?? characters.count
        let tables = Set(context.tableNames)
        guard let source = Self.words(in: characters[..<sourceEnd]).first(where: tables.contains) else {
            return []
        }
        return context.columnNames(of: source)
    }

    private static func words(in characters: ArraySlice<Character>) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        for character in characters {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            if character == "\"" || character == "`" {
                quote = character
            } else if Completer.isWordCharacter(character) {
                current.append(character)
                continue
            }
            if !current.isEmpty { words.append(current); current = "" }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
