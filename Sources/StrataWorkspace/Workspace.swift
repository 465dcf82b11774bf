import GRDB
import StrataCore
import StrataEngine

/// Named segments kept durably in a SQLite file (see ``SQLiteSegmentStore``).
public enum Workspace {
    /// The workspace file inside a workspace folder.
    public static let fileName = "workspace.sqlite"
}
