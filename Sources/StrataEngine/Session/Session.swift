import Foundation
import StrataCore

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

    public init(output: String = "", error: String = "", succeeded: Bool = true, quit: Bool = false) {
        self.output = output
        self.error = error
        self.succeeded = succeeded
        self.quit = quit
    }
}

/// The one path from statement text to result, shared by the REPL, `strata run` and tests.
public final class Session {
    /// Tables by name, in the order they were created.
    public private(set) var tables: [String: Table] = [:]
    public private(set) var tableOrder: [String] = []
    /// Folder that relative paths resolve against.
    public let workingDirectory: String

    public init(workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.workingDirectory = workingDirectory
    }

    /// Runs one complete statement (possibly several lines joined). Never throws: user
    /// mistakes come back as an error outcome and leave every table as it was.
    public func execute(_ statement: String) -> Outcome {
        Outcome(error: "Error: not implemented yet", succeeded: false)
    }

    /// Table names in creation order (for `.tables` and completion).
    public var tableNames: [String] { tableOrder }

    /// Column names of a table, or [] when unknown.
    public func columnNames(of table: String) -> [String] {
        tables[table]?.columnNames ?? []
    }
}
