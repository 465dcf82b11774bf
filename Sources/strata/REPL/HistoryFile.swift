import Foundation

/// Where the REPL keeps its history between sessions.
///
/// `STRATA_HISTORY` overrides everything (tests point it at a temporary file); otherwise
/// `$XDG_STATE_HOME/strata/history`, else `~/.local/state/strata/history`. Failing to create
/// the folder or write the file never stops the REPL: history then lasts one session.
enum HistoryFile {
    /// Most entries kept in memory and on disk.
    static let maximumEntries: Int32 = 1000

    /// The history file path for `environment`, or nil when no home folder is known.
    static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let override = environment["STRATA_HISTORY"], !override.isEmpty {
            return override
        }
        // The XDG spec says to ignore relative paths in these variables.
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/strata/history"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        guard !home.isEmpty else { return nil }
        return home + "/.local/state/strata/history"
    }

    /// Creates the folder that holds `path`; returns false when that is impossible.
    static func prepareFolder(for path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return true }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            return true
        } catch {
            return false
        }
    }

    /// The statement as one history line: continuation lines joined with spaces, so Up brings
    /// back something editable on one line.
    static func entry(for statement: String) -> String {
        statement
            .split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }
}
