import Foundation
import StrataCore
import StrataLang

/// What one statement produced, ready to print.
public struct Outcome: Sendable {
    /// Text for standard output (may be empty).
    public var output: String
    /// Error text for standard error (empty on success).
    public var error: String
    /// False when the statement failed or was cancelled.
    public var succeeded: Bool
    /// True after `.quit`.
    public var quit: Bool
    /// Informational lines (summaries, warnings, run times) not yet placed: `Session.execute`
    /// puts them with the output in table mode, and on standard error in the piping modes
    /// (csv, json, markdown) so that piped data stays clean.
    var notice = ""

    public init(output: String = "", error: String = "", succeeded: Bool = true, quit: Bool = false) {
        self.output = output
        self.error = error
        self.succeeded = succeeded
        self.quit = quit
    }

    static func failure(_ text: String) -> Outcome { Outcome(error: text, succeeded: false) }

    /// An outcome that only informs (`orders: 21,000 rows × 5 columns …`).
    static func notice(_ text: String) -> Outcome {
        var outcome = Outcome()
        outcome.notice = text
        return outcome
    }

    /// Adds an informational block after what is already noted.
    mutating func addNotice(_ text: String) {
        guard !text.isEmpty else { return }
        notice += (notice.isEmpty || notice.hasSuffix("\n") ? "" : "\n") + text
    }

    /// Appends another outcome's text; fails when either failed.
    mutating func append(_ other: Outcome) {
        output += other.output.isEmpty || other.output.hasSuffix("\n") ? other.output : other.output + "\n"
        error += other.error.isEmpty || other.error.hasSuffix("\n") ? other.error : other.error + "\n"
        succeeded = succeeded && other.succeeded
        quit = quit || other.quit
    }
}

/// The one path from statement text to result, shared by the REPL, `strata run` and tests.
///
/// A statement either succeeds completely or changes nothing: tables are replaced only
/// after their new contents are fully built.
public final class Session {
    /// Tables by name, in the order they were created.
    public internal(set) var catalog = Catalog()
    /// Display and analysis settings changed by dot-commands.
    public var settings: Settings
    /// Folder that relative paths resolve against.
    public internal(set) var workingDirectory: String
    /// Folders statements may read and write; nil means anywhere (the REPL). `strata run` and
    /// `strata test` confine notebooks this way (see ``FileAccessPolicy``).
    public var fileAccess: FileAccessPolicy?
    /// Runs the cells of a Markdown notebook for `.read NB.md` (installed by StrataNotebook,
    /// which the engine cannot import). Called with the working directory set to its folder.
    public var notebookRunner: ((Session, _ text: String, _ displayPath: String) -> Outcome)?
    /// Top-level statements and what they printed, for `.save notebook`.
    public internal(set) var transcript: [TranscriptEntry] = []
    /// The text of the statement being executed (`assert` quotes parts of it).
    var currentStatement = ""
    /// RFM reports of tables, user schemes and pending warnings (see ``SegmentationState``).
    var segmentation = SegmentationState()
    /// Named segments: the workspace store, who and when, where tables came from.
    var segments = SegmentState()

    public init(workingDirectory: String = FileManager.default.currentDirectoryPath, settings: Settings = Settings()) {
        self.workingDirectory = workingDirectory
        self.settings = settings
    }

    /// Runs one complete statement (possibly several lines joined). Never throws: user
    /// mistakes come back as an error outcome and leave every table as it was.
    public func execute(_ statement: String) -> Outcome {
        let outcome = execute(statement, origin: nil)
        record(statement, outcome)
        return outcome
    }

    /// Runs one statement read from `file` starting at `line`: errors read
    /// `file:line:col: error: …`. Recorded for `.save notebook` only when `recorded` (a
    /// script piped into the REPL, not a notebook being run).
    public func execute(_ statement: String, file: String, line: Int, recorded: Bool = false) -> Outcome {
        let outcome = execute(statement, origin: (file, line))
        if recorded { record(statement, outcome) }
        return outcome
    }

    /// `origin` names the script file and line the statement starts on, for error positions.
    func execute(_ statement: String, origin: (path: String, line: Int)?) -> Outcome {
        let trimmed = statement.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return Outcome() }
        let started = ContinuousClock.now
        let enclosingStatement = currentStatement
        currentStatement = statement
        defer { currentStatement = enclosingStatement }
        var outcome: Outcome
        do {
            if trimmed.hasPrefix(".") {
                outcome = try runDotCommand(trimmed)
            } else {
                outcome = try run(try Parser.parse(statement))
            }
        } catch let diagnostic as Diagnostic {
            if let origin {
                outcome = .failure(diagnostic.render(source: statement, file: origin.path, firstLine: origin.line))
            } else {
                outcome = .failure(diagnostic.render(source: statement))
            }
        } catch is Cancelled {
            outcome = .failure("Error: cancelled; nothing was changed")
        } catch {
            outcome = .failure("Error: \(error)")
        }
        // Operator warnings print with the result; a failed statement drops them.
        let clusterNotes = segmentation.takeClusterNotes(options: settings.render)
        let warnings = segmentation.takeWarnings()
        if outcome.succeeded {
            outcome.addNotice(clusterNotes)
            outcome.addNotice(warnings)
        }
        if settings.timer, !trimmed.hasPrefix(".timer") {
            outcome.addNotice("Run Time: \(Session.format(ContinuousClock.now - started))\n")
        }
        if !outcome.notice.isEmpty {
            let text = outcome.notice.hasSuffix("\n") ? outcome.notice : outcome.notice + "\n"
            if settings.render.mode == .table {
                outcome.output += (outcome.output.isEmpty || outcome.output.hasSuffix("\n") ? "" : "\n") + text
            } else {
                outcome.error += text
            }
            outcome.notice = ""
        }
        return outcome
    }

    /// Table names in creation order (for `.tables` and completion).
    public var tableNames: [String] { catalog.names }

    /// Column names of a table, or [] when unknown.
    public func columnNames(of table: String) -> [String] {
        catalog[table]?.columnNames ?? []
    }

    /// Resolves a user-written path: `~` is the home folder, relative paths start at the
    /// working directory.
    public func resolve(path: String) -> String {
        if path == "~" || path.hasPrefix("~/") {
            let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
            return home + path.dropFirst()
        }
        if path.hasPrefix("/") { return path }
        return (workingDirectory as NSString).appendingPathComponent(path)
    }

    static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.3f s", seconds)
    }
}
