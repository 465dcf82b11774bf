import Foundation
import StrataCore
import StrataEngine

/// Where the workspace lives and how a session gets it.
///
/// The workspace is the folder `.strata/` under the current directory, or `--workspace DIR`,
/// or `$STRATA_WORKSPACE`; segments are kept in `workspace.sqlite` inside it. The file is
/// created on the first segment statement, so a session that never uses segments writes
/// nothing.
public enum Workspace {
    /// The workspace file inside a workspace folder.
    public static let fileName = "workspace.sqlite"
    /// The default folder, under the current directory.
    public static let defaultFolder = ".strata"
    /// The environment variable naming the workspace folder.
    public static let environmentVariable = "STRATA_WORKSPACE"

    /// The workspace folder: `folder` (from `--workspace`), else `$STRATA_WORKSPACE`, else
    /// `.strata` under `directory`; relative paths start at `directory`.
    public static func folder(_ folder: String?, in directory: String,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let chosen = folder ?? environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultFolder
        if chosen.hasPrefix("/") { return chosen }
        if chosen == "~" || chosen.hasPrefix("~/") {
            return (environment["HOME"] ?? NSHomeDirectory()) + chosen.dropFirst()
        }
        return (directory as NSString).appendingPathComponent(chosen)
    }

    /// Installs a lazy opener of the workspace in `folder` into `session`. `displayFolder` is
    /// how messages name it (`.strata`).
    public static func install(in session: Session, folder: String, displayFolder: String? = nil) {
        let path = (folder as NSString).appendingPathComponent(fileName)
        let shown = ((displayFolder ?? folder) as NSString).appendingPathComponent(fileName)
        session.segmentStoreOpener = { () throws(Diagnostic) -> any SegmentStore in
            try SQLiteSegmentStore(path: path, displayPath: shown)
        }
        session.segmentStoreIsPresent = { FileManager.default.fileExists(atPath: path) }
    }
}
