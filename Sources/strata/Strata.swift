import ArgumentParser
import Foundation
import StrataCore
import StrataEngine
import StrataNotebook
import StrataWorkspace

/// The `strata` command line: the REPL by default, plus `run`, `test` and `gen`.
@main
struct Strata: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strata",
        abstract: "Customer tiering (客户分层) for analysts: load customer data, segment, score, simulate.",
        discussion: "Without a subcommand, opens the interactive REPL (plain line reading when input is piped).",
        version: StrataVersion.current,
        subcommands: [Shell.self, Run.self, Test.self, Gen.self],
        defaultSubcommand: Shell.self
    )
}

/// Options shared by the commands that run statements.
struct SessionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The analysis date every \"days since\" is measured from (default: today).", valueName: "yyyy-MM-dd"))
    var asof: String?

    @Option(name: .customLong("workspace"), help: ArgumentHelp("The folder keeping named segments (default: $STRATA_WORKSPACE, else .strata here).", valueName: "DIR"))
    var workspace: String?

    /// Gives `session` the workspace (opened on its first segment statement).
    func installWorkspace(in session: Session) {
        let directory = FileManager.default.currentDirectoryPath
        let shown = workspace ?? ProcessInfo.processInfo.environment[Workspace.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        Workspace.install(in: session, folder: Workspace.folder(workspace, in: directory),
                          displayFolder: shown ?? Workspace.defaultFolder)
    }

    func makeSession(color: Bool) throws -> Session {
        // Column-sized buffers are reused instead of page-faulted in anew (see MemoryTuning).
        MemoryTuning.reuseLargeAllocations()
        var settings = Settings()
        if let asof {
            guard let date = CivilDate(iso: asof) else {
                throw ValidationError("--asof needs a date like 2026-06-30, got \"\(asof)\"")
            }
            settings.asOf = date.days
        }
        settings.render.color = color
        let session = Session(settings: settings)
        NotebookSession.installReader(in: session)
        installWorkspace(in: session)
        return session
    }
}

/// `strata` / `strata shell`: the REPL.
struct Shell: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell", abstract: "Open the interactive REPL (the default).")

    @Option(name: .customLong("init"), help: ArgumentHelp("Run this script before the first prompt.", valueName: "FILE"))
    var initFile: String?

    @OptionGroup var sessionOptions: SessionOptions

    func run() throws {
        let interactive = isatty(STDIN_FILENO) != 0
        let session = try sessionOptions.makeSession(color: Terminal.wantsColor)
        if let initFile {
            let outcome = session.runScript(path: initFile)
            Terminal.print(outcome)
            if !outcome.succeeded, !interactive { throw ExitCode(1) }
        }
        var repl = REPL(session: session, interactive: interactive, color: Terminal.wantsColor)
        let status = repl.run()
        if status != 0 { throw ExitCode(status) }
    }
}

/// Where outputs go and whether they may be coloured.
enum Terminal {
    /// ANSI colour only on a terminal and when `NO_COLOR` is unset or empty (no-color.org).
    static var wantsColor: Bool {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
        return isatty(STDOUT_FILENO) != 0 && noColor.isEmpty
    }

    static func print(_ outcome: Outcome) {
        if !outcome.output.isEmpty {
            ConsoleOutput.standardOutput(outcome.output.hasSuffix("\n") ? outcome.output : outcome.output + "\n")
        }
        if !outcome.error.isEmpty {
            ConsoleOutput.standardError(outcome.error.hasSuffix("\n") ? outcome.error : outcome.error + "\n")
        }
    }
}
