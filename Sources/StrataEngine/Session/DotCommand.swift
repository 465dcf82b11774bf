import StrataCore

/// One `.`-command: the single table feeds dispatch, `.help` and tab completion.
struct DotCommand: Sendable {
    let name: String
    let arguments: String
    let summary: String
    let run: @Sendable (Session, _ arguments: DotArguments) throws -> Outcome

    var usage: String { arguments.isEmpty ? name : "\(name) \(arguments)" }

    static let all: [DotCommand] = [
        DotCommand(name: ".help", arguments: "[NAME]", summary: "Show statements, verbs and commands, or one with an example") { session, arguments in
            Outcome(output: DotCommand.help(for: arguments.words.first))
        },
        DotCommand(name: ".tables", arguments: "", summary: "List tables with their row and column counts") { session, _ in
            Outcome(output: session.tablesListing())
        },
        DotCommand(name: ".schema", arguments: "TABLE", summary: "Show a table's columns and types") { session, arguments in
            guard let name = arguments.words.first else { throw DotCommand.usageError(".schema") }
            let table = try session.catalog.table(name, at: nil)
            return Outcome(output: Renderer.render(Schema.table(of: table), options: session.settings.render))
        },
        DotCommand(name: ".maxrows", arguments: "[N]", summary: "Rows shown before eliding the middle (0 = all)") { session, arguments in
            guard let text = arguments.words.first else {
                return Outcome(output: "maxrows \(session.settings.render.maxRows)\n")
            }
            guard let count = Int(text), count >= 0 else { throw DotCommand.usageError(".maxrows") }
            session.settings.render.maxRows = count
            return Outcome()
        },
        DotCommand(name: ".mode", arguments: "[table|csv|json|markdown]", summary: "How results print") { session, arguments in
            guard let text = arguments.words.first else {
                return Outcome(output: "mode \(session.settings.render.mode.rawValue)\n")
            }
            guard let mode = OutputMode(rawValue: text) else { throw DotCommand.usageError(".mode") }
            session.settings.render.mode = mode
            return Outcome()
        },
        DotCommand(name: ".timer", arguments: "[on|off]", summary: "Print the run time after each statement") { session, arguments in
            guard let text = arguments.words.first else {
                return Outcome(output: "timer \(session.settings.timer ? "on" : "off")\n")
            }
            guard text == "on" || text == "off" else { throw DotCommand.usageError(".timer") }
            session.settings.timer = text == "on"
            return Outcome()
        },
        DotCommand(name: ".asof", arguments: "[yyyy-MM-dd]", summary: "The analysis date every \"days since\" is measured from") { session, arguments in
            guard let text = arguments.words.first else {
                return Outcome(output: "asof \(CivilDate(days: session.settings.asOf))\n")
            }
            guard let date = CivilDate(iso: text) else {
                throw Diagnostic("\"\(text)\" is not a date: .asof takes yyyy-MM-dd, e.g. .asof 2026-06-30")
            }
            session.settings.asOf = date.days
            return Outcome()
        },
        DotCommand(name: ".explain", arguments: "PIPELINE", summary: "Show the logical plan of a pipeline without running it") { session, arguments in
            guard !arguments.words.isEmpty else { throw DotCommand.usageError(".explain") }
            return Outcome(output: try session.explain(arguments.text, offset: arguments.textOffset) + "\n")
        },
        DotCommand(name: ".thresholds", arguments: "TABLE", summary: "The cut points and customers per score of a table made by rfm") { session, arguments in
            guard let name = arguments.words.first else { throw DotCommand.usageError(".thresholds") }
            return try session.thresholds(name)
        },
        DotCommand(name: ".scheme", arguments: "NAME [from \"rules.csv\"]", summary: "Show a segment scheme (rules, R × F map, dead rules), or load one from CSV") { session, arguments in
            let words = arguments.words
            if words.count == 3, words[1] == "from" { return try session.loadScheme(words[0], path: words[2]) }
            guard words.count == 1 else { throw DotCommand.usageError(".scheme") }
            return try session.showScheme(words[0])
        },
        DotCommand(name: ".read", arguments: "FILE", summary: "Run a script (.strata) or notebook (.md) into this session") { session, arguments in
            guard let path = arguments.words.first else { throw DotCommand.usageError(".read") }
            return session.runScript(path: path)
        },
        DotCommand(name: ".save", arguments: "notebook FILE.md", summary: "Save this session's statements and outputs as a notebook") { session, arguments in
            guard arguments.words.count == 2, arguments.words[0] == "notebook" else { throw DotCommand.usageError(".save") }
            return try session.saveNotebook(arguments.words[1])
        },
        DotCommand(name: ".quit", arguments: "", summary: "Leave Strata (also Ctrl-D)") { _, _ in
            Outcome(quit: true)
        },
    ]

    /// Names for completion, including the `.exit` alias.
    static var names: [String] { all.map(\.name) + [".exit"] }

    static func named(_ name: String) -> DotCommand? {
        all.first { $0.name == (name == ".exit" ? ".quit" : name) }
    }

    static func usageError(_ name: String) -> Diagnostic {
        Diagnostic("Usage: \(named(name)?.usage ?? name)  (.help for all commands)")
    }

    /// `.help`: the statements, the verbs and every command; `.help .mode`, `.help rfm`: one.
    static func help(for name: String?) -> String {
        if let name {
            if let topic = HelpTopic.named(name.lowercased()) { return topic.text }
            let key = name.hasPrefix(".") ? name : "." + name
            guard let command = named(key) else {
                let known = names + (HelpTopic.statements + HelpTopic.verbs).map(\.name)
                return "No command or statement \(name).\(Suggestion.phrase(for: name, among: known)) Type .help for the list.\n"
            }
            return "Usage: \(command.usage)\n  \(command.summary)\n"
        }
        let width = all.map { DisplayWidth.of($0.usage) }.max() ?? 0
        var lines = ["Statements (.help NAME for one, with an example):"]
        lines += HelpTopic.statements.map { "  " + $0.usage + "\n      " + $0.summary }
        lines.append("  TABLE | VERB | VERB …\n      Print a result. Verbs:")
        lines += HelpTopic.verbs.map { "        " + $0.usage }
        lines.append("Commands:")
        lines += all.map { "  " + DisplayWidth.pad($0.usage, to: width) + "  " + $0.summary }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Session {
    /// Splits `.name arg arg` (arguments may be double-quoted) and runs it.
    func runDotCommand(_ line: String) throws -> Outcome {
        let words = DotCommand.split(line)
        guard let name = words.first, let command = DotCommand.named(name) else {
            let name = DotCommand.split(line).first ?? line
            throw Diagnostic("unknown command \(name)." + Suggestion.phrase(for: name, among: DotCommand.names)
                + " Type .help for the list.")
        }
        return try command.run(self, DotArguments(line: line, words: Array(words.dropFirst())))
    }

    /// `.tables`: name, rows and columns, aligned.
    func tablesListing() -> String {
        guard !catalog.names.isEmpty else { return "No tables. Load one with: load NAME from \"file.csv\"\n" }
        let rows = catalog.names.map { name -> (String, String, String) in
            let table = catalog[name]!
            return (name, NumberText.count(table.rowCount, "row"), NumberText.count(table.columnCount, "column"))
        }
        let nameWidth = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        let rowsWidth = rows.map { DisplayWidth.of($0.1) }.max() ?? 0
        return rows.map {
            DisplayWidth.pad($0.0, to: nameWidth) + "  " + DisplayWidth.pad($0.1, to: rowsWidth, alignRight: true) + "  " + $0.2
        }.joined(separator: "\n") + "\n"
    }
}

/// The arguments of a dot-command: split into words, and as the raw text after the name.
struct DotArguments: Sendable {
    var words: [String]
    /// Everything after the command name, as typed.
    var text: String
    /// Character offset of `text` in the whole line (to place carets).
    var textOffset: Int

    init(line: String, words: [String]) {
        self.words = words
        let characters = Array(line)
        var offset = 0
        while offset < characters.count, characters[offset].isWhitespace { offset += 1 }
        while offset < characters.count, !characters[offset].isWhitespace { offset += 1 }
        while offset < characters.count, characters[offset].isWhitespace { offset += 1 }
        textOffset = offset
        text = String(characters[offset...])
    }
}

extension DotCommand {
    /// Words of a dot-command line; `"…"` groups a word with spaces.
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var hasWord = false
        for character in line {
            if character == "\"" {
                quoted.toggle()
                hasWord = true
            } else if character.isWhitespace, !quoted {
                if hasWord { words.append(current) }
                current = ""
                hasWord = false
            } else {
                current.append(character)
                hasWord = true
            }
        }
        if hasWord { words.append(current) }
        return words
    }
}
